"""The offices' flow as people use it, in English and in Chinese, with screenshots as artefacts."""

import pytest

from tests.browser.conftest import ARTIFACTS, log_in
from tests.world import make_world

pytestmark = pytest.mark.browser



def _flow(browser, live_server, world, language, amount, counter, expect):
    qd = log_in(browser, live_server, "qingdao", language)
    qd.goto(f"{live_server.url}/pairings/{world.qd_gz.pk}/records/fund_allocation/new/")
    qd.fill("#id_year", "2024")
    qd.fill("#id_amount_0", amount)  # "500万" as offices write it, or plain yuan
    qd.fill("#id_recipient_places", "安顺" if language.startswith("zh") else "Anshun")
    qd.fill("#id_purpose", "roads")
    qd.click("#save")
    qd.wait_for_selector("#state")
    assert "reported" in qd.get_attribute("#state", "class")
    record_url = qd.url

    an = log_in(browser, live_server, "anshun", language)
    an.goto(f"{live_server.url}/confirmations/")
    waiting = an.inner_text("#waiting-for-me")
    assert expect["waiting_amount"] in waiting
    an.click("#waiting-for-me a")
    # The other side confirms or answers; only the reporting side changes or withdraws the record.
    assert an.locator("#confirm").count() == 1 and an.locator("#edit").count() == 0
    assert an.locator("#withdraw").count() == 0
    an.fill("#counter_value", counter)
    an.fill("#answer-form input[name=note]", expect["comment"])
    an.click("#answer")
    an.wait_for_selector("#counter-figure")
    assert expect["state"] in an.inner_text("#state")
    assert an.inner_text("#counter-figure") == expect["counter_text"]
    assert an.inner_text("#reported-figure") == expect["waiting_amount"]

    qd.goto(record_url)
    assert qd.inner_text("#counter-figure") == expect["counter_text"]
    assert expect["comment"] in qd.inner_text("#comment-thread")
    assert qd.locator("#edit").count() == 1 and qd.locator("#confirm").count() == 0

    nat = log_in(browser, live_server, "national", language)
    nat.goto(f"{live_server.url}/dashboard/")
    assert nat.locator("#open-items .disputed-row").count() >= 1
    assert expect["dashboard_title"] in nat.inner_text("#dashboard-title")
    suffix = "zh" if language.startswith("zh") else "en"
    nat.screenshot(path=str(ARTIFACTS / f"dashboard-{suffix}.png"), full_page=True)
    nat.locator("#china-map").screenshot(path=str(ARTIFACTS / f"map-{suffix}.png"))
    assert nat.locator("#china-map path.link").count() >= 2

    gz = log_in(browser, live_server, "guangzhou", language)
    response = gz.goto(f"{live_server.url}/pairings/{world.qd_gz.pk}/dashboard/")
    assert response.status == 404
    response = gz.goto(record_url)
    assert response.status == 404

    qd.goto(record_url)
    qd.click("#accept")
    qd.wait_for_selector("#state.confirmed")
    assert qd.locator("#history tr").count() == 4  # the header; reported, answered, accepted
    for page in (qd, an, nat, gz):
        page.context.close()


def test_it_runs_the_two_sided_flow_in_english(live_server, transactional_db, reference_data, browser):
    world = make_world()
    _flow(browser, live_server, world, "en", "5000000", "4500000", {
        "waiting_amount": "5 million yuan", "state": "disputed", "counter_text": "4.5 million yuan",
        "dashboard_title": "National dashboard", "comment": "we received 4.5 million"})


def test_it_runs_the_two_sided_flow_in_chinese(live_server, transactional_db, reference_data, browser):
    from counterpart.accounts.models import Profile

    world = make_world()
    Profile.objects.update(language="zh-hans")
    _flow(browser, live_server, world, "zh-hans", "500万", "4500000", {
        "waiting_amount": "500万元", "state": "有争议", "counter_text": "450万元",
        "dashboard_title": "全国", "comment": "我方收到450万元"})
