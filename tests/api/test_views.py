"""The account page's API tokens: made (shown once), listed by their start only, revoked."""
import re

from django.test import Client

from counterpart.api.models import ApiToken
from tests.world import make_user


def test_it_shows_a_new_token_once_and_revokes_it(db):
    user = make_user("office1")
    c = Client()
    c.force_login(user)
    page = c.post("/accounts/tokens/", {"name": "province system"}).content.decode()
    raw = re.search(r'id="token-value">(cpt_[^<]+)<', page).group(1)
    assert c.get("/api/v1/indicators", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    again = c.get("/accounts/tokens/").content.decode()
    assert raw not in again and raw[:12] in again
    token = ApiToken.objects.get(user=user)
    assert c.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 302
    assert c.get("/api/v1/indicators", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_it_keeps_another_users_token_out_of_reach(db):
    owner, other = make_user("owner1"), make_user("other1")
    c = Client()
    c.force_login(owner)
    c.post("/accounts/tokens/", {"name": "mine"})
    token = ApiToken.objects.get(user=owner)
    c.force_login(other)
    assert c.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    assert Client().get("/accounts/tokens/").status_code == 302  # the public is sent to log in
