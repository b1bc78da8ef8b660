import io
import shutil
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook

from counterpart.reports.annual import annual_data, annual_document
from counterpart.reports.render import render
from tests.reports.conftest import find


@pytest.fixture
def qingdao_doc(demo_facts):
    return annual_document(annual_data(find("Qingdao-Guizhou"), 2011), "zh-hans")


def test_it_writes_xlsx_with_one_sheet_per_table_and_real_numbers(qingdao_doc):
    wb = load_workbook(io.BytesIO(render(qingdao_doc, "xlsx")))
    assert len(wb.sheetnames) == len(qingdao_doc.tables())
    funds = wb["资金构成"]
    assert "金额（万元）" in [c.value for c in funds[2]]
    cell = next(c for row in funds.iter_rows(min_row=3) for c in row if c.value == 3125)  # 31,250,000 yuan
    assert cell.data_type == "n" and cell.number_format == "#,##0.00" and cell.alignment.horizontal == "right"


def test_it_writes_english_xlsx_money_in_yuan(demo_facts):
    doc = annual_document(annual_data(find("Qingdao-Guizhou"), 2011), "en")
    funds = load_workbook(io.BytesIO(render(doc, "xlsx")))[next(t.sheet for t in doc.tables() if any(
        c.kind == "money" for c in t.columns))]
    assert any(c.value == 31250000 for row in funds.iter_rows(min_row=3) for c in row)
    assert any(str(c.value).endswith("(yuan)") for c in funds[2])


def test_it_writes_csv_with_every_table(qingdao_doc):
    text = render(qingdao_doc, "csv").decode("utf-8-sig")
    for table in qingdao_doc.tables():
        assert table.title in text
    assert "金额（万元）" in text and ",3125," in text  # money in the unit its header names


def test_it_writes_docx_with_notes_and_a_chart(qingdao_doc):
    data = render(qingdao_doc, "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
        assert any(name.startswith("word/media/") for name in z.namelist())
    assert "3125万元" in xml and "[1]" in xml


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_it_writes_a_pdf_that_renders_to_a_page_with_ink(demo_facts, tmp_path, lang):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    from PIL import Image

    doc = annual_document(annual_data(find("Qingdao-Guizhou"), 2011), lang)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render(doc, "pdf"))
    subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "page")], check=True)
    page = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    dark = sum(page.histogram()[:128])
    assert dark > 0.005 * page.width * page.height  # text, not a blank page


def test_it_writes_html_with_links_from_each_figure_to_its_note(qingdao_doc):
    html = render(qingdao_doc, "html").decode("utf-8")
    assert 'href="#note-1"' in html and 'id="note-1"' in html and "<svg" in html


@pytest.mark.usefixtures("english")
def test_it_refuses_an_unknown_format(qingdao_doc):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="not a report format"):
        render(qingdao_doc, "odt")
