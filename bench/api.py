"""Measure the REST API at national scale (in process, through Django's WSGI handler, no network):

- a page of 1,000 observations filtered by a donor province and a year, anonymous (confirmed figures) and as
  the national office, first page and pages followed by cursor: p50 / p95 / max (goal p95 < 150 ms);
- a bulk write of 1,000 fund allocations in one request (all or nothing): rows per second.

    .venv/bin/python bench/api.py [--scale national] [--runs 30]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cp_t8_bench .venv/bin/python bench/api.py

Data: its own database (SQLite in var/bench-api/SCALE/, or DATABASE_URL: created if missing), built once with
`counterpart synth --scale SCALE --no-refresh` and the demo accounts; later runs reuse it.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"


def ensure_pg_database(url):
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def prepare(env, scale):
    url = env.get("DATABASE_URL", "")
    tag = urlparse(url).path.lstrip("/") if url else "sqlite"
    stamp = Path(env["COUNTERPART_VAR"]) / f".built-{tag}"
    run = lambda *a: subprocess.run([str(BIN / "counterpart"), *a], env=env, check=True)
    if url.startswith("postgres"):
        ensure_pg_database(url)
    run("migrate", "-v0")
    if stamp.exists():
        return
    run("load-gazetteer")
    run("shell", "-c", "from counterpart.indicators.catalogue import load_catalogue; load_catalogue()")
    run("synth", "--scale", scale, "--quiet", "--no-refresh")
    run("shell", "-c", "from counterpart.accounts.demo_users import create_demo_users; create_demo_users()")
    stamp.touch()


def timed(client, url, runs, **headers):
    times, rows, status = [], 0, None
    for _ in range(runs):
        started = time.perf_counter()
        r = client.get(url, **headers)
        times.append((time.perf_counter() - started) * 1000)
        status = r.status_code
        rows = len(r.json()["items"]) if status == 200 else 0
    times.sort()
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    return {"p50": statistics.median(times), "p95": p95, "max": times[-1], "rows": rows, "status": status,
            "next": r.json().get("next") if status == 200 else None}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="national")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--rows", type=int, default=1000, help="records in the bulk write")
    args = parser.parse_args()
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "counterpart.settings")
    env.setdefault("COUNTERPART_VAR", str(ROOT / "var" / "bench-api" / args.scale))
    Path(env["COUNTERPART_VAR"]).mkdir(parents=True, exist_ok=True)
    prepare(env, args.scale)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from counterpart.api.tokens import do_create_token
    from counterpart.indicators.models import Observation
    from counterpart.pairings.models import Pairing, PairingLevel

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    db = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    total = Observation.objects.count()
    # The donor province and year with the most figures: the heaviest such page there is.
    busiest = (Observation.objects.filter(pairing__level=PairingLevel.CITY_PROVINCE).values("year")
               .annotate(n=Count("pk")).order_by("-n").first())
    year = busiest["year"] if busiest else 2015
    root = Pairing.objects.filter(parent__isnull=True).exclude(level=PairingLevel.ENTERPRISE_VILLAGE) \
        .select_related("donor__region").order_by("pk").first()
    province = root.donor.region.adcode[:2] + "0000"
    national = User.objects.get(username="national")
    _t, raw = do_create_token(national, "bench")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    client = Client()
    url = f"/api/v1/observations?donor_region={province}&year={year}&limit=1000"
    print(f"{db}: {total:,} observations; page of 1,000 filtered by donor province {province} and year {year}, "
          f"{args.runs} requests each")
    for who, headers in (("anonymous", {}), ("national office", auth)):
        first = timed(client, url, args.runs, **headers)
        print(f"  {who:16} first page: p50 {first['p50']:.1f} ms, p95 {first['p95']:.1f} ms, "
              f"max {first['max']:.1f} ms ({first['rows']} rows, HTTP {first['status']})")
        if first["next"]:
            cursor = first["next"]
            for _ in range(5):  # walk on so the measured page lies deep in the result
                r = client.get(f"{url}&cursor={cursor}", **headers).json()
                cursor = r["next"] or cursor
            deep = timed(client, f"{url}&cursor={cursor}", args.runs, **headers)
            print(f"  {who:16} 7th page:   p50 {deep['p50']:.1f} ms, p95 {deep['p95']:.1f} ms, "
                  f"max {deep['max']:.1f} ms ({deep['rows']} rows)")
    target = Pairing.objects.filter(level=PairingLevel.CITY_PROVINCE).order_by("pk").first() or root
    stamp = int(time.time())
    rows = [{"pairing": target.pk, "year": 2020, "amount": str(10000 + n), "purpose": "bench",
             "source_ref": f"bench-api:{stamp}:{n}"} for n in range(args.rows)]
    started = time.perf_counter()
    r = client.post("/api/v1/records/fund_allocation/batch", json.dumps({"rows": rows}),
                    content_type="application/json", **auth)
    seconds = time.perf_counter() - started
    added = r.json().get("added", 0) if r.status_code == 201 else 0
    print(f"  bulk write: {args.rows:,} fund allocations in one request, HTTP {r.status_code}, {added:,} added "
          f"in {seconds:.2f} s: {args.rows / seconds:,.0f} rows/s")


if __name__ == "__main__":
    main()
