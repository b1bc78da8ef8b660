"""Counted once: a figure a document states that is already recorded is not recorded again.

The rule, in one plain function: the same indicator, the same year, in the document's pairing or one of
its sub-pairings, a value within 0.5 % of one already recorded from another source (another document, or
entered by hand), whatever the language of either. The same report imported in English and in Chinese
therefore adds its figures once; the second document is kept as a further statement of the first figure
(`also_stated`), so its provenance is not lost.
"""
from decimal import Decimal

from django.db import transaction

from counterpart.indicators.models import Observation, Status

TOLERANCE = Decimal("0.005")  # 0.5 %: a rounded figure (6,625万 for 66,250,000) is the same figure


def same_figure(a: Decimal, b: Decimal) -> bool:
    a, b = Decimal(a), Decimal(b)
    if a == b:
        return True
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b))


def already_recorded(indicator: str, value, year: int, pairing, exclude_document=None) -> Observation | None:
    """The observation a figure duplicates, or None: same indicator and year, in `pairing` or below it,
    a value within 0.5 %, not withdrawn, not stated in `exclude_document` (a document may state two equal
    figures that are two different things)."""
    value = Decimal(str(value))
    candidates = (Observation.objects.filter(indicator__code=indicator, year=year,
                                             pairing_id__in=pairing.descendant_ids())
                  .exclude(status=Status.WITHDRAWN).select_related("span").order_by("pk"))
    if exclude_document is not None:
        candidates = candidates.exclude(span__document_id=exclude_document)
    low, high = value * (1 - TOLERANCE), value * (1 + TOLERANCE)
    for obs in candidates.filter(value__gte=low, value__lte=high):
        if same_figure(obs.value, value):
            return obs
    return None


@transaction.atomic
def do_note_restated(user, observation: Observation, span) -> Observation:
    """Another document states a recorded figure: keep the statement, add nothing to the totals."""
    from counterpart.audit.actions import do_log_change
    from counterpart.audit.models import Action
    from counterpart.web.cache import bump_version

    if span is not None and span.pk != observation.span_id:
        observation.also_stated.add(span)
    target = observation.record or observation
    do_log_change(user, Action.RESTATED, target, None,
                  {"also_stated": [span.document.doc_id] if span is not None else []},
                  pairing=observation.pairing,
                  note=span.document.doc_id if span is not None else "")
    bump_version()
    return observation
