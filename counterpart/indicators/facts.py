"""Observations, pairings and events in the facts format (spec/facts-format.md), per source document."""
from counterpart.indicators.models import Observation, Status
from counterpart.ledger.models import Event
from counterpart.sources.models import Span


def unit_fact(unit) -> dict | None:
    if unit is None:
        return None
    out = {"name": unit.name_en}
    if unit.adcode:
        out["adcode"] = unit.adcode
    return out


def evidence(span: Span) -> dict:
    return {"start": span.start, "end": span.end, "text": span.text}


def _value(obs) -> str:
    text = format(obs.value.normalize(), "f")
    return text


def observation_fact(obs: Observation) -> dict:
    fact = {"doc": obs.span.document.doc_id, "type": "observation", "indicator": obs.indicator.code,
            "value": _value(obs), "unit": obs.indicator.unit, "qualifier": obs.qualifier, "year": obs.year}
    if obs.donor_id:
        fact["donor"] = unit_fact(obs.donor)
    recipients = [unit_fact(u) for u in obs.recipients.all()]
    if recipients:
        fact["recipient"] = recipients
    if obs.dims:
        fact["dims"] = obs.dims
    fact["evidence"] = evidence(obs.span)
    fact["id"] = obs.pk
    if obs.part_of_id:
        fact["part_of"] = obs.part_of_id
    fact["status"] = obs.status
    return fact


def export_facts(doc_ids=None, include_unconfirmed=True):
    """Yield every stated figure with a document span, each stated pairing and each dated event."""
    obs = (Observation.objects.filter(span__isnull=False, stated=True)
           .exclude(status=Status.WITHDRAWN)
           .select_related("indicator", "donor__region", "span__document")
           .prefetch_related("recipients__region").order_by("span__document__doc_id", "span__start", "pk"))
    if not include_unconfirmed:
        obs = obs.filter(status=Status.CONFIRMED)
    if doc_ids:
        obs = obs.filter(span__document__doc_id__in=doc_ids)
    for o in obs:
        yield observation_fact(o)
    spans = Span.objects.filter(pairings__isnull=False).select_related("document").distinct()
    if doc_ids:
        spans = spans.filter(document__doc_id__in=doc_ids)
    for span in spans.order_by("document__doc_id", "start"):
        for p in span.pairings.select_related("donor__region", "recipient__region"):
            yield {"doc": span.document.doc_id, "type": "pairing", "donor": unit_fact(p.donor),
                   "recipient": unit_fact(p.recipient), "evidence": evidence(span)}
    events = Event.objects.filter(span__isnull=False).select_related("span__document").order_by("span__start")
    if doc_ids:
        events = events.filter(span__document__doc_id__in=doc_ids)
    for e in events:
        yield {"doc": e.span.document.doc_id, "type": "event", "kind": e.kind, "date": e.iso_date,
               "place": e.place, "title": e.title, "evidence": evidence(e.span)}
