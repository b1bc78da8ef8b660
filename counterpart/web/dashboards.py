"""Dashboards (offices, national office) and the public pages of confirmed figures."""
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from counterpart.accounts import access
from counterpart.pairings.models import Pairing, PairingLevel
from counterpart.web import cache as page_cache
from counterpart.web import charts, dashboard, maps


def lang():
    return get_language() or "en"


def _year(request):
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return None


def _map_pairings(pairing=None):
    """The pairings a map draws: for the nation, the province- and city-level pairings (one line each, the
    enterprise–village pairings below would be tens of thousands of lines on one page); for a pairing, its
    government pairings at every depth and its own direct sub-pairings of any kind."""
    base = Pairing.objects.select_related("donor__region", "recipient__region").order_by("pk")
    if pairing is None:
        return list(base.exclude(level=PairingLevel.ENTERPRISE_VILLAGE)
                    .filter(Q(parent__isnull=True) | Q(parent__parent__isnull=True)))
    ids, frontier = [pairing.pk], [pairing.pk]
    first = True
    while frontier:
        below = Pairing.objects.filter(parent_id__in=frontier)
        if not first:
            below = below.exclude(level=PairingLevel.ENTERPRISE_VILLAGE)
        frontier = list(below.values_list("pk", flat=True))
        ids.extend(frontier)
        first = False
    return list(base.filter(pk__in=ids))


def _map_values(year, language) -> dict:
    """Provinces coloured by the confirmed government aid they received in the year."""
    from counterpart.geo.models import Region
    from counterpart.indicators.formatting import format_figure
    from counterpart.reports.aggregation import region_totals

    if year is None:
        return {}
    received = region_totals(side="recipient", indicators="gov_aid_funds", years=year)
    names = {r.pk: r for r in Region.objects.filter(pk__in=list(received))}
    out = {}
    for region_id, fig in received.items():
        region = names.get(region_id)
        if region is not None and fig.value:
            text = format_figure(fig.value, fig.qualifier, "CNY", "", language)
            name = region.name_zh if language.startswith("zh") else region.name_en
            out[region.adcode[:2]] = (fig.value, f"{name}：{text}" if language.startswith("zh") else f"{name}: {text}",
                                      text)
    return out


def _map_sites(pairings) -> list:
    """Project villages (or their county, when the village has no point) of these pairings."""
    from counterpart.ledger.models import Project

    rows = (Project.objects.filter(pairing_id__in=[p.pk for p in pairings], location__isnull=False)
            .values_list("location__adcode", "title").order_by("pk")[:500])
    return list(rows)


def _map(request, pairing, language, public, title, year=None):
    """The map's SVG for the nation (pairing None) or a pairing's tree, cached per data version and language.

    The nation's map colours the provinces by the aid they received in the year; a pairing's map shows its
    own area, with the villages of its projects."""

    def build():
        pairings = _map_pairings(pairing)
        links = maps.pairing_links(pairings, language, _href(public))
        if pairing is None:
            values = _map_values(year, language)
            legend = _("%(year)s: government aid received (confirmed)") % {"year": year} if values else ""
            return str(maps.china_map(links, title=title, base_href=reverse("map_base"), values=values,
                                      legend=legend))
        return str(maps.china_map(links, title=title, base_href=reverse("map_base"), villages=_map_sites(pairings),
                                  zoom=True))

    scope = f"{pairing.pk if pairing is not None else 'nation'}:{'public' if public else 'office'}:{year}"
    return mark_safe(page_cache.cached_value(request, "map", scope, build))


def map_base(request):
    """The simplified outlines (built once per process), compressed when the browser accepts it."""
    etag = maps.base_etag()
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    elif "gzip" in request.headers.get("Accept-Encoding", ""):
        response = HttpResponse(maps.base_svg_gzip(), content_type="image/svg+xml")
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(maps.base_svg(), content_type="image/svg+xml")
    response["ETag"] = etag
    response["Vary"] = "Accept-Encoding"
    response["Cache-Control"] = "public, max-age=86400"
    return response


def _context(pairing, year, language, public):
    # The public reads confirmed figures only: nothing reported and unconfirmed is drawn, counted or noted.
    data = dashboard.dashboard(pairing, year, language, unconfirmed=not public)
    unconfirmed = _("reported, not yet confirmed")
    title_year = _("%(label)s by year") % {"label": data["main_label"]}
    return {
        **data,
        "lang": language,
        "public": public,
        "note": dashboard.unconfirmed_note(data["headline"]),
        "chart_years": charts.bar_chart(data["by_year"], title=title_year, extra_label=unconfirmed),
        "chart_years_title": title_year,
        "chart_money": charts.hbar_chart(data["money_channels"], title=_("Money by channel")),
        "chart_people": charts.hbar_chart(data["people_channels"], title=_("People by channel")),
    }


def _href(public):
    if public:
        return lambda p: reverse("public_pairing", args=[p.pk])
    return lambda p: reverse("pairing_dashboard", args=[p.pk])


def _page(request, template, body_template, scope, build, **page):
    """The page with its body from the cache (counterpart/web/cache.py); `build` makes the body's context."""
    body = page_cache.cached(request, body_template, scope,
                             lambda: page_cache.render_body(request, body_template, build()))
    return page_cache.mark(render(request, template, {**page, "body": body}), request)


@login_required
def national_dashboard(request):
    user = request.user

    def build():
        language = lang()
        # The nation's unconfirmed totals are the national office's; an office sees its own pairings' open
        # items below, and the nation's confirmed figures as everyone does.
        ctx = _context(None, _year(request), language, public=not access.can_see_unconfirmed_totals(user))
        visible = None if access.is_national(user) else access.visible_pairings(user).values("pk")
        ctx["open"] = dashboard.open_items(visible)
        ctx["map"] = _map(request, None, language, False, _("Pairings: a line from every donor to its recipients"),
                          ctx["year"])
        return ctx

    return _page(request, "web/dashboard.html", "web/_dashboard_body.html", access.cache_scope(user), build)


@login_required
def pairing_dashboard(request, pk):
    pairing = access.access_pairing(request.user, pk)

    def build():
        language = lang()
        ctx = _context(pairing, _year(request), language, public=False)
        ctx["pairing"] = pairing
        ctx["open"] = dashboard.open_items(tree=pairing.pk)
        ctx["map"] = _map(request, pairing, language, False, pairing.display_name(language))
        return ctx

    return _page(request, "web/dashboard.html", "web/_dashboard_body.html", access.cache_scope(request.user),
                 build, pairing=pairing)


def public_national(request):
    """Confirmed figures only, the same body for everyone (signed in or not)."""

    def build():
        language = lang()
        ctx = _context(None, _year(request), language, public=True)
        ctx["map"] = _map(request, None, language, True, _("Pairings: a line from every donor to its recipients"),
                          ctx["year"])
        ctx["pairings"] = list(Pairing.objects.filter(parent__isnull=True).select_related("donor", "recipient")
                               .order_by("pk"))
        return ctx

    return _page(request, "web/public.html", "web/_public_body.html", "public", build)


def public_pairing(request, pk):
    pairing = access.access_public_pairing(pk)

    def build():
        language = lang()
        ctx = _context(pairing, _year(request), language, public=True)
        ctx["pairing"] = pairing
        ctx["map"] = _map(request, pairing, language, True, pairing.display_name(language))
        ctx["pairings"] = list(pairing.children.select_related("donor", "recipient").order_by("pk"))
        return ctx

    return _page(request, "web/public.html", "web/_public_body.html", "public", build, pairing=pairing)


def sitemap(request):
    """The public pages for search engines."""
    urls = [request.build_absolute_uri(reverse("public"))]
    urls += [request.build_absolute_uri(reverse("public_pairing", args=[pk]))
             for pk in Pairing.objects.order_by("pk").values_list("pk", flat=True)]
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "".join(f"  <url><loc>{u}</loc></url>\n" for u in urls) + "</urlset>\n")
    return HttpResponse(body, content_type="application/xml")


def robots(request):
    return HttpResponse(f"User-agent: *\nAllow: /public/\nDisallow: /admin/\nSitemap: "
                        f"{request.build_absolute_uri(reverse('sitemap'))}\n", content_type="text/plain")


def no_such_page():
    raise Http404
