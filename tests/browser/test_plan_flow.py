"""An office enters an annual plan in the browser, sees its progress against the confirmed figures, adjusts
a target and sees the planned and the adjusted figure side by side (on the plan and on the scorecard)."""

import pytest

from tests.browser.conftest import ARTIFACTS, log_in
from tests.world import make_world

pytestmark = pytest.mark.browser



@pytest.mark.parametrize("language,expect", [
    ("en", {"planned": "2 million yuan", "adjusted": "1 million yuan", "actual": "500,000 yuan",
            "heading": "Annual plan 2024"}),
    ("zh-hans", {"planned": "200万元", "adjusted": "100万元", "actual": "50万元", "heading": "2024年度计划"}),
])
def test_an_office_plans_sees_progress_and_adjusts(live_server, transactional_db, reference_data, browser,
                                                    language, expect):
    from counterpart.accounts.models import Profile
    from counterpart.plans.actions import do_set_weights
    from tests.plans.helpers import obs

    world = make_world()
    Profile.objects.update(language=language)
    do_set_weights({"gov_aid_funds": "1"}, "0.10")
    obs(world.shinan_pingba, "gov_aid_funds", "500000", year=2024)  # confirmed, in Qingdao–Guizhou's tree

    page = log_in(browser, live_server, "qingdao", language)
    page.goto(f"{live_server.url}/plans/")
    page.click(f"#my-pairings a[href='/plans/pairings/{world.qd_gz.pk}/']")
    page.click("#plan-form >> xpath=.. >> summary")
    page.fill("#plan-form #id_year", "2024")
    page.click("#plan-form-save")
    page.wait_for_selector("#item-form")
    assert expect["heading"] in page.inner_text("h1")
    page.fill("#item-form #id_indicator", "gov_aid_funds")
    page.fill("#item-form #id_value", "2000000")
    page.click("#item-form-save")
    page.wait_for_selector("#plan-items tr[data-indicator=gov_aid_funds]")
    row = page.locator("#plan-items tr[data-indicator=gov_aid_funds]")
    assert row.locator(".planned").inner_text() == expect["planned"]
    assert row.locator(".actual").inner_text() == expect["actual"]
    assert row.locator(".rate").inner_text() == "25 %"  # progress against the plan
    page.screenshot(path=str(ARTIFACTS / f"plan-progress-{language[:2]}.png"), full_page=True)

    page.locator("#plan-items details summary").first.click()
    form = page.locator("form.adjust-form").first
    form.locator("[name=value]").fill("1000000")
    form.locator("[name=reason_kind]").select_option("disaster")
    form.locator("[name=reason]").fill("floods closed the roads")
    form.locator("[name=approved_by]").fill("Qingdao City")
    form.locator("[name=approved_on]").fill("2024-07-01")
    form.locator("button").click()
    page.wait_for_selector("#plan-items li.adjustment")
    row = page.locator("#plan-items tr[data-indicator=gov_aid_funds]")
    assert row.locator(".planned").inner_text() == expect["planned"]  # the original plan stays visible
    assert row.locator(".adjusted").inner_text() == expect["adjusted"]
    assert row.locator(".rate").inner_text() == "50 %"
    page.screenshot(path=str(ARTIFACTS / f"plan-adjusted-{language[:2]}.png"), full_page=True)

    page.goto(f"{live_server.url}/plans/2024/pairings/{world.qd_gz.pk}/")
    card = page.locator("#scorecard tr[data-indicator=gov_aid_funds]")
    assert card.locator(".planned").inner_text() == expect["planned"]
    assert card.locator(".adjusted").inner_text() == expect["adjusted"]
    assert page.inner_text("#score") == "50.00"
    page.context.close()


def test_the_national_office_sets_weights_indicator_by_indicator(live_server, transactional_db, reference_data,
                                                                 browser):
    from counterpart.accounts.models import Profile
    from counterpart.plans.models import AssessmentWeights

    make_world()
    Profile.objects.update(language="zh-hans")
    page = log_in(browser, live_server, "national", "zh-hans")
    page.goto(f"{live_server.url}/plans/weights/")
    page.fill("#id_w_gov_aid_funds", "70")
    assert "须为100%" in page.inner_text("#weights-total")  # the running total warns before saving
    page.fill("#id_w_aid_projects", "30")
    assert page.inner_text("#weights-total") == "100 %"
    page.screenshot(path=str(ARTIFACTS / "weights-zh.png"), full_page=True)
    page.click("#weights-form button")
    page.wait_for_selector("#v1")
    made = AssessmentWeights.objects.get()
    assert made.weights == {"gov_aid_funds": "0.7", "aid_projects": "0.3"}
    assert "财政帮扶资金" in page.inner_text("#v1") and "gov_aid_funds" not in page.inner_text("main")
