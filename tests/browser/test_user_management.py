"""The national office creates an office account in the browser; the new office signs in and sees only its
own pairings; an office is refused the user pages."""

import pytest

from tests.browser.conftest import ARTIFACTS, log_in
from tests.world import PASSWORD, make_world

pytestmark = pytest.mark.browser
NEW_PASSWORD = "weihai-pw-13579"



def test_the_national_office_creates_an_office_that_sees_only_its_pairings(live_server, transactional_db,
                                                                           reference_data, browser):
    world = make_world()
    nat = log_in(browser, live_server, "national", password=PASSWORD)
    nat.goto(f"{live_server.url}/accounts/users/")
    nat.click("#new-user")
    nat.fill("#id_username", "weihai")
    nat.fill("#id_password1", NEW_PASSWORD)
    nat.fill("#id_password2", NEW_PASSWORD)
    nat.select_option("#id_role", "office")
    nat.select_option("#id_language", "en")  # the new office reads English (its pages follow its profile)
    nat.fill("#id_unit", "Atlantis")  # first a unit that does not exist: the error names the field
    nat.click("#save")
    assert "Unit: " in nat.inner_text("#error-summary")
    nat.fill("#id_password1", NEW_PASSWORD)
    nat.fill("#id_password2", NEW_PASSWORD)
    nat.fill("#id_unit", "370200")
    nat.click("#save")
    nat.wait_for_selector("tr[data-username=weihai]")
    assert "Qingdao" in nat.inner_text("tr[data-username=weihai]")
    nat.screenshot(path=str(ARTIFACTS / "users-en.png"), full_page=True)
    nat.context.close()

    office = log_in(browser, live_server, "weihai", password=NEW_PASSWORD)
    office.goto(f"{live_server.url}/")
    dashboards = office.locator("#my-pairings a", has_text="Dashboard")
    assert dashboards.count() == 2  # Qingdao–Guizhou and Shinan–Pingba, not Guangzhou–Baise
    assert office.goto(f"{live_server.url}/pairings/{world.qd_gz.pk}/dashboard/").status == 200
    assert office.goto(f"{live_server.url}/pairings/{world.gz_bs.pk}/dashboard/").status == 404
    assert office.goto(f"{live_server.url}/accounts/users/").status == 404
    office.context.close()


def test_an_office_is_refused_the_user_pages(live_server, transactional_db, reference_data, browser):
    world = make_world()
    office = log_in(browser, live_server, "qingdao", password=PASSWORD)
    assert office.locator("nav a[href='/accounts/users/']").count() == 0
    for path in ("/accounts/users/", "/accounts/users/new/", f"/accounts/users/{world.users['anshun'].pk}/"):
        assert office.goto(f"{live_server.url}{path}").status == 404
    office.context.close()
