"""Completeness of a year, per pairing: not reported, not confirmed, not signed off, not approved, or ready.
Plain reads (no HTTP), used by the year pages and the `year status` command."""
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from counterpart.closing import figures as fig
from counterpart.closing.actions import is_approved, signed_off
from counterpart.closing.guard import closed_revision
from counterpart.closing.models import Approval, SignOff

NOT_REPORTED, NOT_CONFIRMED, NOT_SIGNED, NOT_APPROVED, READY = (
    "not_reported", "not_confirmed", "not_signed_off", "not_approved", "ready")
STAGES = {
    NOT_REPORTED: _("not reported"),
    NOT_CONFIRMED: _("not confirmed"),
    NOT_SIGNED: _("not signed off"),
    NOT_APPROVED: _("not approved"),
    READY: _("signed off and approved"),
}
ROW_LIMIT = 500  # rows a page lists per stage; the counts cover every pairing


@dataclass
class Row:
    pairing: object
    state: fig.PairingYear
    signed: dict  # side -> SignOff (valid ones)
    stale: list  # sides whose sign-off the figures have since outdated
    approved: bool
    stage: str

    @property
    def stage_label(self):
        return STAGES[self.stage]


@dataclass
class YearStatus:
    year: int
    revision: object  # the revision in force, or None while open
    rows: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    figures: fig.YearFigures | None = None

    @property
    def closed(self) -> bool:
        return self.revision is not None


def _stage(state, signed, approved) -> str:
    if state.figures == 0:
        return NOT_REPORTED
    if not state.settled:
        return NOT_CONFIRMED
    if len(signed) < 2:
        return NOT_SIGNED
    if not approved:
        return NOT_APPROVED
    return READY


def row_for(pairing, year, state=None, signoffs=None, approvals=None) -> Row:
    state = state or fig.pairing_year(pairing.pk, year)
    signoffs = list(SignOff.objects.filter(pairing=pairing, year=year).select_related("user", "unit")) \
        if signoffs is None else signoffs
    approvals = list(Approval.objects.filter(pairing=pairing, year=year).select_related("user", "unit")) \
        if approvals is None else approvals
    signed = signed_off(pairing.pk, year, state, signoffs)
    stale = sorted(s.side for s in signoffs if s.side not in signed)
    approved = is_approved(approvals, state)
    return Row(pairing, state, signed, stale, approved, _stage(state, signed, approved))


def year_status(year: int, pairings) -> YearStatus:
    """The status of every pairing in `pairings` (a queryset) that runs in the year or has figures in it."""
    figures = fig.year_figures(year)
    runs = Q(start_year__lte=year) & (Q(end_year__isnull=True) | Q(end_year__gte=year))
    qs = pairings.filter(runs | Q(pk__in=list(figures.pairings))).select_related("donor", "recipient", "parent")
    signoffs, approvals = {}, {}
    for s in SignOff.objects.filter(year=year).select_related("user", "unit"):
        signoffs.setdefault(s.pairing_id, []).append(s)
    for a in Approval.objects.filter(year=year).select_related("user", "unit"):
        approvals.setdefault(a.pairing_id, []).append(a)
    status = YearStatus(year, closed_revision(year), figures=figures)
    counts = dict.fromkeys(STAGES, 0)
    for pairing in qs.order_by("pk").iterator(chunk_size=2000):
        row = row_for(pairing, year, figures.of(pairing.pk), signoffs.get(pairing.pk, []),
                      approvals.get(pairing.pk, []))
        counts[row.stage] += 1
        if counts[row.stage] <= ROW_LIMIT:
            status.rows.append(row)
    status.counts = counts
    return status
