"""IATI 2.03 activity and organisation files built from confirmed figures only.

A pairing is an `iati-activity` (its government sub-pairings are activities below it, linked by
related-activity), reported by the pairing's donor office: participating organisations (funding and extending:
the donor; implementing: the recipient), titles and descriptions in English and Chinese, status and dates from
the pairing's period, recipient country CN, the recipient's location with its GB/T 2260 code and level, one
DAC sector, a budget per calendar year, each confirmed fund allocation as a transaction (a past year's as a
disbursement, this year's as a commitment), and the annual plans' items as results with target and actual.

Organisation identifiers: Chinese government offices have no registered IATI identifier, so they are named
`<IATI_ORGANISATION_PREFIX>-<GB/T 2260 code>` (default prefix CN-GBT2260; settings.IATI_ORGANISATION_PREFIX),
and organisations `<prefix>-ORG-<id>`.
"""
import datetime
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from counterpart.geo.models import Level
from counterpart.indicators.models import Indicator, Observation, Status
from counterpart.ledger.models import FundAllocation
from counterpart.opendata.iati.rules import XML_LANG, validate
from counterpart.pairings.models import Pairing, PairingLevel, UnitKind, subtree
from counterpart.reports.phrases import purpose

VERSION = "2.03"
SECTOR = "43010"  # DAC 5-digit "Multisector aid": counterpart cooperation spans every sector at once
MAX_ACTIVITIES = 500
LEVEL_NAMES = {Level.PROVINCE: ("province", "省级"), Level.PREFECTURE: ("prefecture", "地级"),
               Level.COUNTY: ("county", "县级"), Level.TOWNSHIP: ("township", "乡级"), Level.VILLAGE: ("village", "村级")}


def prefix() -> str:
    return getattr(settings, "IATI_ORGANISATION_PREFIX", "CN-GBT2260")


def org_ref(unit) -> str:
    if unit.kind == UnitKind.REGION and unit.region_id:
        return f"{prefix()}-{unit.region.adcode}"
    return f"{prefix()}-ORG-{unit.pk}"


def org_type(unit) -> str:
    if unit.kind in (UnitKind.REGION, UnitKind.GOVERNMENT):
        return "10" if unit.region_id and unit.region.level == Level.PROVINCE else "11"
    return {UnitKind.ENTERPRISE: "70", UnitKind.CHARITY: "22"}.get(unit.kind, "90")


def parse_years(text: str | None) -> tuple[int | None, int | None]:
    """'2011-2015' or '2011' -> (2011, 2015) / (2011, 2011); None -> every year."""
    if not text:
        return None, None
    parts = [p.strip() for p in str(text).replace("–", "-").split("-")]
    try:
        years = [int(p) for p in parts if p]
    except ValueError:
        years = []
    if len(years) not in (1, 2) or len(parts) > 2 or any(y < 1949 or y > 2100 for y in years):
        raise ValidationError({"years": _("Give years as 2011 or 2011-2015.")})
    first, last = years[0], years[-1]
    if last < first:
        raise ValidationError({"years": _("The last year comes before the first.")})
    return first, last


def _narratives(parent, tag, en: str, zh: str):
    el = etree.SubElement(parent, tag)
    for lang, text in (("en", en), ("zh", zh or en)):
        n = etree.SubElement(el, "narrative")
        n.set(XML_LANG, lang)
        n.text = text
    return el


def _org(parent, tag, unit, **attrs):
    el = etree.SubElement(parent, tag, ref=org_ref(unit), type=org_type(unit), **attrs)
    for lang, text in (("en", unit.name_en), ("zh", unit.name_zh or unit.name_en)):
        n = etree.SubElement(el, "narrative")
        n.set(XML_LANG, lang)
        n.text = text
    return el


def _num(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.01")).normalize(), "f")


def _value(parent, tag, amount: Decimal, date: datetime.date):
    el = etree.SubElement(parent, tag, currency="CNY", **{"value-date": date.isoformat()})
    el.text = _num(amount)
    return el


def _in_range(year, first, last) -> bool:
    return (first is None or year >= first) and (last is None or year <= last)


def _year_end(year: int, today: datetime.date) -> datetime.date:
    return min(datetime.date(year, 12, 31), today)


def confirmed_allocations(pairing_ids, first=None, last=None):
    """Confirmed government aid funds of fund allocations: {pairing id: [(observation, record)]}."""
    ctype = ContentType.objects.get_for_model(FundAllocation)
    qs = (Observation.objects.filter(pairing_id__in=pairing_ids, status=Status.CONFIRMED, record_type=ctype,
                                     indicator__code="gov_aid_funds")
          .select_related("donor__region").prefetch_related("recipients__region").order_by("year", "pk"))
    if first is not None:
        qs = qs.filter(year__gte=first)
    if last is not None:
        qs = qs.filter(year__lte=last)
    observations = list(qs)
    # A part whose total is also here is not counted twice (docs/domain.md).
    ids = {o.pk for o in observations}
    observations = [o for o in observations if o.part_of_id not in ids]
    records = FundAllocation.objects.in_bulk([o.record_id for o in observations])
    out = defaultdict(list)
    for o in observations:
        out[o.pairing_id].append((o, records.get(o.record_id)))
    return out


def plan_results(pairing, first=None, last=None) -> dict:
    """{indicator code: [(year, target, actual)]} from the pairing's own annual plan items, scored as the
    assessment scores them (confirmed figures)."""
    from counterpart.plans.assessment import assess
    from counterpart.plans.models import AnnualPlan

    out = defaultdict(list)
    years = sorted(AnnualPlan.objects.filter(pairing=pairing).values_list("year", flat=True))
    codes = dict(Indicator.objects.values_list("pk", "code"))
    for year in years:
        if not _in_range(year, first, last):
            continue
        card = assess(year, pairing_ids=[pairing.pk], bulk=False).by_pairing(pairing.pk)
        for item in (card.items if card else []) or []:
            if item.pairing_id == pairing.pk:
                out[codes[item.indicator_id]].append((year, item.target, item.actual))
    return out


def _activity(root, pairing, reporter, allocations, today, first, last, parent_ident=None, child_idents=()):
    ident = f"{org_ref(reporter)}-P{pairing.pk}"
    ended = pairing.end_year is not None and datetime.date(pairing.end_year, 12, 31) < today
    a = etree.SubElement(root, "iati-activity", **{
        "last-updated-datetime": timezone.now().replace(microsecond=0).isoformat(), "default-currency": "CNY",
        "hierarchy": "1" if parent_ident is None else "2"})
    a.set(XML_LANG, "en")
    etree.SubElement(a, "iati-identifier").text = ident
    _org(a, "reporting-org", reporter)
    _narratives(a, "title", f"{pairing.name_en} pairing-off cooperation (East–West poverty alleviation)",
                f"{pairing.name_zh}东西部扶贫协作（对口帮扶）")
    desc = _narratives(
        a, "description",
        f"{pairing.donor.name_en} supports {pairing.recipient.name_en} in pairing-off (counterpart) poverty "
        f"alleviation from {pairing.start_year}: funds, projects, labour, personnel and training. Figures are "
        "those both sides confirmed.",
        f"{pairing.donor.name_zh or pairing.donor.name_en}自{pairing.start_year}年起对口帮扶"
        f"{pairing.recipient.name_zh or pairing.recipient.name_en}：资金、项目、劳务协作、人才交流与培训。"
        "所列数字均经双方确认。")
    desc.set("type", "1")
    _org(a, "participating-org", pairing.donor, role="1")
    _org(a, "participating-org", pairing.donor, role="3")
    _org(a, "participating-org", pairing.recipient, role="4")
    etree.SubElement(a, "activity-status", code="4" if ended else "2")
    start = datetime.date(pairing.start_year, 1, 1)
    etree.SubElement(a, "activity-date", type="2" if start <= today else "1", **{"iso-date": start.isoformat()})
    if pairing.end_year is not None:
        end = datetime.date(pairing.end_year, 12, 31)
        etree.SubElement(a, "activity-date", type="4" if ended else "3", **{"iso-date": end.isoformat()})
    etree.SubElement(a, "recipient-country", code="CN", percentage="100")
    region = pairing.recipient.region
    if region is not None:
        loc = etree.SubElement(a, "location", ref=f"GB/T 2260:{region.adcode}")
        etree.SubElement(loc, "location-reach", code="1")
        _narratives(loc, "name", region.full_name_en, region.name_zh)
        level_en, level_zh = LEVEL_NAMES.get(region.level, ("", ""))
        _narratives(loc, "description", f"GB/T 2260 code {region.adcode}, administrative level {region.level} "
                    f"({level_en})", f"GB/T 2260 代码 {region.adcode}，第{region.level}级行政区（{level_zh}）")
        etree.SubElement(loc, "administrative", vocabulary="A4", level="0", code="CN")
        etree.SubElement(loc, "exactness", code="2")
        etree.SubElement(loc, "location-class", code="1")
    etree.SubElement(a, "sector", vocabulary="1", code=SECTOR, percentage="100")
    rows = allocations.get(pairing.pk, [])
    by_year = defaultdict(Decimal)
    for o, _record in rows:
        by_year[o.year] += o.value
    for year in sorted(by_year):
        if datetime.date(year, 1, 1) > today:
            continue
        b = etree.SubElement(a, "budget", type="1", status="2")
        etree.SubElement(b, "period-start", **{"iso-date": f"{year}-01-01"})
        etree.SubElement(b, "period-end", **{"iso-date": f"{year}-12-31"})
        _value(b, "value", by_year[year], datetime.date(year, 1, 1))
    for o, record in rows:
        if datetime.date(o.year, 1, 1) > today:
            continue
        day = _year_end(o.year, today)
        t = etree.SubElement(a, "transaction", ref=f"{ident}-T{o.pk}")
        etree.SubElement(t, "transaction-type", code="3" if o.year < today.year else "2")
        etree.SubElement(t, "transaction-date", **{"iso-date": day.isoformat()})
        _value(t, "value", o.value, day)
        raw = (record.purpose if record else "") or ""
        en, zh = (purpose(raw, "en"), purpose(raw, "zh-hans")) if raw else ("", "")
        _narratives(t, "description", f"Government aid funds {o.year}" + (f": {en}" if en else ""),
                    f"{o.year}年财政帮扶资金" + (f"：{zh}" if zh else ""))
        _org(t, "provider-org", o.donor or pairing.donor)
        recipients = list(o.recipients.all()) or [pairing.recipient]
        _org(t, "receiver-org", recipients[0])
    if parent_ident:
        etree.SubElement(a, "related-activity", ref=parent_ident, type="1")
    for child in child_idents:
        etree.SubElement(a, "related-activity", ref=child, type="2")
    indicators = {i.code: i for i in Indicator.objects.all()}
    for code, periods in sorted(plan_results(pairing, first, last).items()):
        ind = indicators[code]
        r = etree.SubElement(a, "result", type="1", **{"aggregation-status": "1"})
        _narratives(r, "title", ind.label_en, ind.label_zh)
        i = etree.SubElement(r, "indicator", measure="1", ascending="1")
        _narratives(i, "title", f"{ind.label_en} ({ind.unit_en or ind.unit})",
                    f"{ind.label_zh}（{ind.unit_zh or ind.unit}）")
        for year, target, actual in periods:
            p = etree.SubElement(i, "period")
            etree.SubElement(p, "period-start", **{"iso-date": f"{year}-01-01"})
            etree.SubElement(p, "period-end", **{"iso-date": f"{year}-12-31"})
            etree.SubElement(p, "target", value=_num(target))
            etree.SubElement(p, "actual", value=_num(actual))
    return ident


def activities_tree(pairing: Pairing, years: str | None = None, today=None):
    """The activity file's XML tree for a pairing and its government sub-pairings (not yet checked)."""
    today = today or timezone.localdate()
    first, last = parse_years(years)
    tree = list(subtree([pairing.pk]).exclude(level=PairingLevel.ENTERPRISE_VILLAGE)
                .select_related("donor__region", "recipient__region").order_by("pk")[:MAX_ACTIVITIES])
    if pairing.pk not in {p.pk for p in tree}:
        tree.insert(0, pairing)
    allocations = confirmed_allocations([p.pk for p in tree], first, last)
    root = etree.Element("iati-activities", version=VERSION, **{
        "generated-datetime": timezone.now().replace(microsecond=0).isoformat()})
    reporter = pairing.donor
    idents = {p.pk: f"{org_ref(reporter)}-P{p.pk}" for p in tree}
    children = defaultdict(list)
    for p in tree:
        if p.parent_id in idents and p.pk != pairing.pk:
            children[p.parent_id].append(idents[p.pk])
    for p in tree:
        parent_ident = idents.get(p.parent_id) if p.pk != pairing.pk else None
        _activity(root, p, reporter, allocations, today, first, last, parent_ident, children.get(p.pk, ()))
    return root


def organisation_tree(unit, years: str | None = None, today=None):
    """A donor office's organisation file: its total budget (confirmed allocations it gave) per year."""
    today = today or timezone.localdate()
    first, last = parse_years(years)
    pairings = list(Pairing.objects.filter(donor=unit).values_list("pk", flat=True))
    ids = list(subtree(pairings).filter(donor=unit).values_list("pk", flat=True)) if pairings else []
    allocations = confirmed_allocations(ids, first, last)
    by_year = defaultdict(Decimal)
    for rows in allocations.values():
        for o, _record in rows:
            by_year[o.year] += o.value
    root = etree.Element("iati-organisations", version=VERSION, **{
        "generated-datetime": timezone.now().replace(microsecond=0).isoformat()})
    org = etree.SubElement(root, "iati-organisation", **{
        "last-updated-datetime": timezone.now().replace(microsecond=0).isoformat(), "default-currency": "CNY"})
    org.set(XML_LANG, "en")
    etree.SubElement(org, "organisation-identifier").text = org_ref(unit)
    _narratives(org, "name", unit.name_en, unit.name_zh)
    _org(org, "reporting-org", unit)
    for year in sorted(y for y in by_year if datetime.date(y, 1, 1) <= today):
        b = etree.SubElement(org, "total-budget", status="2")
        etree.SubElement(b, "period-start", **{"iso-date": f"{year}-01-01"})
        etree.SubElement(b, "period-end", **{"iso-date": f"{year}-12-31"})
        _value(b, "value", by_year[year], datetime.date(year, 1, 1))
    for year in sorted(y for y in by_year if y < today.year):
        e = etree.SubElement(org, "total-expenditure")
        etree.SubElement(e, "period-start", **{"iso-date": f"{year}-01-01"})
        etree.SubElement(e, "period-end", **{"iso-date": f"{year}-12-31"})
        _value(e, "value", by_year[year], datetime.date(year, 12, 31))
    return root


def to_bytes(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def activity_file(pairing, years=None) -> bytes:
    """The checked activity file; raises rules.IatiProblems listing every problem instead."""
    return to_bytes(validate(activities_tree(pairing, years), "activities"))


def organisation_file(unit, years=None) -> bytes:
    return to_bytes(validate(organisation_tree(unit, years), "organisations"))
