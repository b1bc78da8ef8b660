"""The access gate (counterpart/accounts/access.py): what leaked before it and the escalation it closes
(issue 12, "Unconfirmed figures leak" and "Escalation"), bad ids as "not found", and what pages show inside.
Which pages each role reaches at all is the permission matrix's (test_permission_matrix.py)."""
import pytest
from django.contrib.auth.models import User
from django.test import Client

from counterpart.confirmations.actions import confirmation_for, do_answer_with_figure, do_confirm
from tests.world import PASSWORD, make_world, report_fund


def client_for(world, who=None):
    c = Client()
    c.cookies["django_language"] = "en"
    if who:
        c.force_login(world.users[who] if isinstance(who, str) else who)
    return c


def page(client, path, **kw):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en", **kw)
    return response.status_code, response.content.decode()


@pytest.fixture
def world(db):
    return make_world()


# ---- the annual report and the checks: the pairing's line and the national office -------------------------

def test_it_keeps_a_pairings_annual_report_to_its_line_and_the_national_office(world):
    report_fund(world, amount="3000000")  # pending: the report shows it awaiting confirmation
    path = f"/reports/annual/{world.qd_gz.pk}/2024/?lang=en"
    for who in ("qingdao", "anshun", "national", "superuser"):
        status, html = page(client_for(world, who), path)
        assert status == 200 and "3 million yuan" in html, who
    for who in (None, "guangzhou", "enterprise", "norole"):
        status, html = page(client_for(world, who), path)
        assert status == 404 and "3 million yuan" not in html and "qingdao" not in html, who


def test_it_shows_each_office_the_checks_of_its_own_pairings_only(world):
    report_fund(world)  # awaiting Anshun's confirmation: a check lists it for Qingdao–Guizhou
    report_fund(world, user="guangzhou", pairing=world.gz_bs)
    qd, gz = world.qd_gz.display_name("en"), world.gz_bs.display_name("en")
    status, html = page(client_for(world, "qingdao"), "/reports/checks/?lang=en")
    assert status == 200 and qd in html and gz not in html
    status, html = page(client_for(world, "guangzhou"), "/reports/checks/?lang=en")
    assert status == 200 and gz in html and qd not in html
    status, html = page(client_for(world, "national"), "/reports/checks/?lang=en")
    assert status == 200 and qd in html and gz in html
    for who in (None, "enterprise", "norole"):
        assert page(client_for(world, who), "/reports/checks/")[0] == 404, who


# ---- national statistics: unconfirmed totals only for the national office ----------------------------------

def test_it_shows_the_nations_unconfirmed_totals_to_the_national_office_only(world):
    confirmed = report_fund(world, amount="1000000")
    do_confirm(world.users["anshun"], confirmation_for(confirmed))
    report_fund(world, amount="7000000")  # pending
    for who in (None, "qingdao", "guangzhou", "enterprise"):
        status, html = page(client_for(world, who), "/reports/national/2024/?lang=en")
        assert status == 200 and "1,000,000" in html, who
        assert "All reported" not in html and "Awaiting confirmation" not in html, who
        assert "8,000,000" not in html and "8000000" not in html, who
    status, html = page(client_for(world, "national"), "/reports/national/2024/?lang=en")
    assert status == 200 and "All reported" in html and "Awaiting confirmation" in html
    assert "8,000,000" in html or "8000000" in html


def test_it_leaves_unconfirmed_amounts_off_the_public_pages(world):
    report_fund(world, amount="7000000")  # pending: nothing of it is public
    for path in ("/public/", f"/public/pairings/{world.qd_gz.pk}/"):
        status, html = page(client_for(world), path)
        assert status == 200
        assert "bar-extra" not in html and "await confirmation" not in html, path
    status, html = page(client_for(world, "qingdao"), f"/pairings/{world.qd_gz.pk}/dashboard/")
    assert status == 200 and "bar-extra" in html  # the office's own dashboard still shows it apart


# ---- documents under review -------------------------------------------------------------------------------

def _imported(world, text="Qingdao gave 4.2 million Yuan to Guizhou in 2024. Secret draft note.\n"):
    from counterpart.ingest.actions import do_import_document

    fact = {"type": "observation", "indicator": "gov_aid_funds", "value": "4200000", "unit": "CNY",
            "qualifier": "exact", "year": 2024, "donor": {"name": "Qingdao"}, "recipient": [{"name": "Guizhou"}],
            "evidence": {"start": 0, "end": 47, "text": text[:47]}}
    return do_import_document(text=text, doc_id="draft.txt", pairing=world.qd_gz, user=world.users["qingdao"],
                              extractor=lambda _t, doc_id, year=None: [dict(fact, doc=doc_id)]).batch


def test_it_shows_a_document_under_review_only_to_its_importing_office_and_the_national_office(world):
    from counterpart.ingest.actions import do_reject_proposal

    batch = _imported(world)
    path = f"/documents/{batch.document_id}/"
    for who in (None, "anshun", "guangzhou", "enterprise", "norole"):
        status, html = page(client_for(world, who), path)
        assert status == 404 and "Secret draft note" not in html, who
        assert "draft.txt" not in page(client_for(world, who), "/")[1], who  # nor listed on the home page
    for who in ("qingdao", "national"):
        status, html = page(client_for(world, who), path)
        assert status == 200 and "Secret draft note" in html, who
    do_reject_proposal(batch.proposals.get(), world.users["qingdao"])  # reviewed: now a public source
    status, html = page(client_for(world), path)
    assert status == 200 and "Secret draft note" in html
    assert "draft.txt" in page(client_for(world), "/")[1]


# ---- no usernames for the public --------------------------------------------------------------------------

def test_it_shows_no_usernames_on_public_pairing_pages(world):
    record = report_fund(world, amount="2500000")
    do_confirm(world.users["anshun"], confirmation_for(record))
    path = f"/pairings/{world.qd_gz.pk}/"
    for who in (None, "guangzhou", "enterprise", "norole"):
        status, html = page(client_for(world, who), path)
        assert status == 200 and "2.5 million yuan" in html, who
        assert "entered by qingdao" not in html and "entered on the platform" in html, who
    for who in ("qingdao", "anshun", "national"):
        assert "entered by qingdao" in page(client_for(world, who), path)[1], who


def test_it_shows_no_usernames_on_public_plan_pages(world):
    from counterpart.accounts.models import Profile
    from counterpart.plans.actions import do_add_plan_item, do_create_plan, do_set_weights

    setter = User.objects.create_user("weights-setter-77", password=PASSWORD)
    Profile.objects.create(user=setter, role="national")
    do_set_weights({"gov_aid_funds": "1"}, "0.1", set_by=setter)
    plan = do_create_plan(world.qd_gz, 2024)
    do_add_plan_item(plan, "gov_aid_funds", "2000000")
    record = report_fund(world, amount="1500000")
    do_confirm(world.users["anshun"], confirmation_for(record))
    scorecard = f"/plans/2024/pairings/{world.qd_gz.pk}/"
    status, html = page(client_for(world), scorecard)
    assert status == 200 and "1.5 million yuan" in html
    assert "entered by qingdao" not in html and "entered on the platform" in html
    assert "entered by qingdao" in page(client_for(world, "qingdao"), scorecard)[1]
    status, html = page(client_for(world), "/plans/weights/")
    assert status == 200 and "weights-setter-77" not in html
    assert "weights-setter-77" in page(client_for(world, "national"), "/plans/weights/")[1]
    export = client_for(world).get("/plans/2024/export.csv?lang=en").content.decode("utf-8-sig")
    assert "weights-setter-77" not in export and "qingdao" not in export


# ---- the annual report's narrative ------------------------------------------------------------------------

def _narrative(pairing, year, lang="en"):
    from counterpart.reports.annual import annual_data, annual_document
    from counterpart.reports.document import Para
    from counterpart.reports.summary import refresh

    refresh()
    doc = annual_document(annual_data(pairing, year), lang)
    return ["".join(r for r in b.runs if isinstance(r, str)) for b in doc.blocks if isinstance(b, Para)]


def test_it_never_states_a_disputed_figure_as_fact_in_the_annual_report(world):
    record = report_fund(world, amount="1000000")
    do_answer_with_figure(world.users["anshun"], confirmation_for(record), "800000", note="we received less")
    sentence = next(p for p in _narrative(world.qd_gz, 2024) if "1 million yuan" in p)
    assert "disputed" in sentence
    zh = next(p for p in _narrative(world.qd_gz, 2024, "zh-hans") if "100万元" in p)
    assert "争议" in zh


def test_it_says_a_figure_awaits_confirmation_in_the_sentence_itself(world):
    report_fund(world, amount="1000000")
    sentence = next(p for p in _narrative(world.qd_gz, 2024) if "1 million yuan" in p)
    assert "awaiting confirmation" in sentence and "disputed" not in sentence


# ---- escalation: admin accounts are a superuser's to change -----------------------------------------------

def test_it_keeps_a_national_office_from_taking_over_a_superusers_account(world):
    root = User.objects.create_superuser("root", password="root-original-1")
    national = client_for(world, "national")
    response = national.post(f"/accounts/users/{root.pk}/password/",
                             {"password1": "taken-over-1357", "password2": "taken-over-1357"})
    assert response.status_code == 404
    assert national.get(f"/accounts/users/{root.pk}/").status_code == 404
    assert national.post(f"/accounts/users/{root.pk}/active/", {"active": "0"}).status_code == 404
    root.refresh_from_db()
    assert root.check_password("root-original-1") and root.is_active
    intruder = Client()
    assert not intruder.login(username="root", password="taken-over-1357")
    assert intruder.get("/admin/").status_code == 302  # to the admin's sign-in


def test_it_lets_only_a_superuser_grant_admin_rights(world):
    anshun = world.users["anshun"]
    form = {"role": "office", "unit": "520400", "language": "en", "is_staff": "on", "is_superuser": "on"}
    assert client_for(world, "national").post(f"/accounts/users/{anshun.pk}/", form).status_code == 302
    anshun.refresh_from_db()
    assert not anshun.is_staff and not anshun.is_superuser  # the fields are not even offered to it
    assert "is_superuser" not in page(client_for(world, "national"), f"/accounts/users/{anshun.pk}/")[1]
    assert "is_superuser" in page(client_for(world, "superuser"), f"/accounts/users/{anshun.pk}/")[1]
    assert client_for(world, "superuser").post(f"/accounts/users/{anshun.pk}/", form).status_code == 302
    anshun.refresh_from_db()
    assert anshun.is_staff and anshun.is_superuser


def test_it_refuses_admin_rights_from_a_national_office_in_the_action_too(world):
    from django.core.exceptions import PermissionDenied

    from counterpart.accounts.actions import do_create_account, do_update_account

    with pytest.raises(PermissionDenied):
        do_update_account(world.users["national"], world.users["anshun"], "office", is_staff=True)
    with pytest.raises(PermissionDenied):
        do_create_account(world.users["national"], "sneaky", "pw-sneaky-1", "national", is_superuser=True)
    assert not User.objects.filter(username="sneaky").exists()
    assert not User.objects.get(pk=world.users["anshun"].pk).is_staff


# ---- bad ids are "not found", never a 500 ------------------------------------------------------------------

HUGE = "9" * 30


@pytest.mark.parametrize("path", [
    f"/pairings/{HUGE}/", f"/pairings/{HUGE}/dashboard/", f"/public/pairings/{HUGE}/", f"/documents/{HUGE}/",
    f"/reports/annual/{HUGE}/2024/", f"/review/{HUGE}/", f"/plans/agreements/{HUGE}/", f"/plans/annual/{HUGE}/",
    f"/plans/pairings/{HUGE}/", f"/plans/2024/pairings/{HUGE}/", f"/accounts/users/{HUGE}/", "/pairings/0/",
    "/documents/0/", f"/pairings/{2**63}/", f"/pairings/{2**63 - 1}/"])
def test_it_answers_not_found_for_an_id_that_cannot_exist(world, path):
    client = client_for(world, "superuser")
    client.raise_request_exception = True
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("method,path,data", [
    ("get", "/plans/2024/export.csv?pairing=abc", None),
    ("get", f"/plans/2024/export.csv?pairing={HUGE}", None),
    ("get", "/plans/?pairing=abc", None),
    ("post", "/review/upload/", {"pairing": "abc"}),
    ("post", f"/plans/items/{HUGE}/adjust/", {"value": "1"}),
    ("post", f"/review/proposals/{HUGE}/", {"action": "reject"}),
])
def test_it_answers_bad_ids_in_forms_and_queries_without_a_500(world, method, path, data):
    client = client_for(world, "national")
    client.raise_request_exception = True
    response = getattr(client, method)(path, data or {})
    # 400 is a bad query answered with a message that names the parameter (the export refuses "pairing=abc").
    assert response.status_code in (200, 302, 400, 404, 409)
    if response.status_code == 400:
        assert "pairing" in response.content.decode()


def test_it_sets_a_documents_pairing_only_from_a_real_id(world):
    batch = _imported(world)
    client = client_for(world, "qingdao")
    client.raise_request_exception = True
    for bad in ("abc", HUGE, "-1", ""):
        assert client.post(f"/review/{batch.pk}/pairing/", {"pairing": bad}).status_code == 302
        batch.refresh_from_db()
        assert batch.pairing_id == world.qd_gz.pk


def test_parse_id_accepts_only_row_ids():
    from counterpart.accounts.access import parse_id

    assert [parse_id(v) for v in ("12", 12, " 7 ")] == [12, 12, 7]
    assert [parse_id(v) for v in ("abc", "", None, "-3", "0", 0, HUGE, "١٢", True, "1.5")] == [None] * 10


def test_it_keeps_the_nations_unconfirmed_totals_off_the_dashboard_of_anyone_but_the_national_office(world):
    report_fund(world, amount="7000000")  # pending
    for who in ("norole", "enterprise", "guangzhou", "qingdao"):
        status, html = page(client_for(world, who), "/dashboard/")
        assert status == 200 and "bar-extra" not in html and "not yet confirmed: 7 million" not in html, who
    status, html = page(client_for(world, "national"), "/dashboard/")
    assert status == 200 and "bar-extra" in html
