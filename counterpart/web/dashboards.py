"""Dashboards (offices, national office) and the public pages of confirmed figures."""
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
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


def _map(request, pairing, language, public, title):
    """The map's SVG for the nation (pairing None) or a pairing's tree, cached per data version and language."""

    def build():
        links = maps.pairing_links(_map_pairings(pairing), language, _href(public))
        return str(maps.china_map(links, title=title, base_href=reverse("map_base")))

    scope = f"{pairing.pk if pairing is not None else 'nation'}:{'public' if public else 'office'}"
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
    data = dashboard.dashboard(pairing, year, language)
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
        ctx = _context(None, _year(request), language, public=False)
        visible = None if access.is_national(user) else access.visible_pairings(user).values("pk")
        ctx["open"] = dashboard.open_items(visible)
        ctx["map"] = _map(request, None, language, False, _("Pairings: a line from every donor to its recipients"))
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
        ctx["map"] = _map(request, None, language, True, _("Pairings: a line from every donor to its recipients"))
        ctx["pairings"] = list(Pairing.objects.filter(parent__isnull=True).select_related("donor", "recipient")
                               .order_by("pk"))
        return ctx

    return _page(request, "web/public.html", "web/_public_body.html", "public", build)


def public_pairing(request, pk):
    pairing = get_object_or_404(Pairing.objects.select_related("donor__region", "recipient__region", "parent"),
                                pk=pk)

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
