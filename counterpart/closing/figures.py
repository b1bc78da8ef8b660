"""Where a year's figures stand, per pairing: how many, how many still pending or disputed, and a digest
of them (id, value, status) that a sign-off, an approval and a close record, so a later change shows.

Status is read from the observations themselves, so curated figures confirmed without a confirmation row
count as confirmed as well as figures confirmed by the other side.
"""
import hashlib
from dataclasses import dataclass, field

from counterpart.indicators.models import Observation, Status

UNSETTLED_LIMIT = 50  # figures listed when a sign-off is refused; the count says how many more


@dataclass
class PairingYear:
    pairing_id: int
    figures: int = 0
    pending: int = 0
    disputed: int = 0
    digest: str = hashlib.sha256(b"").hexdigest()

    @property
    def settled(self) -> bool:
        return self.pending == 0 and self.disputed == 0


@dataclass
class YearFigures:
    year: int
    pairings: dict = field(default_factory=dict)  # pairing id -> PairingYear (only pairings with figures)

    def of(self, pairing_id: int) -> PairingYear:
        return self.pairings.get(pairing_id) or PairingYear(pairing_id)

    @property
    def figures(self) -> int:
        return sum(p.figures for p in self.pairings.values())

    @property
    def digest(self) -> str:
        h = hashlib.sha256()
        for pk in sorted(self.pairings):
            h.update(f"{pk}={self.pairings[pk].digest};".encode())
        return h.hexdigest()


def year_figures(year: int, pairing_ids=None) -> YearFigures:
    """One ordered pass over the year's figures (withdrawn ones left out), streamed."""
    qs = Observation.objects.filter(year=year).exclude(status=Status.WITHDRAWN)
    if pairing_ids is not None:
        qs = qs.filter(pairing_id__in=list(pairing_ids))
    result = YearFigures(year)
    current, hasher = None, None
    rows = qs.order_by("pairing_id", "pk").values_list("pairing_id", "pk", "value", "status")
    for pairing_id, pk, value, status in rows.iterator(chunk_size=10_000):
        if pairing_id != (current.pairing_id if current else None):
            if current is not None:
                current.digest = hasher.hexdigest()
            current, hasher = PairingYear(pairing_id), hashlib.sha256()
            result.pairings[pairing_id] = current
        current.figures += 1
        if status == Status.REPORTED:
            current.pending += 1
        elif status == Status.DISPUTED:
            current.disputed += 1
        hasher.update(f"{pk}:{format(value.normalize(), 'f')}:{status};".encode())
    if current is not None:
        current.digest = hasher.hexdigest()
    return result


def pairing_year(pairing_id: int, year: int) -> PairingYear:
    return year_figures(year, [pairing_id]).of(pairing_id)


def unsettled(pairing_id: int, year: int, limit: int = UNSETTLED_LIMIT):
    """The pairing's figures of the year still awaiting confirmation or disputed, with their indicator."""
    return list(Observation.objects.filter(pairing_id=pairing_id, year=year,
                                           status__in=[Status.REPORTED, Status.DISPUTED])
                .select_related("indicator", "record_type").order_by("indicator__position", "pk")[:limit])
