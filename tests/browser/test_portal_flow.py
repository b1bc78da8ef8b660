"""A researcher who knows nothing of the platform finds how much Qingdao gave Guizhou in 2011 and where the
figure comes from, in two clicks from the public page, in Chinese and in English."""
import pytest

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_researcher_finds_a_figure_and_its_source_in_two_clicks(browser, live_server, reference_data, language):
    from decimal import Decimal

    from django.utils import translation

    from counterpart.demo.loading import load_demo
    from counterpart.indicators.formatting import format_figure

    load_demo()
    zh = language.startswith("zh")
    expected = format_figure(Decimal(31250000), "exact", "CNY", "元" if zh else "yuan", language)
    with translation.override(language):
        label = "财政帮扶资金" if zh else "Government aid funds"
    page = browser.new_context(locale="zh-CN" if zh else "en-US",
                               viewport={"width": 1280, "height": 1000}).new_page()
    page.set_default_timeout(20000)
    page.goto(f"{live_server.url}/public/")
    # Click 1: the pairing in the tree of confirmed figures.
    page.click("#portal-tree >> text=" + ("青岛市—贵州省" if zh else "Qingdao–Guizhou"))
    page.wait_for_load_state("networkidle")
    totals = page.inner_text("#totals")
    assert "2011" in totals and expected in totals, (expected, totals)
    row = page.locator("#figures tr", has_text=expected).filter(has_text="2011").first
    assert label in row.inner_text() or zh
    page.screenshot(path=str(ARTIFACTS / f"portal-figures-{language}.png"), full_page=True)
    # Click 2: the figure's source sentence.
    row.locator("a.source").click()
    page.wait_for_load_state("networkidle")
    assert "/documents/" in page.url
    fragment = page.url.split("#", 1)[1]
    marked = page.locator(f"[id='{fragment}']")
    assert marked.count() == 1 and "Qingdao" in page.inner_text("body")
    page.screenshot(path=str(ARTIFACTS / f"portal-source-{language}.png"), full_page=True)
