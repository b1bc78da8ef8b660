"""Playwright driving Debian's chromium (no browser download) against pytest-django's live server."""
import os
import re
import shutil
from pathlib import Path

import pytest

from tests.world import PASSWORD

ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


def log_in(browser, live_server, username, language="en", password=PASSWORD):
    """A page of a new browser context, signed in as `username`, with the browser's locale for `language`."""
    context = browser.new_context(locale="zh-CN" if language.startswith("zh") else "en-US",
                                  viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/$"))
    return page


def _load_reference_data():
    from counterpart.geo.loading import load_regions
    from counterpart.indicators.catalogue import load_catalogue

    load_regions(progress=False)
    load_catalogue()


@pytest.fixture
def reference_data(django_db_setup):
    """The gazetteer and catalogue, reloaded if a previous live-server test emptied the tables."""
    from counterpart.geo.models import Region

    if not Region.objects.exists():
        _load_reference_data()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A live-server test empties every table when it ends (after all fixtures): put the gazetteer and
    catalogue back so the tests that follow find them, as tests/conftest.py loaded them."""
    yield
    # After the last test the session's fixtures are gone with the test database: nothing to put back.
    if nextitem is not None and "live_server" in getattr(item, "fixturenames", ()):
        from django.db import connections
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            _load_reference_data()
            connections.close_all()


@pytest.fixture
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield b
        b.close()
