"""Pages for browsing pairings, their figures and the documents the figures come from."""
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from counterpart.accounts import access
from counterpart.indicators.formatting import format_figure
from counterpart.indicators.models import Observation, Status
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


# Above this many enterprise–village sub-pairings a pairing's tree node says how many there are and links to
# the pairing's page, instead of listing them all (a national database has about a hundred per county pairing).
TREE_EV_LIMIT = 20


def pairing_tree(user, lang) -> str:
    """The pairing tree as nested lists (HTML built here: a national tree has over a thousand nodes)."""
    from django.db.models import Count

    ev = PairingLevel.ENTERPRISE_VILLAGE
    ev_counts = dict(Pairing.objects.filter(level=ev, parent__isnull=False).values_list("parent_id")
                     .annotate(n=Count("pk")).order_by())
    collapsed = {parent for parent, n in ev_counts.items() if n > TREE_EV_LIMIT}
    qs = Pairing.objects.select_related("donor", "recipient").order_by("pk")
    if collapsed:
        qs = qs.exclude(level=ev, parent_id__in=collapsed) if len(collapsed) < 5000 else qs.exclude(
            level=ev, parent__isnull=False)
    pairings = list(qs)
    children = {}
    for p in pairings:
        children.setdefault(p.parent_id, []).append(p)
    levels = dict(PairingLevel.choices)
    dash_label, ev_label = _("Dashboard"), _("enterprise–village pairings")
    out = []

    def node(p):
        out.append(format_html('<li><a href="{}">{}</a>\n  <span class="muted small">{} · {}–{}',
                               reverse("pairing", args=[p.pk]), p.display_name(lang), levels.get(p.level, p.level),
                               p.start_year, p.end_year or ""))
        if access.can_see_pairing(user, p):
            out.append(format_html(' · <a href="{}">{}</a>', reverse("pairing_dashboard", args=[p.pk]), dash_label))
        if p.pk in collapsed:
            out.append(format_html(' · <a href="{}#sub-pairings">{} {}</a>', reverse("pairing", args=[p.pk]),
                                   ev_counts[p.pk], ev_label))
        out.append("</span>\n")
        kids = children.get(p.pk)
        if kids:
            out.append('  <ul class="tree">')
            for kid in kids:
                node(kid)
            out.append("</ul>\n")
        out.append("</li>\n")

    for p in children.get(None, []):
        node(p)
    return mark_safe("".join(out))


def home(request):
    def build():
        lang = _lang()
        return cache.render_body(request, "web/_home_body.html", {
            "tree": pairing_tree(request.user, lang), "documents": SourceDocument.objects.order_by("doc_id"),
            "lang": lang})

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
            o.value, o.qualifier, o.indicator.unit, o.indicator.unit_zh if lang.startswith("zh") else o.indicator.unit_en,
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
    pairing = get_object_or_404(Pairing.objects.select_related("donor", "recipient", "parent"), pk=pk)

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
            "can_enter": access.can_see_pairing(request.user, pairing) or access.is_organisation(request.user),
        })

    body = cache.cached(request, "pairing", access.cache_scope(request.user), build)
    return cache.mark(render(request, "web/pairing.html", {"pairing": pairing, "lang": _lang(), "body": body}),
                      request)


def document_detail(request, pk):
    doc = get_object_or_404(SourceDocument, pk=pk)
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
