"""Finding a pairing among a thousand government pairings and a hundred thousand enterprise–village ones:
by name (Chinese or English, either side, "A—B" for both), level, year and region on either side (its
subordinate places included), a page at a time. Plain functions: the home page and tests call them."""
import re

from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Q, Value, When

from counterpart.accounts import access
from counterpart.geo.models import Region
from counterpart.pairings.models import Pairing, PairingLevel

PAGE_SIZE = 50
MY_PAIRINGS = 30
SIDE_SPLIT = re.compile(r"\s*(?:—|–|-|－|·|/|、|\s与\s|\s+and\s+|\s+with\s+)\s*")
# GB/T 2260: a province's codes share its first two digits, a prefecture's its first four.
PREFIX = {1: 2, 2: 4, 3: 6}


def _name_q(side: str, text: str) -> Q:
    return (Q(**{f"{side}__name_zh__icontains": text}) | Q(**{f"{side}__name_en__icontains": text})
            | Q(**{f"{side}__region__name_pinyin__icontains": text}))


def _region_q(side: str, region: Region) -> Q:
    prefix = region.adcode[:PREFIX.get(region.level, len(region.adcode))]
    return Q(**{f"{side}__region__adcode__startswith": prefix})


def region_named(text: str) -> Region | None:
    """A region for a filter: an adcode, or a name the gazetteer knows (read only)."""
    from counterpart.geo.gazetteer import get_gazetteer

    text = (text or "").strip()
    if not text:
        return None
    if text.isdigit():
        return Region.objects.filter(adcode=text).first()
    resolution = get_gazetteer().resolve(text)
    place = resolution.region or (resolution.candidates[0] if resolution.candidates else None)
    return Region.objects.filter(adcode=place.adcode).first() if place else None


def search_pairings(*, q: str = "", level: str = "", year: int | None = None, region: Region | None = None):
    """Pairings matching every filter given, government pairings first (by level), then by id."""
    qs = Pairing.objects.select_related("donor", "recipient", "parent__donor", "parent__recipient")
    q = (q or "").strip()[:80]
    if q:
        parts = [p for p in SIDE_SPLIT.split(q) if p]
        if len(parts) >= 2:  # "市南区—平坝区": the donor, then the recipient
            qs = qs.filter(_name_q("donor", parts[0]) & _name_q("recipient", parts[1]))
        else:
            qs = qs.filter(_name_q("donor", q) | _name_q("recipient", q))
    if level in PairingLevel.values:
        qs = qs.filter(level=level)
    if year is not None:
        qs = qs.filter(start_year__lte=year).filter(Q(end_year__isnull=True) | Q(end_year__gte=year))
    if region is not None:
        qs = qs.filter(_region_q("donor", region) | _region_q("recipient", region))
    rank = Case(*[When(level=lvl, then=Value(i)) for i, lvl in enumerate(PairingLevel.values)],
                default=Value(99), output_field=IntegerField())
    return qs.order_by(rank, "pk")


def level_rank(level: str) -> int:
    return list(PairingLevel.values).index(level) if level in PairingLevel.values else 99


def my_pairings(user) -> list[Pairing]:
    """An office's own pairings: those with its own unit on a side first, then those of its line
    (government pairings only; their enterprise–village pairings are on each pairing's page)."""
    if not access.is_office(user):
        return []
    unit_id = access.profile_of(user).unit_id
    rows = list(access.visible_pairings(user).exclude(level=PairingLevel.ENTERPRISE_VILLAGE)
                .select_related("donor", "recipient").order_by("pk")[:500])
    rows.sort(key=lambda p: (unit_id not in (p.donor_id, p.recipient_id), level_rank(p.level), p.pk))
    return rows[:MY_PAIRINGS]


def page_of(qs, number) -> object:
    try:
        number = max(1, min(int(number or 1), 100000))
    except (TypeError, ValueError):
        number = 1
    return Paginator(qs, PAGE_SIZE).get_page(number)
