"""PDF with reportlab, A4: every character in one embedded TrueType font (reports/render/fonts), charts as
the same vector drawing as the pages', note numbers as superscripts, notes at the end, page numbers.

Table columns are sized from their content: figures, short words and headers never break inside
(a number split over two lines is misread), long text columns take the width that is left and wrap.
"""
import io
from html import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as PdfTable

from counterpart.locale_names import is_chinese
from counterpart.reports.document import Chart, Heading, Para, Ref, Table
from counterpart.reports.phrases import w
from counterpart.reports.render import charts, fonts
from counterpart.reports.render.values import column_label, text

MARGIN = 2 * cm
FRAME_WIDTH = A4[0] - 2 * MARGIN
CELL_SIZE, CELL_PAD = 8, 3
SHORT_WORD = 8  # text cells up to this many characters (a status, a qualifier) are kept on one line
MAX_CELL = 300


def _styles(lang):
    font = fonts.register_pdf_font()
    base = getSampleStyleSheet()
    wrap = "CJK" if is_chinese(lang) else None
    return {
        "title": ParagraphStyle("t", parent=base["Title"], fontName=font, fontSize=17, leading=24),
        "h": ParagraphStyle("h", parent=base["Heading2"], fontName=font, fontSize=13, leading=18, spaceBefore=8),
        "p": ParagraphStyle("p", parent=base["BodyText"], fontName=font, fontSize=10, leading=15, wordWrap=wrap),
        "small": ParagraphStyle("s", parent=base["BodyText"], fontName=font, fontSize=8, leading=11, wordWrap=wrap),
        "cell": ParagraphStyle("c", parent=base["BodyText"], fontName=font, fontSize=CELL_SIZE, leading=10,
                               wordWrap=wrap),
        "num": ParagraphStyle("n", parent=base["BodyText"], fontName=font, fontSize=CELL_SIZE, leading=10,
                              alignment=TA_RIGHT),
    }


def _cell_texts(block, lang):
    head = [column_label(c, lang) for c in block.columns]
    body = [[text(v, c.kind, lang)[:MAX_CELL] for c, v in zip(block.columns, row)] for row in block.rows]
    return head, body


def column_widths(block, lang, room=FRAME_WIDTH, size=CELL_SIZE, pad=CELL_PAD) -> list[float]:
    """Each column at least as wide as its longest unbreakable cell (figures, short words, header words),
    at most as wide as its longest line; what is left goes to the columns that wrap."""
    font = fonts.register_pdf_font()
    head, body = _cell_texts(block, lang)
    indent = block.indent or [0] * len(body)

    def width(s, extra=0.0):
        return stringWidth(s, font, size) + 2 * pad + extra + 1

    mins, maxs = [], []
    for j, col in enumerate(block.columns):
        cells = [row[j] for row in body]
        extras = [8.0 * indent[i] if j == 0 else 0.0 for i in range(len(body))]
        longest = max([width(head[j])] + [width(c, e) for c, e in zip(cells, extras)])
        if col.kind != "text":
            unbreakable = longest
        else:
            words = [t for c in cells for t in (c.split() if not lang.startswith("zh") else [c])
                     if len(t) <= SHORT_WORD]
            header_words = head[j].split() if not lang.startswith("zh") else [head[j][:SHORT_WORD]]
            unbreakable = max([width(t) for t in words + header_words] + [width("M" * 4)])
        mins.append(unbreakable)
        maxs.append(max(longest, unbreakable))
    if sum(maxs) <= room:
        return maxs
    spare = room - sum(mins)
    if spare <= 0:  # too many columns for the page: shrink every column alike
        return [m * room / sum(mins) for m in mins]
    stretch = [mx - mn for mn, mx in zip(mins, maxs)]
    total = sum(stretch) or 1
    return [mn + spare * s / total for mn, s in zip(mins, stretch)]


def _table(block, st, lang):
    head, body = _cell_texts(block, lang)
    indent = block.indent or [0] * len(body)
    rows = [[Paragraph(escape(h), st["num"] if c.kind != "text" else st["cell"])
             for h, c in zip(head, block.columns)]]
    for i, cells in enumerate(body):
        row = []
        for j, (c, value) in enumerate(zip(block.columns, cells)):
            style = st["num"] if c.kind != "text" else st["cell"]
            if j == 0 and indent[i]:
                style = ParagraphStyle(f"indent{indent[i]}", parent=style, leftIndent=8 * indent[i])
            row.append(Paragraph(escape(value), style))
        rows.append(row)
    t = PdfTable(rows, colWidths=column_widths(block, lang), repeatRows=1, hAlign="LEFT")
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.register_pdf_font()),
                           ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                           ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f6")),
                           ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
                           ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD)]))
    return t


def _page_number(lang):
    font = fonts.register_pdf_font()

    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.setFillColor(colors.HexColor("#5b6672"))
        n = canvas.getPageNumber()
        canvas.drawCentredString(A4[0] / 2, MARGIN / 2, w("page_n", lang, n=n))
        canvas.restoreState()

    return draw


def render(doc) -> bytes:
    buf = io.BytesIO()
    st = _styles(doc.lang)
    story = [Paragraph(escape(doc.title), st["title"])]
    if doc.subtitle:
        story.append(Paragraph(escape(doc.subtitle), st["small"]))
    for block in doc.blocks:
        if isinstance(block, Heading):
            story.append(Paragraph(escape(block.text), st["h"]))
        elif isinstance(block, Para):
            html = "".join(f'<super><font size="7">[{r.n}]</font></super>' if isinstance(r, Ref) else escape(r or "")
                           for r in block.runs)
            story.append(Paragraph(html, st["p"]))
        elif isinstance(block, Chart):
            story += [Spacer(1, 6), charts.drawing(block, doc.lang, FRAME_WIDTH), Spacer(1, 6)]
        elif isinstance(block, Table):
            story.append(Paragraph(escape(block.title), st["h"]))
            story += [_table(block, st, doc.lang), Spacer(1, 8)]
    if doc.notes:
        story.append(Paragraph(w("notes", doc.lang), st["h"]))
        for n in doc.notes:
            story.append(Paragraph(f"[{n.n}] {escape(n.text)}", st["small"]))
    numbers = _page_number(doc.lang)
    SimpleDocTemplate(buf, pagesize=A4, title=doc.title, leftMargin=MARGIN, rightMargin=MARGIN,
                      topMargin=MARGIN, bottomMargin=MARGIN,
                      initialFontName=fonts.register_pdf_font()).build(story, onFirstPage=numbers, onLaterPages=numbers)
    return buf.getvalue()
