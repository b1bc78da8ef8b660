"""/healthz: whether this server can reach its database and cache, and whether a worker is running.

Answers 200 when all three are well and 503 otherwise, with a small JSON body a load balancer or a monitor
can read; no page cache, no session, no sign-in.
"""
import datetime
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

WORKER_STALE_SECONDS = 60


def check_database() -> dict:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure is the answer
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1), "vendor": connection.vendor}


def check_cache() -> dict:
    key, value = "healthz:probe", uuid.uuid4().hex
    try:
        cache.set(key, value, 10)
        ok = cache.get(key) == value
    except Exception as exc:  # noqa: BLE001
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": ok, "backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


def check_worker() -> dict:
    from counterpart.ops.models import Heartbeat

    try:
        last = Heartbeat.objects.order_by("-at").values_list("at", flat=True).first()
    except Exception as exc:  # noqa: BLE001
        return {"ok": False, "error": exc.__class__.__name__}
    if last is None:
        return {"ok": False, "error": "no worker has run"}
    age = (timezone.now() - last).total_seconds()
    return {"ok": age <= WORKER_STALE_SECONDS, "seconds_since_seen": round(age, 1)}


@never_cache
def healthz(request):
    checks = {"database": check_database(), "cache": check_cache()}
    checks["worker"] = check_worker() if checks["database"]["ok"] else {"ok": False, "error": "no database"}
    # Until the job runner's worker writes heartbeats, a missing worker is reported without failing the check.
    counted = checks if settings.HEALTH_REQUIRE_WORKER else {k: v for k, v in checks.items() if k != "worker"}
    ok = all(c["ok"] for c in counted.values())
    return JsonResponse({"ok": ok, "checks": checks, "at": datetime.datetime.now(datetime.UTC).isoformat()},
                        status=200 if ok else 503)
