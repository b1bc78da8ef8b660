"""The Chinese path end to end: real reports (../shared/eval/real-zh), our own reports, bad input.

The floors are the scores measured when they were set; they only go up. On real-zh the importer
scored observations F1 0.489, attribution 0.409, year 0.409, pairings 0.080, events 0.250 before
the Chinese path; 1.000, 1.000, 0.985, 1.000, 1.000 when it was added.
"""
import json
from pathlib import Path

import pytest

from counterpart.ingest.extract import extract_facts, extract_file
from counterpart.ingest.extract.readers import read_text

from ..helpers import COPY, SHARED, extract_all, score

REAL_ZH = SHARED / "eval" / "real-zh"
REAL_ZH = REAL_ZH if (REAL_ZH / "gold.jsonl").exists() else COPY / "real-zh"
OWN = Path(__file__).resolve().parent

REAL_FLOORS = {"observation": 0.98, "attribution": 0.98, "year": 0.95, "pairing": 0.95, "event": 0.95}
OWN_FLOORS = {"observation": 0.97, "attribution": 0.97, "year": 0.97, "pairing": 0.93, "event": 0.95}


def summary_of(gold, files):
    s, misses, falses, wrong = score(gold, extract_all(files))
    return {"observation": s["observation"]["f1"], "attribution": s["attribution"], "year": s["year"],
            "pairing": s["pairing"]["f1"], "event": s["event"]["f1"]}, (misses, falses, wrong)


@pytest.fixture(scope="module")
def real():
    return summary_of(REAL_ZH / "gold.jsonl", sorted((REAL_ZH / "docs").glob("*.txt")))


@pytest.fixture(scope="module")
def own():
    return summary_of(OWN / "gold.jsonl", sorted(OWN.glob("*.txt")))


@pytest.mark.parametrize("metric", sorted(REAL_FLOORS))
def test_real_chinese_reports_score_above_their_floors(real, metric):
    got, detail = real
    assert got[metric] >= REAL_FLOORS[metric], (got, detail)


@pytest.mark.parametrize("metric", sorted(OWN_FLOORS))
def test_our_chinese_reports_score_above_their_floors(own, metric):
    got, detail = own
    assert got[metric] >= OWN_FLOORS[metric], (got, detail)


def test_every_own_report_has_gold():
    docs = {json.loads(line)["doc"] for line in (OWN / "gold.jsonl").read_text(encoding="utf-8").splitlines()}
    assert docs == {p.name for p in OWN.glob("*.txt")}


def test_a_gbk_page_is_decoded_and_its_offsets_index_the_decoded_text():
    path = OWN / "news_jiaxing_lijiang_2020-gbk.txt"
    raw = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    _, text, facts = extract_file(path)
    assert "嘉兴市向丽江市投入财政帮扶资金" in text
    values = {f["value"] for f in facts if f["type"] == "observation"}
    assert {"185000000", "96", "1260"} <= values
    for f in facts:
        assert text[f["evidence"]["start"]:f["evidence"]["end"]] == f["evidence"]["text"]


def test_the_menu_and_mojibake_give_no_places_and_the_cut_sentence_no_figure():
    _, text, facts = extract_file(OWN / "news_jiaxing_lijiang_2020-gbk.txt")
    menu_end = text.index("\n")
    assert all(f["evidence"]["start"] > menu_end for f in facts)
    assert not any("选派" in f["evidence"]["text"] and f["type"] == "observation" for f in facts)


def test_traditional_script_evidence_quotes_the_document_as_written():
    facts = extract_file(OWN / "yearbook_beijing_neimenggu_2018-trad.txt")[2]
    aid = next(f for f in facts if f.get("indicator") == "gov_aid_funds")
    assert aid["value"] == "420000000" and "財政援助資金4.2億元" in aid["evidence"]["text"]


def test_a_report_cut_mid_word_still_gives_its_complete_figures():
    text = read_text(REAL_ZH / "docs" / "2011yb-jiangsu-shaanxi.txt")
    cut = text[: text.index("517.42") + 3]  # "社会捐赠资金和物资折价达517": the figure at the cut is incomplete
    facts = extract_facts(cut, "cut.txt")
    values = {f["value"] for f in facts if f["type"] == "observation"}
    assert "35590000" in values and "10000000" in values
    assert not any(v.startswith("517") for v in values)


def test_a_two_megabyte_report_is_extracted_with_offsets_intact():
    para = ("2019年,深圳市向百色市拨付财政帮扶资金{n}万元,引进企业{n}家、投资{n}亿元、吸纳贫困劳动力就业{n}人。"
            "深圳先后选派5批{n}名干部到百色挂职。\n")
    parts, size, n = ["深圳市——百色市东西部扶贫协作\n"], 0, 0
    while size < 2_000_000:
        n += 1
        parts.append(para.format(n=n))
        size += len(parts[-1].encode("utf-8"))
    text = "".join(parts)
    assert len(text.encode("utf-8")) > 1_900_000
    facts = extract_facts(text, "big.txt")
    obs = [f for f in facts if f["type"] == "observation"]
    assert {f["indicator"] for f in obs} >= {"gov_aid_funds", "cooperating_enterprises", "enterprise_investment",
                                             "labor_transferred", "cadres_exchanged"}
    last = max(obs, key=lambda f: f["evidence"]["start"])
    assert last["evidence"]["start"] > len(text) * 0.9
    assert text[last["evidence"]["start"]:last["evidence"]["end"]] == last["evidence"]["text"]


def test_chinese_text_takes_the_chinese_path_and_english_the_english():
    zh = extract_facts("2019年,山东省向重庆市拨付财政援助资金6.6亿元。", "zh.txt")
    assert [(f["indicator"], f["value"]) for f in zh if f["type"] == "observation"] == [("gov_aid_funds", "660000000")]
    en = extract_facts("In 2009, Shandong Province allocated aid funds of 16.4 million Yuan to Chongqing.", "en.txt")
    assert [(f["indicator"], f["value"]) for f in en if f["type"] == "observation"] == [("gov_aid_funds", "16400000")]


@pytest.mark.parametrize("text", ["", "   \n", "首页 > 新闻", "锟斤拷锟斤拷锟斤拷", "“”“”,,,。。。", "1234567890"])
def test_empty_or_junk_pages_give_no_facts_and_no_error(text):
    assert [f for f in extract_facts(text, "junk.txt") if f["type"] == "observation"] == []
