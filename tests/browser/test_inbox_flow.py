"""A recipient office's morning, in Chinese: filter the inbox to a year, tick the page, confirm in bulk."""
import pytest

from tests.browser.conftest import ARTIFACTS, log_in
from tests.world import make_world, report_fund

pytestmark = pytest.mark.browser


def test_an_office_confirms_three_reports_in_bulk_in_chinese(live_server, transactional_db, reference_data,
                                                            browser):
    from counterpart.accounts.models import Profile
    from counterpart.confirmations.actions import confirmation_for

    world = make_world()
    Profile.objects.update(language="zh-hans")
    these = [report_fund(world, amount=str(amount), year=2024) for amount in (1_200_000, 350_000, 80_000)]
    later = report_fund(world, amount="5000", year=2023)

    page = log_in(browser, live_server, "anshun", "zh-hans")
    page.goto(f"{live_server.url}/confirmations/")
    page.fill("#inbox-filters input[name=year]", "2024")
    page.click("#inbox-filters button")
    page.wait_for_url("**/confirmations/?*year=2024*")
    assert page.inner_text("#count-mine") == "(3)"
    assert "120万元" in page.inner_text("#waiting-for-me")
    page.check("#tick-all")
    assert page.locator('#waiting-for-me input[name="c"]:checked').count() == 3
    page.screenshot(path=str(ARTIFACTS / "inbox-zh-ticked.png"), full_page=True)
    page.click("#confirm-selected")
    page.wait_for_load_state("networkidle")
    assert "已确认 3 条报送。" in page.inner_text("body")
    assert "year=2024" in page.url  # back to the same filtered list
    assert page.inner_text("#count-mine") == "(0)"
    page.screenshot(path=str(ARTIFACTS / "inbox-zh-confirmed.png"), full_page=True)
    assert [confirmation_for(r).state for r in these] == ["confirmed"] * 3
    assert confirmation_for(later).state == "pending"
