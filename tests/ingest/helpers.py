"""Shared paths and a scorer wrapper for the extraction tests."""
import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
COPY = REPO / "tests" / "shared_copy"  # used only when the shared kit is not beside the clone
SEEDS = sorted((SHARED / "seeds").glob("*.txt")) or sorted(
    (REPO / "counterpart" / "demo" / "data" / "documents").glob("*.txt"))
SEED_GOLD = SHARED / "eval" / "dev" / "gold.jsonl"
SEED_GOLD = SEED_GOLD if SEED_GOLD.exists() else COPY / "gold.jsonl"
SCORER = SHARED / "eval" / "score_facts.py"
SCORER = SCORER if SCORER.exists() else COPY / "score_facts.py"
REAL_EN = SHARED / "eval" / "real-en"  # real yearbook entries with gold (issue 13)
REAL_EN = REAL_EN if (REAL_EN / "gold.jsonl").exists() else COPY / "real-en"
GENRE = Path(__file__).resolve().parent / "genre"
SAMPLES = Path(__file__).resolve().parent / "samples"
SAMPLE_GOLD = SAMPLES / "gold.jsonl"


def sample_files():
    return sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html", ".docx"))


def load_scorer():
    spec = importlib.util.spec_from_file_location("score_facts", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def score(gold_path, facts):
    scorer = load_scorer()
    summary, misses, falses, wrong = scorer.score(scorer.load(gold_path), facts)
    return summary, misses, falses, wrong


def extract_all(paths) -> list[dict]:
    """Facts of every report, each evidence checked against the text it was read from."""
    from counterpart.ingest.extract import extract_file

    facts = []
    for path in paths:
        _, text, rows = extract_file(path)
        for row in rows:
            ev = row["evidence"]
            assert text[ev["start"]:ev["end"]] == ev["text"], (path.name, row)
        facts.extend(rows)
    return facts


def gold_docs(gold_path) -> set[str]:
    import json

    lines = gold_path.read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["doc"] for line in lines if line.strip()}
