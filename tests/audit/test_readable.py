"""A record's history in the reader's language: labels and formatted values, answers beside the figure."""
from django.test import Client
from django.utils import translation

from counterpart.audit.actions import history
from counterpart.audit.readable import describe
from counterpart.confirmations.actions import confirmation_for, do_answer_with_figure, do_update_record
from tests.world import make_world, report_fund


def test_it_reads_a_change_with_labels_names_and_formatted_values(db):
    """Issue 12: the history showed `donor_id: 15`, `recipients: [16]`."""
    world = make_world()
    record = report_fund(world, amount="1000000")
    do_update_record(world.users["qingdao"], record, amount="1500000", purpose="roads")
    update = list(history(record))[-1]
    with translation.override("en"):
        lines = describe(update)
    assert ("Government aid funds", "1 million yuan", "1.5 million yuan") in lines
    assert ("purpose", "—", "roads") in lines
    created = describe(next(iter(history(record))), "en")
    labels = {label for label, _b, _a in created}
    assert "donor" in labels and "recipients" in labels and "donor_id" not in labels
    assert ("recipients", "—", "Anshun") in [(lbl, b, a) for lbl, b, a in created if lbl == "recipients"]
    zh = describe(update, "zh-hans")
    assert any(a == "150万元" for _l, _b, a in zh)


def test_it_shows_an_answer_beside_the_reported_figure_not_as_a_change_of_the_record(db):
    """Issue 12: a counter-answer was logged as a change of the record's amount."""
    world = make_world()
    record = report_fund(world, amount="3000000")
    do_answer_with_figure(world.users["anshun"], confirmation_for(record), "2500000", note="we received less")
    answer = list(history(record))[-1]
    assert "amount" not in (answer.before or {}) and "amount" not in (answer.after or {})
    lines = describe(answer, "en")
    assert lines[0] == ("answer to Government aid funds", "3 million yuan", "2.5 million yuan")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.users["qingdao"])
    page = client.get(f"/records/fund_allocation/{record.pk}/").content.decode()
    assert "donor_id" not in page and "recipients: [" not in page and "2.5 million yuan" in page
