"""Every role against every kind of object and action, allowed and refused (accounts/access.py).

A refusal is a 404 ("not yours" looks like "not found") for signed-in users and a redirect to the
login page for the public; a refused write changes nothing.
"""
import pytest
from django.test import Client

from counterpart.audit.models import Change
from counterpart.confirmations.actions import confirmation_for, do_answer_with_figure
from counterpart.ledger.models import FundAllocation
from tests.world import make_world, report_fund

PERSONAS = ["anonymous", "norole", "national", "qingdao", "anshun", "guangzhou", "enterprise"]
OFFICES_QD = {"national", "qingdao", "anshun"}
SIGNED_IN = set(PERSONAS) - {"anonymous"}


def _get(path):
    return lambda c, w, r: c.get(path(w, r))


def _post(path, data=None):
    return lambda c, w, r: c.post(path(w, r), data or {})


def _edit(c, w, r):
    return c.post(f"/records/fund_allocation/{r.pk}/edit/", {
        "year": "2024", "amount": "2000000", "qualifier": "exact", "donor_place": "Qingdao",
        "recipient_places": "安顺"})


def _agreement(w):
    from counterpart.pairings.actions import do_create_agreement

    return w.qd_gz.agreements.first() or do_create_agreement(w.qd_gz, "Framework agreement", 2021, 2025)


def _plan(w):
    from counterpart.plans.models import AnnualPlan

    return AnnualPlan.objects.get_or_create(pairing=w.qd_gz, year=2024)[0]


# action name -> (request, personas allowed)
MATRIX = {
    "pairing dashboard (Qingdao–Guizhou)": (_get(lambda w, r: f"/pairings/{w.qd_gz.pk}/dashboard/"), OFFICES_QD),
    "sub-pairing dashboard (Shinan–Pingba)": (_get(lambda w, r: f"/pairings/{w.shinan_pingba.pk}/dashboard/"),
                                              OFFICES_QD),
    "pairing dashboard (Guangzhou–Baise)": (_get(lambda w, r: f"/pairings/{w.gz_bs.pk}/dashboard/"),
                                            {"national", "guangzhou"}),
    "record list": (_get(lambda w, r: f"/pairings/{w.qd_gz.pk}/records/"), OFFICES_QD | {"enterprise"}),
    "fund allocation form": (_get(lambda w, r: f"/pairings/{w.qd_gz.pk}/records/fund_allocation/new/"), OFFICES_QD),
    "donation form": (_get(lambda w, r: f"/pairings/{w.qd_gz.pk}/records/donation/new/"),
                      OFFICES_QD | {"enterprise"}),
    "view record": (_get(lambda w, r: f"/records/fund_allocation/{r.pk}/"), OFFICES_QD),
    "edit record": (_edit, OFFICES_QD),
    "delete record": (_post(lambda w, r: f"/records/fund_allocation/{r.pk}/delete/"), OFFICES_QD),
    "confirm": (_post(lambda w, r: f"/records/fund_allocation/{r.pk}/confirm/"), {"anshun"}),
    "answer with a figure": (_post(lambda w, r: f"/records/fund_allocation/{r.pk}/answer/",
                                   {"counter_value": "900000", "slot": "amount"}), {"anshun"}),
    "confirmations inbox": (_get(lambda w, r: "/confirmations/"), SIGNED_IN),
    "national dashboard": (_get(lambda w, r: "/dashboard/"), SIGNED_IN),
    "import page": (_get(lambda w, r: "/import/"), SIGNED_IN),
    "manage users": (_get(lambda w, r: "/accounts/users/"), {"national"}),
    "new user form": (_get(lambda w, r: "/accounts/users/new/"), {"national"}),
    "create a user": (_post(lambda w, r: "/accounts/users/new/", {
        "username": "newoffice", "password1": "pw-new-office-1", "password2": "pw-new-office-1", "role": "office",
        "unit": "370200", "language": "en"}), {"national"}),
    "user's account page": (_get(lambda w, r: f"/accounts/users/{w.users['anshun'].pk}/"), {"national"}),
    "change a user's role and unit": (_post(lambda w, r: f"/accounts/users/{w.users['anshun'].pk}/", {
        "role": "office", "unit": "440100", "language": "en"}), {"national"}),
    "deactivate a user": (_post(lambda w, r: f"/accounts/users/{w.users['anshun'].pk}/active/", {"active": "0"}),
                          {"national"}),
    "reset a user's password": (_post(lambda w, r: f"/accounts/users/{w.users['anshun'].pk}/password/", {
        "password1": "pw-reset-2468", "password2": "pw-reset-2468"}), {"national"}),
    "public national page": (_get(lambda w, r: "/public/"), set(PERSONAS)),
    "public pairing page": (_get(lambda w, r: f"/public/pairings/{w.qd_gz.pk}/"), set(PERSONAS)),
    "pairing page": (_get(lambda w, r: f"/pairings/{w.qd_gz.pk}/"), set(PERSONAS)),
    "plans workspace": (_get(lambda w, r: f"/plans/pairings/{w.qd_gz.pk}/"), OFFICES_QD),
    "enter an annual plan": (_post(lambda w, r: f"/plans/pairings/{w.qd_gz.pk}/plans/new/", {"year": "2024"}),
                             OFFICES_QD),
    "enter an agreement": (_post(lambda w, r: f"/plans/pairings/{w.qd_gz.pk}/agreements/new/", {
        "title_en": "Outline", "kind": "outline", "period_start": "2021", "period_end": "2025"}), OFFICES_QD),
    "enter an agreement's target": (_post(lambda w, r: f"/plans/agreements/{_agreement(w).pk}/targets/new/", {
        "indicator": "aid_projects", "value": "10", "qualifier": "exact", "year": "2022"}), OFFICES_QD),
    "annual plan page": (_get(lambda w, r: f"/plans/annual/{_plan(w).pk}/"), OFFICES_QD),
    "add a plan item": (_post(lambda w, r: f"/plans/annual/{_plan(w).pk}/items/new/", {
        "indicator": "aid_projects", "value": "10", "qualifier": "exact"}), OFFICES_QD),
}


def _state(record):
    rec = FundAllocation.objects.filter(pk=record.pk).first()
    c = confirmation_for(record)
    return (rec and rec.amount, c and c.state, Change.objects.count())


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", list(MATRIX))
def test_it_allows_and_refuses_by_role(db, action, persona):
    world = make_world()
    record = report_fund(world)
    client = Client()
    if persona != "anonymous":
        client.force_login(world.users[persona])
    before = _state(record)
    request, allowed = MATRIX[action]
    response = request(client, world, record)
    if persona in allowed:
        assert response.status_code in (200, 302), (action, persona, response.status_code)
        if response.status_code == 302:
            assert "/accounts/login/" not in response["Location"]
    else:
        if persona == "anonymous":
            assert response.status_code == 404 or (
                response.status_code == 302 and "/accounts/login/" in response["Location"])
        else:
            assert response.status_code == 404, (action, persona, response.status_code)
        assert _state(record) == before  # a refused request changes nothing


@pytest.mark.parametrize("persona,allowed", [("qingdao", True), ("national", True), ("anshun", False),
                                             ("guangzhou", False), ("enterprise", False)])
def test_it_lets_only_the_reporting_side_accept_the_other_figure(db, persona, allowed):
    world = make_world()
    record = report_fund(world)
    do_answer_with_figure(world.users["anshun"], confirmation_for(record), "800000")
    client = Client()
    client.force_login(world.users[persona])
    response = client.post(f"/records/fund_allocation/{record.pk}/accept/")
    record.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert record.amount == 800000 and confirmation_for(record).state == "confirmed"
    else:
        assert response.status_code == 404
        assert record.amount == 1000000 and confirmation_for(record).state == "disputed"


def test_it_scopes_visible_pairings_to_the_offices_line(db):
    from counterpart.accounts.access import visible_pairings

    world = make_world()
    names = {u: {p.pk for p in visible_pairings(world.users[u])} for u in world.users}
    assert names["qingdao"] == {world.qd_gz.pk, world.shinan_pingba.pk}
    assert names["anshun"] == {world.qd_gz.pk, world.shinan_pingba.pk}
    assert names["guangzhou"] == {world.gz_bs.pk}
    assert names["national"] == {world.qd_gz.pk, world.shinan_pingba.pk, world.gz_bs.pk}
    assert names["enterprise"] == set() and names["norole"] == set()


def test_it_lets_an_enterprise_edit_only_its_own_donations(db):
    from counterpart.accounts.access import can_edit_record
    from counterpart.confirmations.actions import do_report_record
    from counterpart.ledger.models import Donation

    world = make_world()
    own, _ = do_report_record(world.users["enterprise"], Donation, pairing=world.qd_gz, year=2024,
                              donor=world.enterprise, amount="50000")
    other, _ = do_report_record(world.users["qingdao"], Donation, pairing=world.qd_gz, year=2024,
                                donor=world.qd_gz.donor, amount="60000")
    assert can_edit_record(world.users["enterprise"], own)
    assert not can_edit_record(world.users["enterprise"], other)
    assert confirmation_for(own).side == "donor"
