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
