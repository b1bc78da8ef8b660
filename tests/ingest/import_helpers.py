"""Shared by the import and review tests: seed paths, a gold-facts extractor, fact multisets."""
import json
from collections import Counter
from pathlib import Path

import pytest

from tests.helpers import GOLD, REPO

SEED_002 = REPO / "counterpart" / "demo" / "data" / "documents" / "002_e102089f749d9787.txt"
SEED_000 = REPO / "counterpart" / "demo" / "data" / "documents" / "000_02dabc26fa6014fb.txt"


def gold_facts(doc_id, optional=False):
    if not GOLD.exists():
        pytest.skip(f"the shared gold facts are not beside the repository ({GOLD})")
    facts = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [f for f in facts if f["doc"] == doc_id and (optional or not f.get("optional"))]


def gold_extractor(text, doc_id, year=None):
    """Stands in for counterpart.ingest.extract: the annotated answers for the seed reports."""
    return [dict(f) for f in gold_facts(doc_id)]


def fixed_extractor(facts):
    def extract(text, doc_id, year=None):
        return [dict(f, doc=doc_id) for f in facts]
    return extract


def real_extractor():
    try:
        from counterpart.ingest.extract import extract_facts
    except ImportError:
        pytest.skip("the extractor (counterpart.ingest.extract.extract_facts) is not there yet")
    return extract_facts


def figures(facts) -> Counter:
    """Observations as a multiset of (indicator, value): what the curated data and an import must share."""
    from decimal import Decimal

    return Counter((f["indicator"], Decimal(f["value"]).normalize()) for f in facts if f["type"] == "observation")


def donors(facts) -> Counter:
    """(indicator, value, donor): who gave each figure (gold and curated differ on some recipients)."""
    return Counter((f["indicator"], str(f["value"]), (f.get("donor") or {}).get("name"))
                   for f in facts if f["type"] == "observation")


def write(tmp_path: Path, name: str, data) -> Path:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path
