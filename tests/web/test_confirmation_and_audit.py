"""Two-sided confirmation and the audit trail, through the actions and the pages."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from counterpart.audit.actions import history
from counterpart.audit.models import Change
from counterpart.confirmations.actions import (
    confirmation_for,
    do_answer_with_figure,
    do_confirm,
    do_delete_record,
    do_update_record,
)
from counterpart.indicators.models import Observation
from counterpart.ledger.actions import record_observations
from counterpart.web import dashboard
from tests.world import make_world, report_fund


def test_it_waits_for_the_other_side_before_counting(db):
    world = make_world()
    record = report_fund(world, amount="3000000")
    assert {o.status for o in record_observations(record)} == {"reported"}
    assert confirmation_for(record).side == "donor"
    data = dashboard.dashboard(world.qd_gz, 2024, "en")
    assert data["headline"][0]["text"] == "—" and data["headline"][0]["n_unconfirmed"] == 1
    do_confirm(world.users["anshun"], confirmation_for(record))
    assert {o.status for o in record_observations(record)} == {"confirmed"}
    data = dashboard.dashboard(world.qd_gz, 2024, "en")
    assert data["headline"][0]["text"] == "3 million yuan"


def test_it_keeps_both_figures_in_a_disagreement(db):
    world = make_world()
    record = report_fund(world, amount="3000000")
    c = do_answer_with_figure(world.users["anshun"], confirmation_for(record), "2500000", note="we received less")
    assert (c.state, c.reported_value, c.counter_value) == ("disputed", Decimal(3000000), Decimal(2500000))
    assert {o.status for o in record_observations(record)} == {"disputed"}
    record.refresh_from_db()
    assert record.amount == Decimal(3000000)  # the report is not overwritten
    assert dashboard.open_items()["n_disputed"] == 1
    with pytest.raises(ValidationError):
        do_confirm(world.users["anshun"], c)  # already answered


def test_it_refuses_a_counter_figure_that_is_not_a_number(db):
    world = make_world()
    record = report_fund(world)
    with pytest.raises(ValidationError) as exc:
        do_answer_with_figure(world.users["anshun"], confirmation_for(record), "lots")
    assert "counter_value" in exc.value.error_dict
    assert confirmation_for(record).state == "pending"


def test_it_sends_a_changed_figure_back_for_confirmation_and_logs_before_and_after(db):
    world = make_world()
    record = report_fund(world, amount="1000000")
    do_confirm(world.users["anshun"], confirmation_for(record))
    do_update_record(world.users["qingdao"], record, amount=Decimal(1200000))
    assert confirmation_for(record).state == "pending"
    assert {o.status for o in record_observations(record)} == {"reported"}
    changes = list(history(record))
    assert [c.action for c in changes] == ["create", "confirm", "update"]
    update = changes[-1]
    assert update.user == world.users["qingdao"]
    assert update.before["amount"] == "1000000" and update.after["amount"] == "1200000"


def test_it_keeps_a_trace_of_a_deleted_record(db):
    world = make_world()
    record = report_fund(world, amount="1000000")
    pk = record.pk
    do_delete_record(world.users["qingdao"], record, note="entered twice")
    assert not Observation.objects.filter(record_id=pk, slot="amount").exists()
    trace = Change.objects.get(action="withdraw", object_id=pk)
    assert trace.before["amount"] == "1000000" and trace.note == "entered twice"
    assert trace.user == world.users["qingdao"]


def test_it_shows_the_disagreement_to_both_offices_and_the_nation(db):
    world = make_world()
    record = report_fund(world, amount="3000000")
    do_answer_with_figure(world.users["anshun"], confirmation_for(record), "2500000")
    for who in ("qingdao", "anshun", "national"):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(world.users[who])
        page = client.get(f"/records/fund_allocation/{record.pk}/").content.decode()
        assert 'id="counter-figure"' in page and "2.5 million yuan" in page and "3 million yuan" in page
        assert "disputed-row" in client.get("/dashboard/").content.decode()
    public = Client(HTTP_ACCEPT_LANGUAGE="en").get(f"/public/pairings/{world.qd_gz.pk}/").content.decode()
    assert "3 million yuan" not in public


def test_it_names_the_field_in_a_form_error(db):
    world = make_world()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.users["qingdao"])
    response = client.post(f"/pairings/{world.qd_gz.pk}/records/fund_allocation/new/",
                           {"year": "2024", "amount": "-5", "qualifier": "exact", "recipient_places": "Atlantis"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in page and "Amount" in page and "Atlantis" in page


def test_it_refuses_a_recipient_outside_the_recipient_side(db):
    world = make_world()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.users["qingdao"])
    response = client.post(f"/pairings/{world.qd_gz.pk}/records/fund_allocation/new/",
                           {"year": "2024", "amount": "5", "qualifier": "exact", "recipient_places": "Baise"})
    assert response.status_code == 200
    assert "not on the recipient side" in response.content.decode()


def test_it_answers_in_chinese_with_wan_and_yi(db):
    world = make_world()
    record = report_fund(world, amount="150000000")
    do_confirm(world.users["anshun"], confirmation_for(record))
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    page = client.get(f"/public/pairings/{world.qd_gz.pk}/").content.decode()
    assert "1.5亿元" in page
