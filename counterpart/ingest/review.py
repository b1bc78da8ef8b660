"""What the review page shows and reads back: highlighted text, one row per proposal, the edit form."""
from decimal import Decimal, InvalidOperation
from itertools import pairwise

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from counterpart.indicators.catalogue import catalogue
from counterpart.indicators.formatting import format_figure
from counterpart.indicators.models import Qualifier
from counterpart.ingest.units import context_for, lookup_unit, ref_name
from counterpart.ledger.models import EventKind
from counterpart.locale_names import is_chinese


def text_pieces(text: str, proposals) -> list[dict]:
    """The text cut at every evidence boundary; each piece lists the proposals whose evidence covers it."""
    ranges = [(p.span.start, p.span.end, p.position) for p in proposals if p.span_id]
    cuts = sorted({0, len(text), *(r[0] for r in ranges), *(r[1] for r in ranges)})
    pieces = []
    for start, end in pairwise(cuts):
        covering = [pos for s, e, pos in ranges if s <= start and end <= e]
        pieces.append({"text": text[start:end], "positions": " ".join(f"p{pos}" for pos in covering)})
    return pieces


# Dimension names and closed values as the reviewer reads them; free-text values are shown as written.
DIM_NAMES = {
    "source_level": pgettext_lazy("dimension", "paid by"), "kind": pgettext_lazy("dimension", "kind"),
    "purpose": pgettext_lazy("dimension", "purpose"), "form": pgettext_lazy("dimension", "form"),
    "sector": pgettext_lazy("dimension", "sector"), "direction": pgettext_lazy("dimension", "direction"),
    "role": pgettext_lazy("dimension", "role"), "audience": pgettext_lazy("dimension", "audience"),
    "item": pgettext_lazy("dimension", "item"), "period": pgettext_lazy("dimension", "period"),
}
DIM_VALUES = {
    "province": pgettext_lazy("dimension", "provincial government"),
    "prefecture": pgettext_lazy("dimension", "city government"),
    "county": pgettext_lazy("dimension", "district or county government"),
    "regular": pgettext_lazy("dimension", "regular"), "supplementary": pgettext_lazy("dimension", "supplementary"),
    "matching": pgettext_lazy("dimension", "matching"), "cash": pgettext_lazy("dimension", "cash"),
    "in_kind": pgettext_lazy("dimension", "in kind"),
    "to_recipient": pgettext_lazy("dimension", "to the assisted side"),
    "to_donor": pgettext_lazy("dimension", "to the assisting side"),
    "entire_village_advancement": pgettext_lazy("dimension", "entire-village advancement"),
    "model_village": pgettext_lazy("dimension", "model villages"), "infrastructure": pgettext_lazy("dimension", "infrastructure"),
    "industry": pgettext_lazy("dimension", "industry"), "education": pgettext_lazy("dimension", "education"),
    "health": pgettext_lazy("dimension", "health"), "other": pgettext_lazy("dimension", "other"),
}


def dims_labels(dims) -> list[dict]:
    """[{"name": label, "value": label}] for the row's dimensions, in the active language."""
    out = []
    for name, value in (dims or {}).items():
        values = value if isinstance(value, list) else [value]
        out.append({"name": DIM_NAMES.get(name, name),
                    "value": "、".join(str(DIM_VALUES.get(v, v)) for v in values)})
    return out


def _dims_text(dims) -> str:
    return "; ".join(f"{k}={','.join(map(str, v)) if isinstance(v, list) else v}" for k, v in (dims or {}).items())


def parse_dims(text: str, indicator: str) -> dict:
    """'source_level=county; kind=supplementary' -> dict; list-valued dimensions take comma lists."""
    listy = {name for name in ("kind",) if indicator == "aid_projects"}
    dims = {}
    for item in [i.strip() for i in text.split(";") if i.strip()]:
        name, eq, value = item.partition("=")
        if not eq or not name.strip():
            raise ValidationError({"dims": _("Write dimensions as name=value; name=value (got “%(i)s”).")
                                   % {"i": item}})
        name, value = name.strip(), value.strip()
        dims[name] = [v.strip() for v in value.split(",") if v.strip()] if name in listy else value
    return dims


def _party_text(ref) -> str:
    return ref_name(ref)


def row(proposal, lang, context) -> dict:
    """Everything the template needs for one proposal, including what its names resolve to."""
    fact = proposal.current
    out = {"p": proposal, "fact": fact, "edited": proposal.edited is not None, "problems": []}
    if proposal.kind == "observation":
        entry = catalogue().get(fact.get("indicator")) or {}
        try:
            value = Decimal(str(fact.get("value")))
            unit_label = entry.get("unit_zh" if is_chinese(lang) else "unit_en", entry.get("unit", ""))
            out["figure"] = format_figure(value, fact.get("qualifier") or "exact", entry.get("unit", ""),
                                          unit_label, lang)
        except (InvalidOperation, TypeError, ValueError):
            out["figure"] = str(fact.get("value"))
        out["label"] = (entry.get("label_zh") if is_chinese(lang) else entry.get("label_en")) or fact.get(
            "indicator")
        out["dims_text"] = _dims_text(fact.get("dims"))
        out["dims_labels"] = dims_labels(fact.get("dims"))
        recipients = fact.get("recipient") or []
        recipients = recipients if isinstance(recipients, list) else [recipients]
        out["recipient_text"] = "; ".join(_party_text(r) for r in recipients)
        parties = ([("donor", fact["donor"])] if fact.get("donor") else []) + [("recipient", r) for r in recipients]
    elif proposal.kind == "pairing":
        out["recipient_text"] = _party_text(fact.get("recipient"))
        parties = [("donor", fact.get("donor")), ("recipient", fact.get("recipient"))]
    else:
        parties = []
        out["kind_label"] = dict(EventKind.choices).get(fact.get("kind"), fact.get("kind"))
    out["donor_text"] = _party_text(fact.get("donor"))
    out["resolved"] = []
    if proposal.status == "pending":
        for field, ref in parties:
            choice = lookup_unit(ref, context)
            out["resolved"].append({"field": field, "choice": choice})
            if not choice.ok:
                out["problems"].append(choice.problem)
    out["evidence"] = proposal.span.text if proposal.span_id else (fact.get("evidence") or {}).get("text", "")
    if proposal.kind == "observation" and proposal.status == "pending":
        out["already"] = already_recorded_link(proposal, fact, lang)
    return out


def already_recorded_link(proposal, fact, lang) -> dict | None:
    """The figure this proposal repeats (ingest/duplicates.py), as a link, or None."""
    from django.urls import reverse

    from counterpart.ingest.duplicates import already_recorded
    from counterpart.ledger.kinds import is_record, kind_of

    batch = proposal.batch
    try:
        value, year = Decimal(str(fact.get("value"))), int(fact.get("year") or batch.document.year)
    except (InvalidOperation, TypeError, ValueError):
        return None
    if batch.pairing_id is None or not fact.get("indicator"):
        return None
    obs = already_recorded(fact["indicator"], value, year, batch.pairing, exclude_document=batch.document_id)
    if obs is None:
        return None
    record = obs.record
    url = (reverse("record", kwargs={"kind": kind_of(record).slug, "pk": record.pk})
           if record is not None and is_record(record) else reverse("pairing", args=[obs.pairing_id]))
    ind = obs.indicator
    text = format_figure(obs.value, obs.qualifier, ind.unit, ind.unit_zh if lang.startswith("zh") else ind.unit_en,
                         lang)
    return {"url": url, "text": f"{ind.label(lang)} {obs.year}: {text}", "observation": obs}


def page_rows(batch, proposals, lang) -> list[dict]:
    context = context_for(batch.pairing)
    return [row(p, lang, context) for p in proposals]


def _party_edit(text: str, original):
    text = text.strip()
    if text == ref_name(original).strip():
        return original
    if not text:
        return None
    return {"adcode": text, "name": text} if text.isdigit() else {"name": text}


def edits_from_post(proposal, data) -> dict:
    """The facts-format keys the reviewer changed in the row's form; errors name the field."""
    fact = proposal.current
    edits = {}

    def changed(key, value):
        if value != fact.get(key):
            edits[key] = value

    if proposal.kind == "observation":
        indicator = data.get("indicator", fact.get("indicator", "")).strip()
        if indicator not in catalogue():
            raise ValidationError({"indicator": _("“%(c)s” is not an indicator of the catalogue.") % {"c": indicator}})
        changed("indicator", indicator)
        value = data.get("value", str(fact.get("value", ""))).strip().replace(",", "")
        try:
            Decimal(value)
        except InvalidOperation:
            raise ValidationError({"value": _("“%(raw)s” is not a number.") % {"raw": value}}) from None
        changed("value", value)
        qualifier = data.get("qualifier", fact.get("qualifier") or "exact")
        if qualifier not in Qualifier.values:
            raise ValidationError({"qualifier": _("“%(q)s” is not a qualifier.") % {"q": qualifier}})
        changed("qualifier", qualifier)
        year = data.get("year", str(fact.get("year") or "")).strip()
        if year and not year.isdigit():
            raise ValidationError({"year": _("“%(raw)s” is not a year.") % {"raw": year}})
        changed("year", int(year) if year else None)
        if "dims" in data and data["dims"].strip() != _dims_text(fact.get("dims")):
            edits["dims"] = parse_dims(data["dims"], indicator)
        if "donor" in data:
            changed("donor", _party_edit(data["donor"], fact.get("donor")))
        if "recipient" in data:
            originals = fact.get("recipient") or []
            originals = originals if isinstance(originals, list) else [originals]
            if data["recipient"].strip() != "; ".join(ref_name(r) for r in originals):
                edits["recipient"] = [_party_edit(t, None) for t in data["recipient"].split(";") if t.strip()]
    elif proposal.kind == "pairing":
        for key in ("donor", "recipient"):
            if key in data:
                changed(key, _party_edit(data[key], fact.get(key)))
        start = data.get("start_year", "").strip()
        if start:
            if not start.isdigit():
                raise ValidationError({"start_year": _("“%(raw)s” is not a year.") % {"raw": start}})
            changed("start_year", int(start))
    else:
        kind = data.get("kind", fact.get("kind", ""))
        if kind not in EventKind.values:
            raise ValidationError({"kind": _("“%(k)s” is not a kind of event.") % {"k": kind}})
        changed("kind", kind)
        for key in ("date", "title", "place"):
            if key in data:
                changed(key, data[key].strip())
    return {k: v for k, v in edits.items() if not (v is None and k not in fact)}
