"""Cell values for people, one rule for every renderer.

- Money: in Chinese in 万元 with two decimals (3,125.00), the unit said once in the column header; in
  English in yuan with thousands separators. Spreadsheets get the same scaled number as a number cell.
- Counts: thousands separators, decimals only where the figure has them.
- Changes in per cent with a sign and "%"; shares with "%".
"""
from decimal import Decimal

WAN = Decimal(10) ** 4
CENT = Decimal("0.01")


def zh(lang: str) -> bool:
    return (lang or "").startswith("zh")


def money_unit(lang: str) -> str:
    """The unit money columns are shown in."""
    return "万元" if zh(lang) else "yuan"


def scaled_money(value, lang: str):
    """A yuan amount in the unit `money_unit(lang)` names (exact Decimal arithmetic)."""
    if value is None:
        return None
    value = Decimal(value)
    return value / WAN if zh(lang) else value


def column_label(column, lang: str) -> str:
    """A column's header with the unit of its money figures, so cells carry numbers only."""
    if column.kind != "money":
        return column.label
    return f"{column.label}（{money_unit(lang)}）" if zh(lang) else f"{column.label} ({money_unit(lang)})"


def _grouped(value: Decimal) -> str:
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


def text(value, kind="text", lang="en") -> str:
    if value is None:
        return ""
    if kind != "text" and (isinstance(value, Decimal) or (isinstance(value, int) and not isinstance(value, bool))):
        value = Decimal(value)
        if kind == "percent":  # a change: its sign matters
            return f"{value:+.1f}%"
        if kind == "share":
            return f"{value:.1f}%"
        if kind == "money":
            if zh(lang):
                return f"{scaled_money(value, lang).quantize(CENT):,.2f}"
            return _grouped(value)
        return _grouped(value)
    return str(value)


def figure_value(value, indicator, lang: str):
    """A figure in a table that mixes units (one unit column): money scaled like money columns."""
    return scaled_money(value, lang) if indicator.unit == "CNY" else value


def unit_label(indicator, lang: str) -> str:
    if indicator.unit == "CNY":
        return money_unit(lang)
    return indicator.unit_zh if zh(lang) else indicator.unit_en
