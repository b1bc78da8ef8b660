"""Year close on the demo data: the guard's cost per write, a sign-off, a close (with its snapshots), and a
closed report rendered from its snapshot beside the live one. Prints figures; asserts nothing.

    .venv/bin/python bench/closing.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cp_t3_bench_closing .venv/bin/python bench/closing.py

Builds the demo in a fresh database of its own (SQLite: var/bench-closing.sqlite3; PostgreSQL: the
database DATABASE_URL names, dropped and recreated).
"""
import os
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
    path = ROOT / "var" / "bench-closing.sqlite3"
    path.parent.mkdir(exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return f"sqlite:///{path}"


def _ms(fn, n=1):
    start = time.perf_counter()
    for _ in range(n):
        result = fn()
    return (time.perf_counter() - start) * 1000 / n, result


def main():
    os.environ["DATABASE_URL"] = _fresh_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "counterpart.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.contrib.auth.models import User

    from counterpart.accounts.demo_users import create_demo_users
    from counterpart.closing.actions import do_close_year, do_reopen_year, do_sign_off
    from counterpart.closing.guard import check_record_open, check_year_open
    from counterpart.closing.snapshots import closed_document
    from counterpart.demo.loading import load_demo
    from counterpart.geo.loading import load_regions
    from counterpart.indicators.catalogue import load_catalogue
    from counterpart.ledger.models import FundAllocation
    from counterpart.pairings.actions import find_pairing
    from counterpart.reports.national import national_data, national_document

    load_regions(progress=False)
    load_catalogue()
    load_demo()
    create_demo_users()
    users = {u.username: u for u in User.objects.all()}
    qd_gz = find_pairing("Qingdao-Guizhou")
    record = FundAllocation.objects.filter(pairing=qd_gz, year=2011).first()
    rows = [("guard, year open: check_year_open", _ms(lambda: check_year_open(qd_gz.pk, 2011), 1000)[0]),
            ("guard, year open: check_record_open", _ms(lambda: check_record_open(record, {"amount": 1}), 1000)[0])]
    rows.append(("sign-off (one side)", _ms(lambda: do_sign_off(users["qingdao"], qd_gz, 2011, "donor"))[0]))
    do_sign_off(users["anshun"], qd_gz, 2011, "recipient")
    ms, rev = _ms(lambda: do_close_year(users["national"], 2011))
    rows.append((f"close 2011 ({rev.figures} figures, {rev.snapshots.count()} documents kept)", ms))
    rows.append(("guard, year closed: check_record_open (refusal)",
                 _ms(lambda: _refused(check_record_open, record, {"amount": 1}), 200)[0]))
    rows.append(("national 2011 from the snapshot", _ms(lambda: closed_document("national", 2011, "en"), 50)[0]))
    rows.append(("national 2011 live (data + document)",
                 _ms(lambda: national_document(national_data(2011), "en"), 50)[0]))
    do_reopen_year(users["national"], 2011, "bench")
    rows.append(("close again, nothing changed (revision put back)",
                 _ms(lambda: do_close_year(users["national"], 2011))[0]))
    from django.db import connection

    print(f"database: {connection.vendor}")
    for label, value in rows:
        print(f"{label:60s} {value:9.2f} ms")


def _refused(fn, *args):
    from django.core.exceptions import ValidationError

    try:
        fn(*args)
    except ValidationError:
        return True
    return False


if __name__ == "__main__":
    main()
