"""Pages: the year's ranking, one pairing's scorecard and plan (with adjustments), weights, agreements."""
import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from counterpart.accounts.access import is_national, sides_of
from counterpart.indicators.formatting import format_figure
from counterpart.pairings.models import Agreement, Pairing, PairingLevel
from counterpart.plans.actions import do_adjust_plan_item, do_set_weights
from counterpart.plans.assessment import assess, current_weights, item_evidence
from counterpart.plans.forms import AdjustmentForm, WeightsForm
from counterpart.plans.models import AnnualPlan, AssessmentWeights, PlanItem
from counterpart.plans.render import CONTENT_TYPES, FORMATS
from counterpart.plans.render import render as render_doc
from counterpart.plans.report import build

PAGE = 100
EVIDENCE_SHOWN = 20  # per target; a province pairing's actual can rest on thousands of figures


def _lang():
    return get_language() or "en"


def _as_of(request, year):
    """?as_of=YYYY-MM-DD; by default the current year is seen as of today, past years at their end."""
    raw = request.GET.get("as_of", "")
    if raw:
        try:
            return datetime.date.fromisoformat(raw)
        except ValueError:
            raise Http404("bad date") from None
    today = datetime.date.today()
    return today if today.year == year else None


def pct(fraction) -> str:
    """A fraction as a percentage string, exact: 0.125 -> '12.5'."""
    return f"{(Decimal(fraction) * 100).quantize(Decimal('0.1')).normalize():f}"


def _fig(ind, value, lang, qualifier="exact"):
    if value is None:
        return ""
    return format_figure(value, qualifier, ind.unit, ind.unit_zh if lang.startswith("zh") else ind.unit_en, lang)


def index(request):
    years = sorted(set(AnnualPlan.objects.values_list("year", flat=True)), reverse=True)
    agreements = (Agreement.objects.filter(pairing__in=Pairing.objects.all())
                  .select_related("pairing__donor", "pairing__recipient").order_by("-period_start", "pk"))
    return render(request, "plans/index.html", {
        "years": years, "agreements": agreements, "lang": _lang(),
        "weights": AssessmentWeights.objects.order_by("-version").first()})


def _assessment_or_message(request, year, **kw):
    try:
        return assess(year, as_of=_as_of(request, year), **kw), None
    except ValidationError as exc:
        return None, " ".join(m for ms in exc.message_dict.values() for m in ms)


def assessment(request, year):
    lang = _lang()
    result, error = _assessment_or_message(request, year)
    context = {"year": year, "lang": lang, "error": error, "formats": list(FORMATS),
               "levels": PairingLevel.choices}
    if result is not None:
        cards = result.scorecards
        level = request.GET.get("level", "")
        if level:
            cards = [c for c in cards if c.level == level]
        if request.GET.get("lagging"):
            cards = [c for c in cards if c.lagging]
        page = Paginator(cards, PAGE).get_page(request.GET.get("page"))
        names = {p.pk: p for p in Pairing.objects.filter(pk__in=[c.pairing_id for c in page])
                 .select_related("donor", "recipient")}
        context.update(result=result, page=page, level=level, lagging_only=bool(request.GET.get("lagging")),
                       rows=[{"card": c, "pairing": names[c.pairing_id]} for c in page],
                       weight_rows=_weight_rows(result.weights, result.indicators, lang),
                       margin=pct(result.weights.lag_margin))
    return render(request, "plans/assessment.html", context)


def _weight_rows(weights, indicators, lang):
    by_code = {i.code: i for i in indicators.values()}
    return [{"label": by_code[c].label(lang) if c in by_code else c, "code": c, "percent": pct(w)}
            for c, w in weights.weights.items()]


def scorecard(request, year, pk):
    lang = _lang()
    pairing = get_object_or_404(Pairing.objects.select_related("donor", "recipient", "parent"), pk=pk)
    result, error = _assessment_or_message(request, year, pairing_ids=[pk])
    card = result.by_pairing(pk) if result else None
    if result is not None and card is None:
        raise Http404("This pairing has no plan for that year.")
    plan = AnnualPlan.objects.select_related("derived_from", "span__document").get(pairing=pairing, year=year) \
        if card else None
    rows = []
    if card:
        evidence = item_evidence(result, card, limit=EVIDENCE_SHOWN)
        items = {i.pk: i for i in PlanItem.objects.filter(plan=plan).select_related(
            "pairing__donor", "pairing__recipient", "span__document").prefetch_related("adjustments__span__document")}
        for it in card.items:
            ind = result.indicators[it.indicator_id]
            item = items[it.item_id]
            rows.append({"r": it, "item": item, "ind": ind, "label": ind.label(lang),
                         "planned": _fig(ind, it.planned, lang, item.qualifier),
                         "adjusted": _fig(ind, it.adjusted, lang), "actual": _fig(ind, it.actual, lang),
                         "rate": None if it.rate is None else pct(it.rate),
                         "weight": pct(it.weight),
                         "adjustments": [{"a": a, "value": _fig(ind, a.value, lang)} for a in item.adjustments.all()],
                         "evidence": [{"o": o, "text": _fig(ind, o.value, lang, o.qualifier)}
                                      for o in evidence[it.item_id]],
                         "evidence_cut": len(evidence[it.item_id]) >= EVIDENCE_SHOWN})
    can_adjust = is_national(request.user) or bool(sides_of(request.user, pairing))
    return render(request, "plans/scorecard.html", {
        "year": year, "pairing": pairing, "lang": lang, "result": result, "card": card, "plan": plan,
        "rows": rows, "error": error, "can_adjust": can_adjust, "form": AdjustmentForm(), "formats": list(FORMATS),
        "expected": pct(result.expected) if result else None,
        "margin": pct(result.weights.lag_margin) if result else None})


def export(request, year, fmt):
    if fmt not in FORMATS:
        raise Http404("unknown format")
    pairing_ids = None
    if request.GET.get("pairing"):
        pairing_ids = [int(request.GET["pairing"])] if request.GET["pairing"].isdigit() else []
    result, error = _assessment_or_message(request, year, pairing_ids=pairing_ids)
    if error:
        return HttpResponse(error, status=409, content_type="text/plain; charset=utf-8")
    lang = request.GET.get("lang") or _lang()
    data = render_doc(build(result, lang), fmt)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    name = f"assessment-{year}{'-' + request.GET['pairing'] if pairing_ids else ''}-{lang[:2]}.{FORMATS[fmt]}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def adjust(request, pk):
    item = get_object_or_404(PlanItem.objects.select_related("plan__pairing__donor", "plan__pairing__recipient"),
                             pk=pk)
    pairing = item.plan.pairing
    if not (is_national(request.user) or sides_of(request.user, pairing)):
        raise Http404("No such plan item")
    form = AdjustmentForm(request.POST)
    if form.is_valid():
        try:
            do_adjust_plan_item(item, form.cleaned_data["value"], reason_kind=form.cleaned_data["reason_kind"],
                                reason=form.cleaned_data["reason"], approved_by=form.cleaned_data["approved_by"],
                                approved_on=form.cleaned_data["approved_on"],
                                date_precision=form.cleaned_data["date_precision"], entered_by=request.user)
            return redirect("plans:scorecard", year=item.plan.year, pk=pairing.pk)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
    return render(request, "plans/adjust.html", {"item": item, "form": form, "pairing": pairing,
                                                 "lang": _lang()}, status=400)


def weights(request):
    versions = AssessmentWeights.objects.select_related("set_by").order_by("-version")
    allowed = is_national(request.user)
    form = WeightsForm(initial={"weights": _initial_weights(versions.first())})
    status = 200
    if request.method == "POST":
        if not allowed:
            return HttpResponseForbidden(_("Only the national office sets the assessment weights."))
        form = WeightsForm(request.POST)
        if form.is_valid():
            try:
                made = do_set_weights(form.cleaned_data["weights"], form.cleaned_data["lag_margin"],
                                      set_by=request.user, note=form.cleaned_data["note"])
                return redirect(f"{request.path}#v{made.version}")
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, messages)
        status = 400
    from counterpart.indicators.models import Indicator

    indicators = {i.code: i for i in Indicator.objects.all()}
    lang = _lang()
    rows = [{"v": v, "weights": [{"label": indicators[c].label(lang) if c in indicators else c,
                                  "percent": pct(w)} for c, w in v.weights.items()],
             "margin": pct(v.lag_margin)} for v in versions]
    return render(request, "plans/weights.html", {"rows": rows, "form": form, "allowed": allowed, "lang": lang,
                                                  "codes": list(indicators.values())}, status=status)


def _initial_weights(latest):
    if latest is None:
        return ""
    return "\n".join(f"{c} = {w}" for c, w in latest.weights.items())


def agreement(request, pk):
    a = get_object_or_404(Agreement.objects.select_related("pairing__donor", "pairing__recipient"), pk=pk)
    lang = _lang()
    targets = [{"t": t, "label": t.indicator.label(lang), "value": _fig(t.indicator, t.value, lang, t.qualifier)}
               for t in a.targets.select_related("indicator", "pairing__donor", "pairing__recipient",
                                                 "span__document")]
    return render(request, "plans/agreement.html", {
        "a": a, "lang": lang, "sections": a.sections.select_related("span__document").order_by("pk"),
        "targets": targets, "plans": a.annual_plans.order_by("year")})


def weights_current(request):
    """The weights in force, as a small JSON (for other pages and scripts)."""
    from django.http import JsonResponse

    try:
        w = current_weights()
    except ValidationError:
        return JsonResponse({"version": None, "weights": {}})
    return JsonResponse({"version": w.version, "weights": w.weights, "lag_margin": str(w.lag_margin),
                         "set_at": w.set_at.isoformat()})
