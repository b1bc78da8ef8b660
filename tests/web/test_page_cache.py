"""Cached page bodies (counterpart/web/cache.py): a repeat view comes from the cache; any change to the
figures shows at once; no office, and not the public, ever gets a body built for someone else."""
import re
import socket
from uuid import uuid4

import pytest
import redis
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from counterpart.accounts import access
from counterpart.confirmations.actions import confirmation_for
from counterpart.settings import _cache
from counterpart.web import cache as page_cache
from tests.world import make_user, make_world, report_fund

HEADER = "X-Counterpart-Cache"


def _client(user=None, language="en"):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_login(user)
    return client


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response, response.content.decode()


def test_it_serves_a_repeat_view_from_the_cache_with_fewer_queries(db):
    world = make_world()
    report_fund(world)
    client = _client(world.users["national"])
    for url in ("/dashboard/", f"/pairings/{world.qd_gz.pk}/dashboard/", "/", f"/pairings/{world.qd_gz.pk}/",
                f"/pairings/{world.qd_gz.pk}/records/", "/confirmations/", "/public/",
                f"/public/pairings/{world.qd_gz.pk}/"):
        with CaptureQueriesContext(connection) as first:
            response, page = _get(client, url)
        assert response[HEADER] == "miss", url
        with CaptureQueriesContext(connection) as second:
            again, page_again = _get(client, url)
        assert again[HEADER] == "hit", url
        assert len(second.captured_queries) < len(first.captured_queries), url
        # The same body; a form outside it (the inbox's bulk confirmation) has its own per-request token.
        body = lambda html: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "",
                                   html.split("<main>")[1].split("</main>")[0])
        assert body(page_again) == body(page), url


def test_it_keys_the_cache_by_query_string_and_language(db):
    world = make_world()
    report_fund(world)
    client = _client(world.users["national"])
    assert _get(client, "/dashboard/")[0][HEADER] == "miss"
    assert _get(client, "/dashboard/?year=2024")[0][HEADER] == "miss"
    assert _get(client, "/dashboard/?year=2024")[0][HEADER] == "hit"
    chinese = _client(world.users["national"], "zh-hans")
    response, page = _get(chinese, "/dashboard/")
    assert response[HEADER] == "miss" and "全国" in page


def test_it_shows_a_confirmation_at_once(db):
    world = make_world()
    record = report_fund(world, amount="7000000")
    public = _client()
    url = f"/public/pairings/{world.qd_gz.pk}/"
    _get(public, url)
    response, page = _get(public, url)
    assert response[HEADER] == "hit" and "7 million yuan" not in page
    anshun = _client(world.users["anshun"])
    assert anshun.post(f"/records/fund_allocation/{record.pk}/confirm/").status_code == 302
    assert confirmation_for(record).state == "confirmed"
    response, page = _get(public, url)
    assert response[HEADER] == "miss" and "7 million yuan" in page


def test_it_shows_a_new_record_at_once(db):
    world = make_world()
    report_fund(world, amount="1000000")
    national = _client(world.users["national"])
    _get(national, "/dashboard/")
    response, page = _get(national, "/dashboard/")
    assert response[HEADER] == "hit" and "1 million yuan" in page
    qingdao = _client(world.users["qingdao"])
    response = qingdao.post(f"/pairings/{world.qd_gz.pk}/records/fund_allocation/new/", {
        "year": "2024", "amount": "2000000", "qualifier": "exact", "recipient_places": "Anshun"})
    assert response.status_code == 302
    response, page = _get(national, "/dashboard/")
    assert response[HEADER] == "miss"
    assert "3 million yuan" in page  # both reports await confirmation: 1 + 2 million


def test_it_never_gives_an_office_another_offices_or_the_nations_page(db):
    world = make_world()
    record = report_fund(world)  # Qingdao–Guizhou: Qingdao's and Anshun's, not Guangzhou's
    link = f"/records/fund_allocation/{record.pk}/"
    national, qingdao, guangzhou = (_client(world.users[u]) for u in ("national", "qingdao", "guangzhou"))
    for client in (national, qingdao):  # bodies showing the report are cached first
        assert link in _get(client, "/dashboard/")[1]
        assert f"/pairings/{world.qd_gz.pk}/dashboard/" in _get(client, "/")[1]
        assert link in _get(client, "/confirmations/")[1]
    response, page = _get(guangzhou, "/dashboard/")
    assert response[HEADER] == "miss" and link not in page
    response, page = _get(guangzhou, "/")
    assert response[HEADER] == "miss"
    assert f"/pairings/{world.qd_gz.pk}/dashboard/" not in page and f"/pairings/{world.gz_bs.pk}/dashboard/" in page
    assert link not in _get(guangzhou, "/confirmations/")[1]
    assert guangzhou.get(f"/pairings/{world.qd_gz.pk}/dashboard/").status_code == 404  # refused before the cache
    # Anshun's office sees the same pairing from the other side: its own body, not Qingdao's.
    anshun = _client(world.users["anshun"])
    response, page = _get(anshun, "/confirmations/")
    assert response[HEADER] == "miss" and 'id="waiting-for-me"' in page and link in page.split('id="waiting-for-me"')[1].split("</table>")[0]


def test_it_gives_the_public_only_confirmed_figures(db):
    world = make_world()
    report_fund(world, amount="4000000")
    national = _client(world.users["national"])
    assert "4 million yuan" in _get(national, f"/pairings/{world.qd_gz.pk}/dashboard/")[1]
    assert "4 million yuan" in _get(national, f"/pairings/{world.qd_gz.pk}/")[1]
    public = _client()
    for url in ("/public/", f"/public/pairings/{world.qd_gz.pk}/", f"/pairings/{world.qd_gz.pk}/"):
        _response, page = _get(public, url)
        assert "4 million yuan" not in page, url
    # The public pages read the same for a signed-in national office: confirmed figures only.
    assert "4 million yuan" not in _get(national, f"/public/pairings/{world.qd_gz.pk}/")[1]


def test_it_keeps_tokens_and_messages_out_of_the_cache(db):
    world = make_world()
    other = make_user("national2", "national")
    first, second = _client(world.users["national"]), _client(other)
    _, page1 = _get(first, "/dashboard/")
    response, page2 = _get(second, "/dashboard/")
    assert response[HEADER] == "hit"
    token = lambda html: html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert token(page1) != token(page2)
    assert "national2" in page2 and ">national ·" not in page2 and 'id="whoami">national<' not in page2
    # A message for one user is shown to that user only, around the cached body.
    qingdao = _client(world.users["qingdao"])
    qingdao.post(f"/pairings/{world.qd_gz.pk}/records/fund_allocation/new/", {
        "year": "2024", "amount": "2000000", "qualifier": "exact", "recipient_places": "Anshun"})
    _get(first, "/dashboard/")
    _, page = _get(first, "/dashboard/")
    assert 'class="messages"' not in page
    _, page = _get(qingdao, "/dashboard/")
    assert 'class="messages"' in page


def test_it_never_stores_a_body_with_a_csrf_token(rf, db):
    request = rf.get("/anything/")
    built = []

    def build():
        built.append(1)
        return '<form><input type="hidden" name="csrfmiddlewaretoken" value="secret"></form>'

    page_cache.cached(request, "test", "public", build)
    request = rf.get("/anything/")
    page_cache.cached(request, "test", "public", build)
    assert len(built) == 2


def test_it_changes_the_data_version_with_the_figures_and_scopes_by_role(db):
    world = make_world()
    before = page_cache.data_version()
    record = report_fund(world)
    assert page_cache.data_version() != before
    before = page_cache.data_version()
    from counterpart.confirmations.actions import do_confirm

    do_confirm(world.users["anshun"], confirmation_for(record))
    assert page_cache.data_version() != before
    before = page_cache.data_version()
    from counterpart.reports.summary import refresh

    refresh()  # `counterpart report refresh`: the precomputed totals the pages read
    assert page_cache.data_version() != before
    scopes = {name: access.cache_scope(u) for name, u in world.users.items()}
    assert len({scopes[n] for n in ("national", "qingdao", "anshun", "guangzhou", "enterprise", "norole")}) == 6
    from django.contrib.auth.models import AnonymousUser

    assert access.cache_scope(AnonymousUser()) == "public"


def test_it_pages_the_record_list_newest_first(db, english, monkeypatch):
    from counterpart.web import records

    world = make_world()
    first = report_fund(world, amount="1000000", year=2023)
    second = report_fund(world, amount="2000000", year=2024)
    monkeypatch.setattr(records, "PAGE_SIZE", 1)
    monkeypatch.setattr(records.records_in, "__defaults__", (None, 1, 1))
    client = _client(world.users["anshun"])
    _, page = _get(client, f"/pairings/{world.qd_gz.pk}/records/")
    assert f"/records/fund_allocation/{second.pk}/" in page and f"/records/fund_allocation/{first.pk}/" not in page
    assert "Older records" in page
    _, page = _get(client, f"/pairings/{world.qd_gz.pk}/records/?page=2")
    assert f"/records/fund_allocation/{first.pk}/" in page and "Newer records" in page


def test_it_shares_pages_between_server_processes_through_redis(db, settings):
    """With CACHE_URL=redis://… (the setting for several server processes) a page built by one process is a
    hit in another, and a confirmation still shows at once: the data version lives in the database."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        pytest.skip("no Redis on 127.0.0.1:6379 (CI and the production machines run one)")
    prefix = f"test-{uuid4().hex}"  # runs on SQLite and PostgreSQL may share the Redis
    settings.CACHES = {"default": {**_cache("redis://127.0.0.1:6379/6"), "KEY_PREFIX": prefix}}
    try:
        world = make_world()
        record = report_fund(world, amount="7000000")
        url = f"/public/pairings/{world.qd_gz.pk}/"
        assert _get(_client(), url)[0][HEADER] == "miss"
        caches.close_all()  # what another process has: its own connection, the same Redis
        response, page = _get(_client(), url)
        assert response[HEADER] == "hit" and "7 million yuan" not in page
        assert _client(world.users["anshun"]).post(f"/records/fund_allocation/{record.pk}/confirm/").status_code == 302
        response, page = _get(_client(), url)
        assert response[HEADER] == "miss" and "7 million yuan" in page
    finally:
        client = redis.Redis(host="127.0.0.1", port=6379, db=6)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
