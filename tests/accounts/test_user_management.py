"""The national office manages accounts outside the admin: list, create with role and unit, change role and
unit, deactivate (never delete), reset a password. Every change is in the audit trail; offices are refused."""
import pytest
from django.contrib.auth.models import User
from django.test import Client

from counterpart.accounts import access
from counterpart.audit.actions import history
from tests.world import PASSWORD, make_world

NEW_PASSWORD = "another-pw-2468"


def _national(world, language="en"):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(world.users["national"])
    return client


def _create(client, **fields):
    data = {"username": "weihai", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "role": "office",
            "unit": "370200", "language": "en", **fields}
    return client.post("/accounts/users/new/", data)


def test_it_creates_an_office_account_that_sees_only_its_pairings(db):
    world = make_world()
    client = _national(world)
    assert "weihai" not in client.get("/accounts/users/").content.decode()
    response = _create(client)
    assert response.status_code == 302 and response["Location"] == "/accounts/users/"
    account = User.objects.get(username="weihai")
    assert account.profile.role == "office" and account.profile.unit.region.adcode == "370200"
    assert [c.action for c in history(account)] == ["create"]
    assert history(account)[0].user == world.users["national"]
    assert "weihai" in client.get("/accounts/users/").content.decode()
    office = Client()
    assert office.login(username="weihai", password=NEW_PASSWORD)
    assert {p.pk for p in access.visible_pairings(account)} == {world.qd_gz.pk, world.shinan_pingba.pk}
    assert office.get(f"/pairings/{world.qd_gz.pk}/dashboard/").status_code == 200
    assert office.get(f"/pairings/{world.gz_bs.pk}/dashboard/").status_code == 404


def test_it_creates_organisation_and_national_accounts(db):
    world = make_world()
    client = _national(world)
    assert _create(client, username="redstar2", role="organisation", unit="Red Star Co").status_code == 302
    assert User.objects.get(username="redstar2").profile.unit == world.enterprise
    assert _create(client, username="nation2", role="national", unit="").status_code == 302
    assert access.is_national(User.objects.get(username="nation2"))


@pytest.mark.parametrize("fields,field,message", [
    ({"unit": "Atlantis"}, "Unit", "No region “Atlantis”"),
    ({"unit": ""}, "Unit", "An office or an organisation needs its unit."),
    ({"role": "national", "unit": "370200"}, "Unit", "leave this empty"),
    ({"role": "organisation", "unit": "Nobody Ltd"}, "Unit", "No enterprise or charity named"),
    ({"username": "qingdao"}, "Username", "This username is taken."),
    ({"username": "bad name!"}, "Username", "Enter a valid username"),
    ({"password2": "something-else-1"}, "Password again", "The two passwords differ."),
    ({"password1": "short", "password2": "short"}, "Password", "too short"),
    ({"role": "emperor"}, "Role", "Select a valid choice"),
])
def test_it_names_the_field_in_english(db, english, fields, field, message):
    world = make_world()
    response = _create(_national(world), **fields)
    page = response.content.decode()
    assert response.status_code == 200 and "error-summary" in page
    summary = page.split('id="error-summary"')[1].split("</div>")[0]
    assert f"{field}: " in summary and message in summary.replace("&ldquo;", "“").replace("&rdquo;", "”")
    assert not User.objects.filter(username=fields.get("username", "weihai"), profile__isnull=True).exists()


def test_it_names_the_field_in_chinese(db):
    world = make_world()
    client = _national(world, "zh-hans")
    client.cookies["django_language"] = "zh-hans"
    page = _create(client, unit="亚特兰蒂斯").content.decode()
    summary = page.split('id="error-summary"')[1].split("</div>")[0]
    assert "单位: " in summary and "没有" in summary and "亚特兰蒂斯" in summary


def test_it_changes_role_and_unit_with_the_change_in_the_audit_trail(db):
    world = make_world()
    client = _national(world)
    anshun = world.users["anshun"]
    page = client.get(f"/accounts/users/{anshun.pk}/").content.decode()
    assert 'value="520400"' in page
    response = client.post(f"/accounts/users/{anshun.pk}/", {"role": "office", "unit": "440100", "language": "en"})
    assert response.status_code == 302
    anshun.refresh_from_db()
    assert anshun.profile.unit.region.adcode == "440100"
    change = list(history(anshun))[-1]
    assert change.action == "update" and change.before["unit_id"] != change.after["unit_id"]
    assert {p.pk for p in access.visible_pairings(User.objects.get(pk=anshun.pk))} == {world.gz_bs.pk}


def test_it_deactivates_and_reactivates_without_deleting(db):
    world = make_world()
    client = _national(world)
    qingdao = world.users["qingdao"]
    office = Client()
    office.force_login(qingdao)
    assert office.get("/dashboard/").status_code == 200
    assert client.post(f"/accounts/users/{qingdao.pk}/active/", {"active": "0"}).status_code == 302
    qingdao.refresh_from_db()
    assert not qingdao.is_active and User.objects.filter(pk=qingdao.pk).exists()
    assert not Client().login(username="qingdao", password=PASSWORD)
    assert office.get("/dashboard/").status_code == 302  # signed out: back to the login page
    assert list(history(qingdao))[-1].note == "deactivated"
    page = client.get("/accounts/users/").content.decode()
    assert 'data-username="qingdao" class="inactive"' in page
    assert client.post(f"/accounts/users/{qingdao.pk}/active/", {"active": "1"}).status_code == 302
    assert Client().login(username="qingdao", password=PASSWORD)


def test_it_resets_a_password(db, english):
    world = make_world()
    client = _national(world)
    qingdao = world.users["qingdao"]
    page = client.post(f"/accounts/users/{qingdao.pk}/password/",
                       {"password1": "abc", "password2": "abc"}).content.decode()
    assert "password-errors" in page and "New password: " in page
    response = client.post(f"/accounts/users/{qingdao.pk}/password/",
                           {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert Client().login(username="qingdao", password=NEW_PASSWORD)
    assert not Client().login(username="qingdao", password=PASSWORD)
    change = list(history(qingdao))[-1]
    assert change.note == "password reset" and "password" not in (change.after or {})


@pytest.mark.parametrize("persona", ["qingdao", "anshun", "enterprise", "norole"])
def test_it_refuses_everyone_but_the_national_office(db, persona):
    world = make_world()
    client = Client()
    client.force_login(world.users[persona])
    target = world.users["guangzhou"]
    assert client.get("/accounts/users/").status_code == 404
    assert client.get("/accounts/users/new/").status_code == 404
    assert _create(client).status_code == 404
    assert client.get(f"/accounts/users/{target.pk}/").status_code == 404
    assert client.post(f"/accounts/users/{target.pk}/active/", {"active": "0"}).status_code == 404
    assert client.post(f"/accounts/users/{target.pk}/password/",
                       {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}).status_code == 404
    target.refresh_from_db()
    assert target.is_active and target.check_password(PASSWORD) and not User.objects.filter(username="weihai").exists()
    assert Client().get("/accounts/users/new/").status_code == 302  # the public: to the login page


def test_it_keeps_the_national_office_from_locking_itself_out(db):
    world = make_world()
    client = _national(world)
    me = world.users["national"]
    assert client.post(f"/accounts/users/{me.pk}/active/", {"active": "0"}).status_code == 404
    assert client.post(f"/accounts/users/{me.pk}/", {"role": "office", "unit": "370200"}).status_code == 404
    me.refresh_from_db()
    assert me.is_active and access.is_national(me)
