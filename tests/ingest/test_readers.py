"""Bad input: empty, binary, GBK, UTF-16, 10 MB, HTML with scripts, no figures; never a crash or a hang."""
import time

import pytest

from counterpart.ingest.extract import ExtractionError, ReadError, extract_facts, extract_file, read_text
from counterpart.ingest.extract.attribution import find_orgs
from counterpart.ingest.extract.numbers import find_quantities
from counterpart.ingest.extract.segment import paragraphs

from .helpers import SAMPLES

REPORT = ("Guangdong – Guangxi Pairing-off Poverty Alleviation\n\n"
          "In 2011, Guangdong allocated 35 million yuan of aid funds to Baise. 贵州省获得捐款530万元。\n")


def test_it_returns_nothing_for_an_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert extract_file(path) == ("empty.txt", "", [])


def test_it_refuses_a_binary_file_naming_it(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(ReadError) as exc:
        extract_file(path)
    assert "photo.txt" in str(exc.value) and "binary" in str(exc.value)


def test_it_refuses_a_pdf_and_a_missing_file(tmp_path):
    pdf = tmp_path / "r.txt"
    pdf.write_bytes(b"%PDF-1.4 ...")
    with pytest.raises(ReadError, match="PDF"):
        read_text(pdf)
    with pytest.raises(ReadError, match="missing.txt"):
        read_text(tmp_path / "missing.txt")


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16", "utf-16-le", "utf-8-sig", "utf-8"])
def test_it_decodes_chinese_encodings(tmp_path, encoding):
    path = tmp_path / f"r-{encoding}.txt"
    path.write_bytes(REPORT.encode(encoding))
    _doc, text, facts = extract_file(path)
    assert text == REPORT
    values = {(f["indicator"], f["value"]) for f in facts if f["type"] == "observation"}
    assert ("gov_aid_funds", "35000000") in values
    assert ("social_donations", "5300000") in values


def test_it_refuses_a_10_mb_file_quickly_with_a_clear_message(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(REPORT * (10_000_000 // len(REPORT)), encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(ExtractionError, match="big.txt.*too long"):
        extract_file(path)
    assert time.monotonic() - started < 5


def test_it_scans_10_mb_without_catastrophic_backtracking():
    nasty = ("1," * 1_000_000 + "Aaaa Bbbb, " * 300_000 + "Co., Ltd " * 200_000 + "(" * 100_000 + "【" * 100_000)
    started = time.monotonic()
    paragraphs(nasty)
    find_quantities(nasty)
    find_orgs(nasty, 0, len(nasty))
    assert time.monotonic() - started < 20


def test_it_extracts_a_long_document_within_seconds():
    text = ("In 2011, Guangdong allocated 35 million yuan to Baise. " + "Xyz Qwe " * 40 + "\n") * 2500
    started = time.monotonic()
    extract_facts(text, "long.txt")
    assert time.monotonic() - started < 10


def test_it_drops_scripts_navigation_and_footers_from_html():
    text = read_text(SAMPLES / "fujian_ningxia_2018.html")
    assert "380 million yuan" in text
    assert "500 million" not in text and "function" not in text  # script
    assert "Home" not in text and "Copyright" not in text and "12 offices" not in text


def test_it_reads_docx_paragraphs():
    text = read_text(SAMPLES / "zhejiang_sichuan_2019.docx")
    assert text.startswith("Zhejiang – Sichuan")
    assert "1.82 billion yuan" in text


def test_it_drops_page_furniture_of_the_seeds():
    text = REPORT + "\n扫描下载手机客户端\n\n地址:北京朝阳区 邮编100028 电话:+86-10-84419655\n\n版权所有©中国国际扶贫中心 京ICP备2020039194号-2"
    facts = extract_facts(text, "r.txt")
    assert all("100028" not in f["evidence"]["text"] for f in facts)
    assert all(f.get("value") not in ("100028", "84419655", "2020039194") for f in facts)


def test_it_gives_no_observations_for_a_report_without_figures(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("Qingdao – Guizhou Pairing-off\n\nThe two sides deepened cooperation.\n", encoding="utf-8")
    _, _, facts = extract_file(path)
    assert [f for f in facts if f["type"] == "observation"] == []
