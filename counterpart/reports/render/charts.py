"""Bar charts without network or heavy dependencies: SVG for pages, PNG (Pillow) for DOCX.

Bars carry their values; axis labels that may be Chinese go in SVG text (the browser's fonts) and,
in PNG, only as numbers and short Latin labels (the caption carries the words).
"""
from decimal import Decimal
from html import escape

from counterpart.reports.render.values import text

COLOURS = ["#1f5f99", "#b3261e", "#2e7d32", "#b26a00", "#6a1b9a", "#00838f"]


def short(value: Decimal, unit="") -> str:
    """1.2 亿 style is for text; charts use compact Latin: 31.3M, 1.4B."""
    v = Decimal(value)
    for size, suffix in ((Decimal(10) ** 9, "B"), (Decimal(10) ** 6, "M"), (Decimal(10) ** 3, "k")):
        if abs(v) >= size:
            return f"{(v / size):.1f}{suffix}"
    return text(v)


def svg(chart, width=640, height=260) -> str:
    values = [Decimal(v or 0) for v in chart.values]
    top = max(values + [Decimal(1)])
    n = max(len(values), 1)
    left, bottom, plot_h = 10, 50, height - 80
    slot = (width - 2 * left) / n
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
             f'role="img" aria-label="{escape(chart.title)}">'),
             f'<text x="{left}" y="16" font-size="13" font-weight="600">{escape(chart.title)}</text>']
    for i, (label, v) in enumerate(zip(chart.labels, values)):
        h = float(v / top) * plot_h
        x = left + i * slot + slot * 0.15
        y = height - bottom - h
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{h:.1f}" '
                     f'fill="{COLOURS[i % len(COLOURS)] if len(values) < 7 else COLOURS[0]}"><title>{escape(label)}: {text(v)}</title></rect>')
        parts.append(f'<text x="{x + slot * 0.35:.1f}" y="{y - 4:.1f}" font-size="11" text-anchor="middle">{short(v)}</text>')
        parts.append(f'<text x="{x + slot * 0.35:.1f}" y="{height - bottom + 16}" font-size="11" text-anchor="middle">'
                     f'{escape(label[:18])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def png(chart, width=1200, height=520) -> bytes:
    """The same chart as PNG; labels that are not plain ASCII become numbers (1, 2, ...) keyed in the caption."""
    import io

    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    try:
        font = ImageFont.load_default(size=22)
    except TypeError:  # older Pillow
        font = ImageFont.load_default()
    values = [Decimal(v or 0) for v in chart.values]
    top = max(values + [Decimal(1)])
    n = max(len(values), 1)
    left, bottom, plot_h = 30, 60, height - 120
    slot = (width - 2 * left) / n
    draw.line([(left, height - bottom), (width - left, height - bottom)], fill="#888888", width=2)
    for i, (label, v) in enumerate(zip(chart.labels, values)):
        h = float(v / top) * plot_h
        x = left + i * slot + slot * 0.15
        y = height - bottom - h
        draw.rectangle([x, y, x + slot * 0.7, height - bottom], fill=COLOURS[i % len(COLOURS)] if n < 7 else COLOURS[0])
        draw.text((x + slot * 0.35, y - 6), short(v), fill="black", font=font, anchor="ms")
        shown = label if label.isascii() else str(i + 1)
        draw.text((x + slot * 0.35, height - bottom + 30), shown[:14], fill="black", font=font, anchor="ms")
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def caption_key(chart) -> str:
    """'1 = 财政帮扶资金; 2 = ...' for PNG charts whose labels were replaced by numbers."""
    if all(label.isascii() for label in chart.labels):
        return ""
    return "; ".join(f"{i + 1} = {label}" for i, label in enumerate(chart.labels))
