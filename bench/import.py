"""Import figures: proposals per seed, time to import and to accept everything, correspondence with the
curated demo data, and a 10 MB report. Runs against DATABASE_URL (default the dev SQLite) inside a
transaction that is rolled back, so it leaves the database as it found it.

    .venv/bin/python bench/import.py
"""
import os
import sys
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "counterpart.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-" + "k" * 50)
import django

django.setup()

from django.contrib.auth.models import User
from django.db import transaction

from counterpart.demo.loading import load_demo
from counterpart.geo.loading import load_regions
from counterpart.indicators.catalogue import load_catalogue
from counterpart.indicators.facts import export_facts
from counterpart.ingest.actions import do_accept_all, do_import_document
from counterpart.sources.models import SourceDocument

DOCS = Path(__file__).resolve().parent.parent / "counterpart" / "demo" / "data" / "documents"


class Rollback(Exception):
    pass


def figures(facts):
    return Counter((f["indicator"], Decimal(f["value"]).normalize()) for f in facts if f["type"] == "observation")


def curated(doc_id):
    try:
        with transaction.atomic():
            if not SourceDocument.objects.filter(doc_id=doc_id).exists():
                load_demo()
            out = figures(export_facts([doc_id]))
            raise Rollback
    except Rollback:
        return out


def main():
    try:
        with transaction.atomic():
            load_regions(progress=False)
            load_catalogue()
            reviewer = User.objects.create(username="bench-reviewer")
            paths = sorted(DOCS.glob("*.txt"))
            wanted = {p.name: curated(p.name) for p in paths}  # before importing: the loader keys on doc_id
            for path in paths:
                want = wanted[path.name]
                SourceDocument.objects.filter(doc_id=path.name).exists() and print(
                    f"{path.name}: already in this database as curated data; importing a marked copy")
                text = path.read_text(encoding="utf-8")
                copy = text if not SourceDocument.objects.filter(doc_id=path.name).exists() else text + "\n"
                t0 = time.perf_counter()
                outcome = do_import_document(text=copy, doc_id="bench-" + path.name)
                t1 = time.perf_counter()
                accepted, failed = do_accept_all(outcome.batch, reviewer)
                t2 = time.perf_counter()
                got = figures(export_facts([outcome.document.doc_id]))
                print(f"{path.name}: {outcome.proposals} proposals, import {t1 - t0:.2f} s, accept all "
                      f"{t2 - t1:.2f} s ({len(accepted)} accepted, {len(failed)} refused); curated figures made: "
                      f"{sum((got & want).values())}/{sum(want.values())}, extra: {sum((got - want).values())}")
            big = (DOCS / "002_e102089f749d9787.txt").read_text(encoding="utf-8")
            big = (big * (10 * 1024 * 1024 // len(big.encode("utf-8")) + 1))[: 10 * 1024 * 1024]
            t0 = time.perf_counter()
            outcome = do_import_document(text=big, doc_id="bench-10mb.txt")
            print(f"10 MB report: {outcome.proposals} proposals, import {time.perf_counter() - t0:.1f} s")
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    sys.exit(main())
