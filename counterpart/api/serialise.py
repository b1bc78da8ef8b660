"""Rows as the API's JSON (schemas.py): plain functions over model objects, batched per page."""
from django.contrib.contenttypes.models import ContentType

from counterpart.accounts import access
from counterpart.sources.models import SourceDocument


def num(value) -> str | None:
    if value is None:
        return None
    return format(value.normalize(), "f")


def region(r) -> dict:
    return {"id": r.pk, "adcode": r.adcode, "name_zh": r.name_zh, "name_en": r.name_en, "type": r.type_en,
            "level": r.level, "parent": r.parent.adcode if r.parent_id and r.parent else None}


def unit(u) -> dict:
    return {"id": u.pk, "kind": u.kind, "name_en": u.name_en, "name_zh": u.name_zh,
            "region": u.region.adcode if u.region_id else None}


def pairing(p, children: int = 0) -> dict:
    return {"id": p.pk, "name_en": p.name_en, "name_zh": p.name_zh, "level": p.level, "donor": unit(p.donor),
            "recipient": unit(p.recipient), "start_year": p.start_year, "end_year": p.end_year,
            "parent": p.parent_id, "children": children}


def agreement(a) -> dict:
    return {"id": a.pk, "kind": a.kind, "title_en": a.title_en, "title_zh": a.title_zh, "date_signed": a.iso_date,
            "period_start": a.period_start, "period_end": a.period_end,
            "signatories": [s.strip() for s in a.signatories.splitlines() if s.strip()]}


def indicator(i) -> dict:
    return {"code": i.code, "label_en": i.label_en, "label_zh": i.label_zh, "unit": i.unit, "unit_en": i.unit_en,
            "unit_zh": i.unit_zh, "category": i.category,
            "dimensions": {k: list(v or []) for k, v in (i.dimensions or {}).items()}}


def _kind_slugs() -> dict:
    from counterpart.ledger.kinds import KINDS

    return {ContentType.objects.get_for_model(m).pk: slug for slug, m in ((slug, k.model) for slug, k in KINDS.items())}


def observations(rows, user) -> list[dict]:
    """A page of observations with their provenance; a document's text is read once per page, and who entered
    a figure is named only to those who may see its pairing's workspace (never to the public)."""
    from counterpart.accounts.models import Profile

    if not rows:
        return []
    slugs = _kind_slugs()
    ids = [o.pk for o in rows]
    through = rows[0].__class__.recipients.through
    recipients = {}
    for obs_id, unit_id in through.objects.filter(observation_id__in=ids).values_list("observation_id", "unit_id"):
        recipients.setdefault(obs_id, []).append(unit_id)
    doc_ids = {o.span.document_id for o in rows if o.span_id}
    docs = {d.pk: d for d in SourceDocument.objects.filter(pk__in=doc_ids).only("pk", "doc_id", "text")}
    user_ids = {o.entered_by_id for o in rows if o.entered_by_id}
    units = {p.user_id: p.unit for p in Profile.objects.filter(user_id__in=user_ids).select_related("unit")}
    names = {}
    if user.is_authenticated and user_ids:
        from django.contrib.auth.models import User

        names = dict(User.objects.filter(pk__in=user_ids).values_list("pk", "username"))
    from counterpart.indicators.models import Indicator

    indicators = {i.pk: i for i in Indicator.objects.all()}
    visible = set()
    if user.is_authenticated and user_ids:
        entered_in = {o.pairing_id for o in rows if o.entered_by_id}
        visible = set(access.visible_pairings(user).filter(pk__in=entered_in).values_list("pk", flat=True))
    out = []
    for o in rows:
        span = None
        if o.span_id:
            d = docs[o.span.document_id]
            span = {"document": d.doc_id, "document_id": d.pk, "start": o.span.start, "end": o.span.end,
                    "text": d.text[o.span.start:o.span.end]}
        entered_by = names.get(o.entered_by_id) if o.entered_by_id and o.pairing_id in visible else None
        unit_of = units.get(o.entered_by_id)
        out.append({
            "id": o.pk, "indicator": indicators[o.indicator_id].code, "value": num(o.value),
            "unit": indicators[o.indicator_id].unit,
            "qualifier": o.qualifier, "year": o.year, "status": o.status, "pairing": o.pairing_id,
            "donor": o.donor_id, "recipients": sorted(recipients.get(o.pk, [])), "dims": o.dims or {},
            "part_of": o.part_of_id, "stated": o.stated,
            "record": f"{slugs[o.record_type_id]}/{o.record_id}" if o.record_type_id in slugs else None,
            "provenance": {"span": span, "entered": o.entered_by_id is not None, "entered_by": entered_by,
                           "entered_by_unit": unit_of.name_en if unit_of else None}})
    return out


def confirmation(c, slug=None) -> dict:
    if slug is None:
        slug = _kind_slugs().get(c.record_type_id, "record")
    return {"id": c.pk, "record": f"{slug}/{c.record_id}", "pairing": c.pairing_id, "side": c.side,
            "state": c.state, "reported_at": c.reported_at.isoformat(),
            "answered_at": c.answered_at.isoformat() if c.answered_at else None, "slot": c.slot,
            "reported_value": num(c.reported_value), "counter_value": num(c.counter_value),
            "counter_note": c.counter_note}


def _json_value(value):
    import datetime
    from decimal import Decimal

    if isinstance(value, Decimal):
        return num(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


HIDDEN_FIELDS = {"id", "pairing", "year", "entered_by", "span", "created_at"}


def records(rows, slug) -> list[dict]:
    from counterpart.confirmations.models import Confirmation
    from counterpart.indicators.models import Observation

    if not rows:
        return []
    model = type(rows[0])
    ctype = ContentType.objects.get_for_model(model)
    ids = [r.pk for r in rows]
    figures, states, recipients = {}, {}, {}
    for o in Observation.objects.filter(record_type=ctype, record_id__in=ids).select_related("indicator"):
        figures.setdefault(o.record_id, []).append(
            {"observation": o.pk, "slot": o.slot, "indicator": o.indicator.code, "value": num(o.value),
             "status": o.status})
    for c in Confirmation.objects.filter(record_type=ctype, record_id__in=ids):
        states[c.record_id] = confirmation(c, slug)
    through = model.recipients.through
    column = f"{model._meta.model_name}_id"
    for rec_id, unit_id in through.objects.filter(**{f"{column}__in": ids}).values_list(column, "unit_id"):
        recipients.setdefault(rec_id, []).append(unit_id)
    out = []
    for r in rows:
        fields = {}
        for f in model._meta.concrete_fields:
            if f.name in HIDDEN_FIELDS:
                continue
            fields[f.name] = getattr(r, f.attname) if f.is_relation else _json_value(getattr(r, f.name))
        out.append({"kind": slug, "id": r.pk, "pairing": r.pairing_id, "year": r.year, "fields": fields,
                    "recipients": sorted(recipients.get(r.pk, [])), "figures": figures.get(r.pk, []),
                    "confirmation": states.get(r.pk)})
    return out


def document(d, text=False) -> dict:
    out = {"id": d.pk, "doc_id": d.doc_id, "title": d.title, "language": d.language, "year": d.year,
           "sha256": d.sha256, "origin": d.origin}
    if text:
        out["text"] = d.text
    return out
