"""Real English yearbook entries (shared/eval/real-en, copy in tests/shared_copy/real-en) scored against their gold.

Floors only go up: they are the scores reached when the rules were generalised for issue 13 (observations
F1, attribution, year, pairings and events all 1.000; before: 0.764, 0.824, 0.971, 0.667, 1.000) minus a
margin of about two figures. The rules name nothing of these texts; tests/ingest/genre/ keeps them honest.
"""
import pytest

from .helpers import REAL_EN, extract_all, gold_docs, score

GOLD = REAL_EN / "gold.jsonl"


def real_files():
    return sorted((REAL_EN / "docs").glob("*.txt"))


@pytest.fixture(scope="module")
def real_scores():
    return score(GOLD, extract_all(real_files()))


def test_it_has_every_real_report_and_its_gold():
    assert gold_docs(GOLD) == {p.name for p in real_files()}
    assert len(real_files()) >= 8


def test_it_finds_the_figures_of_real_reports(real_scores):
    summary, misses, falses, _ = real_scores
    assert summary["observation"]["f1"] >= 0.96, (misses, falses)
    assert summary["observation"]["precision"] >= 0.96, falses


def test_it_attributes_and_dates_the_figures_of_real_reports(real_scores):
    summary, _, _, wrong = real_scores
    assert summary["attribution"] >= 0.95, wrong
    assert summary["year"] >= 0.95


def test_it_finds_the_pairings_and_events_of_real_reports(real_scores):
    summary, misses, falses, _ = real_scores
    assert summary["pairing"]["f1"] >= 0.94, (misses, falses)
    assert summary["event"]["f1"] >= 0.95, (misses, falses)
