"""Reports at scale: loading speed, national overview, one pairing's annual report data, and each query
beside a hand-written SQL statement answering the same question. Prints a table; asserts nothing.

    .venv/bin/python bench/reports.py [--scale national] [--seed 1]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/counterpart_bench .venv/bin/python bench/reports.py

Builds its data set in a fresh database of its own (SQLite: var/bench-reports.sqlite3; PostgreSQL:
the database named in DATABASE_URL, which it drops and recreates) and leaves it for inspection.
"""
import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _fresh_database():
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        name = url.rsplit("/", 1)[1]
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return url
    path = ROOT / "var" / "bench-reports.sqlite3"
    path.parent.mkdir(exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    return os.environ["DATABASE_URL"]


def timed(fn, repeat=5):
    """Median seconds of `repeat` runs after one warm-up run."""
    fn()
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


# Hand-written SQL for the same questions, on the base tables, with the counting rule (NOT EXISTS over
# the part_of chain, a recursive query) and the pairing subtree (another recursive query).
NATIONAL_SQL = """
WITH RECURSIVE chain(part, total) AS (
    SELECT o.id, o.part_of_id FROM indicators_observation o
     WHERE o.part_of_id IS NOT NULL AND o.year IN (%(y)s, %(y)s - 1)
    UNION ALL
    SELECT c.part, t.part_of_id FROM chain c JOIN indicators_observation t ON t.id = c.total
     WHERE t.part_of_id IS NOT NULL)
SELECT o.year, o.indicator_id, SUM(o.value), COUNT(*) FROM indicators_observation o
 WHERE o.year IN (%(y)s, %(y)s - 1) AND o.status = 'confirmed'
   AND NOT EXISTS (SELECT 1 FROM chain c JOIN indicators_observation t ON t.id = c.total
                    WHERE c.part = o.id AND t.status = 'confirmed' AND t.year = o.year)
 GROUP BY o.year, o.indicator_id
"""
ANNUAL_SQL = """
WITH RECURSIVE tree(id) AS (
    SELECT CAST(%(p)s AS BIGINT) UNION ALL SELECT p.id FROM pairings_pairing p JOIN tree ON p.parent_id = tree.id),
scope AS (SELECT o.* FROM indicators_observation o JOIN tree ON o.pairing_id = tree.id
           WHERE o.year IN (%(y)s, %(y)s - 1) AND o.status <> 'withdrawn'),
chain(part, total) AS (
    SELECT s.id, s.part_of_id FROM scope s WHERE s.part_of_id IS NOT NULL
    UNION ALL
    SELECT c.part, t.part_of_id FROM chain c JOIN indicators_observation t ON t.id = c.total
     WHERE t.part_of_id IS NOT NULL)
SELECT s.year, s.indicator_id, s.status = 'confirmed', SUM(s.value), COUNT(*) FROM scope s
 WHERE NOT EXISTS (SELECT 1 FROM chain c JOIN scope t ON t.id = c.total WHERE c.part = s.id AND t.year = s.year)
 GROUP BY s.year, s.indicator_id, s.status = 'confirmed'
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="national")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    url = _fresh_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "counterpart.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from counterpart.geo.loading import load_regions
    from counterpart.indicators.catalogue import load_catalogue
    from counterpart.pairings.models import Pairing
    from counterpart.reports.annual import annual_data
    from counterpart.reports.national import national_data
    from counterpart.reports.summary import refresh
    from counterpart.reports.synth.build import build

    call_command("migrate", verbosity=0)
    load_regions(progress=False)
    load_catalogue()
    t = time.perf_counter()
    result = build(args.scale, args.seed, progress=True)
    load_s = time.perf_counter() - t
    print(f"loaded in {load_s:.1f}s", flush=True)
    state = refresh(progress=True)
    print(f"refreshed in {state.seconds:.1f}s {getattr(state, 'timings', '')}", flush=True)
    year = 2020
    # The biggest government pairing (a province pair) is the hardest annual report.
    province = Pairing.objects.filter(level="province_province").order_by("pk").first()
    county = Pairing.objects.filter(level="county_county").order_by("pk").first()

    def sql(statement, **params):
        def run():
            with connection.cursor() as c:
                c.execute(statement % {k: int(v) for k, v in params.items()})
                c.fetchall()
        return run

    rows = [
        ("data set", (f"{result['observations']:,} observations, {result['government_pairings']:,} government + "
                     f"{result['enterprise_village_pairings']:,} enterprise–village pairings"), ""),
        ("loading (synth)", f"{result['rows'] / load_s:,.0f} rows/s ({result['rows']:,} rows in {load_s:.1f} s)", "≥ 50,000 rows/s"),
        ("refresh (read model)", f"{state.seconds:.1f} s ({state.facts / state.seconds:,.0f} figures/s)", "command, not a page"),
    ]
    nat = timed(lambda: national_data(year))
    nat_sql = timed(sql(NATIONAL_SQL, y=year), repeat=3)
    rows += [("national overview, one year", f"{nat * 1000:.1f} ms", "< 1 s"),
             ("  hand-written SQL, same question", f"{nat_sql * 1000:.1f} ms", ""),
             ("  ratio ours / SQL", f"{nat / nat_sql:.3f}", "≤ 1.5 (< 1 pre-aggregated)")]
    for label, p in (("province pairing", province), ("county pairing", county)):
        ann = timed(lambda p=p: annual_data(p, year))
        ann_sql = timed(sql(ANNUAL_SQL, p=p.pk, y=year), repeat=3)
        rows += [(f"annual report data, {label}", f"{ann * 1000:.1f} ms", "< 150 ms"),
                 ("  hand-written SQL, same totals", f"{ann_sql * 1000:.1f} ms", ""),
                 ("  ratio ours / SQL", f"{ann / ann_sql:.3f}", "≤ 1.5 (ours also reads the figures' sentences)")]
    print(f"\nbench/reports.py  scale={args.scale} seed={args.seed} database={connection.vendor} ({url.split('@')[-1]})")
    width = max(len(r[0]) for r in rows)
    for name, value, goal in rows:
        print(f"{name:<{width}}  {value:<48} {goal}")


if __name__ == "__main__":
    main()
