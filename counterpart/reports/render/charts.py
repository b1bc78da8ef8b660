"""One chart drawing for every format: laid out once as shapes, then written as SVG (pages), reportlab
vector graphics (PDF) and PNG (DOCX), so a report's chart looks the same wherever it is read.

Horizontal bars, one row per category, each bar with its value written out in the reader's language
(万元/亿元 in Chinese). When the values differ by more than a hundredfold, the smaller ones go to a panel
of their own with its own scale, so a 75万 bar does not vanish beside a 1441亿 one.
"""
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from counterpart.indicators.formatting import format_figure
from counterpart.reports.phrases import w
from counterpart.reports.render import fonts

COLOURS = ["#1f5f99", "#b3261e", "#2e7d32", "#b26a00", "#6a1b9a", "#00838f"]
INK, MUTED, RULE, PENDING = "#1d2733", "#5b6672", "#c5ccd3", "#a9c1d9"
WIDTH = 640
TITLE_SIZE, LABEL_SIZE, VALUE_SIZE, NOTE_SIZE = 15, 13, 12, 11
ROW, BAR, GAP = 24, 15, 10
PANEL_RATIO = 100  # values more than this many times smaller than a panel's largest go to the next panel


@dataclass
class Shape:
    kind: str  # rect, text, line
    x: float
    y: float  # top-left origin, in px
    w: float = 0
    h: float = 0
    text: str = ""
    size: float = LABEL_SIZE
    fill: str = INK
    anchor: str = "start"  # start, end
    bold: bool = False
    tip: str = ""
    role: str = ""  # "bar" or "bar-extra" (the unconfirmed part): the SVG's class, for styles and readers


def _width(text: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, fonts.register_pdf_font(), size)


def _fit(text: str, size: float, room: float) -> str:
    if _width(text, size) <= room:
        return text
    while text and _width(text + "…", size) > room:
        text = text[:-1]
    return text + "…"


def value_text(value, unit: str, lang: str) -> str:
    return format_figure(Decimal(value), "exact", unit, "", lang)


def panels(values: list[Decimal]) -> list[list[int]]:
    """Indexes of the categories in each panel, largest magnitudes first; order kept inside a panel."""
    left = [i for i, v in enumerate(values) if v]
    zeros = [i for i, v in enumerate(values) if not v]
    out = []
    while left:
        top = max(abs(values[i]) for i in left)
        panel = [i for i in left if abs(values[i]) * PANEL_RATIO >= top]
        out.append(panel)
        left = [i for i in left if i not in panel]
    if zeros:  # nothing to scale: with the smallest values
        out = [*out[:-1], sorted((out[-1] if out else []) + zeros)]
    return out


def layout(chart, lang: str = "en", width: int = WIDTH, title: bool = True) -> tuple[int, int, list[Shape]]:
    values = [Decimal(v or 0) for v in chart.values]
    labels = [str(label) for label in chart.labels]
    shapes = [Shape("text", 0, 4, text=chart.title, size=TITLE_SIZE, bold=True)] if title else []
    y = 4 + TITLE_SIZE + GAP if title else 4
    label_room = min(max((_width(lbl, LABEL_SIZE) for lbl in labels), default=0) + 14, width * 0.32)
    texts = list(chart.texts) or [value_text(v, chart.unit, lang) for v in values]
    extras = [Decimal(e or 0) for e in chart.extras] or [Decimal(0)] * len(values)
    value_room = max((_width(t, VALUE_SIZE) for t in texts), default=0) + 8
    bar_room = max(width - label_room - value_room, 60)
    groups = panels(values)
    for n, group in enumerate(groups):
        if n:
            shapes.append(Shape("line", 0, y + 2, w=width, fill=RULE))
            note = w("separate_scale", lang)
            shapes.append(Shape("text", 0, y + 6, text=note, size=NOTE_SIZE, fill=MUTED))
            y += 6 + NOTE_SIZE + 6
        top = max((abs(values[i]) + extras[i] for i in group), default=Decimal(0)) or Decimal(1)
        for i in group:
            colour = COLOURS[i % len(COLOURS)] if len(values) <= len(COLOURS) else COLOURS[0]
            shapes.append(Shape("text", label_room - 8, y + (ROW - LABEL_SIZE) / 2,
                                text=_fit(labels[i], LABEL_SIZE, label_room - 8), anchor="end"))
            length = float(abs(values[i]) / top) * bar_room
            shapes.append(Shape("rect", label_room, y + (ROW - BAR) / 2, w=max(length, 1), h=BAR, fill=colour,
                                tip=f"{labels[i]}: {texts[i]}", role="bar"))
            if extras[i] > 0:
                more = float(extras[i] / top) * bar_room
                shapes.append(Shape("rect", label_room + length, y + (ROW - BAR) / 2, w=more, h=BAR, fill=PENDING,
                                    tip=f"{chart.extra_label}: {value_text(extras[i], chart.unit, lang)}",
                                    role="bar-extra"))
                length += more
            shapes.append(Shape("text", label_room + length + 6, y + (ROW - VALUE_SIZE) / 2, text=texts[i],
                                size=VALUE_SIZE, fill=INK))
            y += ROW
    return width, int(y + GAP), shapes


def svg(chart, lang: str = "en", title: bool = True) -> str:
    """`title`: draw the title inside (off where the page heads the chart itself)."""
    width, height, shapes = layout(chart, lang, title=title)
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" '
             f'aria-label="{escape(chart.title)}">')]
    for s in shapes:
        if s.kind == "rect":
            cls = f' class="{s.role}"' if s.role else ""
            parts.append(f'<rect{cls} x="{s.x:.1f}" y="{s.y:.1f}" width="{s.w:.1f}" height="{s.h:.1f}" fill="{s.fill}">'
                         f"<title>{escape(s.tip)}</title></rect>")
        elif s.kind == "line":
            parts.append(f'<line x1="{s.x:.1f}" y1="{s.y:.1f}" x2="{s.x + s.w:.1f}" y2="{s.y:.1f}" stroke="{s.fill}"/>')
        else:
            weight = ' font-weight="600"' if s.bold else ""
            parts.append(f'<text x="{s.x:.1f}" y="{s.y + s.size * 0.85:.1f}" font-size="{s.size}" fill="{s.fill}" '
                         f'text-anchor="{s.anchor}"{weight}>{escape(s.text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def drawing(chart, lang: str = "en", width_pt: float = 453):
    """The chart as a reportlab Drawing `width_pt` wide (PDF)."""
    from reportlab.graphics.shapes import STATE_DEFAULTS, Drawing, Line, Rect, String
    from reportlab.lib import colors

    width, height, shapes = layout(chart, lang)
    k = width_pt / width
    font = fonts.register_pdf_font()
    # A drawing starts in the default font (Helvetica, not embedded) before its first string: start in ours.
    STATE_DEFAULTS["fontName"] = font
    d = Drawing(width * k, height * k)
    for s in shapes:
        if s.kind == "rect":
            d.add(Rect(s.x * k, (height - s.y - s.h) * k, s.w * k, s.h * k, fillColor=colors.HexColor(s.fill),
                       strokeColor=None))
        elif s.kind == "line":
            d.add(Line(s.x * k, (height - s.y) * k, (s.x + s.w) * k, (height - s.y) * k,
                       strokeColor=colors.HexColor(s.fill), strokeWidth=0.5))
        else:
            d.add(String(s.x * k, (height - s.y - s.size * 0.85) * k, s.text, fontName=font, fontSize=s.size * k,
                         fillColor=colors.HexColor(s.fill), textAnchor=s.anchor))
    return d


def png(chart, lang: str = "en", scale: int = 2) -> bytes:
    """The chart as PNG (DOCX), drawn at `scale` times its size for print."""
    import io

    from PIL import Image, ImageDraw

    width, height, shapes = layout(chart, lang)
    img = Image.new("RGB", (width * scale, height * scale), "white")
    draw = ImageDraw.Draw(img)
    for s in shapes:
        if s.kind == "rect":
            draw.rectangle([s.x * scale, s.y * scale, (s.x + s.w) * scale, (s.y + s.h) * scale], fill=s.fill)
        elif s.kind == "line":
            draw.line([(s.x * scale, s.y * scale), ((s.x + s.w) * scale, s.y * scale)], fill=s.fill, width=scale)
        else:
            font = fonts.pil_font(int(s.size * scale))
            x = s.x * scale - (draw.textlength(s.text, font=font) if s.anchor == "end" else 0)
            draw.text((x, s.y * scale), s.text, fill=s.fill, font=font)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()
