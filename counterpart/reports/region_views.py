"""Region pages: what a place received or gave, from or to whom, in which years; and their downloads.

Public: official (confirmed) figures for everyone. The national office may also ask for every reported
figure (?basis=reported). Signed-in offices and the national office get each figure linked to its
record (the record page decides what they may see there).
"""
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from counterpart.accounts import access
from counterpart.geo.models import Region
from counterpart.geo.names import name_as_of
from counterpart.reports.regional import SIDES, region_data, region_document
from counterpart.reports.render import FORMATS, filename
from counterpart.reports.render import render as render_doc
from counterpart.reports.render.html_format import body

SEARCH_RESULTS = 30


def _lang(request) -> str:
    wanted = request.GET.get("lang") or get_language() or "zh-hans"
    return "zh-hans" if wanted.startswith("zh") else "en"


def _region(adcode: str) -> Region:
    """The region for a code in the address; any other text is not found (never an error page)."""
    if not adcode.isdigit() or len(adcode) not in (6, 9, 12):
        raise Http404(_("No such region"))
    region = Region.objects.select_related("parent__parent").filter(adcode=adcode).first()
    if region is None:
        raise Http404(_("No such region"))
    return region


def regions(request):
    """Find a region by name (the gazetteer's resolver, then a name search) or pick a province."""
    from counterpart.geo.gazetteer import get_gazetteer

    query = (request.GET.get("q") or "").strip()[:60]
    found = []
    if query:
        # The resolver knows short and former names (贵州, 平坝县); it only reads the shipped gazetteer.
        codes = [p.adcode for p in get_gazetteer().resolve(query).candidates]
        by_code = Region.objects.in_bulk(codes, field_name="adcode")
        found = [by_code[c] for c in codes if c in by_code]
        found += list(Region.objects.filter(name_zh__contains=query).order_by("level", "adcode")[:SEARCH_RESULTS])
        if query.isascii():
            found += list(Region.objects.filter(name_en__icontains=query).order_by("level", "adcode")[:SEARCH_RESULTS])
        seen, unique = set(), []
        for r in found:
            if r.pk not in seen and r.level <= 3:
                seen.add(r.pk)
                unique.append(r)
        found = unique[:SEARCH_RESULTS]
    provinces = Region.objects.filter(level=1).order_by("adcode")
    return render(request, "reports/regions.html", {"query": query, "found": found, "provinces": provinces,
                                                    "lang": _lang(request)})


def region(request, adcode):
    place = _region(adcode)
    side = request.GET.get("side", "recipient")
    if side not in SIDES:
        raise Http404(_("No such view of a region"))
    basis = "reported" if request.GET.get("basis") == "reported" and access.is_national(request.user) else "confirmed"
    fmt = request.GET.get("format")
    if fmt is not None and fmt not in FORMATS:
        raise Http404(_("“%(f)s” is not a report format (choose %(ok)s).") % {"f": fmt, "ok": ", ".join(FORMATS)})
    lang = _lang(request)
    links = request.user.is_authenticated and (access.is_national(request.user) or access.is_office(request.user))
    doc = region_document(region_data(place, side, basis), lang, record_links=bool(links) and not fmt)
    if fmt:
        response = HttpResponse(render_doc(doc, fmt), content_type=FORMATS[fmt][0])
        response["Content-Disposition"] = f'attachment; filename="{filename(doc, fmt)}"'
        return response
    children = list(Region.objects.filter(parent=place, level__lte=3).order_by("adcode"))
    return render(request, "reports/region.html", {
        "doc": doc, "body": body(doc), "formats": list(FORMATS), "region": place, "side": side, "basis": basis,
        "name": name_as_of(place, None, lang), "ancestors": place.ancestors(), "children": children,
        "lang": lang, "can_see_reported": access.is_national(request.user)})
