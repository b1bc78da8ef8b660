"""/healthz reports the database, the cache and the worker."""
import datetime

import pytest
from django.utils import timezone

from counterpart.ops.models import Heartbeat


@pytest.fixture(autouse=True)
def _worker_required(settings):
    settings.HEALTH_REQUIRE_WORKER = True


def test_it_is_unhealthy_while_no_worker_runs(client, db):
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 503 and body["checks"]["database"]["ok"] and body["checks"]["cache"]["ok"]
    assert not body["checks"]["worker"]["ok"]


def test_it_is_healthy_with_a_live_worker(client, db):
    Heartbeat.objects.create(name="w1", at=timezone.now())
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["ok"] is True


def test_a_worker_not_seen_for_minutes_is_stale(client, db):
    Heartbeat.objects.create(name="w1", at=timezone.now() - datetime.timedelta(minutes=5))
    body = client.get("/healthz").json()
    assert body["ok"] is False and body["checks"]["worker"]["seconds_since_seen"] > 250


def test_a_broken_cache_is_reported(client, db, monkeypatch, settings):
    from django.core.cache import cache

    Heartbeat.objects.create(name="w1", at=timezone.now())

    def broken(*a, **kw):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "set", broken)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["checks"]["cache"] == {"ok": False,
                                                                                  "error": "ConnectionError"}


def test_without_requiring_a_worker_its_absence_is_reported_but_not_failed(client, db, settings):
    settings.HEALTH_REQUIRE_WORKER = False
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["checks"]["worker"]["ok"] is False
