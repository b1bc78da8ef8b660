"""Writes for agreements' targets, annual plans, adjustments and assessment weights.

Each validates first (errors name the field), then writes in one transaction.
"""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from counterpart.audit.actions import do_log_change, snapshot
from counterpart.audit.models import Action
from counterpart.indicators.models import Indicator
from counterpart.indicators.validation import check_indicator, check_qualifier, check_year, parse_value
from counterpart.plans import scores
from counterpart.plans.models import (
    Adjustment,
    AgreementSection,
    AnnualPlan,
    AssessmentWeights,
    PlanItem,
    SectionKind,
    Target,
)
from counterpart.plans.validation import (
    check_approval,
    check_in_scope,
    check_margin,
    check_reason,
    check_weights,
)


@transaction.atomic
def do_set_agreement_section(agreement, kind: str, text_en: str = "", text_zh: str = "", span=None, user=None):
    if kind not in SectionKind.values:
        raise ValidationError({"kind": _("“%(k)s” is not a section of an agreement (%(ok)s).")
                               % {"k": kind, "ok": ", ".join(SectionKind.values)}})
    if not (text_en or "").strip() and not (text_zh or "").strip():
        raise ValidationError({"text_en": _("A section needs its text, in English or Chinese.")})
    old = AgreementSection.objects.filter(agreement=agreement, kind=kind).first()
    before = snapshot(old) if old else None
    section, created = AgreementSection.objects.update_or_create(
        agreement=agreement, kind=kind, defaults={"text_en": (text_en or "").strip(),
                                                  "text_zh": (text_zh or "").strip(), "span": span})
    do_log_change(user, Action.CREATE if created else Action.UPDATE, section, before, snapshot(section),
                  pairing=agreement.pairing)
    return section


@transaction.atomic
def do_add_target(agreement, indicator: str, value, *, pairing=None, year=None, qualifier="exact", span=None,
                  note="", entered_by=None) -> Target:
    """A goal of the agreement: for one year of its period (year) or for the whole period (year=None)."""
    check_indicator(indicator)
    value = parse_value(value)
    check_qualifier(qualifier)
    pairing = pairing or agreement.pairing
    check_in_scope(pairing, agreement.pairing)
    if year is not None:
        year = check_year(year)
        if not agreement.period_start <= year <= agreement.period_end:
            raise ValidationError({"year": _("%(y)s lies outside the agreement's period %(a)s–%(b)s.")
                                   % {"y": year, "a": agreement.period_start, "b": agreement.period_end}})
    ind = Indicator.objects.get(code=indicator)
    if Target.objects.filter(agreement=agreement, pairing=pairing, indicator=ind, year=year).exists():
        raise ValidationError({"indicator": _("The agreement already has a target for %(i)s (%(p)s, %(y)s).")
                               % {"i": indicator, "p": pairing.name_en, "y": year or _("whole period")}})
    target = Target.objects.create(agreement=agreement, pairing=pairing, indicator=ind, value=value,
                                   qualifier=qualifier, year=year, span=span, note=note, entered_by=entered_by)
    do_log_change(entered_by, Action.CREATE, target, None, snapshot(target))
    return target


@transaction.atomic
def do_create_plan(pairing, year, *, derived_from=None, span=None, note="", entered_by=None) -> AnnualPlan:
    year = check_year(year)
    if not pairing.covers(year):
        raise ValidationError({"year": _("%(p)s does not run in %(y)s (it runs %(a)s–%(b)s).")
                               % {"p": pairing.name_en, "y": year, "a": pairing.start_year,
                                  "b": pairing.end_year or ""}})
    if derived_from is not None and derived_from.pairing_id != pairing.pk:
        raise ValidationError({"derived_from": _("The agreement belongs to another pairing.")})
    if AnnualPlan.objects.filter(pairing=pairing, year=year).exists():
        raise ValidationError({"year": _("%(p)s already has a plan for %(y)s; adjust its items instead.")
                               % {"p": pairing.name_en, "y": year}})
    plan = AnnualPlan.objects.create(pairing=pairing, year=year, derived_from=derived_from, span=span, note=note,
                                     entered_by=entered_by)
    do_log_change(entered_by, Action.CREATE, plan, None, snapshot(plan))
    scores.plan_changed(plan)
    return plan


@transaction.atomic
def do_add_plan_item(plan, indicator: str, value, *, pairing=None, qualifier="exact", target=None, span=None,
                     note="", entered_by=None) -> PlanItem:
    check_indicator(indicator)
    value = parse_value(value)
    check_qualifier(qualifier)
    pairing = pairing or plan.pairing
    check_in_scope(pairing, plan.pairing)
    ind = Indicator.objects.get(code=indicator)
    if PlanItem.objects.filter(plan=plan, pairing=pairing, indicator=ind).exists():
        raise ValidationError({"indicator": _("The plan already has %(i)s for %(p)s; adjust it instead.")
                               % {"i": indicator, "p": pairing.name_en}})
    item = PlanItem.objects.create(plan=plan, pairing=pairing, indicator=ind, value=value, qualifier=qualifier,
                                   target=target, span=span, note=note)
    do_log_change(entered_by, Action.CREATE, item, None, snapshot(item), pairing=plan.pairing)
    scores.plan_changed(plan)
    return item


@transaction.atomic
def do_derive_plan(agreement, year, *, entered_by=None) -> AnnualPlan:
    """The year's plan from the agreement's targets for that year; existing items are kept, missing ones added.

    Whole-period targets are not split into years: how a five-year goal spreads is a decision the
    pairing makes, not arithmetic, so it is entered as plan items."""
    year = check_year(year)
    plan = AnnualPlan.objects.filter(pairing=agreement.pairing, year=year).first()
    if plan is None:
        plan = do_create_plan(agreement.pairing, year, derived_from=agreement, entered_by=entered_by)
    targets = list(agreement.targets.filter(year=year).select_related("indicator", "pairing"))
    if not targets:
        raise ValidationError({"year": _("The agreement sets no targets for %(y)s.") % {"y": year}})
    have = set(plan.items.values_list("pairing_id", "indicator_id"))
    for t in targets:
        if (t.pairing_id, t.indicator_id) not in have:
            item = PlanItem.objects.create(plan=plan, pairing=t.pairing, indicator=t.indicator, value=t.value,
                                           qualifier=t.qualifier, target=t, span=t.span, note=t.note)
            do_log_change(entered_by, Action.CREATE, item, None, snapshot(item), pairing=plan.pairing,
                          note="derived from the agreement's target")
    scores.plan_changed(plan)
    return plan


@transaction.atomic
def do_adjust_plan_item(item: PlanItem, value, *, reason_kind: str, reason: str, approved_by: str, approved_on,
                        date_precision="day", span=None, entered_by=None) -> Adjustment:
    """A new planned value with its reason and approval; the original and earlier adjustments stay."""
    value = parse_value(value)
    reason = check_reason(reason_kind, reason)
    approved_by, approved_on = check_approval(approved_by, approved_on, item.plan.year)
    if date_precision not in ("day", "month", "year"):
        raise ValidationError({"date_precision": _("Date precision is day, month or year.")})
    adjustment = Adjustment.objects.create(item=item, value=value, reason_kind=reason_kind, reason=reason,
                                           approved_by=approved_by, approved_on=approved_on,
                                           date_precision=date_precision, span=span, entered_by=entered_by)
    do_log_change(entered_by, Action.CREATE, adjustment, None, snapshot(adjustment), pairing=item.plan.pairing)
    scores.plan_changed(item.plan)
    return adjustment


@transaction.atomic
def do_set_weights(weights: dict, lag_margin="0.10", *, set_by=None, note="") -> AssessmentWeights:
    """A new version of the weights; the earlier versions stay, so old results keep their meaning."""
    clean = check_weights(weights)
    margin = check_margin(lag_margin)
    # Two simultaneous settings collide on the unique version rather than both becoming "latest".
    latest = AssessmentWeights.objects.aggregate(v=Max("version"))["v"] or 0
    made = AssessmentWeights.objects.create(version=latest + 1, weights={c: str(w) for c, w in clean.items()},
                                            lag_margin=margin, set_by=set_by, note=note)
    do_log_change(set_by, Action.CREATE, made, None, snapshot(made))
    scores.weights_set(made)
    return made
