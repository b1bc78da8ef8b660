"""Pages for browsing pairings, their figures and the documents the figures come from."""
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from counterpart.accounts import access
from counterpart.indicators.formatting import format_figure
from counterpart.indicators.models import Observation, Status
from counterpart.pairings.models import Pairing
from counterpart.sources.models import SourceDocument


def _lang():
    return get_language() or "en"


def visible_observations(request, pairing=None):
    """Everyone reads confirmed figures; the offices of a pairing (and the nation) also see what awaits
    confirmation or is disputed (accounts/access.py decides)."""
    qs = Observation.objects.exclude(status=Status.WITHDRAWN)
    if pairing is None or not access.can_see_pairing(request.user, pairing):
        qs = qs.filter(status=Status.CONFIRMED)
    return qs


def home(request):
    pairings = list(Pairing.objects.select_related("donor", "recipient").order_by("pk"))
    children = {}
    for p in pairings:
        children.setdefault(p.parent_id, []).append(p)

    def tree(parent_id):
        return [{"pairing": p, "children": tree(p.pk)} for p in children.get(parent_id, [])]

    visible = set(access.visible_pairings(request.user).values_list("pk", flat=True))
    return render(request, "web/home.html", {
        "visible": visible, "tree": tree(None), "documents": SourceDocument.objects.order_by("doc_id"), "lang": _lang()})


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


def pairing_detail(request, pk):
    pairing = get_object_or_404(Pairing.objects.select_related("donor", "recipient", "parent"), pk=pk)
    lang = _lang()
    scope = pairing.descendant_ids()
    observations = list(
        visible_observations(request, pairing).filter(pairing_id__in=scope)
        .select_related("indicator", "donor", "span__document", "pairing__donor", "pairing__recipient")
        .prefetch_related(Prefetch("recipients")).order_by("year", "indicator__position", "pk"))
    return render(request, "web/pairing.html", {
        "pairing": pairing, "lang": lang, "rows": figure_rows(observations, lang),
        "children": pairing.children.select_related("donor", "recipient"),
        "agreements": pairing.agreements.all(), "focus": pairing.focus.all(),
        "workspace": access.can_see_pairing(request.user, pairing),
        "can_enter": access.can_see_pairing(request.user, pairing) or access.is_organisation(request.user),
    })


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
