"""Measure the web application under load: gunicorn (2 workers), 50 concurrent simulated users on loopback
browsing dashboards and lists. Prints requests per second, p50/p95 latency and errors (goal p95 < 300 ms).

    .venv/bin/python bench/web.py [--scale national] [--seconds 30] [--users 50]

Uses its own database (var/bench-web/ SQLite, or DATABASE_URL if set), built once with the demo data and
`counterpart synth --scale SCALE`; later runs reuse it.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(env, scale):
    stamp = Path(env["COUNTERPART_VAR"]) / f".built-{scale}"
    if "DATABASE_URL" not in env and stamp.exists():
        return
    run = lambda *a: subprocess.run([str(BIN / "counterpart"), *a], env=env, check=True)
    run("migrate", "-v0")
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
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore

    from counterpart.accounts import access
    from counterpart.pairings.models import Pairing

    def cookie(username):
        user = User.objects.get(username=username)
        s = SessionStore()
        s["_auth_user_id"] = str(user.pk)
        s["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        s["_auth_user_hash"] = user.get_session_auth_hash()
        s.create()
        return f"sessionid={s.session_key}; django_language=zh-hans"

    qd = User.objects.get(username="qingdao")
    own = list(access.visible_pairings(qd).values_list("pk", flat=True)[:20])
    roots = list(Pairing.objects.filter(parent__isnull=True).values_list("pk", flat=True)[:200])
    users = {
        "national": (cookie("national"), ["/dashboard/", "/confirmations/"] +
                     [f"/pairings/{pk}/dashboard/" for pk in roots[:50]]),
        "qingdao": (cookie("qingdao"), ["/dashboard/", "/confirmations/"] +
                    [f"/pairings/{pk}/dashboard/" for pk in own] + [f"/pairings/{pk}/records/" for pk in own]),
        "public": ("django_language=zh-hans", ["/public/", "/"] + [f"/public/pairings/{pk}/" for pk in roots]),
    }
    return users


def simulate(port, users, seconds, n_users, results, errors):
    deadline = time.perf_counter() + seconds
    roles = list(users)

    def worker(i):
        rng = random.Random(i)
        cookie, urls = users[roles[i % len(roles)]]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.perf_counter() < deadline:
            url = rng.choice(urls)
            started = time.perf_counter()
            try:
                conn.request("GET", url, headers={"Cookie": cookie})
                resp = conn.getresponse()
                resp.read()
                if resp.status != 200:
                    errors.append((url, resp.status))
            except Exception as exc:  # noqa: BLE001  a refused or dropped connection is an error, then reconnect
                errors.append((url, repr(exc)))
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            results.append(time.perf_counter() - started)
        conn.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n_users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="national")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--users", type=int, default=50)
    args = parser.parse_args()
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="counterpart.settings", DEBUG="0", SECRET_KEY="bench-only",
               COUNTERPART_VAR=os.environ.get("COUNTERPART_VAR", str(ROOT / "var" / f"bench-web-{args.scale}")))
    Path(env["COUNTERPART_VAR"]).mkdir(parents=True, exist_ok=True)
    prepare(env, args.scale)
    users = sessions_and_urls(env)
    port = free_port()
    server = subprocess.Popen([str(BIN / "gunicorn"), "counterpart.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}",
                               "--log-level", "warning"], env=env, cwd=str(ROOT))
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        warm = []
        simulate(port, users, 3, 4, warm, [])  # every worker loads its caches before we measure
        results, errors = [], []
        started = time.perf_counter()
        simulate(port, users, args.seconds, args.users, results, errors)
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait()
    results.sort()
    p = lambda q: results[min(len(results) - 1, int(q * len(results)))] * 1000
    print(f"web bench ({args.scale} data, gunicorn 2 workers, {args.users} users, {args.seconds:.0f}s): "
          f"{len(results) / elapsed:.1f} requests/s, p50 {p(0.5):.0f} ms, p95 {p(0.95):.0f} ms, "
          f"mean {statistics.mean(results) * 1000 if results else 0:.0f} ms, {len(errors)} errors "
          f"({len(results)} requests)")
    if errors:
        print("first errors:", errors[:5])


if __name__ == "__main__":
    main()
