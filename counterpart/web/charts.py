"""The dashboards' charts: the reports' chart drawing (counterpart/reports/render/charts.py), so a page, its
PDF and its DOCX show the same chart, with readable labels and values written out in the reader's language."""
from decimal import Decimal

from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from counterpart.reports.document import Chart
from counterpart.reports.render import charts


def _chart(items, title, extra_label="") -> str:
    if not items:
        return ""
    chart = Chart(title, [i["label"] for i in items], [Decimal(i["value"]) for i in items],
                  texts=[i["text"] for i in items], extras=[Decimal(i.get("extra", 0)) for i in items],
                  extra_label=extra_label)
    return mark_safe(charts.svg(chart, get_language() or "en", title=False))  # the page heads each chart


def bar_chart(items, title="", extra_label="") -> str:
    """One bar per item (dicts with label, value, text and optional extra: the unconfirmed part)."""
    return _chart(items, title, extra_label)


def hbar_chart(items, title="") -> str:
    """One bar per channel."""
    return _chart(items, title)
