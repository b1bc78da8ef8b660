"""Figures for people: English with thousands separators and million/billion, Chinese in 万 and 亿."""
from decimal import Decimal

from counterpart.locale_names import is_chinese

QUALIFIER_EN = {"exact": "", "at_least": "more than ", "approx": "about ", "at_most": "up to "}
QUALIFIER_ZH = {"exact": "", "at_least": "", "approx": "约", "at_most": "至多"}
QUALIFIER_ZH_SUFFIX = {"at_least": "以上"}


def _trim(d: Decimal) -> str:
    text = format(d.normalize(), "f")
    return text


def plain_number(value: Decimal) -> str:
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


def number_en(value: Decimal, unit: str = "") -> str:
    value = Decimal(value)
    if unit == "CNY":
        for size, word in ((Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million")):
            if value >= size:
                return f"{_trim((value / size).quantize(Decimal('0.0001')))} {word} yuan"
        return f"{plain_number(value)} yuan"
    return plain_number(value)


def number_zh(value: Decimal, unit: str = "") -> str:
    value = Decimal(value)
    for size, word in ((Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万")):
        if value >= size:
            text = f"{_trim((value / size).quantize(Decimal('0.0001')))}{word}"
            break
    else:
        text = plain_number(value)
    return text + ("元" if unit == "CNY" else "")


def format_figure(value, qualifier="exact", unit="", unit_label="", lang="en") -> str:
    """'more than 400 persons' / '400人以上'; money in yuan, million, billion, 万元, 亿元."""
    if is_chinese(lang):
        body = number_zh(value, unit)
        if unit != "CNY" and unit_label:
            body += unit_label
        return QUALIFIER_ZH.get(qualifier, "") + body + QUALIFIER_ZH_SUFFIX.get(qualifier, "")
    body = number_en(value, unit)
    if unit != "CNY" and unit_label:
        body += f" {unit_label}"
    return QUALIFIER_EN.get(qualifier, "") + body
