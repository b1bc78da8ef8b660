"""Reports at scale: loading speed; the full refresh of the read model beside hand-written SQL building the
same rollup table; one confirmation's extra cost (the read model kept by the action) and the national
overview right after it; 12 concurrent report views during writes; the national overview and each level's
annual report data beside hand-written SQL reading the same precomputed rows. Prints every figure and the
machine's load; asserts nothing.

    .venv/bin/python bench/reports.py [--scale national] [--seed 1] [--reuse] [--skip-refresh]
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


# Hand-written SQL reading the same precomputed rows the code reads (the rollups, the observations of the
# report's own pairing), one statement per question the code asks.
ROLLUP_COLS = "year, indicator_id, dim_value, value, n, n_at_least, n_approx, n_at_most, n_unconfirmed"
NATIONAL_SQL = [
    "SELECT DISTINCT year FROM reports_rollup WHERE scope IS NULL",
    (f"SELECT {ROLLUP_COLS} FROM reports_rollup WHERE basis = 'confirmed' AND dim = '' AND scope IS NULL "
     "AND year IN (%(y)s - 1, %(y)s)"),
    f"SELECT {ROLLUP_COLS} FROM reports_rollup WHERE basis = 'reported' AND dim = '' AND scope IS NULL AND year = %(y)s",
    *(f"SELECT {ROLLUP_COLS} FROM reports_rollup WHERE basis = 'confirmed' AND dim = '{dim}' AND scope IS NULL "
      "AND year = %(y)s" for dim in ("purpose", "source_level", "form")),
    ("SELECT r.scope, r.value, r.n, d.name_en, e.name_en FROM reports_rollup r JOIN pairings_pairing p ON p.id = r.scope "
     "JOIN pairings_unit d ON d.id = p.donor_id JOIN pairings_unit e ON e.id = p.recipient_id "
     "WHERE r.basis = 'confirmed' AND r.dim = '' AND r.year = %(y)s AND r.scope_depth = 0 AND r.indicator_id = "
     "(SELECT id FROM indicators_indicator WHERE code = 'gov_aid_funds') ORDER BY r.value DESC, r.scope LIMIT 10"),
    "SELECT * FROM indicators_indicator",
]
# The report's own figures: the pairing's, with its government sub-pairings' while they are few (as the code).
DETAIL = ("(SELECT %(p)s UNION ALL SELECT id FROM pairings_pairing WHERE parent_id = %(p)s "
          "AND level <> 'enterprise_village')")
LISTED = ("SELECT o.id FROM indicators_observation o WHERE o.year = %(y)s AND o.status <> 'withdrawn' "
          "AND o.pairing_id = %(p)s LIMIT 800")
ANNUAL_SQL = [
    "SELECT DISTINCT year FROM reports_rollup WHERE basis = 'reported' AND dim = '' AND scope = %(p)s",
    ("SELECT p.*, d.*, e.* FROM pairings_pairing p JOIN pairings_unit d ON d.id = p.donor_id "
     "JOIN pairings_unit e ON e.id = p.recipient_id WHERE p.parent_id = %(p)s ORDER BY p.id"),
    ("SELECT COUNT(*) FROM indicators_observation WHERE year = %(y)s AND status <> 'withdrawn' "
     f"AND pairing_id IN {DETAIL}"),
    ("SELECT o.*, i.*, u.* FROM indicators_observation o JOIN indicators_indicator i ON i.id = o.indicator_id "
     "LEFT JOIN pairings_unit u ON u.id = o.donor_id WHERE o.year = %(y)s AND o.status <> 'withdrawn' "
     "AND o.pairing_id = %(p)s ORDER BY i.position, o.pairing_id, o.id LIMIT 800"),
    ("SELECT r.observation_id, u.* FROM indicators_observation_recipients r JOIN pairings_unit u ON u.id = r.unit_id "
     f"WHERE r.observation_id IN ({LISTED})"),
    ("SELECT s.*, d.id, d.doc_id FROM sources_span s JOIN sources_sourcedocument d ON d.id = s.document_id "
     f"WHERE s.id IN (SELECT o.span_id FROM indicators_observation o WHERE o.id IN ({LISTED}))"),
    (f"SELECT {ROLLUP_COLS} FROM reports_rollup WHERE basis = 'confirmed' AND dim = '' AND scope = %(p)s "
     "AND year IN (%(y)s - 1, %(y)s)"),
    (f"SELECT {ROLLUP_COLS} FROM reports_rollup WHERE basis = 'reported' AND dim = '' AND scope = %(p)s "
     "AND year IN (%(y)s - 1, %(y)s)"),
    ("SELECT year, value, n FROM reports_rollup WHERE basis = 'confirmed' AND dim = '' AND scope = %(p)s "
     "AND indicator_id = (SELECT id FROM indicators_indicator WHERE code = 'gov_aid_funds')"),
    ("SELECT r.scope, r.indicator_id, r.value, r.n FROM reports_rollup r JOIN pairings_pairing c ON c.id = r.scope "
     "WHERE c.parent_id = %(p)s AND r.basis = 'reported' AND r.dim = '' AND r.year = %(y)s"),
    "SELECT * FROM indicators_indicator",
]
# The rollup table from the facts, as the hand-written reference: one INSERT … SELECT … GROUP BY per
# pass, the counting rule as NOT EXISTS over the part's totals in the same group.
ROLLUP_PASS_SQL = """
INSERT INTO bench_rollup SELECT '{basis}', {scope}, {depth}, f.year, f.indicator_id, '{dim}', {dim_value},
       SUM(f.value), COUNT(*), SUM(CASE WHEN f.qualifier = 'at_least' THEN 1 ELSE 0 END),
       SUM(CASE WHEN f.qualifier = 'approx' THEN 1 ELSE 0 END), SUM(CASE WHEN f.qualifier = 'at_most' THEN 1 ELSE 0 END),
       SUM(CASE WHEN f.confirmed THEN 0 ELSE 1 END)
  FROM reports_fact f
 WHERE {where} AND NOT EXISTS (
       SELECT 1 FROM reports_factancestor a JOIN reports_fact t ON t.id = a.total_id
        WHERE a.part_id = f.id AND t.year = f.year AND t.indicator_id = f.indicator_id {same})
 GROUP BY f.year, f.indicator_id {group}
"""


def hand_rollups():
    """Run the hand-written rollup statements into a scratch table (rolled back); returns its rows."""
    from django.db import connection, transaction

    from counterpart.indicators.models import Indicator
    from counterpart.reports.models import Fact
    from counterpart.reports.summary import BREAKDOWN_DIMS

    deepest = Fact.objects.order_by("-gov_depth").values_list("gov_depth", flat=True).first()
    ids = dict(Indicator.objects.values_list("code", "pk"))
    passes = [(b, d, "") for b in ("confirmed", "reported") for d in range(-1, min(deepest, 4) + 1)]
    passes += [("confirmed", d, dim) for d in (-1, 0) for dim in BREAKDOWN_DIMS]
    rows = []

    class Undo(Exception):
        pass

    try:
        with transaction.atomic(), connection.cursor() as c:
            c.execute("CREATE TEMPORARY TABLE bench_rollup AS SELECT basis, scope, scope_depth, year, indicator_id, "
                      "dim, dim_value, value, n, n_at_least, n_approx, n_at_most, n_unconfirmed FROM reports_rollup "
                      "WHERE 1 = 0")
            for basis, depth, dim in passes:
                where = ["f.confirmed"] if basis == "confirmed" else ["1 = 1"]
                same = " AND t.confirmed" if basis == "confirmed" else ""
                group = ""
                if depth >= 0:
                    where.append(f"f.gov_depth >= {depth}")
                    same += f" AND t.p{depth} = f.p{depth} AND t.gov_depth >= {depth}"
                    group += f", f.p{depth}"
                if dim:
                    where += [f"f.indicator_id = {ids[BREAKDOWN_DIMS[dim]]}", f"f.{dim} <> ''"]
                    same += f" AND t.{dim} = f.{dim}"
                    group += f", f.{dim}"
                c.execute(ROLLUP_PASS_SQL.format(
                    basis=basis, scope=f"f.p{depth}" if depth >= 0 else "NULL", depth=depth, dim=dim,
                    dim_value=f"f.{dim}" if dim else "''", where=" AND ".join(where), same=same, group=group))
            c.execute("SELECT * FROM bench_rollup")
            rows = c.fetchall()
            raise Undo
    except Undo:
        pass
    return rows


def rollup_rows_now():
    from django.db import connection

    with connection.cursor() as c:
        c.execute("SELECT basis, scope, scope_depth, year, indicator_id, dim, dim_value, value, n, n_at_least, "
                  "n_approx, n_at_most, n_unconfirmed FROM reports_rollup")
        return c.fetchall()


def _same_rows(a, b) -> bool:
    from decimal import Decimal

    def norm(rows):
        return sorted(tuple(str(Decimal(str(v)).quantize(Decimal("0.01"))) if i == 7 else str(v)
                            for i, v in enumerate(r)) for r in rows)
    return norm(a) == norm(b)


def cpu_run(fn):
    """(wall, Python CPU, server CPU) seconds of one run of fn."""
    t, cpu = time.perf_counter(), cpu_seconds()
    result = fn()
    own, server = (b - a for a, b in zip(cpu, cpu_seconds()))
    return time.perf_counter() - t, own, server, result


def bench_refresh() -> list:
    from counterpart.reports.summary import refresh

    wall, own, server, state = cpu_run(lambda: refresh(progress=False))
    timings = getattr(state, "timings", {})
    hand_wall, hand_own, hand_server, hand = cpu_run(hand_rollups)
    same = _same_rows(hand, rollup_rows_now())
    rows_stage = timings.get("rollups", float("nan"))
    return [
        ("full refresh (facts, ancestry, rollups, own totals)", (f"{wall:.1f} s (CPU: Python {own:.1f} s + server "
         f"{server:.1f} s; facts {timings.get('facts', 0):.1f} s, rollups {rows_stage:.1f} s)"), "command, not a page"),
        ("  hand-written SQL, the rollup table from the facts",
         (f"{hand_wall:.1f} s (CPU: Python {hand_own:.1f} s + server {hand_server:.1f} s); same rows: "
          f"{'yes' if same else 'NO'} ({len(hand):,} rows)"), ""),
        ("  ratio refresh / hand-written SQL", f"{wall / hand_wall:.2f} (rollup stage alone {rows_stage / hand_wall:.2f})",
         "≤ 1.5"),
    ]


def bench_confirmation(year) -> list:
    """Report a record on a pairing and confirm it as the other side, eight times on pairings of each level
    (the first is a warm-up): the confirmation's time and the read model's own part of it (the extra cost);
    then the national overview, which must show the new figure."""
    import random

    from django.contrib.auth.models import User
    from django.db import transaction

    from counterpart.confirmations import actions as confirmations
    from counterpart.ledger.models import FundAllocation
    from counterpart.pairings.models import Pairing
    from counterpart.reports import live
    from counterpart.reports.aggregation import rollup
    from counterpart.reports.national import national_data

    user = User.objects.get_or_create(username="bench-office")[0]
    rng = random.Random(7)
    levels = ["enterprise_village", "province_province", "city_city", "county_county"] * 2
    kept_ms, confirm_ms, records = [], [], []
    original = live.observations_changed

    def timed_live(ids):
        t = time.perf_counter()
        original(ids)
        kept_ms.append((time.perf_counter() - t) * 1000)

    confirmations.observations_changed = timed_live
    try:
        for i in range(8):
            among = Pairing.objects.filter(level=levels[i]).order_by("pk")
            pairing = among[rng.randrange(among.count())]
            with transaction.atomic():
                record, _ = confirmations.do_report_record(user, FundAllocation, pairing=pairing, year=year,
                                                           donor=pairing.donor, amount=str(1000 + i))
            confirmation = confirmations.confirmation_for(record)
            before = rollup(years=[year])[(year, "gov_aid_funds", "")].value
            kept_ms.clear()
            t = time.perf_counter()
            confirmations.do_confirm(user, confirmation)  # its own transaction, committed
            confirm_ms.append(((time.perf_counter() - t) * 1000, sum(kept_ms), pairing.level))
            t = time.perf_counter()
            data = national_data(year)
            overview_ms = (time.perf_counter() - t) * 1000
            shown = data["official"][(year, "gov_aid_funds", "")].value
            records.append((record, shown - before, overview_ms))
    finally:
        confirmations.observations_changed = original
    first_is_warmup = confirm_ms[1:]
    rows = []
    for total, kept, level in first_is_warmup:
        rows.append((f"  confirm on a {level.split('_')[0]} pairing", f"{total:.1f} ms, of which read model {kept:.1f} ms",
                     "< 50 ms extra"))
    kept_all = sorted(k for _t, k, _l in first_is_warmup)
    rows.insert(0, ("one confirmation: extra cost (read model kept)",
                    f"median {statistics.median(kept_all):.1f} ms, max {kept_all[-1]:.1f} ms (7 pairings)", "< 50 ms"))
    overview = [ms for _r, _d, ms in records[1:]]
    rows.append(("national overview right after it", (f"median {statistics.median(overview):.1f} ms, max "
                 f"{max(overview):.1f} ms; shows the new figure: "
                 f"{'yes' if all(d == 1000 + i for i, (_r, d, _m) in enumerate(records)) else 'NO'}"), "< 1 s, fresh"))
    t = time.perf_counter()
    for record, _d, _m in records:  # leave the data set as it was, through the delete action
        confirmations.do_delete_record(user, record)
    rows.append(("  delete of a confirmed record (8, through the action)",
                 f"{(time.perf_counter() - t) * 1000 / len(records):.1f} ms each", ""))
    return rows


def bench_concurrent(year) -> list:
    """12 threads viewing the national report (anonymous) while 2 threads report and confirm records."""
    import threading

    from django.contrib.auth.models import User
    from django.db import connections
    from django.test import Client

    from counterpart.confirmations import actions as confirmations
    from counterpart.ledger.models import FundAllocation
    from counterpart.pairings.models import Pairing

    user = User.objects.get_or_create(username="bench-office")[0]
    pairings = list(Pairing.objects.filter(level="county_county").order_by("pk")[:6])
    statuses, errors, made, view_ms = [], [], [], []
    start = threading.Barrier(14)

    def view():
        try:
            start.wait()
            for _ in range(3):
                t = time.perf_counter()
                statuses.append(Client().get(f"/reports/national/{year}/").status_code)
                view_ms.append((time.perf_counter() - t) * 1000)
        except Exception as exc:  # noqa: BLE001 — every failure counts
            errors.append(repr(exc))
        finally:
            connections.close_all()

    def write(k):
        try:
            start.wait()
            for p in pairings[k::2]:
                record, _ = confirmations.do_report_record(user, FundAllocation, pairing=p, year=year, donor=p.donor,
                                                           amount="1")
                confirmations.do_confirm(user, confirmations.confirmation_for(record))
                made.append(record)
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=view) for _ in range(12)] + [threading.Thread(target=write, args=(k,))
                                                                     for k in range(2)]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t
    for record in made:
        confirmations.do_delete_record(user, record)
    bad = sum(s != 200 for s in statuses)
    return [("12 concurrent national report views during writes",
             (f"{len(statuses)} views, {bad} non-200, {len(errors)} errors, {len(made)} records confirmed meanwhile; "
              f"view median {statistics.median(view_ms or [0]):.0f} ms, all in {wall:.1f} s"),
             "0 errors (PostgreSQL)")] + [("  error", e[:120], "") for e in errors[:3]]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="national")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help="time the queries on the last run's data set")
    parser.add_argument("--skip-refresh", action="store_true", help="leave out the full refresh (minutes)")
    args = parser.parse_args()
    url = _fresh_database(args.reuse)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "counterpart.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "k" * 50)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from counterpart.pairings.models import Pairing
    from counterpart.reports.annual import annual_data
    from counterpart.reports.national import national_data

    if "testserver" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS.append("testserver")
    load = os.getloadavg()
    rows = _load(args) if not args.reuse else _reused()
    call_command("migrate", verbosity=0)
    year = 2020
    if not args.skip_refresh:
        rows += bench_refresh()
    rows += bench_confirmation(year)
    rows += bench_concurrent(year)
    # The first pairing of each level; the province pair is the hardest annual report.
    pairings = [(level.split("_")[0], Pairing.objects.filter(level=level).order_by("pk").first())
                for level in ("province_province", "city_city", "county_county", "enterprise_village")]

    def sql(statements, **params):
        def run():
            with connection.cursor() as c:
                for statement in statements:
                    c.execute(statement % {k: int(v) for k, v in params.items()})
                    c.fetchall()
        return run

    nat = timed(lambda: national_data(year))
    nat_sql = timed(sql(NATIONAL_SQL, y=year))
    rows += [("national overview, one year", ms(nat), "< 1 s"),
             ("  hand-written SQL, same precomputed rows", ms(nat_sql), ""),
             ("  ratio ours / SQL (best, median)", f"{nat[0] / nat_sql[0]:.2f}, {nat[1] / nat_sql[1]:.2f}", "≤ 1.5")]
    for label, p in pairings:
        ann = timed(lambda p=p: annual_data(p, year))
        ann_sql = timed(sql(ANNUAL_SQL, p=p.pk, y=year))
        rows += [(f"annual report data, {label} pairing", ms(ann), "< 150 ms"),
                 ("  hand-written SQL, same precomputed rows", ms(ann_sql), ""),
                 ("  ratio ours / SQL (best, median)", f"{ann[0] / ann_sql[0]:.2f}, {ann[1] / ann_sql[1]:.2f}", "≤ 1.5")]
    print(f"\nbench/reports.py  scale={args.scale} seed={args.seed} database={connection.vendor} ({url.split('@')[-1]})")
    print(f"machine load (1, 5, 15 min) at start {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, at end "
          + " ".join(f"{v:.2f}" for v in os.getloadavg()) + f" on {os.cpu_count()} cores")
    width = max(len(r[0]) for r in rows)
    for name, value, goal in rows:
        print(f"{name:<{width}}  {value:<60} {goal}")


def _load(args) -> list:
    from django.core.management import call_command

    from counterpart.geo.loading import load_regions
    from counterpart.indicators.catalogue import load_catalogue
    from counterpart.reports.synth.build import build

    call_command("migrate", verbosity=0)
    load_regions(progress=False)
    load_catalogue()
    t, cpu = time.perf_counter(), cpu_seconds()
    result = build(args.scale, args.seed, progress=True)
    load_s = time.perf_counter() - t
    own, server = (b - a for a, b in zip(cpu, cpu_seconds()))
    print(f"loaded in {load_s:.1f}s", flush=True)
    return [
        ("data set", (f"{result['observations']:,} observations, {result['government_pairings']:,} government + "
                     f"{result['enterprise_village_pairings']:,} enterprise–village pairings, "
                     f"{result['years']} years"), ""),
        ("loading (synth)", f"{result['rows'] / load_s:,.0f} rows/s ({result['rows']:,} rows in {load_s:.1f} s)",
         "≥ 50,000 rows/s"),
        ("  per CPU second", (f"{result['rows'] / (own + server):,.0f} rows/s (Python {own:.1f} s + server "
                              f"{server:.1f} s)"), "what it costs on an idle machine"),
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
