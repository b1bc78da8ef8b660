"""The walkthrough of issue 12 at action level: sign-off, close, the guard, reopening, revisions."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from counterpart.audit.models import Action, Change
from counterpart.closing.actions import do_approve, do_close_year, do_reopen_year, do_sign_off
from counterpart.closing.guard import check_year_open
from counterpart.closing.models import Revision, Snapshot
from counterpart.closing.snapshots import closed_document
from counterpart.confirmations.actions import (
    confirmation_for,
    do_answer_with_figure,
    do_confirm,
    do_delete_record,
    do_report_record,
    do_update_record,
)
from counterpart.ledger.models import FundAllocation
from counterpart.reports import aggregation as agg
from tests.closing.conftest import report_and_confirm

pytestmark = pytest.mark.usefixtures("english")


def _national_total(year=2011):
    return agg.rollup(years=[year]).get((year, "gov_aid_funds", "")).value


def _close_2011(users, qd_gz):
    do_sign_off(users["qingdao"], qd_gz, 2011, "donor")
    do_sign_off(users["anshun"], qd_gz, 2011, "recipient")
    return do_close_year(users["national"], 2011)


def test_it_refuses_a_sign_off_while_figures_are_pending_and_lists_them(demo_world):
    users, qd_gz = demo_world["users"], demo_world["qd_gz"]
    do_report_record(users["qingdao"], FundAllocation, pairing=qd_gz, year=2011, donor=qd_gz.donor, amount="1234567")
    with pytest.raises(ValidationError) as exc:
        do_sign_off(users["qingdao"], qd_gz, 2011, "donor")
    text = " ".join(exc.value.messages)
    assert "Qingdao–Guizhou cannot sign off 2011: figures still awaiting confirmation or disputed: 1." in text
    assert "Government aid funds 1.2346 million yuan (reported, awaiting confirmation)" in text
    assert not Change.objects.filter(action=Action.SIGN_OFF).exists()


def test_it_refuses_a_sign_off_while_a_figure_is_disputed(demo_world):
    users, qd_gz = demo_world["users"], demo_world["qd_gz"]
    record, _ = do_report_record(users["qingdao"], FundAllocation, pairing=qd_gz, year=2011, donor=qd_gz.donor,
                                 amount="1000000")
    do_answer_with_figure(users["anshun"], confirmation_for(record), "900000", note="we received less")
    with pytest.raises(ValidationError, match="disputed"):
        do_sign_off(users["anshun"], qd_gz, 2011, "recipient")


def test_it_walks_sign_off_close_refusal_reopen_and_a_second_revision(demo_world):
    users, qd_gz = demo_world["users"], demo_world["qd_gz"]
    total_before = _national_total()
    rev1 = _close_2011(users, qd_gz)
    assert (rev1.year, rev1.number, rev1.reopened_at) == (2011, 1, None)
    assert rev1.pairings[str(qd_gz.pk)] == {"figures": rev1.pairings[str(qd_gz.pk)]["figures"],
                                            "signed": ["donor", "recipient"], "approved": False}
    assert Snapshot.objects.filter(revision=rev1, kind="national").count() == 2
    assert Snapshot.objects.filter(revision=rev1, kind="annual", pairing=qd_gz).count() == 2
    assert Change.objects.filter(action=Action.CLOSE, object_id=rev1.pk).count() == 1

    # A record back-dated to 2011 is refused, naming the pairing and the year; the total does not move.
    with pytest.raises(ValidationError) as exc:
        report_and_confirm(users, qd_gz, "5")
    assert "2011 is closed for Qingdao–Guizhou" in " ".join(exc.value.messages)
    assert _national_total() == total_before
    # So is every other write to a 2011 figure.
    record = FundAllocation.objects.filter(pairing=qd_gz, year=2011).first()
    with pytest.raises(ValidationError, match="2011 is closed"):
        do_update_record(users["qingdao"], record, amount="1")
    with pytest.raises(ValidationError, match="2011 is closed"):
        do_delete_record(users["qingdao"], record)
    open_record, _ = do_report_record(users["qingdao"], FundAllocation, pairing=qd_gz, year=2012,
                                      donor=qd_gz.donor, amount="7")
    with pytest.raises(ValidationError, match="2011 is closed"):
        do_update_record(users["qingdao"], open_record, year=2011)  # moving a figure into a closed year

    with pytest.raises(ValidationError, match="reason"):
        do_reopen_year(users["national"], 2011, "  ")
    do_reopen_year(users["national"], 2011, "Guizhou's audit found a missing allocation")
    assert Change.objects.get(action=Action.REOPEN).note == "Guizhou's audit found a missing allocation"
    check_year_open(qd_gz.pk, 2011)  # open again
    report_and_confirm(users, qd_gz, "5")
    assert _national_total() == total_before + 5
    with pytest.raises(ValidationError, match="not signed off"):
        # the figures changed: sign-offs are out of date, but the close needs only settled figures
        do_approve(users["national"], qd_gz, 2011, "national")
    rev2 = do_close_year(users["national"], 2011)
    assert rev2.number == 2
    assert rev2.pairings[str(qd_gz.pk)]["signed"] == []  # closed on the national office's authority

    def total_in(doc):
        row = next(r for r in doc.tables()[0].rows if r[0] == "Government aid funds")
        return row[1]

    first = closed_document("national", 2011, "en", revision=1)
    second = closed_document("national", 2011, "en")
    assert total_in(second) == total_in(first) + 5
    assert "Closed on" in first.blocks[0].runs[0] and "revision 1" in first.blocks[0].runs[0]
    assert "Reopened on" in first.blocks[0].runs[0] and "Revision 2" in first.blocks[0].runs[0]
    assert "revision 2" in second.blocks[0].runs[0]


def test_it_puts_the_same_revision_back_when_nothing_changed_after_reopening(demo_world):
    users, qd_gz = demo_world["users"], demo_world["qd_gz"]
    rev1 = _close_2011(users, qd_gz)
    do_reopen_year(users["national"], 2011, "checking")
    again = do_close_year(users["national"], 2011)
    assert again.pk == rev1.pk and again.number == 1 and again.reopened_at is None
    assert Revision.objects.count() == 1


def test_it_refuses_to_close_while_figures_are_pending(demo_world):
    users, qd_gz = demo_world["users"], demo_world["qd_gz"]
    do_report_record(users["qingdao"], FundAllocation, pairing=qd_gz, year=2011, donor=qd_gz.donor, amount="3")
    with pytest.raises(ValidationError, match="cannot close"):
        do_close_year(users["national"], 2011)
    assert not Revision.objects.exists()


def test_it_refuses_a_second_close_and_a_reopen_of_an_open_year(demo_world):
    users, qd_gz = demo_world["users"], demo_world["qd_gz"]
    with pytest.raises(ValidationError, match="not closed"):
        do_reopen_year(users["national"], 2011, "why")
    _close_2011(users, qd_gz)
    with pytest.raises(ValidationError, match="already closed"):
        do_close_year(users["national"], 2011)
    with pytest.raises(ValidationError, match="closed"):
        do_sign_off(users["qingdao"], qd_gz, 2011, "donor")


def test_it_refuses_confirming_and_answering_in_a_closed_year(demo_world):
    users, qd_gz = demo_world["users"], demo_world["qd_gz"]
    record, _ = do_report_record(users["qingdao"], FundAllocation, pairing=qd_gz, year=2011, donor=qd_gz.donor,
                                 amount="11")
    do_answer_with_figure(users["anshun"], confirmation_for(record), "10")
    from counterpart.confirmations.actions import do_accept_counter

    do_accept_counter(users["qingdao"], confirmation_for(record))
    _close_2011(users, qd_gz)
    with pytest.raises(ValidationError, match="closed"):
        do_confirm(users["anshun"], confirmation_for(record))


def test_it_makes_a_sign_off_out_of_date_when_the_figures_change(demo_world):
    from counterpart.closing.status import row_for

    users, qd_gz = demo_world["users"], demo_world["qd_gz"]
    do_sign_off(users["qingdao"], qd_gz, 2011, "donor")
    do_sign_off(users["anshun"], qd_gz, 2011, "recipient")
    assert set(row_for(qd_gz, 2011).signed) == {"donor", "recipient"}
    do_approve(users["national"], qd_gz, 2011, "national")
    assert row_for(qd_gz, 2011).approved
    report_and_confirm(users, qd_gz, "9")
    row = row_for(qd_gz, 2011)
    assert row.signed == {} and row.stale == ["donor", "recipient"] and not row.approved


def test_it_approves_a_sub_pairing_from_the_parent_pairings_sides(demo_world):
    from counterpart.pairings.actions import find_pairing

    users = demo_world["users"]
    child = find_pairing("Shinan-Pingba")
    with pytest.raises(ValidationError, match="not signed off"):
        do_approve(users["qingdao"], child, 2011, "donor")
    do_sign_off(users["qingdao"], child, 2011, "donor")
    do_sign_off(users["anshun"], child, 2011, "recipient")
    do_approve(users["qingdao"], child, 2011, "donor")
    from counterpart.closing.status import row_for

    assert not row_for(child, 2011).approved  # one side of the parent so far
    do_approve(users["anshun"], child, 2011, "recipient")
    assert row_for(child, 2011).approved
    with pytest.raises(ValidationError, match="national office"):
        do_approve(users["qingdao"], demo_world["qd_gz"], 2011, "donor")


def test_it_answers_in_the_users_language(demo_world):
    users, qd_gz = demo_world["users"], demo_world["qd_gz"]
    _close_2011(users, qd_gz)
    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        report_and_confirm(users, qd_gz, "5")
    message = " ".join(exc.value.messages)
    assert "2011" in message and "青岛" in message and "关闭" in message


def test_it_freezes_the_plans_actuals_of_a_closed_year(demo_world):
    from counterpart.plans.assessment import assess

    users, qd_gz = demo_world["users"], demo_world["qd_gz"]
    rev = _close_2011(users, qd_gz)
    assert rev.actuals  # the demo plans 2011 targets
    key, value = next(iter(rev.actuals.items()))
    pid, ind = map(int, key.split(":"))
    # The stored snapshot, not the live figures, is what a closed year is scored on.
    Revision.objects.filter(pk=rev.pk).update(actuals={key: str(Decimal(value) + 1000)})
    card = next(c for c in assess(2011).scorecards for it in c.items if (it.pairing_id, it.indicator_id) == (pid, ind))
    item = next(it for it in card.items if (it.pairing_id, it.indicator_id) == (pid, ind))
    assert item.actual == Decimal(value) + 1000
