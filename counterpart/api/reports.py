"""Reports as JSON: the same figures as the report pages (reports/national.py, reports/annual.py) and the
assessment's scorecards (plans/assessment.py)."""
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Router

from counterpart.api import serialise
from counterpart.api.core import ApiError, django_errors, error, signed_in
from counterpart.api.schemas import AnnualOut, Errors, NationalOut, ScorecardPage
from counterpart.pairings.models import Pairing

router = Router()


def _totals(found: dict, indicators: dict) -> list[dict]:
    out = []
    for key, fig in sorted(found.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        year, code = key[0], key[1]
        if len(key) > 2 and key[2]:
            continue  # a breakdown, listed under breakdowns
        ind = indicators.get(code)
        out.append({"year": year, "indicator": code, "value": serialise.num(fig.value), "qualifier": fig.qualifier,
                    "unit": ind.unit if ind else ""})
    return out


@router.get("/reports/national/{year}", response={200: NationalOut, 400: Errors}, tags=["reports"])
def national(request, year: int):
    """The national overview for a year: official (confirmed) and reported totals, breakdowns, top pairings."""
    from counterpart.reports.national import national_data, summary_sentence

    try:
        data = national_data(year)
    except ValidationError as exc:
        raise ApiError(400, django_errors(exc)) from None
    inds = data["indicators"]
    lang = "zh-hans" if (get_language() or "zh").startswith("zh") else "en"
    breakdowns = [{"dim": dim, "value": value, "indicator": "gov_aid_funds", "total": serialise.num(fig.value)}
                  for dim, values in data["breakdowns"].items() for value, fig in sorted(values.items())]
    return {"year": data["year"], "years": data["years"], "summary": summary_sentence(data, lang),
            "official": _totals(data["official"], inds), "reported": _totals(data["reported"], inds),
            "breakdowns": breakdowns,
            "top": [{"pairing": p.pk, "name_en": p.name_en, "name_zh": p.name_zh, "value": serialise.num(f.value)}
                    for p, f in data["top"]]}


@router.get("/reports/annual/{pairing}/{year}", response={200: AnnualOut, 400: Errors, 401: Errors, 404: Errors},
            tags=["reports"])
def annual(request, pairing: int, year: int):
    """A pairing's annual report data (signed in, as the annual report page)."""
    from counterpart.reports.annual import annual_data

    user = signed_in(request)
    p = Pairing.objects.select_related("donor", "recipient").filter(pk=pairing).first()
    if p is None:
        raise error(404, _("Not found."))
    try:
        data = annual_data(p, year)
    except ValidationError as exc:
        raise ApiError(400, django_errors(exc)) from None
    inds = data["indicators"]
    children = [{"pairing": c.pk, "name_en": c.name_en, "name_zh": c.name_zh,
                 "totals": {code: serialise.num(f.value) for code, f in data["child_totals"].get(c.pk, {}).items()}}
                for c in data["children"]]
    return {"pairing": p.pk, "year": data["year"], "years": data["years"],
            "official": _totals(data["official"], inds), "reported": _totals(data["reported"], inds),
            "funds_by_year": {str(y): serialise.num(f.value) for y, f in data["funds_by_year"].items()},
            "children": children, "observations": serialise.observations(data["observations"], user)}


@router.get("/assessment/{year}", response={200: ScorecardPage, 400: Errors}, tags=["reports"])
def scorecards(request, year: int, pairing: int | None = None, level: str | None = None, limit: int = 100):
    """The year's scorecards of pairings against their annual plans, ranked (as the assessment page)."""
    from counterpart.plans.assessment import assess

    if limit < 1 or limit > 1000:
        raise error(400, _("Between 1 and %(n)s.") % {"n": 1000}, "limit")
    try:
        result = assess(year, pairing_ids=[pairing] if pairing is not None else None)
    except ValidationError as exc:
        raise ApiError(400, django_errors(exc)) from None
    cards = [c for c in result.scorecards if not level or c.level == level][:limit]
    result.load(cards)
    names = {p.pk: p for p in Pairing.objects.filter(pk__in=[c.pairing_id for c in cards])
             .select_related("donor", "recipient")}
    codes = {pk: i.code for pk, i in result.indicators.items()}
    out = []
    for c in cards:
        p = names.get(c.pairing_id)
        out.append({"pairing": c.pairing_id, "name_en": p.name_en if p else "", "name_zh": p.name_zh if p else "",
                    "year": year, "score": serialise.num(c.score), "rank": c.rank,
                    "items": [{"indicator": codes.get(i.indicator_id, str(i.indicator_id)),
                               "target": serialise.num(i.target), "actual": serialise.num(i.actual),
                               "rate": serialise.num(i.rate)} for i in (c.items or [])]})
    return {"year": year, "items": out}
