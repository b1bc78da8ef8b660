"""The public portal of confirmed figures (/public/figures/, /public/data/) and the IATI files (/iati/).
Everything here reads confirmed figures only and needs no login."""
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from counterpart.geo.models import Region
from counterpart.indicators.formatting import format_figure
from counterpart.opendata import downloads
from counterpart.opendata.iati import build
from counterpart.opendata.iati.rules import IatiProblems
from counterpart.pairings.models import Pairing, PairingLevel, Unit, UnitKind

PAGE = 200


def _lang():
    return get_language() or "zh-hans"


def _int(value, field):
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: _("“%(v)s” is not a number.") % {"v": value}}) from None


def _filters(request) -> dict:
    get = request.GET
    return {"year": _int(get.get("year"), "year"), "indicator": get.get("indicator") or None,
            "pairing": _int(get.get("pairing"), "pairing"),
            "donor_province": get.get("donor_province") or None,
            "recipient_province": get.get("recipient_province") or None}


def citation(request) -> str:
    return _("Counterpart, confirmed figures of East–West pairing-off cooperation, %(url)s, licensed %(licence)s, "
             "retrieved %(date)s.") % {"url": request.build_absolute_uri("/public/data/"),
                                         "licence": downloads.LICENCE,
                                         "date": timezone.localdate().isoformat()}


def _figure(obs, lang):
    ind = obs.indicator
    return format_figure(obs.value, obs.qualifier, ind.unit, ind.unit_zh if lang.startswith("zh") else ind.unit_en,
                         lang)


def _totals(f, lang):
    """The filtered figures' totals by year and indicator, counted once (reports/aggregation.py)."""
    from counterpart.reports import aggregation as agg

    question = {}
    if f["year"]:
        question["years"] = [f["year"]]
    if f["indicator"]:
        question["indicators"] = [f["indicator"]]
    if f["pairing"]:
        question["pairing"] = f["pairing"]
    for side in ("donor", "recipient"):
        code = f[f"{side}_province"]
        if code:
            region = Region.objects.filter(adcode=code, level=1).first()
            if region is None:
                return []
            question[f"{side}_region"] = region
    found = agg.totals(by=["year", "indicator"], basis="confirmed", **question)
    inds = {i.pk: i for i in downloads.indicators()}
    rows = []
    for (year, ind_id), fig in sorted(found.items(), key=lambda kv: (-kv[0][0], inds[kv[0][1]].position)):
        ind = inds[ind_id]
        rows.append({"year": year, "indicator": ind, "label": ind.label(lang),
                     "text": format_figure(fig.value, fig.qualifier, ind.unit,
                                           ind.unit_zh if lang.startswith("zh") else ind.unit_en, lang),
                     "n": fig.n})
    return rows


def figures(request):
    """Confirmed figures by year, province (either side), indicator and pairing; each with its source."""
    lang = _lang()
    errors = []
    try:
        f = _filters(request)
        after = _int(request.GET.get("after"), "after") or 0
    except ValidationError as exc:
        errors = exc.messages
        f, after = {"year": None, "indicator": None, "pairing": None, "donor_province": None,
                    "recipient_province": None}, 0
    pairing = Pairing.objects.select_related("donor", "recipient", "parent").filter(pk=f["pairing"]).first() \
        if f["pairing"] else None
    qs = downloads.confirmed_observations(**f)
    rows = list(qs.filter(pk__gt=after).select_related("indicator", "span__document", "pairing__donor",
                                                       "pairing__recipient", "entered_by__profile__unit")
                .order_by("pk")[:PAGE + 1])
    more = len(rows) > PAGE
    rows = rows[:PAGE]
    items = [{"obs": o, "text": _figure(o, lang), "label": o.indicator.label(lang),
              "source_url": downloads.source_url(o), "quote": o.span.text if o.span_id else "",
              "office": (o.entered_by.profile.unit.display_name(lang)
                         if o.entered_by_id and getattr(o.entered_by, "profile", None)
                         and o.entered_by.profile.unit_id else "")}
             for o in rows]
    query = request.GET.copy()
    query.pop("after", None)
    next_query = None
    if more:
        query["after"] = rows[-1].pk
        next_query = query.urlencode()
    download_query = request.GET.copy()
    download_query.pop("after", None)
    children = []
    if pairing is not None:
        children = list(Pairing.objects.filter(parent=pairing).exclude(level=PairingLevel.ENTERPRISE_VILLAGE)
                        .select_related("donor", "recipient").order_by("pk")[:100])
    return render(request, "opendata/figures.html", {
        "f": f, "pairing": pairing, "children": children, "items": items, "next_query": next_query,
        "totals": _totals(f, lang) if not errors else [], "errors": errors, "lang": lang,
        "indicators": downloads.indicators(), "provinces": downloads.provinces(),
        "download_query": download_query.urlencode(), "tree": downloads.tree_nodes() if pairing is None else []})


def data(request):
    """Downloads, their licence and how to cite them."""
    return render(request, "opendata/data.html", {
        "citation": citation(request), "licence": downloads.LICENCE, "licence_url": downloads.LICENCE_URL,
        "indicators": downloads.indicators(), "provinces": downloads.provinces(), "lang": _lang(),
        "closed_years": closed_years(), "query": request.GET.urlencode()})


def closed_years():
    """Every close of a year, latest year first: each revision stays downloadable as it was published."""
    from counterpart.closing.models import Revision

    return list(Revision.objects.order_by("-year", "-number"))


def _download_qs(request):
    try:
        return downloads.confirmed_observations(**_filters(request))
    except ValidationError as exc:
        raise Http404(" ".join(exc.messages)) from None


def _attachment(response, name):
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Licence"] = f"{downloads.LICENCE} {downloads.LICENCE_URL}"
    return response


def download_csv(request):
    qs = _download_qs(request)
    return _attachment(StreamingHttpResponse(downloads.csv_chunks(qs), content_type="text/csv; charset=utf-8"),
                       "counterpart-confirmed-observations.csv")


def download_jsonl(request):
    qs = _download_qs(request)
    return _attachment(StreamingHttpResponse(downloads.jsonl_chunks(qs), content_type="application/x-ndjson"),
                       "counterpart-confirmed-observations.jsonl")


def download_xlsx(request):
    qs = _download_qs(request)
    if qs[downloads.XLSX_MAX_ROWS:downloads.XLSX_MAX_ROWS + 1].exists():
        return render(request, "opendata/too_big.html", {"limit": downloads.XLSX_MAX_ROWS,
                                                         "query": request.GET.urlencode()}, status=413)
    return _attachment(HttpResponse(
        downloads.xlsx_bytes(qs, citation(request)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        "counterpart-confirmed-observations.xlsx")


# ---- IATI ----

def donor_unit(text: str) -> Unit:
    """A donor office by its GB/T 2260 code (or an organisation's id as ORG-<id>)."""
    text = (text or "").strip()
    unit = None
    if text.upper().startswith("ORG-") and text[4:].isdigit():
        unit = Unit.objects.exclude(kind=UnitKind.REGION).filter(pk=int(text[4:])).first()
    elif text.isdigit():
        unit = Unit.objects.filter(kind=UnitKind.REGION, region__adcode=text).select_related("region").first()
    else:
        unit = (Unit.objects.filter(kind=UnitKind.REGION, name_en__iexact=text).select_related("region").first()
                or Unit.objects.filter(kind=UnitKind.REGION, name_zh=text).select_related("region").first())
    if unit is None or not Pairing.objects.filter(donor=unit).exists():
        raise ValidationError({"organisation": _("“%(t)s” is not the donor of any pairing.") % {"t": text}})
    return unit


def iati_index(request):
    roots = list(Pairing.objects.filter(parent__isnull=True).exclude(level=PairingLevel.ENTERPRISE_VILLAGE)
                 .select_related("donor__region", "recipient").order_by("donor__name_en", "pk")[:500])
    donors = {p.donor.pk: p.donor for p in roots}
    return render(request, "opendata/iati.html", {
        "pairings": roots, "donors": sorted(donors.values(), key=lambda u: u.name_en), "lang": _lang(),
        "org_code": lambda u: u.region.adcode})


def _xml_or_problems(request, make):
    try:
        data = make()
    except ValidationError as exc:
        return render(request, "opendata/iati_refused.html", {"problems": exc.messages}, status=400)
    except IatiProblems as exc:
        return render(request, "opendata/iati_refused.html", {"problems": exc.problems}, status=422)
    return HttpResponse(data, content_type="application/xml; charset=utf-8")


def iati_activities(request, pk):
    pairing = Pairing.objects.select_related("donor__region", "recipient__region").filter(pk=pk).first()
    if pairing is None:
        raise Http404("No such pairing")
    return _xml_or_problems(request, lambda: build.activity_file(pairing, request.GET.get("years")))


def iati_organisation(request, code):
    return _xml_or_problems(request, lambda: build.organisation_file(donor_unit(code), request.GET.get("years")))
