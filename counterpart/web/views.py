"""Pages for browsing pairings, their figures and the documents the figures come from."""
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils.translation import get_language

from counterpart.accounts import access
from counterpart.indicators.formatting import format_figure
from counterpart.indicators.models import Observation, Status
from counterpart.locale_names import unit_label
from counterpart.pairings.models import Pairing, PairingLevel
from counterpart.sources.models import SourceDocument
from counterpart.web import cache


def _lang():
    return get_language() or "en"


def visible_observations(request, pairing=None):
    """Everyone reads confirmed figures; the offices of a pairing (and the nation) also see what awaits
    confirmation or is disputed (accounts/access.py decides)."""
    qs = Observation.objects.exclude(status=Status.WITHDRAWN)
    if pairing is None or not access.can_see_pairing(request.user, pairing):
        qs = qs.filter(status=Status.CONFIRMED)
    return qs


def _year_param(value):
    try:
        year = int(value)
    except (TypeError, ValueError):
        return None
    return year if 1949 <= year <= 2100 else None


def home(request):
    """An office's own pairings and inbox first; then a search over every pairing (name, level, year,
    region on either side), a page at a time; without a search, the top of each pairing tree."""
    from django.db.models import Count

    from counterpart.web import pairing_list

    q = (request.GET.get("q") or "").strip()[:80]
    level = request.GET.get("level", "")
    year = _year_param(request.GET.get("year"))
    region_text = (request.GET.get("region") or "").strip()[:40]

    def build():
        lang = _lang()
        region = pairing_list.region_named(region_text)
        searching = bool(q or level or year or region_text)
        page = None
        if searching:
            found = pairing_list.search_pairings(q=q, level=level, year=year, region=region)
            if region_text and region is None:
                found = found.none()  # a region nobody knows matches no pairing (the page says why)
            page = pairing_list.page_of(found, request.GET.get("page"))
        roots = list(Pairing.objects.filter(parent__isnull=True).select_related("donor", "recipient")
                     .annotate(n_children=Count("children")).order_by("pk")[:200])
        levels = dict(PairingLevel.choices)

        def row(p):
            return {"p": p, "name": p.display_name(lang), "level": levels.get(p.level, p.level),
                    "parent": p.parent.display_name(lang) if p.parent_id else "",
                    "workspace": access.can_see_pairing(request.user, p)}

        return cache.render_body(request, "web/_home_body.html", {
            "mine": [row(p) for p in pairing_list.my_pairings(request.user)], "office": access.is_office(request.user),
            "page": page, "rows": [row(p) for p in page.object_list] if page else [], "searching": searching,
            "roots": [{**row(p), "n": p.n_children} for p in roots], "q": q, "level": level, "year": year or "",
            "region_text": region_text, "region_unknown": bool(region_text) and region is None,
            "levels": PairingLevel.choices, "documents": access.visible_documents(request.user, SourceDocument.objects.order_by("doc_id")), "lang": lang})

    body = cache.cached(request, "home", access.cache_scope(request.user), build)
    return cache.mark(render(request, "web/home.html", {"body": body}), request)


def figure_rows(observations, lang):
    """Totals followed by their parts (indented), so nobody adds a total to its own parts."""
    by_parent = {}
    for o in observations:
        by_parent.setdefault(o.part_of_id, []).append(o)
    ids = {o.pk for o in observations}
    rows = []

    def walk(o, depth):
        rows.append({"obs": o, "depth": depth, "text": format_figure(
            o.value, o.qualifier, o.indicator.unit, unit_label(o.indicator, lang),
            lang)})
        for child in by_parent.get(o.pk, []):
            walk(child, depth + 1)

    for o in observations:
        if o.part_of_id is None or o.part_of_id not in ids:
            walk(o, 0)
    return rows


# A pairing page lists the figures of its whole tree up to this many pairings; a larger tree (a province's,
# with thousands of enterprise–village pairings) lists the pairing's own figures and links to the sub-pairings.
DETAIL_TREE_LIMIT = 200
DETAIL_ROWS = 1000


def pairing_detail(request, pk):
    pairing = access.access_public_pairing(pk)

    def build():
        lang = _lang()
        tree = pairing.descendant_ids()
        scope = tree if len(tree) <= DETAIL_TREE_LIMIT else [pairing.pk]
        qs = (visible_observations(request, pairing).filter(pairing_id__in=scope)
              .select_related("indicator", "donor", "span__document", "pairing__donor", "pairing__recipient",
                              "entered_by")
              .prefetch_related(Prefetch("recipients")).order_by("year", "indicator__position", "pk"))
        observations = list(qs[:DETAIL_ROWS + 1])
        more = len(observations) > DETAIL_ROWS
        return cache.render_body(request, "web/_pairing_body.html", {
            "pairing": pairing, "lang": lang, "rows": figure_rows(observations[:DETAIL_ROWS], lang),
            "limited": more or len(scope) < len(tree), "n_shown": min(len(observations), DETAIL_ROWS),
            "children": pairing.children.select_related("donor", "recipient").order_by("pk"),
            "agreements": pairing.agreements.all(), "focus": pairing.focus.all(),
            "workspace": access.can_see_pairing(request.user, pairing),
            "show_names": access.can_see_names(request.user, pairing),
            "can_enter": access.can_see_pairing(request.user, pairing) or access.is_organisation(request.user),
        })

    body = cache.cached(request, "pairing", access.cache_scope(request.user), build)
    return cache.mark(render(request, "web/pairing.html", {"pairing": pairing, "lang": _lang(), "body": body}),
                      request)


def document_detail(request, pk):
    doc = access.access_document(request.user, pk)
    spans = sorted({(o.span.start, o.span.end) for o in
                    visible_observations(request).filter(span__document=doc).select_related("span")})
    pieces, pos = [], 0
    for start, end in spans:
        if start < pos:  # overlapping evidence: highlight the first, keep the text whole
            continue
        pieces.append({"text": doc.text[pos:start], "mark": False})
        pieces.append({"text": doc.text[start:end], "mark": True, "id": f"s{start}-{end}"})
        pos = end
    pieces.append({"text": doc.text[pos:], "mark": False})
    return render(request, "web/document.html", {"doc": doc, "pieces": pieces})
