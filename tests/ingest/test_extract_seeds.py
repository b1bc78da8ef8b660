"""The two seed reports meet the goals when scored by the shared scorer against the shared gold."""
import pytest

from counterpart.ingest.extract import extract_file

from .helpers import SEED_GOLD, SEEDS, score

pytestmark = pytest.mark.skipif(not SEEDS or not SEED_GOLD.exists(), reason="shared seeds not present")


@pytest.fixture(scope="module")
def seed_facts():
    facts = []
    for path in SEEDS:
        _, text, rows = extract_file(path)
        for row in rows:
            ev = row["evidence"]
            assert text[ev["start"]:ev["end"]] == ev["text"]
        facts.extend(rows)
    return facts


def test_it_meets_the_observation_goal(seed_facts):
    summary, misses, falses, _ = score(SEED_GOLD, seed_facts)
    assert summary["observation"]["f1"] >= 0.95, (misses, falses)


def test_it_meets_the_attribution_goal(seed_facts):
    summary, _, _, wrong = score(SEED_GOLD, seed_facts)
    assert summary["attribution"] >= 0.90, wrong


def test_it_meets_the_pairing_and_event_goals(seed_facts):
    summary, misses, falses, _ = score(SEED_GOLD, seed_facts)
    assert summary["pairing"]["f1"] >= 0.90, (misses, falses)
    assert summary["event"]["f1"] >= 0.80, (misses, falses)


def test_it_links_a_total_and_its_parts(seed_facts):
    by_value = {(r["doc"], r.get("value")): r for r in seed_facts if r["type"] == "observation"}
    doc = SEEDS[-1].name
    total = by_value[(doc, "16400000")]
    assert by_value[(doc, "14000000")]["part_of"] == total["id"]
    assert by_value[(doc, "2400000")]["part_of"] == total["id"]
    assert "part_of" not in total


def test_it_counts_a_figure_repeated_by_a_section_once(seed_facts):
    doc = SEEDS[0].name
    rows = [r for r in seed_facts if r["doc"] == doc and r.get("indicator") == "aid_projects" and r["value"] == "23"]
    assert len(rows) == 1
