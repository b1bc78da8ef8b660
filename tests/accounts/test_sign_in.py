"""Signing in (counterpart/accounts/backends.py): the user comes with their role and unit in one query, a
deactivated user's session no longer signs them in, and sessions survive a cache that forgets them."""
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from counterpart.accounts import access
from counterpart.accounts.backends import ProfileBackend
from tests.world import PASSWORD, make_world


def test_the_user_comes_with_role_and_unit_in_one_query(db):
    world = make_world()
    with CaptureQueriesContext(connection) as queries:
        user = ProfileBackend().get_user(world.users["qingdao"].pk)
        assert access.is_office(user) and user.profile.unit.region_id is not None
    assert len(queries.captured_queries) == 1


def test_a_deactivated_users_session_no_longer_signs_them_in(db):
    world = make_world()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert client.login(username="qingdao", password=PASSWORD)
    assert client.get("/dashboard/").status_code == 200
    get_user_model().objects.filter(username="qingdao").update(is_active=False)
    assert client.get("/dashboard/").status_code == 302  # to the login page
    assert ProfileBackend().get_user(world.users["qingdao"].pk) is None


def test_a_session_outlives_the_cache(db):
    make_world()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert client.login(username="national", password=PASSWORD)
    cache.clear()  # sessions are written through to the database
    assert client.get("/accounts/users/").status_code == 200
