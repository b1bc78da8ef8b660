"""The walkthrough through the pages: sign-off buttons, the close, the reports saying closed, the refusal
of a change, reopening with a reason and the earlier revision still downloadable."""
import pytest
from django.test import Client

from counterpart.closing.models import Revision, SignOff
from counterpart.confirmations.actions import do_report_record
from counterpart.ledger.models import FundAllocation
from tests.closing.conftest import report_and_confirm


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _text(response):
    return response.content.decode()


def _close_through_pages(users, qd_gz):
    page = f"/years/2011/pairings/{qd_gz.pk}/"
    qingdao, anshun, national = _client(users["qingdao"]), _client(users["anshun"]), _client(users["national"])
    assert 'value="donor"' in _text(qingdao.get(page)) and 'value="recipient"' not in _text(qingdao.get(page))
    assert qingdao.post(page + "sign-off/", {"side": "donor"}).status_code == 302
    assert anshun.post(page + "sign-off/", {"side": "recipient"}).status_code == 302
    year_page = _text(national.get("/years/2011/"))
    assert 'id="close-year"' in year_page
    response = national.post("/years/2011/close/", follow=True)
    assert response.status_code == 200
    assert Revision.objects.get(year=2011).number == 1
    return qingdao, anshun, national


def test_it_walks_the_close_through_the_pages(demo_world):
    users, qd_gz = demo_world["users"], demo_world["qd_gz"]
    qingdao, _anshun, national = _close_through_pages(users, qd_gz)

    english = _text(national.get("/reports/national/2011/?lang=en"))
    assert "Closed on" in english and "revision 1" in english
    chinese = _text(national.get("/reports/national/2011/?lang=zh"))
    assert "关闭" in chinese and "第 1 版" in chinese
    annual = _text(qingdao.get(f"/reports/annual/{qd_gz.pk}/2011/?lang=en"))
    assert "Closed on" in annual and "revision 1" in annual

    record = FundAllocation.objects.filter(pairing=qd_gz, year=2011).first()
    amount = record.amount
    response = qingdao.post(f"/records/fund_allocation/{record.pk}/edit/", {
        "year": "2011", "amount": "88888888", "qualifier": "exact", "donor_place": "Qingdao",
        "recipient_places": "贵州"})
    assert response.status_code == 200 and "2011" in _text(response)
    record.refresh_from_db()
    assert record.amount == amount

    response = national.post("/years/2011/reopen/", {"reason": ""}, follow=True)
    assert Revision.objects.get(year=2011).reopened_at is None
    response = national.post("/years/2011/reopen/", {"reason": "Guizhou's audit"}, follow=True)
    assert response.status_code == 200 and Revision.objects.get(year=2011).reopen_reason == "Guizhou's audit"
    report_and_confirm(users, qd_gz, "5")
    national.post("/years/2011/close/")
    assert list(Revision.objects.filter(year=2011).values_list("number", flat=True)) == [1, 2]

    current = _text(national.get("/reports/national/2011/?lang=en"))
    assert "revision 2" in current
    old = national.get("/reports/national/2011/?revision=1&format=pdf&lang=en")
    assert old.status_code == 200 and old["Content-Type"] == "application/pdf"
    assert "-r1.pdf" in old["Content-Disposition"]
    old_page = _text(national.get("/reports/national/2011/?revision=1&lang=en"))
    assert "Reopened on" in old_page and "Guizhou" in old_page
    assert "revision=1" in old_page  # its downloads stay on revision 1
    assert national.get("/reports/national/2011/?revision=3").status_code == 404
    year_page = _text(national.get("/years/2011/"))
    assert 'id="revisions"' in year_page and "?revision=1" in year_page and "?revision=2" in year_page


def test_it_shows_a_refused_sign_off_with_the_pending_figures(demo_world):
    users, qd_gz = demo_world["users"], demo_world["qd_gz"]
    do_report_record(users["qingdao"], FundAllocation, pairing=qd_gz, year=2011, donor=qd_gz.donor, amount="1234567")
    client = _client(users["anshun"])  # in the interface's default language, Chinese
    page = _text(client.get(f"/years/2011/pairings/{qd_gz.pk}/"))
    assert 'id="unsettled"' in page and "123.4567万元" in page
    response = client.post(f"/years/2011/pairings/{qd_gz.pk}/sign-off/", {"side": "recipient"}, follow=True)
    text = _text(response)
    assert "不能签认 2011 年" in text and text.count("123.4567万元") >= 2
    assert not SignOff.objects.exists()


def test_it_lists_the_completeness_of_a_year(demo_world):
    users, qd_gz = demo_world["users"], demo_world["qd_gz"]
    do_report_record(users["qingdao"], FundAllocation, pairing=qd_gz, year=2011, donor=qd_gz.donor, amount="3")
    page = _text(_client(users["national"]).get("/years/2011/"))
    assert "未确认: 1" in page
    assert "广东省—广西壮族自治区" in page and 'class="stage-not_signed_off"' in page
    # Offices see their own line only.
    page = _text(_client(users["guangzhou"]).get("/years/2011/"))
    assert "青岛市—贵州省" not in page and "广州市—百色市" in page


@pytest.mark.parametrize("who,path,method", [
    ("guangzhou", "/years/2011/pairings/{qd}/", "get"),
    ("guangzhou", "/years/2011/pairings/{qd}/sign-off/", "post"),
    ("qingdao", "/years/2011/close/", "post"),
    ("anshun", "/years/2011/reopen/", "post"),
    ("redstar", "/years/2011/", "get"),
    ("national", "/years/2011/pairings/{qd}/sign-off/", "post"),
    ("anshun", "/years/2011/pairings/{qd}/approve/", "post"),
])
def test_it_answers_not_found_to_the_wrong_role(demo_world, who, path, method):
    users, qd_gz = demo_world["users"], demo_world["qd_gz"]
    response = getattr(_client(users[who]), method)(path.format(qd=qd_gz.pk), {"reason": "x", "side": "donor"})
    assert response.status_code == 404
    assert not Revision.objects.exists()


def test_it_refuses_a_confirmation_in_a_closed_year_with_a_message(demo_world):
    from counterpart.closing.models import Revision as Rev
    from counterpart.confirmations.actions import confirmation_for

    users, qd_gz = demo_world["users"], demo_world["qd_gz"]
    record, _ = do_report_record(users["qingdao"], FundAllocation, pairing=qd_gz, year=2011, donor=qd_gz.donor,
                                 amount="77")
    # Closed while a figure is pending cannot happen through the action; a revision made directly stands in
    # for a close that raced the report.
    Rev.objects.create(year=2011, number=1, closed_at="2026-01-01T00:00:00Z", digest="x")
    response = _client(users["anshun"]).post(f"/records/fund_allocation/{record.pk}/confirm/", follow=True)
    assert response.status_code == 200 and "2011" in _text(response)
    assert confirmation_for(record).state == "pending"
