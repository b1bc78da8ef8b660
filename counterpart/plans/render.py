"""Render an assessment Document (counterpart/plans/report.py) as text, CSV, XLSX, DOCX, PDF or JSON.

Each renderer returns bytes. Chinese PDFs use reportlab's built-in CID font STSong-Light, so no font
file is needed and nothing is fetched at run time.
"""
import csv
import io
import json
from decimal import Decimal

from counterpart.locale_names import is_chinese
from counterpart.plans.report import Document, cell_raw, cell_text

FORMATS = {"text": "txt", "csv": "csv", "xlsx": "xlsx", "docx": "docx", "pdf": "pdf", "json": "json"}
CONTENT_TYPES = {
    "text": "text/plain; charset=utf-8", "csv": "text/csv; charset=utf-8", "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def render(doc: Document, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (use {', '.join(FORMATS)})")
    return globals()[f"to_{fmt}"](doc)


def to_text(doc: Document) -> bytes:
    out = [doc.title, "=" * min(len(doc.title) * 2, 80), *doc.lines, ""]
    for table in doc.tables:
        rows = [[cell_text(c, doc.lang) for c in row] for row in table.rows]
        widths = [max([_width(h)] + [_width(r[n]) for r in rows]) for n, h in enumerate(table.headers)]
        out += [table.heading, "-" * len(table.heading) * 2]
        out.append("  ".join(_pad(h, w) for h, w in zip(table.headers, widths)).rstrip())
        out += ["  ".join(_pad(c, w) for c, w in zip(r, widths)).rstrip() for r in rows]
        out.append("")
    return ("\n".join(out) + "\n").encode("utf-8")


def _width(text: str) -> int:
    # CJK characters take two columns in a terminal.
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def to_csv(doc: Document) -> bytes:
    """The scorecard items as one flat table (one row per plan item), the useful shape for machines."""
    table = next(t for t in doc.tables if t.key == "scorecards")
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow(["" if c is None else _plain(cell_raw(c)) for c in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: Excel opens Chinese CSV correctly


def _plain(value):
    """Decimals as plain digits (31250000, not 3.125E+7)."""
    return format(value, "f") if isinstance(value, Decimal) else value


def to_json(doc: Document) -> bytes:
    def plain(c):
        return _plain(cell_raw(c))

    data = {"title": doc.title, "lang": doc.lang, "lines": doc.lines,
            "tables": [{"key": t.key, "heading": t.heading, "headers": t.headers,
                        "rows": [[plain(c) for c in r] for r in t.rows]} for t in doc.tables]}
    return json.dumps(data, ensure_ascii=False, indent=1, default=str).encode("utf-8")


def to_xlsx(doc: Document) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    first = wb.active
    first.title = "summary"
    first.append([doc.title])
    first["A1"].font = Font(bold=True, size=14)
    for line in doc.lines:
        first.append([line])
    for table in doc.tables:
        ws = wb.create_sheet(table.key or table.heading[:30])
        ws.append(table.headers)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            ws.append([_xlsx_value(c) for c in row])
        for n, header in enumerate(table.headers, 1):
            ws.column_dimensions[ws.cell(1, n).column_letter].width = max(10, min(60, len(header) * 2 + 4))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _xlsx_value(cell):
    value = cell_raw(cell)
    return "" if value is None else value


def to_docx(doc: Document) -> bytes:
    from docx import Document as Docx
    from docx.oxml.ns import qn

    d = Docx()
    style = d.styles["Normal"]
    style.font.name = "SimSun" if is_chinese(doc.lang) else "Calibri"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")
    d.add_heading(doc.title, level=1)
    for line in doc.lines:
        d.add_paragraph(line)
    for table in doc.tables:
        d.add_heading(table.heading, level=2)
        tbl = d.add_table(rows=1, cols=len(table.headers))
        tbl.style = "Table Grid"
        for n, h in enumerate(table.headers):
            tbl.rows[0].cells[n].text = h
        for row in table.rows:
            cells = tbl.add_row().cells
            for n, c in enumerate(row):
                cells[n].text = cell_text(c, doc.lang)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def to_pdf(doc: Document) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = "Helvetica"
    if is_chinese(doc.lang):
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        font = "STSong-Light"
    styles = getSampleStyleSheet()
    for name in ("Title", "Heading2", "Normal", "BodyText"):
        styles[name].fontName = font
    small = styles["BodyText"].clone("cell", fontSize=7.5, leading=9, fontName=font)
    if is_chinese(doc.lang):
        small.wordWrap = "CJK"
    story = [Paragraph(escape(doc.title), styles["Title"])]
    story += [Paragraph(escape(line), styles["Normal"]) for line in doc.lines]
    for table in doc.tables:
        story += [Spacer(1, 0.4 * cm), Paragraph(escape(table.heading), styles["Heading2"])]
        data = [[Paragraph(escape(h), small) for h in table.headers]]
        data += [[Paragraph(escape(cell_text(c, doc.lang)), small) for c in row] for row in table.rows]
        tbl = Table(data, repeatRows=1)
        tbl.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                                 ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f6")),
                                 ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(tbl)
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=landscape(A4), title=doc.title, leftMargin=1.2 * cm, rightMargin=1.2 * cm,
                      topMargin=1.2 * cm, bottomMargin=1.2 * cm).build(story)
    return buf.getvalue()
