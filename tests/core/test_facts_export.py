import io
import json

from django.core.management import call_command

from counterpart.indicators.facts import export_facts
from tests.helpers import GOLD, scorer


def test_it_reproduces_the_annotated_seed_facts_exactly(demo):
    score = scorer()
    summary, misses, falses, wrong = score.score(score.load(GOLD), list(export_facts()))
    assert (misses, falses, wrong) == ([], [], [])
    for kind in ("observation", "pairing", "event"):
        assert summary[kind]["f1"] == 1.0, kind
    assert summary["attribution"] == 1.0


def test_it_writes_json_lines_from_the_command(demo, tmp_path):
    out = tmp_path / "facts.jsonl"
    call_command("facts", "export", "-o", str(out), stderr=io.StringIO())
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["type"] for r in rows} == {"observation", "pairing", "event"}
    doc_texts = {}
    from counterpart.sources.models import SourceDocument

    for d in SourceDocument.objects.all():
        doc_texts[d.doc_id] = d.text
    for r in rows:
        ev = r["evidence"]
        assert doc_texts[r["doc"]][ev["start"]:ev["end"]] == ev["text"]


def test_it_exports_money_as_exact_decimal_strings(demo):
    values = {f["value"] for f in export_facts() if f["type"] == "observation" and f["unit"] == "CNY"}
    assert "31250000" in values and "1150000000" in values
    assert not any("." in v or "E" in v for v in values)


def test_it_leaves_out_counts_implied_but_not_stated(demo):
    courses = [f for f in export_facts() if f.get("indicator") == "training_courses"]
    assert [f["value"] for f in courses] == ["2"]
