"""Dashboards (offices, national office) and the public pages of confirmed figures."""
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from counterpart.accounts import access
from counterpart.pairings.models import Pairing
from counterpart.web import charts, dashboard, maps


def lang():
    return get_language() or "en"


def _year(request):
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return None


def _all_pairings():
    return list(Pairing.objects.select_related("donor__region", "recipient__region").order_by("pk"))


_MAP_CACHE: dict = {}


def _map(scope_pk, language, public, title):
    """The map's SVG for the nation (scope None) or a pairing's tree; kept per process until a pairing
    is added or removed (the pairing table's count and last id change)."""
    from django.db.models import Count, Max

    sig = Pairing.objects.aggregate(n=Count("pk"), top=Max("pk"))
    key = (scope_pk, language, public, sig["n"], sig["top"])
    svg = _MAP_CACHE.get(key)
    if svg is None:
        pairings = _all_pairings()
        if scope_pk is not None:
            scope = set(Pairing.objects.get(pk=scope_pk).descendant_ids())
            pairings = [p for p in pairings if p.pk in scope]
        svg = maps.china_map(maps.pairing_links(pairings, language, _href(public)), title=title,
                             base_href=reverse("map_base"))
        if len(_MAP_CACHE) > 2000:
            _MAP_CACHE.clear()
        _MAP_CACHE[key] = svg
    return svg


def map_base(request):
    response = HttpResponse(maps.base_svg(), content_type="image/svg+xml")
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


@login_required
def national_dashboard(request):
    user = request.user
    language = lang()
    ctx = _context(None, _year(request), language, public=False)
    visible = None if access.is_national(user) else set(access.visible_pairings(user).values_list("pk", flat=True))
    ctx["open"] = dashboard.open_items(visible)
    ctx["map"] = _map(None, language, False, _("Pairings: a line from every donor to its recipients"))
    return render(request, "web/dashboard.html", ctx)


@login_required
def pairing_dashboard(request, pk):
    pairing = access.access_pairing(request.user, pk)
    language = lang()
    ctx = _context(pairing, _year(request), language, public=False)
    ctx["pairing"] = pairing
    ctx["open"] = dashboard.open_items(pairing.descendant_ids())
    ctx["map"] = _map(pairing.pk, language, False, pairing.display_name(language))
    return render(request, "web/dashboard.html", ctx)


def public_national(request):
    language = lang()
    ctx = _context(None, _year(request), language, public=True)
    ctx["map"] = _map(None, language, True, _("Pairings: a line from every donor to its recipients"))
    ctx["pairings"] = list(Pairing.objects.filter(parent__isnull=True).select_related("donor", "recipient")
                           .order_by("pk"))
    return render(request, "web/public.html", ctx)


def public_pairing(request, pk):
    pairing = get_object_or_404(Pairing.objects.select_related("donor__region", "recipient__region", "parent"),
                                pk=pk)
    language = lang()
    ctx = _context(pairing, _year(request), language, public=True)
    ctx["pairing"] = pairing
    ctx["map"] = _map(pairing.pk, language, True, pairing.display_name(language))
    ctx["pairings"] = list(pairing.children.select_related("donor", "recipient").order_by("pk"))
    return render(request, "web/public.html", ctx)


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
