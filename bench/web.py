"""Measure the web application under load: gunicorn (2 workers), 50 concurrent simulated users on loopback
browsing dashboards and lists. Prints requests per second, p50/p95 latency and errors (goal p95 < 300 ms).

    .venv/bin/python bench/web.py [--scale national] [--seconds 30] [--users 50] [--think 0] [--threads 4]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cp_bench_web .venv/bin/python bench/web.py ...

Data: its own database (SQLite in var/bench-web/SCALE/, or DATABASE_URL: created if missing), built once
with `counterpart synth --scale SCALE` and the demo accounts; later runs reuse it.

Simulated users: a third each browse as the national office, as Qingdao's cooperation office and as the
public (no login), each with its own keep-alive connection, choosing pages at random from its role's list
(national and pairing dashboards, the confirmations inbox, record lists, the pairing tree, public pages).
With --think 0 (the default) every user asks for the next page as soon as the last one arrives: a closed
loop, the heaviest load 50 users can make. With --think S a user pauses a random time (exponential, mean S
seconds) between pages, as people reading a page do. The line printed names the mode.

The server caches page bodies (counterpart/web/cache.py); the warm-up visits every URL once so the run
measures repeat views, and the report gives the share of cache hits. --no-cache measures without the cache
(CACHE_URL=dummy://). The load generator runs on the same machine as the server: both share its cores.
"""
import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def default_cache() -> str:
    """A cache the workers share (each page computed once, not once per worker) when Redis is running."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return ""
    return "redis://127.0.0.1:6379/5"


def flush_cache(url):
    """Start from an empty Redis cache, so the warm-up and the run measure this code and data."""
    if url.startswith("redis://"):
        import redis

        redis.Redis.from_url(url).flushdb()


def ensure_pg_database(url):
    """Create the PostgreSQL database named in DATABASE_URL if it does not exist."""
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
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
    run("synth", "--scale", scale, "--quiet")  # synth wants a database without pairings: first
    # synth's pairings overlap the seed reports' (Guangdong–Guangxi): only the demo accounts are added.
    run("shell", "-c", "from counterpart.accounts.demo_users import create_demo_users; create_demo_users()")
    stamp.touch()


def sessions_and_urls(env):
    """Session cookies for an office, the national office and the public; URLs they browse."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.cached_db import SessionStore

    from counterpart.accounts import access
    from counterpart.indicators.models import Observation
    from counterpart.pairings.models import Pairing, PairingLevel

    def cookie(username):
        user = User.objects.get(username=username)
        s = SessionStore()
        s["_auth_user_id"] = str(user.pk)
        s["_auth_user_backend"] = settings.AUTHENTICATION_BACKENDS[0]
        s["_auth_user_hash"] = user.get_session_auth_hash()
        s.create()
        return f"sessionid={s.session_key}; django_language=zh-hans"

    qd = User.objects.get(username="qingdao")
    own = list(access.visible_pairings(qd).exclude(level=PairingLevel.ENTERPRISE_VILLAGE).order_by("pk")
               .values_list("pk", flat=True)[:20])
    roots = list(Pairing.objects.filter(parent__isnull=True).order_by("pk").values_list("pk", flat=True)[:20])
    cities = list(Pairing.objects.filter(parent__in=roots).order_by("pk").values_list("pk", flat=True)[:20])
    users = {
        "national": (cookie("national"), ["/dashboard/", "/confirmations/", "/"] +
                     [f"/pairings/{pk}/dashboard/" for pk in roots + cities] +
                     [f"/pairings/{pk}/records/" for pk in roots[:10]]),
        "qingdao": (cookie("qingdao"), ["/dashboard/", "/confirmations/"] +
                    [f"/pairings/{pk}/dashboard/" for pk in own] + [f"/pairings/{pk}/records/" for pk in own[:10]]),
        "public": ("django_language=zh-hans", ["/public/", "/"] +
                   [f"/public/pairings/{pk}/" for pk in roots + cities]),
    }
    size = {"observations": Observation.objects.count(), "pairings": Pairing.objects.count()}
    return users, size


def kind_of(url):
    for prefix, name in (("/public/pairings/", "public pairing"), ("/public/", "public national"),
                         ("/dashboard/", "national dashboard"), ("/confirmations/", "inbox")):
        if url.startswith(prefix):
            return name
    if url.endswith("/dashboard/"):
        return "pairing dashboard"
    if url.endswith("/records/"):
        return "record list"
    return "pairing tree" if url == "/" else "other"


def simulate(port, users, seconds, n_users, think, results, errors, cache_states, every_url=False):
    deadline = time.perf_counter() + seconds
    roles = list(users)

    def worker(i):
        rng = random.Random(i)
        cookie, urls = users[roles[i % len(roles)]]
        order = list(urls) if every_url else None
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        if think and not every_url:  # users arrive spread over the first think period, not all at once
            time.sleep(rng.uniform(0, think))
        while time.perf_counter() < deadline:
            if order is not None:
                if not order:
                    break
                url = order.pop()
            else:
                url = rng.choice(urls)
            started = time.perf_counter()
            try:
                conn.request("GET", url, headers={"Cookie": cookie, "Accept-Encoding": "identity"})
                resp = conn.getresponse()
                resp.read()
                if resp.status != 200:
                    errors.append((url, resp.status))
                cache_states[resp.getheader("X-Counterpart-Cache") or "none"] += 1
            except Exception as exc:  # noqa: BLE001  a refused or dropped connection is an error, then reconnect
                errors.append((url, repr(exc)))
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            results.append((time.perf_counter() - started, kind_of(url)))
            if think and not every_url:
                time.sleep(rng.expovariate(1 / think))
        conn.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n_users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def percentile(values, q):
    return values[min(len(values) - 1, int(q * len(values)))] * 1000 if values else 0.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="national")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean pause between a user's pages in seconds (0: closed loop, no pause)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (1: sync workers)")
    parser.add_argument("--no-cache", action="store_true", help="serve without the page cache")
    parser.add_argument("--cache", default=None,
                        help="CACHE_URL for the server (default: Redis on 127.0.0.1:6379 db 5 if it answers, shared "
                             "by the workers; else each worker's own memory)")
    args = parser.parse_args()
    var = os.environ.get("COUNTERPART_VAR", str(ROOT / "var" / "bench-web" / args.scale))
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="counterpart.settings", DEBUG="0", SECRET_KEY="bench-only",
               COUNTERPART_VAR=var)
    if args.no_cache:
        env["CACHE_URL"] = "dummy://"
    else:
        env["CACHE_URL"] = args.cache if args.cache is not None else default_cache()
        flush_cache(env["CACHE_URL"])
    Path(var).mkdir(parents=True, exist_ok=True)
    prepare(env, args.scale)
    users, size = sessions_and_urls(env)
    port = free_port()
    worker_args = ["-w", str(args.workers)]
    if args.threads > 1:
        worker_args += ["-k", "gthread", "--threads", str(args.threads)]
    server = subprocess.Popen([str(BIN / "gunicorn"), "counterpart.wsgi", *worker_args, "-b", f"127.0.0.1:{port}",
                               "--log-level", "warning", "--timeout", "120", "--keep-alive", "30"],
                              env=env, cwd=str(ROOT))
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        # Warm-up: every URL about once per worker process (each has its own cache unless CACHE_URL is
        # shared), so the run measures repeat views.
        warm_started = time.perf_counter()
        for _ in range(args.workers):
            simulate(port, users, 600, len(users), 0, [], [], Counter(), every_url=True)
        warm = time.perf_counter() - warm_started
        results, errors, states = [], [], Counter()
        started = time.perf_counter()
        simulate(port, users, args.seconds, args.users, args.think, results, errors, states)
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait()
    times = sorted(t for t, _k in results)
    db = "PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    server_kind = (f"gunicorn {args.workers} workers" +
                   (f" × {args.threads} threads (gthread)" if args.threads > 1 else " (sync)"))
    mode = (f"think time mean {args.think:g}s (exponential)" if args.think else "closed loop, no think time")
    hits = states.get("hit", 0)
    cached = hits + states.get("miss", 0)
    cache = ("page cache off" if args.no_cache else
             f"page cache {env['CACHE_URL'].split('://')[0] if env['CACHE_URL'] else 'in each worker'}")
    print(f"web bench ({args.scale} data: {size['observations']:,} observations, {size['pairings']:,} pairings, "
          f"{db}; {server_kind}; {args.users} users, {mode}; {args.seconds:.0f}s; {cache}): "
          f"{len(times) / elapsed:.1f} requests/s, p50 {percentile(times, 0.5):.0f} ms, "
          f"p95 {percentile(times, 0.95):.0f} ms, mean {statistics.mean(times) * 1000 if times else 0:.0f} ms, "
          f"{len(errors)} errors ({len(times)} requests; cache hits {hits}/{cached}; warm-up {warm:.0f}s)")
    by_kind = defaultdict(list)
    for t, k in results:
        by_kind[k].append(t)
    for k in sorted(by_kind):
        v = sorted(by_kind[k])
        print(f"  {k:20} {len(v):6} requests  p50 {percentile(v, 0.5):6.0f} ms  p95 {percentile(v, 0.95):6.0f} ms")
    if errors:
        print("first errors:", errors[:5])


if __name__ == "__main__":
    main()
