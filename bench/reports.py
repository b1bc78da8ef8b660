"""Reports at scale: loading speed, national overview, one pairing's annual report data, and each query
beside a hand-written SQL statement answering the same question. Prints a table; asserts nothing.

    .venv/bin/python bench/reports.py [--scale national] [--seed 1] [--reuse]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/counterpart_bench .venv/bin/python bench/reports.py

Builds its data set in a fresh database of its own (SQLite: var/bench-reports.sqlite3, or the file a
sqlite:/// DATABASE_URL names; PostgreSQL: the database named in DATABASE_URL, which it drops and
recreates) and leaves it for inspection; --reuse times the queries on the data set left by a previous run.
"""
import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _fresh_database(reuse):
    url = os.environ.get("DATABASE_URL", "")
    if reuse:
        return url or _sqlite_url()
    if url.startswith("postgres"):
        import psycopg

        name = url.rsplit("/", 1)[1]
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return url
    url = _sqlite_url()
    path = Path(url.removeprefix("sqlite:///"))
    path.parent.mkdir(exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return url


def _sqlite_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("sqlite:///"):
        url = os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'bench-reports.sqlite3'}"
    return url


def timed(fn, repeat=7):
    """(best, median, CPU of the best) seconds of `repeat` runs after one warm-up run: the machine may be
    shared, and the best run is the one least disturbed by others."""
    fn()
    runs = []
    for _ in range(repeat):
        t, cpu = time.perf_counter(), cpu_seconds()
        fn()
        runs.append((time.perf_counter() - t, sum(b - a for a, b in zip(cpu, cpu_seconds()))))
    return min(runs)[0], statistics.median(r[0] for r in runs), min(runs)[1]


def cpu_seconds():
    """CPU seconds used so far by this process and, on a local PostgreSQL, by its server process: on a shared
    machine wall time says how busy the others were, CPU time what the work cost."""
    from django.db import connection

    server = 0.0
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("SELECT pg_backend_pid()")
            pid = c.fetchone()[0]
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            server = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):  # a server on another machine
            server = float("nan")
    return time.process_time(), server


def ms(run):
    return f"{run[0] * 1000:.1f} ms (median {run[1] * 1000:.1f}, CPU {run[2] * 1000:.1f})"


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
    parser.add_argument("--reuse", action="store_true", help="time the queries on the last run's data set")
    args = parser.parse_args()
    url = _fresh_database(args.reuse)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "counterpart.settings")
    import django

    django.setup()
    from django.db import connection

    from counterpart.pairings.models import Pairing
    from counterpart.reports.annual import annual_data
    from counterpart.reports.national import national_data

    rows = _load(args) if not args.reuse else _reused()
    year = 2020
    # The first pairing of each level; the province pair is the hardest annual report.
    pairings = [(level.split("_")[0], Pairing.objects.filter(level=level).order_by("pk").first())
                for level in ("province_province", "city_city", "county_county", "enterprise_village")]

    def sql(statement, **params):
        def run():
            with connection.cursor() as c:
                c.execute(statement % {k: int(v) for k, v in params.items()})
                c.fetchall()
        return run

    nat = timed(lambda: national_data(year))
    nat_sql = timed(sql(NATIONAL_SQL, y=year), repeat=3)
    rows += [("national overview, one year", ms(nat), "< 1 s"),
             ("  hand-written SQL, same question", ms(nat_sql), ""),
             ("  ratio ours / SQL (best, median)", f"{nat[0] / nat_sql[0]:.3f}, {nat[1] / nat_sql[1]:.3f}",
              "≤ 1.5 (< 1 pre-aggregated)")]
    for label, p in pairings:
        ann = timed(lambda p=p: annual_data(p, year))
        ann_sql = timed(sql(ANNUAL_SQL, p=p.pk, y=year), repeat=3)
        rows += [(f"annual report data, {label} pairing", ms(ann), "< 150 ms"),
                 ("  hand-written SQL, same totals", ms(ann_sql), ""),
                 ("  ratio ours / SQL (best, median)", f"{ann[0] / ann_sql[0]:.3f}, {ann[1] / ann_sql[1]:.3f}",
                  "≤ 1.5 (ours also reads the figures' sentences)")]
    print(f"\nbench/reports.py  scale={args.scale} seed={args.seed} database={connection.vendor} ({url.split('@')[-1]})")
    width = max(len(r[0]) for r in rows)
    for name, value, goal in rows:
        print(f"{name:<{width}}  {value:<52} {goal}")


def _load(args) -> list:
    from django.core.management import call_command

    from counterpart.geo.loading import load_regions
    from counterpart.indicators.catalogue import load_catalogue
    from counterpart.reports.summary import refresh
    from counterpart.reports.synth.build import build

    call_command("migrate", verbosity=0)
    load_regions(progress=False)
    load_catalogue()
    t, cpu = time.perf_counter(), cpu_seconds()
    result = build(args.scale, args.seed, progress=True)
    load_s = time.perf_counter() - t
    own, server = (b - a for a, b in zip(cpu, cpu_seconds()))
    print(f"loaded in {load_s:.1f}s", flush=True)
    cpu = cpu_seconds()
    state = refresh(progress=True)
    r_own, r_server = (b - a for a, b in zip(cpu, cpu_seconds()))
    print(f"refreshed in {state.seconds:.1f}s {getattr(state, 'timings', '')}", flush=True)
    return [
        ("data set", (f"{result['observations']:,} observations, {result['government_pairings']:,} government + "
                     f"{result['enterprise_village_pairings']:,} enterprise–village pairings, "
                     f"{result['years']} years"), ""),
        ("loading (synth)", f"{result['rows'] / load_s:,.0f} rows/s ({result['rows']:,} rows in {load_s:.1f} s)",
         "≥ 50,000 rows/s"),
        ("  per CPU second", (f"{result['rows'] / (own + server):,.0f} rows/s (Python {own:.1f} s + server "
                              f"{server:.1f} s)"), "what it costs on an idle machine"),
        ("refresh (read model)", f"{state.seconds:.1f} s ({state.facts / state.seconds:,.0f} figures/s)",
         "command, not a page"),
        ("  CPU", f"{r_own + r_server:.1f} s (Python {r_own:.1f} s + server {r_server:.1f} s)", ""),
    ]


def _reused() -> list:
    from counterpart.indicators.models import Observation
    from counterpart.pairings.models import Pairing
    from counterpart.reports.summary import state

    ev = Pairing.objects.filter(level="enterprise_village").count()
    years = Observation.objects.order_by().values_list("year").distinct().count()
    last = state()
    return [("data set (reused)", (f"{Observation.objects.count():,} observations, {Pairing.objects.count() - ev:,} "
                                   f"government + {ev:,} enterprise–village pairings, {years} years"), ""),
            ("refresh (read model), last run", f"{last.seconds:.1f} s" if last else "never", "command, not a page")]


if __name__ == "__main__":
    main()
