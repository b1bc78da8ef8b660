"""Reports of other pairings and years, written for these tests, with their own gold (samples/gold.jsonl)."""

import pytest

from counterpart.ingest.extract import extract_facts

from .helpers import SAMPLE_GOLD, extract_all, gold_docs, sample_files, score


@pytest.fixture(scope="module")
def sample_facts():
    return extract_all(sample_files())


def test_it_has_gold_for_every_sample():
    docs = gold_docs(SAMPLE_GOLD)
    assert docs == {p.name for p in sample_files()}
    assert len(docs) >= 6


def test_it_finds_the_figures_of_other_pairings(sample_facts):
    summary, misses, falses, _ = score(SAMPLE_GOLD, sample_facts)
    assert summary["observation"]["f1"] >= 0.90, (misses, falses)


def test_it_attributes_figures_of_other_pairings(sample_facts):
    summary, _, _, wrong = score(SAMPLE_GOLD, sample_facts)
    assert summary["attribution"] >= 0.90, wrong


def test_it_finds_pairings_and_events_of_other_pairings(sample_facts):
    summary, misses, falses, _ = score(SAMPLE_GOLD, sample_facts)
    assert summary["pairing"]["f1"] >= 0.85, (misses, falses)
    assert summary["event"]["f1"] >= 0.80, (misses, falses)


def test_it_resolves_report_regions_to_adcodes(sample_facts):
    pairing = next(r for r in sample_facts if r["type"] == "pairing" and r["doc"].startswith("beijing"))
    assert pairing["donor"].get("adcode") == "110000"
    assert pairing["recipient"].get("adcode") == "150000"


def test_it_ignores_growth_rates_gdp_and_per_capita_income():
    text = ("Hubei – Chongqing Pairing-off Cooperation\n\nIn 2015, the regional GDP of the county reached 16.2 billion "
            "yuan, up 9.5%. The per capita disposable income of farmers reached 8,900 yuan. Hubei allocated 30 million "
            "yuan of aid funds, 5 million yuan more than in 2014.")
    obs = [r for r in extract_facts(text, "t.txt") if r["type"] == "observation"]
    assert [(r["indicator"], r["value"]) for r in obs] == [("gov_aid_funds", "30000000")]


def test_it_takes_the_enterprise_named_with_an_investment_as_donor():
    text = ("Jiangsu – Shaanxi Pairing-off Cooperation\n\nIn 2018, Suning Holdings Group Co., Ltd. invested 200 "
            "million yuan in a logistics centre in Yan'an City.")
    obs = [r for r in extract_facts(text, "t.txt") if r["type"] == "observation"]
    assert obs[0]["indicator"] == "enterprise_investment"
    assert obs[0]["donor"]["name"].startswith("Suning Holdings Group")
    assert obs[0]["recipient"][0]["name"].startswith("Yan'an")


def test_it_gives_an_empty_result_for_a_report_without_figures():
    text = "Shandong – Chongqing Pairing-off Cooperation\n\nThe two sides deepened their cooperation in many fields."
    facts = extract_facts(text, "t.txt")
    assert [r for r in facts if r["type"] == "observation"] == []
