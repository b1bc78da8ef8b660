"""The TOTP second factor: required for national-office and staff accounts, optional for others, asked for
at every sign-in once enrolled; the enrolment QR code is an SVG drawn on the server."""
import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.world import PASSWORD, make_world

pytestmark = pytest.mark.usefixtures("otp_required")


@pytest.fixture
def otp_required(settings):
    settings.OTP_REQUIRED_ROLES = ["national"]
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # tests give a right code at once after a wrong one


def code(device, offset=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset * device.step
    return f"{totp.token():0{device.digits}d}"


def signed_in(username):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_a_national_office_account_must_enrol_before_any_page(db):
    make_world()
    client = signed_in("national")
    response = client.get("/accounts/users/")
    assert response.status_code == 302 and response.url.startswith("/accounts/second-factor/?next=")
    page = client.get(response.url)
    body = page.content.decode()
    assert page.status_code == 200 and "<svg" in body and 'id="otp-key"' in body and "<img" not in body
    device = TOTPDevice.objects.get(user__username="national", confirmed=False)
    assert client.post(response.url, {"token": "000000" if code(device) != "000000" else "111111",
                                      "next": "/accounts/users/"}).status_code == 400
    done = client.post(response.url, {"token": code(device), "next": "/accounts/users/"})
    assert done.status_code == 302 and done.url == "/accounts/users/"
    assert client.get("/accounts/users/").status_code == 200
    assert TOTPDevice.objects.get(user__username="national").confirmed


def test_once_enrolled_every_sign_in_asks_for_the_code(db):
    world = make_world()
    device = TOTPDevice.objects.create(user=world.users["national"], name="phone", confirmed=True)
    client = signed_in("national")
    response = client.get("/accounts/users/")
    assert response.status_code == 302 and response.url.startswith("/accounts/second-factor/verify/")
    assert client.post("/accounts/second-factor/verify/", {"token": "12"}).status_code == 400
    assert client.get("/accounts/users/").status_code == 302  # still not through
    ok = client.post("/accounts/second-factor/verify/", {"token": code(device), "next": "/accounts/users/"})
    assert ok.status_code == 302 and client.get("/accounts/users/").status_code == 200


def test_staff_must_enrol_too(db):
    world = make_world()
    world.users["qingdao"].is_staff = True
    world.users["qingdao"].save()
    assert signed_in("qingdao").get("/dashboard/").url.startswith("/accounts/second-factor/")


def test_an_office_account_may_go_without_and_may_enrol(db):
    make_world()
    client = signed_in("qingdao")
    assert client.get("/dashboard/").status_code == 200
    assert client.get("/accounts/second-factor/").status_code == 200


def test_a_next_address_elsewhere_is_not_followed(db):
    world = make_world()
    device = TOTPDevice.objects.create(user=world.users["national"], name="phone", confirmed=True)
    client = signed_in("national")
    response = client.post("/accounts/second-factor/verify/", {"token": code(device),
                                                                "next": "https://evil.example/"})
    assert response.status_code == 302 and "evil" not in response.url


def test_wrong_codes_slow_down_the_next_tries(db, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 1
    world = make_world()
    device = TOTPDevice.objects.create(user=world.users["national"], name="phone", confirmed=True)
    client = signed_in("national")
    client.post("/accounts/second-factor/verify/", {"token": "000000" if code(device) != "000000" else "111111"})
    refused = client.post("/accounts/second-factor/verify/", {"token": code(device)})
    assert refused.status_code == 400 and "too many wrong codes" in refused.content.decode()
