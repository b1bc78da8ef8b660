"""The audit trail as people read it: field labels and values in the reader's language.

A Change keeps plain JSON (field attnames, ids, numbers as text) so that it outlives the objects it names;
this module turns it into (label, before, after) lines when it is shown or exported: a donor is its name,
recipients their names, a choice its label, money and counts formatted (万/亿 in Chinese), a figure by
its indicator's label, and an answer with another figure as an answer beside the reported one, not as a
change of the record.
"""
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from counterpart.indicators.formatting import format_figure
from counterpart.indicators.models import Status

HIDDEN = {"version", "entered_by_id", "span_id", "source_ref"}  # bookkeeping, not what a person changed


def _lang(lang):
    return lang or get_language() or "en"


def _number(text, lang) -> str:
    try:
        value = Decimal(str(text))
    except (InvalidOperation, TypeError, ValueError):
        return str(text)
    return format_figure(value, "exact", "", "", lang).strip()


def _indicator(code):
    from counterpart.indicators.models import Indicator

    return Indicator.objects.filter(code=code).first()


def _figure(model, slot, text, lang) -> str:
    from counterpart.ledger.kinds import is_record, kind_of

    code = kind_of(model).indicator_for_slot(slot) if model is not None and is_record(model) else None
    ind = _indicator(code) if code else None
    try:
        value = Decimal(str(text))
    except (InvalidOperation, TypeError, ValueError):
        return str(text)
    if ind is None:
        return _number(value, lang)
    return format_figure(value, "exact", ind.unit, ind.unit_zh if lang.startswith("zh") else ind.unit_en, lang)


def _slot_label(model, slot, lang) -> str:
    from counterpart.ledger.kinds import is_record, kind_of

    code = kind_of(model).indicator_for_slot(slot) if model is not None and is_record(model) else None
    ind = _indicator(code) if code else None
    return ind.label(lang) if ind else slot


def _unit_names(ids, lang) -> str:
    from counterpart.pairings.models import Unit

    ids = ids if isinstance(ids, list) else [ids]
    names = {u.pk: u.display_name(lang) for u in Unit.objects.filter(pk__in=[i for i in ids if i])}
    return "、".join(names.get(i, f"#{i}") for i in ids) if lang.startswith("zh") else \
        ", ".join(names.get(i, f"#{i}") for i in ids)


def _field(model, name):
    if model is None:
        return None
    for f in model._meta.get_fields():
        if getattr(f, "attname", None) == name or f.name == name:
            return f
    return None


def value_text(model, name, value, lang=None) -> str:
    """One stored value as a person reads it."""
    lang = _lang(lang)
    if value in (None, "", [], {}):
        return "—"
    if name == "status":
        return str(Status(value).label) if value in Status.values else str(value)
    if name == "also_stated":
        return ", ".join(map(str, value))
    field = _field(model, name)
    if field is None:
        return str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, (models.ForeignKey, models.ManyToManyField)):
        related = field.related_model
        from counterpart.pairings.models import Pairing, Unit

        if related is Unit:
            return _unit_names(value, lang)
        if related is Pairing:
            pairing = Pairing.objects.filter(pk=value).select_related("donor", "recipient").first()
            return pairing.display_name(lang) if pairing else f"#{value}"
        obj = related.objects.filter(pk=value).first() if not isinstance(value, list) else None
        if obj is not None and hasattr(obj, "name_zh") and hasattr(obj, "full_name_en"):
            return obj.name_zh if lang.startswith("zh") else obj.full_name_en
        return str(obj) if obj is not None else f"#{value}"
    if isinstance(field, models.DecimalField):  # every decimal field of a record is money in yuan
        try:
            return format_figure(Decimal(str(value)), "exact", "CNY", "", lang)
        except (InvalidOperation, ValueError):
            return str(value)
    if name == "year":  # a year is a name, not an amount: no thousands separator
        return str(value)
    if isinstance(field, models.IntegerField) and not isinstance(value, bool):
        return _number(value, lang)
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        from counterpart.ledger.kinds import is_record, kind_of

        labels = dict(kind_of(model).multi_choice_fields.get(name, ())) if is_record(model) else {}
        return ", ".join(str(labels.get(v, v)) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{_slot_label(model, 'output:' + k, lang)}: {_number(v, lang)}" for k, v in value.items())
    return str(value)


def label_of(model, name, lang=None) -> str:
    if name == "status":
        return _("status")
    if name == "also_stated":
        return _("also stated in")
    field = _field(model, name)
    if field is None:
        return name
    return str(field.verbose_name)


def describe(change, lang=None) -> list[tuple[str, str, str]]:
    """(label, before, after) for everything the change altered, in the reader's language."""
    lang = _lang(lang)
    with translation.override(lang):
        return _describe(change, lang)


def _describe(change, lang):
    model = change.object_type.model_class() if change.object_type_id else None
    before, after = change.before or {}, change.after or {}
    lines = []
    answer = after.get("answer")
    if answer:
        lines.append((_("answer to %(figure)s") % {"figure": _slot_label(model, answer["slot"], lang)},
                      _figure(model, answer["slot"], answer["reported"], lang),
                      _figure(model, answer["slot"], answer["counter"], lang)))
    for key in sorted(set(before) | set(after)):
        if key in HIDDEN or key in ("answer", "sides") or before.get(key) == after.get(key):
            continue
        if key == "figures":
            old, new = before.get("figures") or {}, after.get("figures") or {}
            for slot in sorted(set(old) | set(new)):
                if old.get(slot) != new.get(slot):
                    lines.append((_slot_label(model, slot, lang),
                                  _figure(model, slot, old[slot], lang) if slot in old else "—",
                                  _figure(model, slot, new[slot], lang) if slot in new else "—"))
            continue
        if key in ("amount", "persons", "quantity", "students", "courses", "trainees", "members", "participants",
                   "income") and "figures" in after:
            continue  # shown once, as the figure it yields
        lines.append((label_of(model, key, lang), value_text(model, key, before.get(key), lang),
                      value_text(model, key, after.get(key), lang)))
    if after.get("sides"):
        from counterpart.confirmations.models import Confirmation

        labels = dict(Confirmation.Side.choices)
        lines.append((_("confirmed for"), "—", ", ".join(str(labels.get(s, s)) for s in after["sides"])))
    return lines
