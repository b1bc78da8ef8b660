"""PDF with reportlab: Chinese in the built-in CID font STSong-Light (no font file to ship), charts drawn
as vector graphics, note numbers as superscripts, notes at the end."""
import io
from html import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as PdfTable

from counterpart.reports.document import Chart, Heading, Para, Ref, Table
from counterpart.reports.phrases import w
from counterpart.reports.render import charts
from counterpart.reports.render.values import text

CJK = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(CJK))


def _styles(lang):
    # The CID font covers Latin too, so one font serves both languages and mixed text.
    base = getSampleStyleSheet()
    font = CJK
    bold = CJK if lang.startswith("zh") else "Helvetica-Bold"
    return {
        "title": ParagraphStyle("t", parent=base["Title"], fontName=bold, fontSize=16, leading=22),
        "h": ParagraphStyle("h", parent=base["Heading2"], fontName=bold, fontSize=13, leading=18),
        "p": ParagraphStyle("p", parent=base["BodyText"], fontName=font, fontSize=10, leading=15,
                            wordWrap="CJK" if lang.startswith("zh") else None),
        "small": ParagraphStyle("s", parent=base["BodyText"], fontName=font, fontSize=8, leading=11, wordWrap="CJK"),
        "cell": ParagraphStyle("c", parent=base["BodyText"], fontName=font, fontSize=7.5, leading=9.5, wordWrap="CJK"),
    }


def _chart(block, width=16 * cm, height=6.5 * cm):
    d = Drawing(width, height)
    bc = VerticalBarChart()
    bc.x, bc.y, bc.width, bc.height = 40, 30, width - 60, height - 60
    bc.data = [[float(v or 0) for v in block.values]]  # drawing coordinates only; figures stay Decimal elsewhere
    bc.categoryAxis.categoryNames = [label[:14] for label in block.labels]
    bc.categoryAxis.labels.fontName = CJK
    bc.categoryAxis.labels.fontSize = 7
    bc.valueAxis.labels.fontName = CJK
    bc.valueAxis.labels.fontSize = 7
    bc.valueAxis.valueMin = 0
    bc.valueAxis.labelTextFormat = lambda v: charts.short(v)
    bc.bars[0].fillColor = colors.HexColor("#1f5f99")
    bc.barLabelFormat = lambda v: charts.short(v)
    bc.barLabels.fontName = CJK
    bc.barLabels.fontSize = 7
    bc.barLabels.nudge = 6
    d.add(bc)
    d.add(String(0, height - 12, block.title, fontName=CJK, fontSize=10))
    return d


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
            story += [Spacer(1, 6), _chart(block), Spacer(1, 6)]
        elif isinstance(block, Table):
            story.append(Paragraph(f"<b>{escape(block.title)}</b>", st["p"]))
            rows = [[Paragraph(escape(c.label), st["cell"]) for c in block.columns]]
            for i, row in enumerate(block.rows):
                depth = block.indent[i] if block.indent else 0
                rows.append([Paragraph(("&nbsp;" * 4 * depth if j == 0 else "") + escape(text(v, c.kind)[:300]), st["cell"])
                             for j, (c, v) in enumerate(zip(block.columns, row))])
            t = PdfTable(rows, repeatRows=1, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f6")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story += [t, Spacer(1, 8)]
    if doc.notes:
        story.append(Paragraph(w("notes", doc.lang), st["h"]))
        for n in doc.notes:
            story.append(Paragraph(f"[{n.n}] {escape(n.text)}", st["small"]))
    SimpleDocTemplate(buf, pagesize=A4, title=doc.title, leftMargin=2 * cm, rightMargin=2 * cm,
                      topMargin=2 * cm, bottomMargin=2 * cm).build(story)
    return buf.getvalue()
