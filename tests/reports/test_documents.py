"""Printed reports an official can publish: embedded font, no missing glyph, A4, page numbers, columns that
never break a figure, money in 万元 for Chinese readers, the same charts in every format."""
import io
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal

import pytest

from counterpart.reports.annual import annual_data, annual_document
from counterpart.reports.document import Chart, Column, Document, Table
from counterpart.reports.national import national_data, national_document
from counterpart.reports.render import charts, fonts, render
from counterpart.reports.render.pdf_format import column_widths
from counterpart.reports.render.values import text
from tests.reports.conftest import find

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


def _pdf_tool(tool, pdf, *args):
    return subprocess.run([tool, *args, str(pdf)] + (["-"] if tool == "pdftotext" else []), check=True,
                          capture_output=True, text=True).stdout


@pytest.fixture
def zh_pdf(demo_facts, tmp_path):
    doc = annual_document(annual_data(find("Qingdao-Guizhou"), 2011), "zh-hans")
    path = tmp_path / "report.pdf"
    path.write_bytes(render(doc, "pdf"))
    return doc, path


@needs_poppler
def test_it_embeds_every_font_of_a_chinese_pdf(zh_pdf):
    _doc, pdf = zh_pdf
    rows = _pdf_tool("pdffonts", pdf).splitlines()[2:]
    assert rows, "the PDF names no font"
    for row in rows:
        assert re.search(r"\byes\s+yes\s+yes\b", row), f"font not embedded: {row}"


@needs_poppler
def test_it_draws_every_character_of_a_chinese_pdf_with_a_glyph(zh_pdf):
    _doc, pdf = zh_pdf
    extracted = _pdf_tool("pdftotext", pdf, "-enc", "UTF-8")
    covered = fonts.covered_code_points()
    missing = {ch for ch in extracted if not ch.isspace() and ord(ch) not in covered and ch != "\f"}
    assert "财政帮扶资金" in extracted
    assert not missing, f"characters without a glyph: {sorted(missing)}"


@needs_poppler
def test_it_prints_on_a4_with_page_numbers(zh_pdf):
    _doc, pdf = zh_pdf
    info = _pdf_tool("pdfinfo", pdf)
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+", info)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    extracted = _pdf_tool("pdftotext", pdf, "-enc", "UTF-8")
    assert all(re.search(rf"第\s*{n}\s*页", extracted) for n in range(1, pages + 1))


@needs_poppler
def test_it_never_breaks_a_figure_or_a_short_word_across_lines(zh_pdf):
    doc, pdf = zh_pdf
    lines = _pdf_tool("pdftotext", pdf, "-enc", "UTF-8", "-layout").splitlines()
    words = {text(v, c.kind, doc.lang) for t in doc.tables() for row in t.rows for c, v in zip(t.columns, row)
             if v is not None and (c.kind != "text" or len(str(v)) <= 6)}
    words.discard("")
    for word in words:
        assert any(word in line for line in lines), f"“{word}” is split across lines"


def test_it_sizes_columns_to_fit_the_page_and_the_longest_figure():
    block = Table("t", [Column("指标"), Column("金额", "money"), Column("出处")],
                  [["财政帮扶资金", Decimal(1150000000), "长" * 400]])
    widths = column_widths(block, "zh-hans")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    assert sum(widths) <= A4[0] - 4 * cm + 0.5
    assert widths[1] > stringWidth("115,000.00", fonts.register_pdf_font(), 8)
    assert widths[2] == max(widths)  # the long text column takes what is left


def test_it_writes_docx_on_a4_with_page_numbers_and_right_aligned_figures(demo_facts):
    from docx import Document as Docx

    doc = annual_document(annual_data(find("Qingdao-Guizhou"), 2011), "zh-hans")
    data = render(doc, "docx")
    d = Docx(io.BytesIO(data))
    section = d.sections[0]
    assert abs(section.page_width.cm - 21) < 0.01 and abs(section.page_height.cm - 29.7) < 0.01
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        footers = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/footer"))
    assert "PAGE" in footers and "第 " in footers
    table = next(t for t in d.tables if any("万元" in c.text for c in t.rows[0].cells))
    money = next(j for j, c in enumerate(table.rows[0].cells) if "万元" in c.text)
    cell = table.rows[1].cells[money]
    assert re.fullmatch(r"[\d,]+\.\d\d", cell.text) and cell.paragraphs[0].alignment == 2  # RIGHT
    assert any(s.name == "Heading 3" for s in d.styles if s.type == 1)


def test_it_writes_chinese_money_in_wan_yuan_and_shares_without_a_sign():
    assert text(Decimal(31250000), "money", "zh-hans") == "3,125.00"
    assert text(Decimal(31250000), "money", "en") == "31,250,000"
    assert text(Decimal("52.8"), "share", "zh-hans") == "52.8%"
    assert text(Decimal("-3.25"), "percent", "en") == "-3.2%" or text(Decimal("-3.25"), "percent", "en") == "-3.3%"


def test_it_puts_values_a_hundredfold_smaller_on_a_panel_of_their_own():
    chart = Chart("资金", ["财政", "企业", "社会"], [Decimal(144150000000), Decimal(31250000), Decimal(750000)],
                  "CNY")
    assert charts.panels([Decimal(v) for v in chart.values]) == [[0], [1, 2]]
    _w, _h, shapes = charts.layout(chart, "zh-hans")
    bars = [s for s in shapes if s.kind == "rect"]
    assert bars[1].w > 100  # 3125万 is drawn against its own panel's largest, not against 1441.5亿
    labels = [s.text for s in shapes if s.kind == "text"]
    assert "1441.5亿元" in labels and "75万元" in labels and "3125万元" in labels
    assert min(s.size for s in shapes if s.kind == "text") >= 11


def test_it_draws_the_same_chart_in_svg_pdf_and_png():
    chart = Chart("历年帮扶资金", ["2010", "2011"], [Decimal(1000000), Decimal(31250000)], "CNY")
    svg = charts.svg(chart, "zh-hans")
    assert "3125万元" in svg and "2011" in svg and 'font-size="13"' in svg
    drawing = charts.drawing(chart, "zh-hans")
    strings = [s.text for s in drawing.contents if hasattr(s, "text")]
    assert "3125万元" in strings and "2011" in strings
    from PIL import Image

    img = Image.open(io.BytesIO(charts.png(chart, "zh-hans")))
    assert img.width == 2 * charts.WIDTH


@needs_poppler
def test_it_embeds_the_font_in_the_national_pdf_in_english(demo_facts, tmp_path):
    doc = national_document(national_data(2011), "en")
    pdf = tmp_path / "national.pdf"
    pdf.write_bytes(render(doc, "pdf"))
    rows = _pdf_tool("pdffonts", pdf).splitlines()[2:]
    assert rows and all(re.search(r"\byes\s+yes\s+yes\b", r) for r in rows)
    assert "Page 1" in _pdf_tool("pdftotext", pdf, "-enc", "UTF-8")


def test_an_empty_document_still_renders(tmp_path):
    assert render(Document("空", "zh-hans"), "pdf").startswith(b"%PDF")
