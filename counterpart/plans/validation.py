"""Plain rules for plans, targets, adjustments and weights; each error names its field."""
import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from counterpart.indicators.validation import check_indicator, parse_value
from counterpart.plans.models import ReasonKind

ONE = Decimal(1)


def check_in_scope(pairing, scope, field="pairing") -> None:
    """A target or plan item belongs to the agreement's or plan's pairing, or to one of its sub-pairings."""
    if pairing.pk not in scope.descendant_ids():
        raise ValidationError({field: _("%(p)s is neither %(scope)s nor one of its sub-pairings.")
                               % {"p": pairing.name_en, "scope": scope.name_en}})


def check_reason(reason_kind, reason) -> str:
    if reason_kind not in ReasonKind.values:
        raise ValidationError({"reason_kind": _("“%(k)s” is not a reason for an adjustment (disaster, cost, policy).")
                               % {"k": reason_kind}})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("An adjustment needs its reason explained (what happened, why the "
                                           "plan changes).")})
    return reason


def check_approval(approved_by, approved_on, year: int) -> tuple[str, datetime.date]:
    approved_by = (approved_by or "").strip()
    if not approved_by:
        raise ValidationError({"approved_by": _("Say who approved the adjustment.")})
    if isinstance(approved_on, str):
        try:
            approved_on = datetime.date.fromisoformat(approved_on.strip())
        except ValueError:
            raise ValidationError({"approved_on": _("“%(d)s” is not a date (YYYY-MM-DD).") % {"d": approved_on}}) \
                from None
    if not isinstance(approved_on, datetime.date):
        raise ValidationError({"approved_on": _("Say when the adjustment was approved.")})
    if not year - 1 <= approved_on.year <= year + 1:
        raise ValidationError({"approved_on": _("A %(y)s plan is adjusted around %(y)s, not on %(d)s.")
                               % {"y": year, "d": approved_on.isoformat()}})
    return approved_by, approved_on


def parse_weight(raw, code) -> Decimal:
    text = str(raw).strip()
    percent = text.endswith("%")
    if isinstance(raw, float):
        raise ValidationError({"weights": _("Weights must be exact decimals, not floating point (%(c)s).")
                               % {"c": code}})
    try:
        value = Decimal(text.rstrip("%").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({"weights": _("The weight of %(c)s, “%(w)s”, is not a number.")
                               % {"c": code, "w": raw}}) from None
    if not value.is_finite() or value < 0:
        raise ValidationError({"weights": _("The weight of %(c)s cannot be negative (got %(w)s).")
                               % {"c": code, "w": raw}})
    return value / 100 if percent else value


def check_weights(weights: dict) -> dict[str, Decimal]:
    """Indicator code -> weight; catalogue indicators only; fractions (0.25) or percentages ("25%") adding
    up to exactly 1 (100 %)."""
    if not weights:
        raise ValidationError({"weights": _("Give at least one indicator's weight.")})
    clean = {}
    for code, raw in weights.items():
        check_indicator(code, "weights")
        clean[code] = parse_weight(raw, code)
    total = sum(clean.values(), Decimal(0))
    if total != ONE:
        raise ValidationError({"weights": _("The weights add up to %(t)s (%(p)s %%), not 1 (100 %%).")
                               % {"t": format(total.normalize(), "f"), "p": format((total * 100).normalize(), "f")}})
    return {code: w for code, w in clean.items() if w}


def check_margin(raw) -> Decimal:
    value = parse_value(raw, "lag_margin")
    if value >= ONE:
        raise ValidationError({"lag_margin": _("The lag margin is a fraction below 1 (0.10 = 10 points); got %(v)s.")
                               % {"v": value}})
    return value
