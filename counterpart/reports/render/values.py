"""Cell values for people: money and counts with separators, percentages with a sign."""
from decimal import Decimal


def text(value, kind="text") -> str:
    if value is None:
        return ""
    if kind != "text" and (isinstance(value, Decimal) or isinstance(value, int) and not isinstance(value, bool)):
        value = Decimal(value)
        if kind == "percent":
            return f"{value:+.1f}"
        if value == value.to_integral_value():
            return f"{int(value):,}"
        return f"{value.normalize():,f}"
    return str(value)
