#!/usr/bin/env python3
"""Benchmark the narrative extractor: quality on the seeds, our own samples and the holdout, and throughput.

usage: python bench/extract.py [SEEDS_DIR_OR_FILES...] [--gold GOLD.jsonl] [--out DIR] [--seconds N]

Runs counterpart.ingest.extract on the seed reports (default ../shared/seeds/*.txt relative to the
repository), writes the predictions as JSON Lines, scores them with ../shared/eval/score_facts.py
against ../shared/eval/dev/gold.jsonl, does the same for tests/ingest/samples/ and tests/ingest/holdout/
against their gold.jsonl, and measures documents per second on one core.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "counterpart.settings")

from counterpart.ingest.extract import ExtractionError, extract_facts, extract_file

SHARED = REPO.parent / "shared"
DEFAULT_SEEDS = SHARED / "seeds"
DEFAULT_GOLD = SHARED / "eval" / "dev" / "gold.jsonl"
SCORER = SHARED / "eval" / "score_facts.py"
SAMPLES = REPO / "tests" / "ingest" / "samples"
HOLDOUT = REPO / "tests" / "ingest" / "holdout"  # reports written apart from the rules, to measure generalisation


def load_scorer():
    spec = importlib.util.spec_from_file_location("score_facts", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def files_of(args: list[str]) -> list[Path]:
    out: list[Path] = []
    for a in args:
        p = Path(a)
        if p.is_dir():
            out += sorted(q for q in p.iterdir() if q.suffix.lower() in (".txt", ".html", ".htm", ".docx"))
        else:
            out.append(p)
    return out


def run(files: list[Path], pred_path: Path) -> tuple[list[dict], dict[str, str]]:
    facts, texts = [], {}
    for path in files:
        try:
            doc, text, rows = extract_file(path)
        except ExtractionError as exc:
            print(f"  failed: {exc}", file=sys.stderr)
            continue
        texts[doc] = text
        for row in rows:
            ev = row["evidence"]
            if text[ev["start"]:ev["end"]] != ev["text"]:
                print(f"  BAD OFFSETS {doc}: {row}", file=sys.stderr)
        facts += rows
    pred_path.parent.mkdir(parents=True, exist_ok=True)
    with pred_path.open("w", encoding="utf-8") as fh:
        for row in facts:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return facts, texts


def report(title: str, gold: Path, facts: list[dict], verbose: bool) -> dict:
    scorer = load_scorer()
    summary, misses, falses, wrong = scorer.score(scorer.load(gold), facts)
    o, pa, ev = summary["observation"], summary["pairing"], summary["event"]
    print(f"{title}: docs={summary['docs']}")
    print(f"  observations  P={o['precision']:.3f} R={o['recall']:.3f} F1={o['f1']:.3f} "
          f"(tp={o['tp']} fp={o['fp']} fn={o['fn']})")
    print(f"  attribution   {summary['attribution']:.3f}")
    print(f"  pairings      F1={pa['f1']:.3f} (tp={pa['tp']} fp={pa['fp']} fn={pa['fn']})")
    print(f"  events        F1={ev['f1']:.3f} (tp={ev['tp']} fp={ev['fp']} fn={ev['fn']})")
    if verbose:
        for doc, kind, g in misses:
            print(f"    MISS  {doc} {kind} {g.get('indicator', g.get('kind', ''))} {g.get('value', g.get('date', ''))}")
        for doc, kind, p in falses:
            print(f"    FALSE {doc} {kind} {p.get('indicator', p.get('kind', ''))} {p.get('value', p.get('date', ''))}"
                  f" | {(p.get('evidence') or {}).get('text', '')[:80]}")
        for doc, g, p in wrong:
            print(f"    ATTR  {doc} {g['indicator']} {g['value']} gold={g.get('donor')}/{g.get('recipient')} "
                  f"pred={p.get('donor')}/{p.get('recipient')}")
    return summary


def throughput(texts: dict[str, str], seconds: float) -> tuple[float, float]:
    docs = list(texts.items())
    if not docs:
        return 0.0, 0.0
    extract_facts(docs[0][1], docs[0][0])  # warm up: gazetteer load, regex compilation
    n = chars = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        for doc, text in docs:
            extract_facts(text, doc)
            n += 1
            chars += len(text.encode("utf-8"))
    elapsed = time.perf_counter() - started
    return n / elapsed, chars / 1024 / elapsed


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("seeds", nargs="*", help=f"seed files or directories (default {DEFAULT_SEEDS})")
    ap.add_argument("--gold", default=str(DEFAULT_GOLD))
    ap.add_argument("--out", default=str(REPO / "var" / "bench"), help="where predictions are written")
    ap.add_argument("--seconds", type=float, default=3.0, help="how long to measure throughput")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses, false figures, wrong attributions")
    args = ap.parse_args(argv)

    out = Path(args.out)
    seed_files = files_of(args.seeds or [str(DEFAULT_SEEDS)])
    seed_facts, seed_texts = run(seed_files, out / "pred_seeds.jsonl")
    print(f"predictions: {out / 'pred_seeds.jsonl'}")
    if Path(args.gold).exists() and SCORER.exists():
        report("seeds", Path(args.gold), seed_facts, args.verbose)
    else:
        print(f"(no gold at {args.gold} or no scorer at {SCORER}: seeds not scored)")
    sample_files = files_of([str(SAMPLES)])
    sample_facts, sample_texts = run(sample_files, out / "pred_samples.jsonl")
    if SCORER.exists():
        report("own samples", SAMPLES / "gold.jsonl", sample_facts, args.verbose)
    if SCORER.exists() and (HOLDOUT / "gold.jsonl").exists():
        holdout_facts, _ = run(files_of([str(HOLDOUT)]), out / "pred_holdout.jsonl")
        report("holdout", HOLDOUT / "gold.jsonl", holdout_facts, args.verbose)
    texts = {**seed_texts, **{k: v for k, v in sample_texts.items()}}
    per_doc, kb = throughput(seed_texts or texts, args.seconds)
    avg_kb = sum(len(t.encode("utf-8")) for t in (seed_texts or texts).values()) / 1024 / max(1, len(seed_texts or texts))
    print(f"throughput (one core, documents of ~{avg_kb:.1f} KB): {per_doc:.1f} documents/s, {kb:.0f} KB/s "
          f"(goal >= 50 documents/s)")


if __name__ == "__main__":
    main()
