"""In the browser: a national-office account signs in, enrols an authenticator app from the QR page, and on
its next sign-in gives the code; no page breaks the Content-Security-Policy."""
import re

import pytest
from django.test import override_settings

from tests.accounts.test_second_factor import code
from tests.browser.conftest import ARTIFACTS
from tests.world import PASSWORD, make_world

pytestmark = pytest.mark.browser


def _password_step(browser, live_server, violations):
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "national")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    return page


@override_settings(OTP_REQUIRED_ROLES=["national"])
def test_a_national_account_enrols_then_signs_in_with_a_code(live_server, transactional_db, reference_data,
                                                             browser):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    make_world()
    violations = []
    page = _password_step(browser, live_server, violations)
    page.wait_for_url(re.compile(r".*/accounts/second-factor/\?next=.*"))
    assert page.locator("#otp-qr svg").count() == 1 and page.locator("#otp-qr svg").bounding_box()["width"] > 100
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "otp-enrol.png"))
    device = TOTPDevice.objects.get(user__username="national", confirmed=False)
    page.fill("#otp-token", "000000" if code(device) != "000000" else "111111")
    page.click("#otp-confirm")
    assert "not right" in page.inner_text("#otp-error")
    page.wait_for_timeout(1200)  # a wrong code makes the next try wait a second (django-otp's throttling)
    page.fill("#otp-token", code(device))
    page.click("#otp-confirm")
    page.wait_for_url(re.compile(r".*/$"))
    page.goto(f"{live_server.url}/accounts/users/")
    assert page.locator("#new-user").count() == 1
    page.context.close()

    page = _password_step(browser, live_server, violations)
    page.wait_for_url(re.compile(r".*/accounts/second-factor/verify/.*"))
    device.refresh_from_db()
    page.fill("#otp-token", code(device, offset=1))  # the next step's code: the one just used is spent
    page.click("#otp-verify")
    page.wait_for_url(re.compile(r".*/$"))
    page.goto(f"{live_server.url}/reports/")
    page.goto(f"{live_server.url}/dashboard/")
    assert violations == []
    page.context.close()
