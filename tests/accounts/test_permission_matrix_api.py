"""The API's rows of the permission matrix (tests/accounts/test_permission_matrix.py holds the pages'): every
role against every API operation, allowed and refused by the same access functions as the pages.

Each persona calls with its own personal token (anonymous: none). A refusal is a 404 ("not yours" looks like
"not found"), or a 401 for a write without a token; a refused write changes nothing.
"""
import json

import pytest
from django.test import Client

from counterpart.api.tokens import do_create_token
from counterpart.audit.models import Change
from counterpart.confirmations.actions import confirmation_for
from counterpart.ledger.models import FundAllocation
from tests.world import make_world, report_fund

PERSONAS = ["anonymous", "norole", "national", "qingdao", "anshun", "guangzhou", "enterprise"]
OFFICES_QD = {"national", "qingdao", "anshun"}
EVERYONE = set(PERSONAS)


def _get(path):
    return lambda c, h, w, r: c.get(path(w, r), **h)


def _send(method, path, body):
    return lambda c, h, w, r: getattr(c, method)(path(w, r), json.dumps(body(w, r) if callable(body) else body),
                                                 content_type="application/json", **h)


def _cid(r):
    return confirmation_for(r).pk


FUND = {"pairing": "Qingdao-Guizhou", "year": 2024, "amount": "777", "recipients": "安顺"}

# URL pattern (as the API names it) -> (request, personas allowed). t2's "every pattern has a row" check can read
# API_MATRIX's keys: each is the /api/v1/ route the row exercises.
API_MATRIX = {
    "GET /api/v1/regions": (_get(lambda w, r: "/api/v1/regions?level=1"), EVERYONE),
    "GET /api/v1/regions/search": (_get(lambda w, r: "/api/v1/regions/search?q=Anshun"), EVERYONE),
    "GET /api/v1/regions/{adcode}": (_get(lambda w, r: "/api/v1/regions/520400"), EVERYONE),
    "GET /api/v1/units": (_get(lambda w, r: "/api/v1/units"), EVERYONE),
    "GET /api/v1/pairings": (_get(lambda w, r: "/api/v1/pairings"), EVERYONE),
    "GET /api/v1/pairings/{pk}": (_get(lambda w, r: f"/api/v1/pairings/{w.qd_gz.pk}"), EVERYONE),
    "GET /api/v1/pairings/{pk}/tree": (_get(lambda w, r: f"/api/v1/pairings/{w.qd_gz.pk}/tree"), EVERYONE),
    "GET /api/v1/indicators": (_get(lambda w, r: "/api/v1/indicators"), EVERYONE),
    "GET /api/v1/observations": (_get(lambda w, r: "/api/v1/observations"), EVERYONE),
    "GET /api/v1/documents": (_get(lambda w, r: "/api/v1/documents"), EVERYONE),
    "GET /api/v1/records/{kind}/columns": (_get(lambda w, r: "/api/v1/records/fund_allocation/columns"), EVERYONE),
    "GET /api/v1/records/{kind}": (_get(lambda w, r: "/api/v1/records/fund_allocation"), EVERYONE),
    "GET /api/v1/records/{kind}/{pk}": (_get(lambda w, r: f"/api/v1/records/fund_allocation/{r.pk}"), OFFICES_QD),
    "POST /api/v1/records/{kind}": (_send("post", lambda w, r: "/api/v1/records/fund_allocation", {"values": FUND}),
                                    OFFICES_QD),
    "POST /api/v1/records/{kind}/batch": (_send("post", lambda w, r: "/api/v1/records/fund_allocation/batch",
                                                {"rows": [FUND]}), OFFICES_QD),
    "PUT /api/v1/records/{kind}/{pk}": (_send("put", lambda w, r: f"/api/v1/records/fund_allocation/{r.pk}",
                                              {"values": {"amount": "2000000"}, "reason": "audit"}),
                                        {"national", "qingdao"}),  # the reporting side, or the nation correcting
    "POST /api/v1/records/{kind}/{pk}/withdraw": (_send("post", lambda w, r:
                                                        f"/api/v1/records/fund_allocation/{r.pk}/withdraw", {}),
                                                  {"national", "qingdao"}),
    "GET /api/v1/confirmations": (_get(lambda w, r: "/api/v1/confirmations"), EVERYONE),
    "GET /api/v1/confirmations/{pk}": (_get(lambda w, r: f"/api/v1/confirmations/{_cid(r)}"), OFFICES_QD),
    "POST /api/v1/confirmations/{pk}/confirm": (_send("post", lambda w, r: f"/api/v1/confirmations/{_cid(r)}/confirm",
                                                      {}), {"anshun"}),
    "POST /api/v1/confirmations/{pk}/answer": (_send("post", lambda w, r: f"/api/v1/confirmations/{_cid(r)}/answer",
                                                     {"value": "900000"}), {"anshun"}),
    "GET /api/v1/reports/national/{year}": (_get(lambda w, r: "/api/v1/reports/national/2024"), EVERYONE),
    "GET /api/v1/reports/annual/{pairing}/{year}": (_get(lambda w, r: f"/api/v1/reports/annual/{w.qd_gz.pk}/2024"),
                                                    EVERYONE - {"anonymous"}),
    "POST /api/v1/confirmations/{pk}/comments": (_send("post", lambda w, r: f"/api/v1/confirmations/{_cid(r)}/comments",
                                                       {"text": "Please check the amount."}), OFFICES_QD),
    "GET /api/v1/assessment/{year}": (_get(lambda w, r: _weights() and "/api/v1/assessment/2024"), EVERYONE),
    "GET /api/v1/documents/{pk}": (_get(lambda w, r: f"/api/v1/documents/{_document(w).pk}"), EVERYONE),
    "GET /api/v1/openapi.json": (_get(lambda w, r: "/api/v1/openapi.json"), EVERYONE),
    "GET /api/v1/docs": (_get(lambda w, r: "/api/v1/docs"), EVERYONE),
    # django-ninja's root pattern exists only so that operations can reverse their paths: 404 for everyone.
    "GET /api/v1/": (_get(lambda w, r: "/api/v1/"), set()),
}
# POST .../accept has its own test below (nothing to accept until the other side answers), as the pages' matrix.
ACCEPT = "POST /api/v1/confirmations/{pk}/accept"


def _weights():
    from counterpart.plans.actions import do_set_weights
    from counterpart.plans.models import AssessmentWeights

    return AssessmentWeights.objects.first() or do_set_weights({"aid_projects": "1"}, "0.1")


def _document(w):
    from counterpart.sources.models import SourceDocument

    return SourceDocument.objects.get_or_create(doc_id="seed.txt", defaults={"title": "Seed", "text": "Seed."})[0]


def api_routes():
    """The URL patterns (as Django's resolver spells them) that the API rows exercise."""
    import re

    return {re.sub(r"\{(\w+)\}", r"<\1>", op.split(" ", 1)[1]).removeprefix("/") for op in [*API_MATRIX, ACCEPT]}


def _state(record):
    rec = FundAllocation.objects.filter(pk=record.pk).first()
    c = confirmation_for(record)
    return (rec and rec.amount, c and c.state, FundAllocation.objects.count(), Change.objects.count())


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("operation", list(API_MATRIX))
def test_the_api_allows_and_refuses_by_role(db, operation, persona):
    world = make_world()
    record = report_fund(world)
    headers = {}
    if persona != "anonymous":
        _t, raw = do_create_token(world.users[persona], "matrix")
        headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    before = _state(record)
    request, allowed = API_MATRIX[operation]
    response = request(Client(), headers, world, record)
    if persona in allowed:
        assert response.status_code in (200, 201, 204), (operation, persona, response.status_code, response.content)
    else:
        expected = (401, 404) if persona == "anonymous" else (404,)
        if operation.endswith("/batch"):  # as the spreadsheet import: a pairing one may not enter is a row error
            expected += (400,)
        assert response.status_code in expected, (operation, persona, response.status_code)
        assert _state(record)[:3] == before[:3]  # a refused write changes nothing (tokens are audited)


@pytest.mark.parametrize("persona,allowed", [("qingdao", True), ("national", True), ("anshun", False),
                                             ("guangzhou", False), ("enterprise", False)])
def test_the_api_lets_only_the_reporting_side_accept_the_other_figure(db, persona, allowed):
    from counterpart.confirmations.actions import do_answer_with_figure

    world = make_world()
    record = report_fund(world)
    do_answer_with_figure(world.users["anshun"], confirmation_for(record), "800000")
    _t, raw = do_create_token(world.users[persona], "matrix")
    r = Client().post(f"/api/v1/confirmations/{confirmation_for(record).pk}/accept", "{}",
                      content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}")
    record.refresh_from_db()
    assert (r.status_code == 200) is allowed
    assert (record.amount == 800000) is allowed


def test_the_enterprise_sees_only_its_own_records_through_the_api(db):
    from counterpart.confirmations.actions import do_report_record
    from counterpart.ledger.models import Donation

    world = make_world()
    own, _ = do_report_record(world.users["enterprise"], Donation, pairing=world.qd_gz, year=2024,
                              donor=world.enterprise, amount="50000")
    do_report_record(world.users["qingdao"], Donation, pairing=world.qd_gz, year=2024, donor=world.qd_gz.donor,
                     amount="60000")
    _t, raw = do_create_token(world.users["enterprise"], "matrix")
    items = Client().get("/api/v1/records/donation", HTTP_AUTHORIZATION=f"Bearer {raw}").json()["items"]
    assert [i["id"] for i in items] == [own.pk]
