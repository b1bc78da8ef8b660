"""Small server-rendered SVG charts (no JavaScript, no CDN): bars by year and bars by channel."""
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe


def bar_chart(items, width=560, height=220, title="", extra_label="") -> str:
    """Vertical bars; `items` are dicts with label, value (Decimal), text and optional extra (unconfirmed)."""
    if not items:
        return ""
    top = max((i["value"] + i.get("extra", 0) for i in items), default=Decimal(0)) or Decimal(1)
    pad_l, pad_b, pad_t = 8, 28, 22
    slot = (width - pad_l * 2) / len(items)
    bar_w = max(6.0, slot * 0.6)
    plot_h = height - pad_b - pad_t
    parts = [(f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
              f'aria-label="{escape(title)}"><title>{escape(title)}</title>')]
    for n, item in enumerate(items):
        x = pad_l + n * slot + (slot - bar_w) / 2
        h = float(item["value"] / top) * plot_h
        extra_h = float(item.get("extra", 0) / top) * plot_h
        y = pad_t + plot_h - h
        parts.append(f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}">'
                     f'<title>{escape(item["label"])}: {escape(item["text"])}</title></rect>')
        if extra_h > 0:
            parts.append(f'<rect class="bar-extra" x="{x:.1f}" y="{y - extra_h:.1f}" width="{bar_w:.1f}" '
                         f'height="{extra_h:.1f}"><title>{escape(extra_label)}</title></rect>')
        parts.append(f'<text class="tick" x="{x + bar_w / 2:.1f}" y="{height - 10}" text-anchor="middle">'
                     f'{escape(item["label"])}</text>')
        if len(items) <= 12 and item["value"]:
            parts.append(f'<text class="val" x="{x + bar_w / 2:.1f}" y="{y - extra_h - 4:.1f}" '
                         f'text-anchor="middle">{escape(item["text"])}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def hbar_chart(items, width=560, title="") -> str:
    """Horizontal bars with their labels, one per channel."""
    if not items:
        return ""
    row_h, label_w = 26, 170
    height = row_h * len(items) + 8
    top = max((i["value"] for i in items), default=Decimal(0)) or Decimal(1)
    parts = [(f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
              f'aria-label="{escape(title)}"><title>{escape(title)}</title>')]
    for n, item in enumerate(items):
        y = 4 + n * row_h
        w = float(item["value"] / top) * (width - label_w - 130)
        parts.append(f'<text class="tick" x="{label_w - 6}" y="{y + 16}" text-anchor="end">{escape(item["label"])}</text>')
        parts.append(f'<rect class="bar" x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}">'
                     f'<title>{escape(item["text"])}</title></rect>')
        parts.append(f'<text class="val" x="{label_w + w + 6:.1f}" y="{y + 16}">{escape(item["text"])}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
