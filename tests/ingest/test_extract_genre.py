"""Yearbook-style reports written from issue 13's phenomena (tests/ingest/genre/), with their own gold.

Floors: the scores reached (observations, attribution, year, events 1.000; pairings 0.897, the
"its districts of A, B and C paired up respectively with ..." sub-pairings are not found) minus a margin.
"""
import pytest

from .helpers import GENRE, extract_all, gold_docs, score

GOLD = GENRE / "gold.jsonl"


def genre_files():
    return sorted(GENRE.glob("*.txt"))


@pytest.fixture(scope="module")
def genre_scores():
    return score(GOLD, extract_all(genre_files()))


def test_it_has_gold_for_every_genre_report():
    assert gold_docs(GOLD) == {p.name for p in genre_files()}


def test_it_finds_the_figures_of_genre_reports(genre_scores):
    summary, misses, falses, _ = genre_scores
    assert summary["observation"]["f1"] >= 0.97, (misses, falses)


def test_it_attributes_and_dates_the_figures_of_genre_reports(genre_scores):
    summary, _, _, wrong = genre_scores
    assert summary["attribution"] >= 0.96, wrong
    assert summary["year"] >= 0.97


def test_it_finds_the_pairings_and_events_of_genre_reports(genre_scores):
    summary, misses, falses, _ = genre_scores
    assert summary["pairing"]["f1"] >= 0.86, (misses, falses)
    assert summary["event"]["f1"] >= 0.95, (misses, falses)
