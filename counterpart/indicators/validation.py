"""Plain validation rules for figures; each error names its field (Django ValidationError dicts)."""
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from counterpart.indicators.catalogue import catalogue
from counterpart.indicators.models import MAX_VALUE, MAX_YEAR, MIN_YEAR, Qualifier

# How offices write amounts: "120万", "1.5亿元", "3,200 元", full-width digits "１２０万".
SCALE_WORDS = {"万": Decimal(10) ** 4, "萬": Decimal(10) ** 4, "亿": Decimal(10) ** 8, "億": Decimal(10) ** 8}
FULL_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
UNIT_SUFFIXES = ("元", "yuan", "Yuan", "CNY", "RMB", "人民币")


def _plain_number(text: str) -> tuple[str, Decimal]:
    """The digits of a written amount and the scale its Chinese unit word gives (1 when none)."""
    text = text.strip().translate(FULL_WIDTH).replace(",", "").replace("，", "").replace(" ", "")
    for suffix in UNIT_SUFFIXES:
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    scale = Decimal(1)
    if text and text[-1] in SCALE_WORDS:
        scale = SCALE_WORDS[text[-1]]
        text = text[:-1]
    return text, scale


def parse_value(raw, field="value", scale: Decimal | int = 1) -> Decimal:
    """A figure as Decimal, exactly as written: "120万" is 1,200,000 and "1.5亿" 150,000,000; `scale`
    multiplies a bare number (an amount typed with a 万元 unit chosen beside it). Refuses floats' cousins:
    non-numbers, negatives, NaN, over 10^15."""
    if isinstance(raw, float):
        raise ValidationError({field: _("Figures must be given as exact decimals, not floating point.")})
    try:
        digits, written_scale = _plain_number(str(raw))
        value = Decimal(digits) * (written_scale if written_scale != 1 else Decimal(scale))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("“%(raw)s” is not a number.") % {"raw": raw}}) from None
    if not value.is_finite():
        raise ValidationError({field: _("“%(raw)s” is not a number.") % {"raw": raw}})
    if value < 0:
        raise ValidationError({field: _("A figure cannot be negative (got %(v)s).") % {"v": value}})
    if value > MAX_VALUE:
        raise ValidationError({field: _("%(v)s is larger than the largest accepted figure (10^15).") % {"v": value}})
    if value != value.quantize(Decimal("0.0001"), rounding="ROUND_DOWN"):
        raise ValidationError({field: _("At most four decimal places are kept (got %(v)s).") % {"v": value}})
    return value


def check_year(year, field="year") -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError({field: _("“%(raw)s” is not a year.") % {"raw": year}}) from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError({field: _("The year must lie between %(lo)s and %(hi)s (got %(y)s).")
                               % {"lo": MIN_YEAR, "hi": MAX_YEAR, "y": year}})
    return year


def check_indicator(code, field="indicator") -> dict:
    entry = catalogue().get(code)
    if entry is None:
        raise ValidationError({field: _("“%(code)s” is not an indicator of the catalogue.") % {"code": code}})
    return entry


def check_qualifier(qualifier, field="qualifier") -> str:
    if qualifier not in Qualifier.values:
        raise ValidationError({field: _("“%(q)s” is not a qualifier (exact, at_least, approx, at_most).")
                               % {"q": qualifier}})
    return qualifier


def check_dims(code, dims, field="dims") -> dict:
    """Dimension names must be the indicator's; closed dimensions take only their listed values."""
    allowed = check_indicator(code)["dimensions"]
    for name, value in (dims or {}).items():
        if name not in allowed:
            raise ValidationError({field: _("%(ind)s has no dimension “%(dim)s”.") % {"ind": code, "dim": name}})
        values = value if isinstance(value, list) else [value]
        if allowed[name]:
            bad = [v for v in values if v not in allowed[name]]
            if bad:
                raise ValidationError({field: _("“%(v)s” is not a value of %(dim)s (allowed: %(ok)s).")
                                       % {"v": bad[0], "dim": name, "ok": ", ".join(allowed[name])}})
    return dims or {}


def parts_fit_total(total_value: Decimal, total_qualifier: str, part_values: list[Decimal]) -> bool:
    """Exact and upper-bound totals cannot be exceeded by their parts; a lower bound or estimate can."""
    if total_qualifier in (Qualifier.AT_LEAST, Qualifier.APPROX):
        return True
    return sum(part_values, Decimal(0)) <= total_value
