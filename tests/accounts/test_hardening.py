"""Accounts hardened: sign-in throttling and lockout (django-axes, logged), password validators with Chinese
messages, sessions that end after inactivity."""
import logging

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from tests.world import PASSWORD, make_world


def _sign_in(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_thirty_wrong_passwords_lock_the_account_from_that_address_and_are_logged(db, caplog, settings):
    make_world()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    with caplog.at_level(logging.INFO, logger="axes"):
        codes = [_sign_in(client, "qingdao", f"wrong-{i}").status_code for i in range(30)]
    assert codes[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert set(codes[settings.AXES_FAILURE_LIMIT:]) == {429}
    right = _sign_in(client, "qingdao", PASSWORD)
    assert right.status_code == 429 and "locked for 15 minutes" in right.content.decode()
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="qingdao").failures_since_start >= settings.AXES_FAILURE_LIMIT
    assert any("qingdao" in r.getMessage() for r in caplog.records)


def test_the_lock_is_per_address_and_a_success_resets_the_count(db):
    make_world()
    elsewhere = Client(REMOTE_ADDR="10.0.0.9")
    for i in range(3):
        _sign_in(elsewhere, "qingdao", f"wrong-{i}")
    assert _sign_in(elsewhere, "qingdao", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="qingdao", ip_address="10.0.0.9").exists()


def test_the_lock_message_is_chinese_by_default(db, settings):
    make_world()
    client = Client()
    for i in range(settings.AXES_FAILURE_LIMIT + 1):
        response = _sign_in(client, "qingdao", f"wrong-{i}")
    assert response.status_code == 429 and "锁定" in response.content.decode()


@pytest.mark.parametrize("password", ["12345678", "weak2weak2", "password123", "qingdao-office", "short1!"])
def test_weak_passwords_are_refused(db, password):
    from django.contrib.auth.models import User

    user = User(username="qingdao-office", first_name="Qingdao")
    with pytest.raises(ValidationError):
        password_validation.validate_password(password, user)


def test_a_strong_password_passes(db):
    password_validation.validate_password("pw-counterpart-1-Guizhou")


def test_password_messages_are_in_chinese():
    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        password_validation.validate_password("12345678")
    text = " ".join(exc.value.messages)
    assert "密码" in text and "password" not in text.lower()


def test_the_user_page_refuses_a_weak_password(db):
    world = make_world()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.users["national"])
    response = client.post(f"/accounts/users/{world.users['qingdao'].pk}/password/",
                           {"password1": "12345678", "password2": "12345678"})
    assert response.status_code in (200, 400) and "too common" in response.content.decode()


def test_a_session_ends_after_inactivity(db, settings, monkeypatch):
    import time

    from counterpart.accounts import idle

    world = make_world()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.users["qingdao"])
    now = time.time()
    monkeypatch.setattr(idle.time, "time", lambda: now)
    assert client.get("/dashboard/").status_code == 200
    monkeypatch.setattr(idle.time, "time", lambda: now + settings.SESSION_IDLE_SECONDS - 5)
    assert client.get("/dashboard/").status_code == 200  # activity renews it
    monkeypatch.setattr(idle.time, "time", lambda: now + 2 * settings.SESSION_IDLE_SECONDS)
    response = client.get("/dashboard/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
