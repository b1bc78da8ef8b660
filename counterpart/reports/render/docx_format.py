"""DOCX: headings, paragraphs with superscript note numbers, tables, charts as PNG, notes at the end."""
import io

from docx import Document as Docx
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from counterpart.reports.document import Chart, Heading, Para, Ref, Table
from counterpart.reports.phrases import w
from counterpart.reports.render import charts
from counterpart.reports.render.values import text

CJK_FONT = "SimSun"  # Word substitutes an installed Chinese font when this one is missing


def _east_asian(run):
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), CJK_FONT)


def render(doc) -> bytes:
    d = Docx()
    style = d.styles["Normal"]
    style.font.size = Pt(10.5)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), CJK_FONT)
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
            d.add_picture(io.BytesIO(charts.png(block)), width=Cm(15))
            cap = d.add_paragraph(block.title + (f" ({charts.caption_key(block)})" if charts.caption_key(block) else ""))
            cap.runs[0].italic = True
        elif isinstance(block, Table):
            d.add_paragraph().add_run(block.title).bold = True
            t = d.add_table(rows=1, cols=len(block.columns))
            t.style = "Table Grid"
            for cell, col in zip(t.rows[0].cells, block.columns):
                cell.text = col.label
            for i, row in enumerate(block.rows):
                cells = t.add_row().cells
                depth = block.indent[i] if block.indent else 0
                for j, (cell, col, v) in enumerate(zip(cells, block.columns, row)):
                    cell.text = ("    " * depth if j == 0 else "") + text(v, col.kind)
    if doc.notes:
        d.add_heading(w("notes", doc.lang), 1)
        for n in doc.notes:
            d.add_paragraph(f"[{n.n}] {n.text}" + (f" <{n.url}>" if n.url else ""))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()
