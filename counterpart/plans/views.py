"""Pages: the year's ranking, one pairing's scorecard and plan (with adjustments), weights, agreements."""
import datetime
from collections import Counter
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from counterpart.accounts.access import (
    access_agreement,
    access_plan,
    access_plan_item,
    access_planned_pairing,
    access_public_pairing,
    can_plan,
    can_see_names,
    can_set_weights,
    parse_id,
    visible_pairings,
)
from counterpart.audit.actions import do_log_change, snapshot
from counterpart.audit.models import Action
from counterpart.indicators.formatting import format_figure
from counterpart.locale_names import unit_label
from counterpart.pairings.actions import do_create_agreement, find_pairing
from counterpart.pairings.models import Agreement, Pairing, PairingLevel
from counterpart.plans.actions import (
    do_add_plan_item,
    do_add_target,
    do_adjust_plan_item,
    do_create_plan,
    do_derive_plan,
    do_set_agreement_section,
    do_set_weights,
)
from counterpart.plans.assessment import assess, current_weights, item_evidence
from counterpart.plans.forms import (
    AdjustmentForm,
    AgreementForm,
    DeriveForm,
    PlanForm,
    PlanItemForm,
    SectionForm,
    TargetForm,
    WeightsForm,
)
from counterpart.plans.models import AnnualPlan, AssessmentWeights, PlanItem
from counterpart.plans.render import CONTENT_TYPES, FORMATS
from counterpart.plans.render import render as render_doc
from counterpart.plans.report import build
from counterpart.web.params import id_param, lang_param

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
    return format_figure(value, qualifier, ind.unit, unit_label(ind, lang), lang)


MINE_SHOWN = 50


def index(request):
    lang = _lang()
    find_error = None
    wanted = request.GET.get("pairing", "").strip()
    if wanted:
        try:
            found = find_pairing(wanted)
            if can_plan(request.user, found):
                return redirect("plans:pairing", pk=found.pk)
            find_error = _("You do not enter plans for %(p)s.") % {"p": found.display_name(lang)}
        except ValidationError as exc:
            find_error = " ".join(m for ms in exc.message_dict.values() for m in ms)
    years = sorted(set(AnnualPlan.objects.values_list("year", flat=True)), reverse=True)
    agreements = (Agreement.objects.filter(pairing__in=Pairing.objects.all())
                  .select_related("pairing__donor", "pairing__recipient").order_by("-period_start", "pk"))
    mine = []
    if request.user.is_authenticated:
        # The top of each tree the user plans for (sub-pairings are reached from their pages).
        mine = [p for p in visible_pairings(request.user).exclude(level=PairingLevel.ENTERPRISE_VILLAGE)
                .order_by("parent_id", "pk")[:MINE_SHOWN]]
    return render(request, "plans/index.html", {
        "years": years, "agreements": agreements, "lang": lang, "mine": mine, "find_error": find_error,
        "wanted": wanted, "weights": AssessmentWeights.objects.order_by("-version").first()})


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
        result.load(list(page))  # a bulk assessment fills in the shown scorecards' items only
        names = {p.pk: p for p in Pairing.objects.filter(pk__in=[c.pairing_id for c in page])
                 .select_related("donor", "recipient")}
        tied, tied_in_level = _shared_ranks(result.scorecards)
        context.update(result=result, page=page, level=level, lagging_only=bool(request.GET.get("lagging")),
                       rows=[{"card": c, "pairing": names[c.pairing_id], "tied": c.rank in tied,
                              "tied_in_level": (c.level, c.rank_in_level) in tied_in_level} for c in page],
                       unplanned=_without_plan(year, level, {c.pairing_id for c in result.scorecards}),
                       weight_rows=_weight_rows(result.weights, result.indicators, lang),
                       margin=pct(result.weights.lag_margin))
    return render(request, "plans/assessment.html", context)


def _shared_ranks(cards) -> tuple[set, set]:
    """Ranks held by more than one pairing, overall and (level, rank) within a level: shown as ties."""
    overall, in_level = Counter(c.rank for c in cards if c.rank), Counter(
        (c.level, c.rank_in_level) for c in cards if c.rank_in_level)
    return {r for r, n in overall.items() if n > 1}, {k for k, n in in_level.items() if n > 1}


UNPLANNED_SHOWN = 50


def _without_plan(year, level, planned: set) -> dict:
    """Pairings running in the year with no plan for it: the ranking says who is missing, not only who is in.
    At national scale (100 k enterprise–village pairings) the first ones are listed and the rest counted."""
    running = Pairing.objects.filter(start_year__lte=year).filter(Q(end_year__isnull=True) | Q(end_year__gte=year))
    if level:
        running = running.filter(level=level)
    missing = running.exclude(pk__in=AnnualPlan.objects.filter(year=year).values("pairing_id"))
    shown = list(missing.select_related("donor", "recipient").order_by("level", "pk")[:UNPLANNED_SHOWN])
    count = missing.count() if len(shown) == UNPLANNED_SHOWN else len(shown)
    return {"shown": shown, "count": count, "more": count - len(shown)}


def _weight_rows(weights, indicators, lang):
    by_code = {i.code: i for i in indicators.values()}
    return [{"label": by_code[c].label(lang) if c in by_code else c, "code": c, "percent": pct(w)}
            for c, w in weights.weights.items()]


def scorecard(request, year, pk):
    lang = _lang()
    pairing = access_public_pairing(pk)
    result, error = _assessment_or_message(request, year, pairing_ids=[pairing.pk])
    card = result.by_pairing(pairing.pk) if result else None
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
    can_adjust = can_plan(request.user, pairing)
    return render(request, "plans/scorecard.html", {
        "year": year, "pairing": pairing, "lang": lang, "result": result, "card": card, "plan": plan,
        "rows": rows, "error": error, "can_adjust": can_adjust, "form": AdjustmentForm(), "formats": list(FORMATS),
        "show_names": can_see_names(request.user, pairing),
        "expected": pct(result.expected) if result else None,
        "margin": pct(result.weights.lag_margin) if result else None})


def export(request, year, fmt):
    if fmt not in FORMATS:
        raise Http404("unknown format")
    pairing_ids = None
    if request.GET.get("pairing"):
        wanted = id_param(request.GET["pairing"])
        if wanted is None:
            return HttpResponse(_("pairing: give a pairing's number."), status=400,
                                content_type="text/plain; charset=utf-8")
        pairing_ids = [wanted]
    lang = lang_param(request.GET.get("lang")) if request.GET.get("lang") else _lang()
    if lang is None:
        return HttpResponse(_("lang: use zh-hans or en."), status=400, content_type="text/plain; charset=utf-8")
    result, error = _assessment_or_message(request, year, pairing_ids=pairing_ids)
    if error:
        return HttpResponse(error, status=409, content_type="text/plain; charset=utf-8")
    data = render_doc(build(result, lang, usernames=can_see_names(request.user)), fmt)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    name = f"assessment-{year}{'-' + str(pairing_ids[0]) if pairing_ids else ''}-{lang[:2]}.{FORMATS[fmt]}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def adjust(request, pk):
    item = access_plan_item(request.user, pk)
    pairing = item.plan.pairing

    def act(data):
        do_adjust_plan_item(item, data["value"], reason_kind=data["reason_kind"], reason=data["reason"],
                            approved_by=data["approved_by"], approved_on=data["approved_on"],
                            date_precision=data["date_precision"], entered_by=request.user)
        if request.POST.get("next") == "plan":
            return redirect("plans:plan", pk=item.plan_id)
        return redirect("plans:scorecard", year=item.plan.year, pk=pairing.pk)

    return _submit(AdjustmentForm(request.POST), act, lambda form: render(
        request, "plans/adjust.html", {"item": item, "form": form, "pairing": pairing, "lang": _lang()}, status=400))


def weights(request):
    from counterpart.indicators.models import Indicator

    versions = AssessmentWeights.objects.select_related("set_by").order_by("-version")
    allowed = can_set_weights(request.user)
    lang = _lang()
    indicators = list(Indicator.objects.order_by("id"))
    form = WeightsForm(request.POST if request.method == "POST" else None, indicators=indicators, lang=lang,
                       latest=versions.first())
    status = 200
    if request.method == "POST":
        if not allowed:
            return HttpResponseForbidden(_("Only the national office sets the assessment weights."))
        if form.is_valid():
            try:
                made = do_set_weights(form.weights(), form.cleaned_data["lag_margin"],
                                      set_by=request.user, note=form.cleaned_data["note"])
                return redirect(f"{request.path}#v{made.version}")
            except ValidationError as exc:
                _add_errors(form, exc)
        status = 400
    by_code = {i.code: i for i in indicators}
    rows = [{"v": v, "weights": [{"label": by_code[c].label(lang) if c in by_code else c,
                                  "percent": pct(w)} for c, w in v.weights.items()],
             "margin": pct(v.lag_margin)} for v in versions]
    return render(request, "plans/weights.html", {"rows": rows, "form": form, "allowed": allowed, "lang": lang,
                                                  "show_names": can_see_names(request.user)}, status=status)


def agreement(request, pk, status=200, **forms):
    a = access_agreement(request.user, pk)
    lang = _lang()
    targets = [{"t": t, "label": t.indicator.label(lang), "value": _fig(t.indicator, t.value, lang, t.qualifier)}
               for t in a.targets.select_related("indicator", "pairing__donor", "pairing__recipient",
                                                 "span__document")]
    editable = can_plan(request.user, a.pairing)
    context = {"a": a, "lang": lang, "sections": a.sections.select_related("span__document").order_by("pk"),
               "targets": targets, "plans": a.annual_plans.order_by("year"), "editable": editable}
    if editable:
        target_years = sorted({t["t"].year for t in targets if t["t"].year is not None})
        context.update(
            section_form=forms.get("section_form") or SectionForm(),
            target_form=forms.get("target_form") or TargetForm(scope=a.pairing, lang=lang),
            derive_form=forms.get("derive_form") or DeriveForm(initial={"year": target_years[0]
                                                                       if target_years else ""}),
            target_years=target_years, indicator_codes=_indicator_codes(lang))
    return render(request, "plans/agreement.html", context, status=status)


def weights_current(request):
    """The weights in force, as a small JSON (for other pages and scripts)."""
    from django.http import JsonResponse

    try:
        w = current_weights()
    except ValidationError:
        return JsonResponse({"version": None, "weights": {}})
    return JsonResponse({"version": w.version, "weights": w.weights, "lag_margin": str(w.lag_margin),
                         "set_at": w.set_at.isoformat()})


# Entering agreements' targets and annual plans -------------------------------------------------------------

def _indicator_codes(lang):
    from counterpart.indicators.models import Indicator

    return [(i.code, i.label(lang)) for i in Indicator.objects.order_by("position", "code")]


def _add_errors(form, exc: ValidationError) -> None:
    """The action's errors on the form, each under the field it names."""
    for name, messages in exc.message_dict.items():
        form.add_error(name if name in form.fields else None, messages)


def _submit(form, act, redisplay):
    """The entry pages' one pattern: a valid form's action, which returns where to go next; else the page
    again (400) with the form's errors, or the action's under the fields they name."""
    if form.is_valid():
        try:
            return act(form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
    return redisplay(form)


def _planned_pairing(request, pk):
    """The pairing, if the user may enter its agreements and plans; otherwise 404 (not yours = not found)."""
    return access_planned_pairing(request.user, pk)


def _chosen_pairing(form, scope):
    """The sub-pairing a figure is for (the scope itself when none is chosen); checked by the action."""
    pk = form.cleaned_data.get("pairing")
    return Pairing.objects.filter(pk=parse_id(pk)).first() or scope if pk else scope


def pairing_plans(request, pk, status=200, **forms):
    """A pairing's agreements and annual plans, with the forms to enter new ones."""
    pairing = _planned_pairing(request, pk)
    lang = _lang()
    agreements = list(pairing.agreements.order_by("-period_start", "pk"))
    plans = list(pairing.annual_plans.select_related("derived_from").order_by("-year"))
    return render(request, "plans/pairing.html", {
        "pairing": pairing, "lang": lang, "agreements": agreements, "plans": plans,
        "agreement_form": forms.get("agreement_form") or AgreementForm(),
        "plan_form": forms.get("plan_form") or PlanForm(initial={"year": datetime.date.today().year}),
    }, status=status)


@require_POST
def new_agreement(request, pk):
    pairing = _planned_pairing(request, pk)

    def act(data):
        made = do_create_agreement(pairing, data["title_en"], data["period_start"], data["period_end"],
                                   title_zh=data["title_zh"], kind=data["kind"], date_signed=data["date_signed"],
                                   signatories=data["signatories"], text=data["text"])
        do_log_change(request.user, Action.CREATE, made, None, snapshot(made))
        return redirect("plans:agreement", pk=made.pk)

    return _submit(AgreementForm(request.POST), act,
                   lambda form: pairing_plans(request, pk, status=400, agreement_form=form))


@require_POST
def new_plan(request, pk):
    pairing = _planned_pairing(request, pk)

    def act(data):
        made = do_create_plan(pairing, data["year"], note=data["note"], entered_by=request.user)
        return redirect("plans:plan", pk=made.pk)

    return _submit(PlanForm(request.POST), act, lambda form: pairing_plans(request, pk, status=400, plan_form=form))


def _planned_agreement(request, pk):
    return access_agreement(request.user, pk, write=True)


@require_POST
def set_section(request, pk):
    a = _planned_agreement(request, pk)

    def act(data):
        do_set_agreement_section(a, data["kind"], data["text_en"], data["text_zh"], user=request.user)
        return redirect(reverse("plans:agreement", args=[a.pk]) + "#sections")

    return _submit(SectionForm(request.POST), act, lambda form: agreement(request, pk, status=400, section_form=form))


@require_POST
def add_target(request, pk):
    a = _planned_agreement(request, pk)
    form = TargetForm(request.POST, scope=a.pairing, lang=_lang())

    def act(data):
        do_add_target(a, data["indicator"].strip(), data["value"], pairing=_chosen_pairing(form, a.pairing),
                      year=data["year"].strip() or None, qualifier=data["qualifier"], note=data["note"],
                      entered_by=request.user)
        return redirect(reverse("plans:agreement", args=[a.pk]) + "#targets")

    return _submit(form, act, lambda form: agreement(request, pk, status=400, target_form=form))


@require_POST
def derive_plan(request, pk):
    """The year's plan from the agreement's targets for that year, in one click."""
    a = _planned_agreement(request, pk)

    def act(data):
        made = do_derive_plan(a, data["year"], entered_by=request.user)
        return redirect("plans:plan", pk=made.pk)

    return _submit(DeriveForm(request.POST), act, lambda form: agreement(request, pk, status=400, derive_form=form))


def _plan_or_404(request, pk):
    return access_plan(request.user, pk)


def plan_progress(plan, lang, as_of=None):
    """Each item of the plan: planned, adjusted (in force on as_of), actual confirmed figure, completion."""
    from counterpart.plans.actuals import subtree_actuals
    from counterpart.plans.assessment import cutoff, expected_progress

    items = list(plan.items.select_related("indicator", "pairing__donor", "pairing__recipient")
                 .prefetch_related("adjustments"))
    got = subtree_actuals(plan.year, {(i.pairing_id, i.indicator_id) for i in items}, cutoff(as_of))
    expected = expected_progress(plan.year, as_of)
    try:
        margin = current_weights().lag_margin
    except ValidationError:
        margin = None
    rows = []
    for item in items:
        ind = item.indicator
        adjustments = [a for a in item.adjustments.all() if as_of is None or a.approved_on <= as_of]
        in_force = adjustments[-1].value if adjustments else item.value
        actual_value = got[(item.pairing_id, item.indicator_id)]
        rate = actual_value / in_force if in_force > 0 else None
        rows.append({
            "item": item, "ind": ind, "label": ind.label(lang), "sub": item.pairing_id != plan.pairing_id,
            "planned": _fig(ind, item.value, lang, item.qualifier),
            "adjusted": _fig(ind, in_force, lang) if in_force != item.value else "",
            "actual": _fig(ind, actual_value, lang), "rate": None if rate is None else pct(rate),
            "bar": None if rate is None else min(int(rate * 100), 100),
            "lagging": margin is not None and rate is not None and rate < expected - margin,
            "adjustments": [{"a": a, "value": _fig(ind, a.value, lang)} for a in item.adjustments.all()]})
    return rows, expected


def plan(request, pk, status=200, **forms):
    """One annual plan: its items with progress against the confirmed figures, and the forms to add items
    and adjust them."""
    p = _plan_or_404(request, pk)
    lang = _lang()
    today = datetime.date.today()
    as_of = today if today.year == p.year else None
    rows, expected = plan_progress(p, lang, as_of)
    agreements = p.pairing.agreements.filter(period_start__lte=p.year, period_end__gte=p.year)
    return render(request, "plans/plan.html", {
        "plan": p, "pairing": p.pairing, "lang": lang, "rows": rows, "expected": pct(expected), "as_of": as_of,
        "item_form": forms.get("item_form") or PlanItemForm(scope=p.pairing, lang=lang),
        "adjust_form": AdjustmentForm(), "indicator_codes": _indicator_codes(lang),
        "agreements": agreements}, status=status)


@require_POST
def add_item(request, pk):
    p = _plan_or_404(request, pk)
    form = PlanItemForm(request.POST, scope=p.pairing, lang=_lang())

    def act(data):
        do_add_plan_item(p, data["indicator"].strip(), data["value"], pairing=_chosen_pairing(form, p.pairing),
                         qualifier=data["qualifier"], note=data["note"], entered_by=request.user)
        return redirect("plans:plan", pk=p.pk)

    return _submit(form, act, lambda form: plan(request, pk, status=400, item_form=form))
