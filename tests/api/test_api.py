"""The REST API end to end: tokens, reads as the pages read, writes through the pages' actions."""
import json

import pytest
from django.test import Client

from counterpart.api.tokens import do_create_token, do_revoke_token
from counterpart.confirmations.actions import confirmation_for, do_confirm
from counterpart.indicators.models import Observation, Status
from counterpart.ledger.models import FundAllocation
from tests.world import make_world, report_fund


def bearer(user):
    _t, raw = do_create_token(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(client, url, body, **headers):
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


@pytest.fixture
def world(db):
    return make_world()


def test_it_serves_an_openapi_3_document_and_local_docs(db):
    c = Client()
    schema = c.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/observations" in schema["paths"]
    docs = c.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()


def test_it_reports_a_fund_allocation_that_the_other_side_confirms_and_the_overview_counts(world):
    c = Client()
    r = post(c, "/api/v1/records/fund_allocation", {"values": {
        "pairing": "Qingdao-Guizhou", "year": 2024, "amount": "1234567", "recipients": "安顺"}},
        **bearer(world.users["qingdao"]))
    assert r.status_code == 201, r.content
    record = r.json()
    assert record["figures"][0]["status"] == "reported" and record["confirmation"]["state"] == "pending"
    cid = record["confirmation"]["id"]
    # The reporting side cannot confirm its own report: it looks like nothing is there.
    assert post(c, f"/api/v1/confirmations/{cid}/confirm", {}, **bearer(world.users["qingdao"])).status_code == 404
    r = post(c, f"/api/v1/confirmations/{cid}/confirm", {}, **bearer(world.users["anshun"]))
    assert r.status_code == 200 and r.json()["state"] == "confirmed"
    overview = c.get("/api/v1/reports/national/2024", HTTP_ACCEPT_LANGUAGE="en").json()
    funds = [f for f in overview["official"] if f["indicator"] == "gov_aid_funds" and f["year"] == 2024]
    assert funds and funds[0]["value"] == "1234567"


def test_it_answers_errors_naming_the_field_in_the_requests_language(world):
    c = Client()
    body = {"values": {"pairing": "Qingdao-Guizhou", "year": 2024, "amount": "lots"}}
    zh = post(c, "/api/v1/records/fund_allocation", body, **bearer(world.users["qingdao"]))
    en = post(c, "/api/v1/records/fund_allocation", body, HTTP_ACCEPT_LANGUAGE="en",
              **bearer(world.users["qingdao"]))
    assert zh.status_code == en.status_code == 400
    assert [e["field"] for e in en.json()["errors"]] == ["amount"]
    assert en.json()["errors"][0]["message"] != zh.json()["errors"][0]["message"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh.json()["errors"][0]["message"])
    assert FundAllocation.objects.count() == 0


def test_it_refuses_writes_without_a_token_and_with_a_revoked_one(world):
    c = Client()
    body = {"values": {"pairing": "Qingdao-Guizhou", "year": 2024, "amount": "100"}}
    assert post(c, "/api/v1/records/fund_allocation", body).status_code == 401
    token, raw = do_create_token(world.users["qingdao"], "ci")
    do_revoke_token(world.users["qingdao"], token)
    r = post(c, "/api/v1/records/fund_allocation", body, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert r.status_code == 401 and r.json()["errors"][0]["field"] == "Authorization"
    assert c.get("/api/v1/indicators", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    assert FundAllocation.objects.count() == 0


def test_it_stores_only_a_digest_of_a_token(world):
    token, raw = do_create_token(world.users["qingdao"], "ci")
    assert raw not in (token.digest, token.prefix) and len(token.digest) == 64


def test_it_shows_the_public_confirmed_figures_only_and_offices_their_own_pending_ones(world):
    pending = report_fund(world, amount="111")
    confirmed = report_fund(world, amount="222")
    do_confirm(world.users["anshun"], confirmation_for(confirmed))
    c = Client()
    public = [o["value"] for o in c.get("/api/v1/observations?indicator=gov_aid_funds").json()["items"]]
    assert public == ["222"]
    office = c.get("/api/v1/observations?indicator=gov_aid_funds", **bearer(world.users["qingdao"])).json()
    assert sorted(o["value"] for o in office["items"]) == ["111", "222"]
    outsider = c.get("/api/v1/observations?indicator=gov_aid_funds", **bearer(world.users["guangzhou"])).json()
    assert [o["value"] for o in outsider["items"]] == ["222"]
    assert pending.pk


def test_it_names_who_entered_a_figure_to_offices_but_not_to_the_public(world):
    record = report_fund(world, amount="333")
    do_confirm(world.users["anshun"], confirmation_for(record))
    c = Client()
    anon = c.get("/api/v1/observations").json()["items"][0]["provenance"]
    assert anon["entered"] is True and anon["entered_by"] is None and anon["span"] is None
    office = c.get("/api/v1/observations", **bearer(world.users["qingdao"])).json()["items"][0]["provenance"]
    assert office["entered_by"] == "qingdao"


def test_it_filters_by_region_subtree_year_and_pages_by_cursor(world):
    for amount in ("1", "2", "3"):
        do_confirm(world.users["anshun"], confirmation_for(report_fund(world, amount=amount)))
    other = report_fund(world, user="guangzhou", pairing=world.gz_bs, amount="9")
    do_confirm(world.users["national"], confirmation_for(other)) if False else None
    c = Client()
    first = c.get("/api/v1/observations?donor_region=370000&year=2024&limit=2").json()
    assert [o["value"] for o in first["items"]] == ["1", "2"] and first["next"]
    second = c.get(f"/api/v1/observations?donor_region=370000&year=2024&limit=2&cursor={first['next']}").json()
    assert [o["value"] for o in second["items"]] == ["3"] and second["next"] is None
    assert c.get("/api/v1/observations?recipient_region=450000").json()["items"] == []
    assert c.get("/api/v1/observations?year=2023").json()["items"] == []
    bad = c.get("/api/v1/observations?cursor=xyz!", HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "cursor"


def test_it_answers_not_modified_to_a_matching_etag(world):
    c = Client()
    first = c.get("/api/v1/indicators")
    assert first.status_code == 200 and first["ETag"]
    assert c.get("/api/v1/indicators", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_it_writes_a_batch_all_or_nothing_with_row_errors(world):
    c = Client()
    rows = [{"pairing": "Qingdao-Guizhou", "year": 2024, "amount": str(1000 + n)} for n in range(3)]
    rows.append({"pairing": "Qingdao-Guizhou", "year": 1800, "amount": "5"})
    r = post(c, "/api/v1/records/fund_allocation/batch", {"rows": rows}, HTTP_ACCEPT_LANGUAGE="en",
             **bearer(world.users["qingdao"]))
    assert r.status_code == 400
    assert [(e["row"], e["field"]) for e in r.json()["errors"]] == [(4, "year")]
    assert FundAllocation.objects.count() == 0
    r = post(c, "/api/v1/records/fund_allocation/batch", {"rows": rows[:3]}, **bearer(world.users["qingdao"]))
    assert r.status_code == 201 and r.json()["added"] == 3
    assert Observation.objects.filter(status=Status.REPORTED).count() == 3


def test_it_lets_the_reporting_side_edit_and_withdraw_its_record_and_no_one_else(world):
    record = report_fund(world, amount="1000")
    c = Client()
    url = f"/api/v1/records/fund_allocation/{record.pk}"
    r = c.put(url, json.dumps({"values": {"amount": "2000"}}), content_type="application/json",
              **bearer(world.users["qingdao"]))
    assert r.status_code == 200, r.content
    assert r.json()["fields"]["amount"] == "2000"
    r = c.put(url, json.dumps({"values": {"amount": "3000"}}), content_type="application/json",
              **bearer(world.users["guangzhou"]))
    assert r.status_code == 404
    assert post(c, url + "/withdraw", {}, **bearer(world.users["guangzhou"])).status_code == 404
    assert post(c, url + "/withdraw", {"note": "double"}, **bearer(world.users["qingdao"])).status_code == 204
    assert not FundAllocation.objects.filter(pk=record.pk, amount=3000).exists()


def test_it_answers_with_another_figure_and_the_reporter_accepts_it(world):
    record = report_fund(world, amount="1000")
    cid = confirmation_for(record).pk
    c = Client()
    r = post(c, f"/api/v1/confirmations/{cid}/answer", {"value": "900"}, **bearer(world.users["anshun"]))
    assert r.status_code == 200 and r.json()["state"] == "disputed" and r.json()["counter_value"] == "900"
    r = post(c, f"/api/v1/confirmations/{cid}/accept", {}, **bearer(world.users["qingdao"]))
    assert r.status_code == 200 and r.json()["state"] == "confirmed"
    record.refresh_from_db()
    assert record.amount == 900


def test_it_resolves_place_names_through_the_gazetteer(db):
    r = Client().get("/api/v1/regions/search?q=青岛").json()
    assert r["status"] == "unique" and r["items"][0]["adcode"] == "370200"


def test_it_gives_the_public_reviewed_documents_only(demo):
    c = Client()
    docs = c.get("/api/v1/documents").json()["items"]
    assert docs and all("text" not in d for d in docs)
    assert "text" in c.get(f"/api/v1/documents/{docs[0]['id']}").json()
