"""Closing 2011 on the demo data as the offices do it, in Chinese: both sides of Qingdao–Guizhou sign off,
the national office closes; the reports say closed, revision 1; a change is refused until the national
office reopens with a reason; the next close is revision 2 and revision 1 stays downloadable."""
import pytest

from tests.browser.conftest import ARTIFACTS, log_in

pytestmark = pytest.mark.browser


def test_it_closes_and_reopens_2011_in_chinese(live_server, transactional_db, reference_data, browser):
    from counterpart.accounts.demo_users import DEMO_PASSWORD, create_demo_users
    from counterpart.demo.loading import load_demo
    from counterpart.ledger.models import FundAllocation
    from counterpart.pairings.actions import find_pairing

    load_demo()
    create_demo_users()
    qd_gz = find_pairing("Qingdao-Guizhou")
    year_page = f"{live_server.url}/years/2011/pairings/{qd_gz.pk}/"

    for name in ("qingdao", "anshun"):
        page = log_in(browser, live_server, name, "zh-hans", password=DEMO_PASSWORD)
        page.goto(year_page)
        page.click("button.sign-off")
        page.wait_for_selector(".messages, #signoffs")
        assert "已签认" in page.content()
        page.context.close()

    nat = log_in(browser, live_server, "national", "zh-hans", password=DEMO_PASSWORD)
    nat.goto(f"{live_server.url}/years/2011/")
    nat.click("#close-year")
    nat.wait_for_selector("#revisions")
    assert "第 1 版" in nat.inner_text("#year-state")
    nat.goto(f"{live_server.url}/reports/national/2011/")
    assert "关闭，第 1 版" in nat.content()
    nat.screenshot(path=str(ARTIFACTS / "year-closed-zh.png"), full_page=True)

    record = FundAllocation.objects.filter(pairing=qd_gz, year=2011).first()
    qd = log_in(browser, live_server, "qingdao", "zh-hans", password=DEMO_PASSWORD)
    qd.goto(f"{live_server.url}/records/fund_allocation/{record.pk}/edit/")
    qd.fill("#id_amount_0", "88888888")
    qd.select_option("#id_amount_1", "1")  # the form shows the amount in 万元; typed here in yuan
    qd.click("#save")
    assert "2011" in qd.content() and "已关闭" in qd.content()
    record.refresh_from_db()
    assert record.amount != 88888888

    nat.goto(f"{live_server.url}/years/2011/")
    nat.fill("#reason", "贵州审计发现漏报一笔资金")
    nat.click("#reopen-year")
    nat.wait_for_selector("#close-year")

    qd.goto(f"{live_server.url}/pairings/{qd_gz.pk}/records/fund_allocation/new/")
    qd.fill("#id_year", "2011")
    qd.fill("#id_amount_0", "5")
    qd.fill("#id_recipient_places", "安顺")
    qd.click("#save")
    qd.wait_for_selector("#state")
    new_record = qd.url
    an = log_in(browser, live_server, "anshun", "zh-hans", password=DEMO_PASSWORD)
    an.goto(new_record)
    an.click("#confirm")
    an.wait_for_selector("#state")

    nat.goto(f"{live_server.url}/years/2011/")
    nat.click("#close-year")
    nat.wait_for_selector("#revisions")
    assert "第 2 版" in nat.inner_text("#year-state")
    with nat.expect_download() as download:
        nat.click("#revisions a[href*='revision=1'][href*='format=pdf'][href*='lang=zh']")
    assert download.value.suggested_filename.endswith("-r1.pdf")
    for page in (nat, qd, an):
        page.context.close()
