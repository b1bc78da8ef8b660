"""Writes for units, pairings and agreements: each validates, then saves in one transaction."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from counterpart.geo.containment import region_within
from counterpart.indicators.validation import check_year
from counterpart.pairings.models import LEVEL_FIT, Agreement, Pairing, PairingLevel, Unit, UnitKind
from counterpart.web.cache import bump_version


def region_unit(region) -> Unit:
    """The unit that stands for a region, made on first use."""
    unit, _created = Unit.objects.get_or_create(
        kind=UnitKind.REGION, region=region, defaults={"name_en": region.name_en, "name_zh": region.name_zh})
    return unit


def do_create_organisation(kind: str, name_en: str, name_zh: str = "", region=None) -> Unit:
    if kind == UnitKind.REGION:
        raise ValidationError({"kind": _("Use a region's own unit for a region.")})
    if not name_en.strip():
        raise ValidationError({"name_en": _("An organisation needs a name.")})
    unit, created = Unit.objects.get_or_create(kind=kind, name_en=name_en.strip(),
                                               defaults={"name_zh": name_zh, "region": region})
    if created:
        bump_version()
    return unit


def validate_pairing(donor: Unit, recipient: Unit, level: str, start_year, end_year=None, parent=None,
                     exclude_pk=None) -> None:
    if donor.pk == recipient.pk:
        raise ValidationError({"recipient": _("A pairing's recipient cannot be its donor.")})
    if level not in PairingLevel.values:
        raise ValidationError({"level": _("“%(l)s” is not a pairing level.") % {"l": level}})
    start_year = check_year(start_year, "start_year")
    if end_year is not None:
        end_year = check_year(end_year, "end_year")
        if end_year < start_year:
            raise ValidationError({"end_year": _("The pairing cannot end before it starts.")})
    fit = LEVEL_FIT.get(level)
    if fit:
        for field, unit, levels in (("donor", donor, fit[0]), ("recipient", recipient, fit[1])):
            if unit.kind != UnitKind.REGION or unit.region.level not in levels:
                raise ValidationError({field: _("%(unit)s is not at a level that fits a pairing of %(level)s.")
                                       % {"unit": unit.name_en, "level": PairingLevel(level).label}})
    if level == PairingLevel.ENTERPRISE_VILLAGE and donor.kind != UnitKind.ENTERPRISE:
        raise ValidationError({"donor": _("An enterprise–village pairing needs an enterprise as donor.")})
    if parent is not None:
        for field, unit, outer in (("donor", donor, parent.donor), ("recipient", recipient, parent.recipient)):
            if unit.region_id and outer.region_id and not region_within(unit.region, outer.region):
                raise ValidationError({field: _("%(unit)s does not lie within %(outer)s, the parent pairing's side.")
                                       % {"unit": unit.name_en, "outer": outer.name_en}})
    overlap = Pairing.objects.filter(donor=donor, recipient=recipient).filter(
        Q(end_year__isnull=True) | Q(end_year__gte=start_year))
    if end_year is not None:
        overlap = overlap.filter(start_year__lte=end_year)
    if exclude_pk:
        overlap = overlap.exclude(pk=exclude_pk)
    if overlap.exists():
        raise ValidationError({"start_year": _("%(d)s and %(r)s are already paired for an overlapping period.")
                               % {"d": donor.name_en, "r": recipient.name_en}})


@transaction.atomic
def do_create_pairing(donor: Unit, recipient: Unit, level: str, start_year: int, end_year=None, parent=None,
                      focus=(), statements=()) -> Pairing:
    validate_pairing(donor, recipient, level, start_year, end_year, parent)
    pairing = Pairing.objects.create(donor=donor, recipient=recipient, level=level, start_year=start_year,
                                     end_year=end_year, parent=parent)
    pairing.focus.set(focus)
    pairing.statements.set(statements)
    from counterpart.plans import scores  # the plans depend on pairings, not the other way round

    scores.pairing_added(pairing)
    bump_version()
    return pairing


@transaction.atomic
def do_create_agreement(pairing: Pairing, title_en: str, period_start: int, period_end: int, **fields) -> Agreement:
    if not title_en.strip():
        raise ValidationError({"title_en": _("An agreement needs a title.")})
    agreement = Agreement(pairing=pairing, title_en=title_en, period_start=check_year(period_start, "period_start"),
                          period_end=check_year(period_end, "period_end"), **fields)
    agreement.full_clean()
    agreement.save()
    bump_version()
    return agreement


# A Chinese name may drop its administrative suffix: 青岛—贵州 for 青岛市—贵州省.
_ZH_SUFFIXES = ("市", "省", "区", "县", "自治区", "自治州", "地区", "盟", "旗")


def _side_named(side: str, text: str) -> Q:
    q = Q(**{f"{side}__name_en__iexact": text}) | Q(**{f"{side}__name_zh": text})
    if any("\u4e00" <= ch <= "\u9fff" for ch in text):
        q |= Q(**{f"{side}__name_zh__in": [text + suffix for suffix in _ZH_SUFFIXES]})
    return q


def find_pairing(name: str) -> Pairing:
    """A pairing by id or by name 'Donor-Recipient', in English (any case) or Chinese (青岛市—贵州省, 市南区-平坝区,
    with or without the suffixes), joined by a hyphen or any dash. Found by a query, not by reading every
    pairing: a spreadsheet names pairings row after row at national scale."""
    import re

    name = name.strip()
    if name.isdigit():
        try:
            return Pairing.objects.select_related("donor", "recipient").get(pk=int(name))
        except (Pairing.DoesNotExist, OverflowError):
            raise ValidationError({"pairing": _("There is no pairing with id %(id)s.") % {"id": name}}) from None
    parts = [p.strip() for p in re.split(r"\s*(?:[-–—－~～]+|\s+to\s+)\s*", name) if p.strip()]
    if len(parts) == 2:
        found = list(Pairing.objects.select_related("donor", "recipient")
                     .filter(_side_named("donor", parts[0]), _side_named("recipient", parts[1]))[:2])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise ValidationError({"pairing": _("“%(n)s” names several pairings; give its id.") % {"n": name}})
    raise ValidationError({"pairing": _("There is no pairing called “%(n)s” (use Donor-Recipient, e.g. "
                                        "Qingdao-Guizhou, or an id).") % {"n": name}})
