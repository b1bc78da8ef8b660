import pytest
from django.contrib.auth.models import User


@pytest.fixture
def alice(db):
    """The national office, which reads every pairing's annual report and the checks."""
    from counterpart.accounts.models import Profile

    user = User.objects.create_user("alice", password="pw")
    Profile.objects.create(user=user, role="national")
    return user


def test_it_shows_the_national_page_with_download_links(demo, client):
    r = client.get("/reports/national/2011/", HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 200
    assert b"?format=xlsx" in r.content and b"66.25 million yuan" in r.content


def test_it_downloads_each_format(demo, client, alice):
    client.force_login(alice)
    for fmt, magic in (("pdf", b"%PDF"), ("xlsx", b"PK"), ("docx", b"PK"), ("csv", "\ufeff".encode()), ("html", b"<!doctype")):
        r = client.get(f"/reports/annual/{_qd()}/2011/?format={fmt}&lang=zh")
        assert r.status_code == 200 and r.content.startswith(magic), fmt
        assert "attachment" in r["Content-Disposition"]


def test_it_keeps_annual_reports_and_checks_from_the_public_and_accounts_without_a_role(demo, client):
    assert client.get(f"/reports/annual/{_qd()}/2011/").status_code == 404
    assert client.get("/reports/checks/").status_code == 404
    client.force_login(User.objects.create_user("bob", password="pw"))
    assert client.get(f"/reports/annual/{_qd()}/2011/").status_code == 404
    assert client.get("/reports/checks/").status_code == 404


def test_it_explains_bad_requests_on_pages(demo, client, alice):
    client.force_login(alice)
    r = client.get(f"/reports/annual/{_qd()}/2030/", HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 404 and b"no figures for 2030" in r.content
    assert client.get("/reports/national/2011/?format=odt").status_code == 404
    assert client.get("/reports/annual/999999/2011/").status_code == 404


def test_it_lists_reports_and_checks(demo, client, alice):
    client.force_login(alice)
    assert client.get("/reports/").status_code == 200
    r = client.get("/reports/checks/", HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 200 and b"Parts that exceed their total" in r.content


def _qd():
    from counterpart.pairings.actions import find_pairing

    return find_pairing("Qingdao-Guizhou").pk
