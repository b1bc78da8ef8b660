"""Shared fixtures: the gazetteer and catalogue are loaded once per test database; demo data on request."""
import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from counterpart.geo.loading import load_regions
    from counterpart.indicators.catalogue import load_catalogue

    with django_db_blocker.unblock():
        load_regions(progress=False)
        load_catalogue()
    yield
    # A browser test's body runs inside Playwright's sync API (greenlets, each with its own context, where
    # Django keeps its connections): the connection it opens is out of reach of connections.close_all()
    # and stays idle, so PostgreSQL would refuse to drop the test database. End such sessions first.
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE datname = current_database() AND pid <> pg_backend_pid()")


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """Passwords hashed with a cheap hasher in tests: production's PBKDF2 takes about half a second per
    password on purpose, and the permission matrix alone creates a seven-user world for each of its cases."""
    from django.test.utils import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture
def demo(db):
    """The two seed reports loaded as curated data."""
    from counterpart.demo.loading import load_demo

    return load_demo()


@pytest.fixture
def english():
    """For tests that read messages in English: the interface's default language is Chinese."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the interface's default language (Chinese), whatever the test before it activated,
    so a test's expectations never depend on the order tests run in."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Cached page bodies (counterpart/web/cache.py) never outlive a test: each test's database is new."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
