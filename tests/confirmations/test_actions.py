"""The write path's rules, through the actions and the pages: who may change what, versions, answers,
corrections and comments."""
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client

from counterpart.audit.actions import history
from counterpart.confirmations.actions import (
    StaleRecord,
    comments_for,
    confirmation_for,
    do_accept_counter,
    do_answer_with_figure,
    do_comment,
    do_confirm,
    do_correct_record,
    do_report_record,
    do_update_record,
    do_withdraw_record,
)
from counterpart.indicators.models import Observation
from counterpart.ledger.actions import record_observations
from counterpart.ledger.models import FundAllocation
from tests.helpers import unit
from tests.world import make_world, report_fund, signed_in

EDIT = {"year": "2011", "amount": "88888888", "qualifier": "exact", "donor_place": "Qingdao",
        "recipient_places": "安顺"}


def _client(world, who):
    return signed_in(world, who)


def test_it_refuses_the_other_side_editing_and_then_confirming_a_record(db):
    """Issue 12: anshun (recipient side) rewrote qingdao's figure to 88,888,888 and confirmed it itself."""
    world = make_world()
    record = report_fund(world, amount="1000000", year=2011)
    anshun = _client(world, "anshun")
    page = anshun.get(f"/records/fund_allocation/{record.pk}/").content.decode()
    assert 'id="confirm"' in page and 'id="answer"' in page
    assert 'id="edit"' not in page and 'id="withdraw"' not in page
    assert anshun.get(f"/records/fund_allocation/{record.pk}/edit/").status_code == 404
    assert anshun.post(f"/records/fund_allocation/{record.pk}/edit/", EDIT).status_code == 404
    assert anshun.post(f"/records/fund_allocation/{record.pk}/delete/").status_code == 404
    record.refresh_from_db()
    assert record.amount == Decimal(1000000)
    with pytest.raises(PermissionDenied):
        do_update_record(world.users["anshun"], record, amount="88888888")
    qingdao_page = _client(world, "qingdao").get(f"/records/fund_allocation/{record.pk}/").content.decode()
    assert 'id="edit"' in qingdao_page and 'id="confirm"' not in qingdao_page


def test_it_sends_an_edited_confirmed_record_back_to_the_other_side(db):
    world = make_world()
    record = report_fund(world, amount="1000000")
    do_confirm(world.users["anshun"], confirmation_for(record))
    record = do_update_record(world.users["qingdao"], record, purpose="roads")  # not even a figure
    assert confirmation_for(record).state == "pending"
    assert {o.status for o in record_observations(record)} == {"reported"}
    assert record.version == 2


def test_it_refuses_an_edit_made_on_a_stale_form_and_says_what_changed(db, english):
    """Issue 12: two users open the same edit form; the second save silently reverted the first."""
    world = make_world()
    record = report_fund(world, amount="1000000", year=2011)
    first, second = _client(world, "qingdao"), _client(world, "qingdao")
    form = dict(EDIT, version=str(record.version))
    assert first.post(f"/records/fund_allocation/{record.pk}/edit/", dict(form, amount="2000000")).status_code == 302
    response = second.post(f"/records/fund_allocation/{record.pk}/edit/", dict(form, amount="3000000"), follow=True)
    page = response.content.decode()
    record.refresh_from_db()
    assert record.amount == Decimal(2000000)
    assert "changed after you opened the form" in page and "2 million yuan" in page
    with pytest.raises(StaleRecord):
        do_update_record(world.users["qingdao"], record, expected_version=1, amount="4000000")


def test_it_keeps_both_figures_and_a_thread_both_sides_read(db, english):
    world = make_world()
    record = report_fund(world, amount="3000000")
    do_answer_with_figure(world.users["anshun"], confirmation_for(record), "2500000", note="we received less")
    do_comment(world.users["qingdao"], record, "the rest was paid in January")
    assert [c.text for c in comments_for(record)] == ["we received less", "the rest was paid in January"]
    for who in ("qingdao", "anshun", "national"):
        page = _client(world, who).get(f"/records/fund_allocation/{record.pk}/").content.decode()
        assert "we received less" in page and "the rest was paid in January" in page
    with pytest.raises(PermissionDenied):
        do_comment(world.users["guangzhou"], record, "not mine")
    do_accept_counter(world.users["qingdao"], confirmation_for(record))
    record.refresh_from_db()
    assert record.amount == Decimal(2500000) and confirmation_for(record).state == "confirmed"


def test_it_sends_a_national_correction_back_to_both_sides(db):
    world = make_world()
    record = report_fund(world, amount="1000000")
    do_confirm(world.users["anshun"], confirmation_for(record))
    with pytest.raises(ValidationError) as exc:
        do_correct_record(world.users["national"], record, reason="", amount="1100000")
    assert "reason" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        do_correct_record(world.users["qingdao"], record, reason="typo", amount="1100000")
    record = do_correct_record(world.users["national"], record, reason="the bank statement says 1.1 million",
                               amount="1100000")
    c = confirmation_for(record)
    assert (c.side, c.state) == ("national", "pending")
    do_confirm(world.users["qingdao"], c)
    assert confirmation_for(record).state == "pending"  # one side is not both
    do_confirm(world.users["anshun"], confirmation_for(record))
    assert confirmation_for(record).state == "confirmed"
    assert {o.status for o in record_observations(record)} == {"confirmed"}
    correction = next(h for h in history(record) if h.action == "correct")
    assert correction.note == "the bank statement says 1.1 million"
    assert "the bank statement says 1.1 million" in comments_for(record).last().text


def test_it_applies_the_recipient_side_rule_on_every_path(db):
    world = make_world()
    with pytest.raises(ValidationError) as exc:
        do_report_record(world.users["qingdao"], FundAllocation, recipients=[unit("451000")], pairing=world.qd_gz,
                         year=2024, donor=world.qd_gz.donor, amount="5")
    assert "recipients" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        do_report_record(world.users["qingdao"], FundAllocation, pairing=world.qd_gz, year=2024,
                         donor=unit("440100"), amount="5")
    assert "donor" in exc.value.message_dict
    assert FundAllocation.objects.count() == 0 and Observation.objects.count() == 0


def test_it_lets_only_the_reporting_side_withdraw(db):
    world = make_world()
    record = report_fund(world)
    with pytest.raises(PermissionDenied):
        do_withdraw_record(world.users["anshun"], record)
    do_withdraw_record(world.users["qingdao"], record, note="entered twice")
    assert not FundAllocation.objects.filter(pk=record.pk).exists()
    assert confirmation_for(record).state == "withdrawn"


def test_it_answers_a_second_confirmation_with_a_message_not_an_error(db, english):
    world = make_world()
    record = report_fund(world)
    client = _client(world, "anshun")
    assert client.post(f"/records/fund_allocation/{record.pk}/confirm/").status_code == 302
    response = client.post(f"/records/fund_allocation/{record.pk}/answer/",
                           {"counter_value": "5", "slot": "amount"}, follow=True)
    assert response.status_code == 200 and "already answered" in response.content.decode()
    assert confirmation_for(record).state == "confirmed"


def test_it_refuses_a_confirmation_of_a_figure_changed_since_the_page_was_shown(db, english):
    world = make_world()
    record = report_fund(world)
    shown = record.version
    do_update_record(world.users["qingdao"], record, amount="7000000")
    with pytest.raises(StaleRecord):
        do_confirm(world.users["anshun"], confirmation_for(record), expected_version=shown)
    assert confirmation_for(record).state == "pending"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_it_gives_one_result_for_simultaneous_answers():
    """Issue 12: two simultaneous confirm/answer requests gave a 500 in 4 of 8 tries."""
    world = make_world()
    for attempt in range(4):
        record = report_fund(world, amount=str(1000000 + attempt))
        barrier = threading.Barrier(2)
        codes, errors = [], []

        def answer(path, data, barrier=barrier, codes=codes, errors=errors):
            try:
                client = Client(HTTP_ACCEPT_LANGUAGE="en", raise_request_exception=False)
                client.force_login(world.users["anshun"])
                barrier.wait()
                codes.append(client.post(path, data).status_code)
            except Exception as exc:  # noqa: BLE001 -- any failure of a thread is the test's failure
                errors.append(exc)
            finally:
                connection.close()

        base = f"/records/fund_allocation/{record.pk}"
        threads = [threading.Thread(target=answer, args=(f"{base}/confirm/", {})),
                   threading.Thread(target=answer, args=(f"{base}/answer/", {"counter_value": "5", "slot": "amount"}))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors and codes == [302, 302], (errors, codes)
        c = confirmation_for(record)
        assert c.state in ("confirmed", "disputed")
        assert len([h for h in history(record) if h.action in ("confirm", "dispute")]) == 1


def test_it_lets_the_national_office_correct_on_the_page_only_with_a_reason(db, english):
    world = make_world()
    record = report_fund(world, amount="1000000", year=2011)
    national = _client(world, "national")
    page = national.get(f"/records/fund_allocation/{record.pk}/").content.decode()
    assert 'id="correct"' in page and 'id="edit"' not in page and 'id="confirm"' not in page
    form = dict(EDIT, amount="1100000", version=str(record.version))
    response = national.post(f"/records/fund_allocation/{record.pk}/edit/", form)
    assert response.status_code == 200 and "reason" in response.content.decode()
    record.refresh_from_db()
    assert record.amount == Decimal(1000000)
    response = national.post(f"/records/fund_allocation/{record.pk}/edit/", dict(form, reason="bank statement"))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.amount == Decimal(1100000) and confirmation_for(record).side == "national"
    for who in ("qingdao", "anshun"):
        inbox = _client(world, who).get("/confirmations/").content.decode()
        assert f"/records/fund_allocation/{record.pk}/" in inbox
        assert 'id="confirm"' in _client(world, who).get(f"/records/fund_allocation/{record.pk}/").content.decode()
