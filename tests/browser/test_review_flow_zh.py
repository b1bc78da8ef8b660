"""A county-level office's day with a narrative report, in Chinese: upload the report in the browser, review
it, accept it, and read the records it made, with every indicator and dimension as a Chinese label."""
import re

import pytest

from tests.browser.conftest import ARTIFACTS, log_in
from tests.world import make_world

pytestmark = pytest.mark.browser

# Written in the genre (a dateline, a total and its 其中 part, in-kind goods, batches of cadres), not copied.
REPORT = ("青岛市—安顺市东西部扶贫协作工作情况\n\n"
          "2024年,青岛市向安顺市拨付财政帮扶资金1200万元,其中市级财政800万元;社会各界捐赠物资折价90万元。"
          "青岛先后选派3批12名干部到安顺挂职。\n")
CODES = re.compile(r"\b[a-z]+_[a-z_]+\b|\['|source_level|in_kind|to_recipient|prefecture")


def _visible_text(page):
    return page.inner_text("main") if page.locator("main").count() else page.inner_text("body")


def test_an_office_imports_reviews_and_accepts_a_chinese_report(live_server, transactional_db, reference_data,
                                                               browser, tmp_path):
    from counterpart.accounts.models import Profile
    from counterpart.confirmations.actions import confirmation_for
    from counterpart.ledger.models import FundAllocation

    world = make_world()
    Profile.objects.update(language="zh-hans")
    report = tmp_path / "青岛安顺2024.txt"
    report.write_text(REPORT, encoding="utf-8")

    page = log_in(browser, live_server, "qingdao", "zh-hans")
    page.goto(f"{live_server.url}/review/")
    page.set_input_files("#upload-form input[type=file]", str(report))
    page.select_option("#upload-form select[name=pairing]", str(world.qd_gz.pk))
    page.click("#upload-form button")
    page.wait_for_url(re.compile(r".*/review/\d+/$"))
    review = _visible_text(page)
    for word in ("财政帮扶资金", "出资层级", "市级财政", "实物"):
        assert word in review, word
    assert not CODES.search(review), CODES.search(review)
    page.screenshot(path=str(ARTIFACTS / "review-zh-before.png"), full_page=True)

    page.click("#accept-all button")
    page.wait_for_load_state("networkidle")
    assert page.locator("form.proposal.pending").count() == 0
    page.screenshot(path=str(ARTIFACTS / "review-zh-after.png"), full_page=True)

    # The accepted figures are records reported by this office, waiting for Anshun's confirmation.
    records = list(FundAllocation.objects.filter(pairing__in=[world.qd_gz, *world.qd_gz.children.all()]))
    assert sorted(r.amount for r in records) == [8_000_000, 12_000_000]
    assert {confirmation_for(r).state for r in records} == {"pending"}
    part = next(r for r in records if r.amount == 8_000_000)
    page.goto(f"{live_server.url}/records/fund_allocation/{part.pk}/")
    shown = _visible_text(page)
    assert "财政帮扶资金：800万元（2024年）" in shown and "资金层级" in shown and "待确认" in shown, shown
    assert "其中市级财政800万元" in page.inner_text("#source")  # where it came from, in its own words
    assert "2,024" not in shown
    assert not CODES.search(shown), CODES.search(shown)
    page.screenshot(path=str(ARTIFACTS / "review-zh-record.png"), full_page=True)
