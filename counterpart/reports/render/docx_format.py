"""DOCX, A4: title and heading styles, paragraphs with superscript note numbers, tables with right-aligned
figures and repeated header rows, the charts of the pages as PNG, notes at the end, page numbers."""
import io

from docx import Document as Docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from counterpart.reports.document import Chart, Heading, Para, Ref, Table
from counterpart.reports.phrases import w
from counterpart.reports.render import charts
from counterpart.reports.render.pdf_format import column_widths
from counterpart.reports.render.values import column_label, text

CJK_FONT = "SimSun"  # Word substitutes an installed Chinese font when this one is missing


def _east_asian(run):
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), CJK_FONT)


def _a4(section):
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))


def _page_numbers(section, lang):
    """A centred footer '第 N 页' / 'Page N' with Word's PAGE field, so the number is right on every page."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, _n, after = w("page_n", lang, n="\0").partition("\0")
    _east_asian(p.add_run(before))
    run = p.add_run()
    for kind, text_ in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text_
        run._element.append(el)
    _east_asian(p.add_run(after))


def _repeat_header(row):
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _cell(cell, value, numeric, depth=0, bold=False):
    cell.text = ""
    p = cell.paragraphs[0]
    if numeric:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if depth:
        p.paragraph_format.left_indent = Cm(0.4 * depth)
    run = p.add_run(value)
    run.bold = bold
    run.font.size = Pt(9)
    _east_asian(run)


def render(doc) -> bytes:
    d = Docx()
    section = d.sections[0]
    _a4(section)
    _page_numbers(section, doc.lang)
    style = d.styles["Normal"]
    style.font.size = Pt(10.5)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), CJK_FONT)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        d.styles[name].element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), CJK_FONT)
    d.add_heading(doc.title, 0)
    if doc.subtitle:
        d.add_paragraph(doc.subtitle).runs[0].italic = True
    for block in doc.blocks:
        if isinstance(block, Heading):
            d.add_heading(block.text, min(block.level - 1, 3) or 1)
        elif isinstance(block, Para):
            p = d.add_paragraph()
            for r in block.runs:
                if isinstance(r, Ref):
                    run = p.add_run(f"[{r.n}]")
                    run.font.superscript = True
                elif r:
                    _east_asian(p.add_run(r))
        elif isinstance(block, Chart):
            d.add_picture(io.BytesIO(charts.png(block, doc.lang)), width=Cm(16))
        elif isinstance(block, Table):
            d.add_heading(block.title, 3)
            t = d.add_table(rows=1, cols=len(block.columns))
            t.style = "Table Grid"
            t.alignment = WD_TABLE_ALIGNMENT.LEFT
            _repeat_header(t.rows[0])
            for cell, col in zip(t.rows[0].cells, block.columns):
                _cell(cell, column_label(col, doc.lang), col.kind != "text", bold=True)
            for i, row in enumerate(block.rows):
                cells = t.add_row().cells
                depth = block.indent[i] if block.indent else 0
                for j, (cell, col, v) in enumerate(zip(cells, block.columns, row)):
                    _cell(cell, text(v, col.kind, doc.lang), col.kind != "text", depth if j == 0 else 0)
            # The PDF's column widths (sized from the content, so figures never wrap) for Word as well.
            t.autofit = False
            widths = column_widths(block, doc.lang, room=Cm(17).pt, size=9, pad=6)  # Word's cell margins
            for grid_col, width in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths):
                grid_col.set(qn("w:w"), str(int(width * 20)))  # twentieths of a point
            for column, width in zip(t.columns, widths):
                for cell in column.cells:
                    cell.width = Pt(width)
    if doc.notes:
        d.add_heading(w("notes", doc.lang), 1)
        for n in doc.notes:
            d.add_paragraph(f"[{n.n}] {n.text}" + (f" <{n.url}>" if n.url else ""))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()
