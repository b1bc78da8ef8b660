"""Place fields: what a person types ("安顺", "Pingba County, Anshun") resolved by the gazetteer."""
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from counterpart.geo.containment import region_within
from counterpart.geo.resolve import resolve_region
from counterpart.locale_names import name_in
from counterpart.pairings.actions import region_unit
from counterpart.pairings.models import Unit, UnitKind

# Several places in one field: separated by ; 、 ； or a new line (a comma may sit inside one name).
SEPARATORS = re.compile(r"\s*[;；、\n]\s*")


def region_name(region, lang=None) -> str:
    lang = lang or get_language() or "en"
    return name_in(region, lang, en_field="full_name_en")


def unit_name(unit, lang=None) -> str:
    lang = lang or get_language() or "en"
    return unit.display_name(lang)


def resolve_place(text: str, context=None):
    """The Region a name stands for, or a ValidationError saying what was not understood."""
    result = resolve_region(text, context)
    if result.status == "unique":
        return result.region
    if result.status == "ambiguous":
        options = "; ".join(f"{region_name(r)} ({r.adcode})" for r in result.candidates[:6])
        raise ValidationError(_("“%(name)s” could be several places: %(options)s. Add the city or province, "
                                "or give the code.") % {"name": text, "options": options})
    raise ValidationError(_("“%(name)s” is not a place the gazetteer knows.") % {"name": text})


def resolve_unit(text: str, context=None) -> Unit:
    """An organisation by its name, else a region's unit through the gazetteer."""
    text = text.strip()
    org = (Unit.objects.exclude(kind=UnitKind.REGION).filter(name_en__iexact=text).first()
           or Unit.objects.exclude(kind=UnitKind.REGION).filter(name_zh=text).first())
    if org is not None:
        return org
    return region_unit(resolve_place(text, context))


class PlaceField(forms.CharField):
    """A free-text place (or organisation) name, cleaned into a Unit; with many=True, a list of Units."""

    def __init__(self, *, many=False, context=None, **kwargs):
        self.many = many
        self.context = context
        kwargs.setdefault("help_text", gettext_lazy("a place name in Chinese or English; several separated by ；")
                          if many else gettext_lazy("a place name in Chinese or English, or an organisation"))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Unit):
            return unit_name(value)
        if isinstance(value, (list, tuple)):
            return "；".join(unit_name(u) if isinstance(u, Unit) else str(u) for u in value)
        return value

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return [] if self.many else None
        names = [n for n in SEPARATORS.split(text) if n.strip()] if self.many else [text]
        units, errors = [], []
        for name in names:
            try:
                units.append(resolve_unit(name, self.context))
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return units if self.many else units[0]


within = region_within  # the one rule (geo/containment.py), under the name web/forms.py imports


class RegionField(PlaceField):
    """A place name cleaned into a Region (e.g. a project's location)."""

    def clean(self, value):
        text = forms.CharField.clean(self, value)
        if not text:
            return None
        return resolve_place(text, self.context)

    def prepare_value(self, value):
        if hasattr(value, "adcode"):
            return region_name(value)
        return value
