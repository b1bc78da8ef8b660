"""Every URL pattern against every role, allowed and refused (counterpart/accounts/access.py).

A refusal is a 404 ("not yours" looks like "not found") for signed-in users and a 404 or a redirect to the
login page for the public; a refused request changes nothing. `test_it_has_a_row_for_every_url_pattern`
walks the URL resolver and fails when a pattern has no row here, so a new page cannot ship without its rule.

Roles: anonymous, an account without a role, the national office, the donor side's office (Qingdao), the
recipient side's office (Anshun), an unrelated office (Guangzhou), an organisation (an enterprise) and a
superuser (admin rights; without a profile it acts as the national office).

What a page shows inside (confirmed figures only for the public, no usernames, no national unconfirmed
totals) is tested beside the page: tests/accounts/test_access.py.
"""
from dataclasses import dataclass, field

import pytest
from django.test import Client

from counterpart.audit.models import Change
from counterpart.confirmations.actions import confirmation_for, do_answer_with_figure
from counterpart.ledger.models import FundAllocation
from tests.world import PASSWORD, make_world, report_fund

PERSONAS = ["anonymous", "norole", "national", "qingdao", "anshun", "guangzhou", "enterprise", "superuser"]
EVERYONE = set(PERSONAS)
SIGNED_IN = EVERYONE - {"anonymous"}
NATION = {"national", "superuser"}
OFFICES_QD = NATION | {"qingdao", "anshun"}  # Qingdao–Guizhou's line and the national office
OFFICES = NATION | {"qingdao", "anshun", "guangzhou"}
IMPORTERS = NATION | {"qingdao"}  # a document imported by Qingdao's office, under review


@dataclass
class Row:
    route: str  # the URL pattern, as the resolver spells it
    request: object  # (client, world, record) -> response
    allowed: set
    refused: str = "not found"  # or "forbidden" (403: an action, not an object) or "admin login"
    xfail: dict = field(default_factory=dict)  # persona -> reason, for rules another branch implements


def _get(path):
    return lambda c, w, r: c.get(path(w, r))


def _post(path, data=None):
    return lambda c, w, r: c.post(path(w, r), data(w, r) if callable(data) else (data or {}))


def _edit(c, w, r):
    return c.post(f"/records/fund_allocation/{r.pk}/edit/", {
        "year": "2024", "amount": "2000000", "qualifier": "exact", "donor_place": "Qingdao",
        "recipient_places": "安顺"})


def _agreement(w):
    from counterpart.pairings.actions import do_create_agreement

    return w.qd_gz.agreements.first() or do_create_agreement(w.qd_gz, "Framework agreement", 2021, 2025)


def _plan(w):
    from counterpart.plans.actions import do_add_plan_item
    from counterpart.plans.models import AnnualPlan

    plan, made = AnnualPlan.objects.get_or_create(pairing=w.qd_gz, year=2024)
    if made:
        do_add_plan_item(plan, "aid_projects", "10")
    return plan


def _batch(w):
    """A narrative report imported by Qingdao's office, its one proposal not yet reviewed."""
    from counterpart.ingest.actions import do_import_document
    from counterpart.ingest.models import DocumentImport

    found = DocumentImport.objects.first()
    if found:
        return found
    text = "Qingdao gave 1.2 million Yuan to Guizhou in 2024.\n"
    fact = {"type": "observation", "indicator": "gov_aid_funds", "value": "1200000", "unit": "CNY",
            "qualifier": "exact", "year": 2024, "donor": {"name": "Qingdao"}, "recipient": [{"name": "Guizhou"}],
            "evidence": {"start": 0, "end": 49, "text": text[:49]}}
    return do_import_document(text=text, doc_id="qd-2024.txt", pairing=w.qd_gz, user=w.users["qingdao"],
                              extractor=lambda _text, doc_id, year=None: [dict(fact, doc=doc_id)]).batch


def _reviewed_document(w):
    from counterpart.sources.models import SourceDocument

    text = "Qingdao and Guizhou signed an agreement in 2021."
    return SourceDocument.objects.get_or_create(doc_id="seed.txt", defaults={"title": "Seed", "text": text})[0]


def _admin(w):
    """Another superuser: the account a national office must not take over."""
    from django.contrib.auth.models import User

    return User.objects.filter(username="root").first() or User.objects.create_superuser("root", password=PASSWORD)


def _weights(w):
    from counterpart.plans.actions import do_set_weights
    from counterpart.plans.models import AssessmentWeights

    return AssessmentWeights.objects.first() or do_set_weights({"aid_projects": "1"}, "0.1")


def _item(w):
    return _plan(w).items.first()


def _pk(w):
    return w.qd_gz.pk


def _token(w):
    """Qingdao's office's API token: only its owner revokes it."""
    from counterpart.api.models import ApiToken
    from counterpart.api.tokens import do_create_token

    return ApiToken.objects.filter(user=w.users["qingdao"]).first() or do_create_token(w.users["qingdao"], "sync")[0]


ROWS = {
    # Language and signing in
    "switch language": Row("i18n/setlang/", _post(lambda w, r: "/i18n/setlang/", {"language": "en"}), EVERYONE),
    "sign-in page": Row("accounts/login/", _get(lambda w, r: "/accounts/login/"), EVERYONE),
    "sign out": Row("accounts/logout/", _post(lambda w, r: "/accounts/logout/"), EVERYONE),
    "after signing in": Row("accounts/welcome/", _get(lambda w, r: "/accounts/welcome/"), SIGNED_IN),
    "keep my language": Row("accounts/language/", _post(lambda w, r: "/accounts/language/", {"language": "en"}),
                            EVERYONE),
    # Accounts (the national office manages them; an admin's account only a superuser)
    "manage users": Row("accounts/users/", _get(lambda w, r: "/accounts/users/"), NATION),
    "new user form": Row("accounts/users/new/", _get(lambda w, r: "/accounts/users/new/"), NATION),
    "create a user": Row("accounts/users/new/", _post(lambda w, r: "/accounts/users/new/", {
        "username": "newoffice", "password1": "pw-new-office-1", "password2": "pw-new-office-1", "role": "office",
        "unit": "370200", "language": "en"}), NATION),
    "user's account page": Row("accounts/users/<int:pk>/",
                               _get(lambda w, r: f"/accounts/users/{w.users['anshun'].pk}/"), NATION),
    "change a user's role and unit": Row("accounts/users/<int:pk>/", _post(
        lambda w, r: f"/accounts/users/{w.users['anshun'].pk}/",
        {"role": "office", "unit": "440100", "language": "en"}), NATION),
    "a superuser's account page": Row("accounts/users/<int:pk>/",
                                      _get(lambda w, r: f"/accounts/users/{_admin(w).pk}/"), {"superuser"}),
    "change a superuser's role": Row("accounts/users/<int:pk>/", _post(
        lambda w, r: f"/accounts/users/{_admin(w).pk}/", {"role": "office", "unit": "440100", "language": "en"}),
        {"superuser"}),
    "deactivate a user": Row("accounts/users/<int:pk>/active/", _post(
        lambda w, r: f"/accounts/users/{w.users['anshun'].pk}/active/", {"active": "0"}), NATION),
    "deactivate a superuser": Row("accounts/users/<int:pk>/active/", _post(
        lambda w, r: f"/accounts/users/{_admin(w).pk}/active/", {"active": "0"}), {"superuser"}),
    "reset a user's password": Row("accounts/users/<int:pk>/password/", _post(
        lambda w, r: f"/accounts/users/{w.users['anshun'].pk}/password/",
        {"password1": "pw-reset-2468", "password2": "pw-reset-2468"}), NATION),
    "reset a superuser's password": Row("accounts/users/<int:pk>/password/", _post(
        lambda w, r: f"/accounts/users/{_admin(w).pk}/password/",
        {"password1": "pw-reset-2468", "password2": "pw-reset-2468"}), {"superuser"}),
    # Reports: national statistics for everyone (confirmed only, but to the nation); a pairing's annual
    # report and the checks for its line and the national office
    "reports index": Row("reports/", _get(lambda w, r: "/reports/"), EVERYONE),
    "national statistics": Row("reports/national/<int:year>/", _get(lambda w, r: "/reports/national/2024/"),
                               EVERYONE),
    "annual report (Qingdao–Guizhou)": Row("reports/annual/<int:pk>/<int:year>/",
                                           _get(lambda w, r: f"/reports/annual/{_pk(w)}/2024/"), OFFICES_QD),
    "annual report download": Row("reports/annual/<int:pk>/<int:year>/",
                                  _get(lambda w, r: f"/reports/annual/{_pk(w)}/2024/?format=csv"), OFFICES_QD),
    "data checks": Row("reports/checks/", _get(lambda w, r: "/reports/checks/"), OFFICES),
    # Narrative reports under review: the importing office and the national office
    "review queue": Row("review/", _get(lambda w, r: "/review/"), SIGNED_IN),
    "upload a report": Row("review/upload/", _post(lambda w, r: "/review/upload/"), OFFICES, "forbidden"),
    "a document under review": Row("review/<int:pk>/", _get(lambda w, r: f"/review/{_batch(w).pk}/"), IMPORTERS),
    "accept all its proposals": Row("review/<int:pk>/accept-all/",
                                    _post(lambda w, r: f"/review/{_batch(w).pk}/accept-all/"), IMPORTERS),
    "set its pairing": Row("review/<int:pk>/pairing/", _post(lambda w, r: f"/review/{_batch(w).pk}/pairing/",
                                                             lambda w, r: {"pairing": w.qd_gz.pk}), IMPORTERS),
    "reject a proposal": Row("review/proposals/<int:pk>/", _post(
        lambda w, r: f"/review/proposals/{_batch(w).proposals.get().pk}/", {"action": "reject"}), IMPORTERS),
    # Plans: the assessment is public; a pairing's agreements and plans are entered by its line
    "plans index": Row("plans/", _get(lambda w, r: "/plans/"), EVERYONE),
    "assessment weights": Row("plans/weights/", _get(lambda w, r: "/plans/weights/"), EVERYONE),
    "set the weights": Row("plans/weights/", _post(lambda w, r: "/plans/weights/", {
        "w_aid_projects": "100", "lag_margin": "0.1"}), NATION, "forbidden"),
    "weights in force": Row("plans/weights/current.json", _get(lambda w, r: "/plans/weights/current.json"),
                            EVERYONE),
    "an agreement's page": Row("plans/agreements/<int:pk>/",
                               _get(lambda w, r: f"/plans/agreements/{_agreement(w).pk}/"), EVERYONE),
    "enter an agreement's section": Row("plans/agreements/<int:pk>/sections/", _post(
        lambda w, r: f"/plans/agreements/{_agreement(w).pk}/sections/", {"kind": "goals", "text_en": "Goals."}),
        OFFICES_QD),
    "enter an agreement's target": Row("plans/agreements/<int:pk>/targets/new/", _post(
        lambda w, r: f"/plans/agreements/{_agreement(w).pk}/targets/new/",
        {"indicator": "aid_projects", "value": "10", "qualifier": "exact", "year": "2022"}), OFFICES_QD),
    "derive a plan from an agreement": Row("plans/agreements/<int:pk>/derive/", _post(
        lambda w, r: f"/plans/agreements/{_agreement(w).pk}/derive/", {"year": "2022"}), OFFICES_QD),
    "plans workspace": Row("plans/pairings/<int:pk>/", _get(lambda w, r: f"/plans/pairings/{_pk(w)}/"),
                           OFFICES_QD),
    "enter an agreement": Row("plans/pairings/<int:pk>/agreements/new/", _post(
        lambda w, r: f"/plans/pairings/{_pk(w)}/agreements/new/",
        {"title_en": "Outline", "kind": "outline", "period_start": "2021", "period_end": "2025"}), OFFICES_QD),
    "enter an annual plan": Row("plans/pairings/<int:pk>/plans/new/", _post(
        lambda w, r: f"/plans/pairings/{_pk(w)}/plans/new/", {"year": "2023"}), OFFICES_QD),
    "annual plan page": Row("plans/annual/<int:pk>/", _get(lambda w, r: f"/plans/annual/{_plan(w).pk}/"),
                            OFFICES_QD),
    "add a plan item": Row("plans/annual/<int:pk>/items/new/", _post(
        lambda w, r: f"/plans/annual/{_plan(w).pk}/items/new/",
        {"indicator": "aid_projects", "value": "10", "qualifier": "exact"}), OFFICES_QD),
    "adjust a plan item": Row("plans/items/<int:pk>/adjust/", _post(
        lambda w, r: f"/plans/items/{_item(w).pk}/adjust/", {"value": "12", "reason_kind": "other",
                                                           "reason": "more", "approved_by": "Office",
                                                           "approved_on": "2024-05-01", "date_precision": "day"}),
        OFFICES_QD),
    "the year's assessment": Row("plans/<int:year>/", _get(lambda w, r: "/plans/2024/"), EVERYONE),
    "assessment export": Row("plans/<int:year>/export.<str:fmt>",
                             _get(lambda w, r: _weights(w) and "/plans/2024/export.csv"), EVERYONE),
    "a pairing's scorecard": Row("plans/<int:year>/pairings/<int:pk>/",
                                 _get(lambda w, r: f"/plans/{_plan(w).year}/pairings/{_pk(w)}/"), EVERYONE),
    # Public pages
    "home": Row("", _get(lambda w, r: "/"), EVERYONE),
    "pairing page": Row("pairings/<int:pk>/", _get(lambda w, r: f"/pairings/{_pk(w)}/"), EVERYONE),
    "a reviewed document": Row("documents/<int:pk>/",
                               _get(lambda w, r: f"/documents/{_reviewed_document(w).pk}/"), EVERYONE),
    "a document under review, as a source": Row("documents/<int:pk>/",
                                                _get(lambda w, r: f"/documents/{_batch(w).document_id}/"),
                                                IMPORTERS),
    "public national page (confirmed figures only: t8's portal)": Row("public/", _get(lambda w, r: "/public/"),
                                                                       EVERYONE),
    "public pairing page": Row("public/pairings/<int:pk>/", _get(lambda w, r: f"/public/pairings/{_pk(w)}/"),
                               EVERYONE),
    "sitemap": Row("sitemap.xml", _get(lambda w, r: "/sitemap.xml"), EVERYONE),
    "robots": Row("robots.txt", _get(lambda w, r: "/robots.txt"), EVERYONE),
    "map outlines": Row("map/china.svg", _get(lambda w, r: "/map/china.svg"), EVERYONE),
    # Offices' workspace
    "national dashboard": Row("dashboard/", _get(lambda w, r: "/dashboard/"), SIGNED_IN),
    "pairing dashboard (Qingdao–Guizhou)": Row("pairings/<int:pk>/dashboard/",
                                               _get(lambda w, r: f"/pairings/{_pk(w)}/dashboard/"), OFFICES_QD),
    "sub-pairing dashboard (Shinan–Pingba)": Row("pairings/<int:pk>/dashboard/", _get(
        lambda w, r: f"/pairings/{w.shinan_pingba.pk}/dashboard/"), OFFICES_QD),
    "pairing dashboard (Guangzhou–Baise)": Row("pairings/<int:pk>/dashboard/",
                                               _get(lambda w, r: f"/pairings/{w.gz_bs.pk}/dashboard/"),
                                               NATION | {"guangzhou"}),
    "confirmations inbox": Row("confirmations/", _get(lambda w, r: "/confirmations/"), SIGNED_IN),
    # Every account may post the form; each ticked report goes through do_confirm, and one that is not the
    # user's to answer is refused in the message, changing nothing (tests/web/test_inbox.py).
    "confirm the ticked reports": Row("confirmations/confirm/", _post(
        lambda w, r: "/confirmations/confirm/", lambda w, r: {"c": [confirmation_for(r).pk]}), SIGNED_IN),
    "import page": Row("import/", _get(lambda w, r: "/import/"), SIGNED_IN),
    "import template": Row("import/<slug:kind>/template.<str:ext>",
                           _get(lambda w, r: "/import/fund_allocation/template.csv"), SIGNED_IN),
    # Records (t1's write path and ownership). Target rules: only the reporting side (Qingdao here) edits or
    # withdraws a record, the national office corrects it; only the other side (Anshun) confirms or answers.
    "record list": Row("pairings/<int:pk>/records/", _get(lambda w, r: f"/pairings/{_pk(w)}/records/"),
                       OFFICES_QD | {"enterprise"}),
    "fund allocation form": Row("pairings/<int:pk>/records/<slug:kind>/new/",
                                _get(lambda w, r: f"/pairings/{_pk(w)}/records/fund_allocation/new/"), OFFICES_QD),
    "donation form": Row("pairings/<int:pk>/records/<slug:kind>/new/",
                         _get(lambda w, r: f"/pairings/{_pk(w)}/records/donation/new/"), OFFICES_QD | {"enterprise"}),
    "view record": Row("records/<slug:kind>/<int:pk>/", _get(lambda w, r: f"/records/fund_allocation/{r.pk}/"),
                       OFFICES_QD),
    "edit record (reporting side only)": Row("records/<slug:kind>/<int:pk>/edit/", _edit, NATION | {"qingdao"}),
    "withdraw record (reporting side only)": Row("records/<slug:kind>/<int:pk>/delete/", _post(
        lambda w, r: f"/records/fund_allocation/{r.pk}/delete/"), NATION | {"qingdao"}),
    "comment on a record": Row("records/<slug:kind>/<int:pk>/comment/", _post(
        lambda w, r: f"/records/fund_allocation/{r.pk}/comment/", {"text": "ok"}), OFFICES_QD),
    "audit trail": Row("audit/", _get(lambda w, r: "/audit/"), NATION),
    "audit trail export": Row("audit/export.csv", _get(lambda w, r: "/audit/export.csv"), NATION),
    # Year close (counterpart/closing): offices see the years, sides sign off, the national office closes.
    "years to close": Row("years/", _get(lambda w, r: "/years/"), OFFICES_QD | {"guangzhou"}),
    "a year's completeness": Row("years/<int:year>/", _get(lambda w, r: "/years/2024/"), OFFICES_QD | {"guangzhou"}),
    "a pairing's year": Row("years/<int:year>/pairings/<int:pk>/",
                            _get(lambda w, r: f"/years/2024/pairings/{_pk(w)}/"), OFFICES_QD),
    "sign off the donor side's year": Row("years/<int:year>/pairings/<int:pk>/sign-off/", _post(
        lambda w, r: f"/years/2024/pairings/{_pk(w)}/sign-off/", {"side": "donor"}), {"qingdao"}),
    "approve a root pairing's year": Row("years/<int:year>/pairings/<int:pk>/approve/", _post(
        lambda w, r: f"/years/2024/pairings/{_pk(w)}/approve/"), NATION),
    "close a year": Row("years/<int:year>/close/", _post(lambda w, r: "/years/2024/close/"), NATION),
    "reopen a year": Row("years/<int:year>/reopen/", _post(lambda w, r: "/years/2024/reopen/", {"reason": "audit"}),
                         NATION),
    "confirm (the other side)": Row("records/<slug:kind>/<int:pk>/confirm/",
                                    _post(lambda w, r: f"/records/fund_allocation/{r.pk}/confirm/"), {"anshun"}),
    "answer with a figure (the other side)": Row("records/<slug:kind>/<int:pk>/answer/", _post(
        lambda w, r: f"/records/fund_allocation/{r.pk}/answer/", {"counter_value": "900000", "slot": "amount"}),
        {"anshun"}),
    "accept the other side's figure (nothing to accept)": Row("records/<slug:kind>/<int:pk>/accept/", _post(
        lambda w, r: f"/records/fund_allocation/{r.pk}/accept/"), set()),
    # Operations, API tokens and the second factor
    "health": Row("healthz", _get(lambda w, r: "/healthz"), EVERYONE),
    "my API tokens": Row("accounts/tokens/", _get(lambda w, r: "/accounts/tokens/"), SIGNED_IN),
    "create an API token": Row("accounts/tokens/", _post(lambda w, r: "/accounts/tokens/", {"name": "sync"}),
                               SIGNED_IN),
    "revoke one's own token": Row("accounts/tokens/<int:pk>/revoke/",
                                  _post(lambda w, r: f"/accounts/tokens/{_token(w).pk}/revoke/"), {"qingdao"}),
    "enrol a second factor": Row("accounts/second-factor/", _get(lambda w, r: "/accounts/second-factor/"),
                                 SIGNED_IN),
    "give the second factor's code": Row("accounts/second-factor/verify/",
                                         _get(lambda w, r: "/accounts/second-factor/verify/"), SIGNED_IN),
    # Open data: confirmed figures for everyone (the API's rows: tests/accounts/test_permission_matrix_api.py)
    "IATI files": Row("iati/", _get(lambda w, r: "/iati/"), EVERYONE),
    "IATI activities of a pairing": Row("iati/pairings/<int:pk>.xml",
                                        _get(lambda w, r: f"/iati/pairings/{_pk(w)}.xml"), EVERYONE),
    "IATI organisation file": Row("iati/organisations/<str:code>.xml",
                                  _get(lambda w, r: "/iati/organisations/370200.xml"), EVERYONE),
    "open data downloads": Row("public/data/", _get(lambda w, r: "/public/data/"), EVERYONE),
    "open data CSV": Row("public/data/observations.csv", _get(lambda w, r: "/public/data/observations.csv"),
                         EVERYONE),
    "open data XLSX": Row("public/data/observations.xlsx", _get(lambda w, r: "/public/data/observations.xlsx"),
                          EVERYONE),
    "open data JSON lines": Row("public/data/observations.jsonl",
                                _get(lambda w, r: "/public/data/observations.jsonl"), EVERYONE),
    "public figures": Row("public/figures/", _get(lambda w, r: "/public/figures/"), EVERYONE),
    # Region views: confirmed figures for everyone ("as reported" only for the national office, beside the page)
    "regions": Row("reports/regions/", _get(lambda w, r: "/reports/regions/"), EVERYONE),
    "what Guizhou received": Row("reports/regions/<str:adcode>/", _get(lambda w, r: "/reports/regions/520000/"),
                                 EVERYONE),
    # Django's admin: staff only (each of its patterns is checked to be behind the admin's own gate)
    "admin site": Row("admin/", _get(lambda w, r: "/admin/"), {"superuser"}, "admin login"),
    "admin: observations": Row("admin/indicators/observation/",
                               _get(lambda w, r: "/admin/indicators/observation/"), {"superuser"}, "admin login"),
    "admin: users": Row("admin/auth/user/", _get(lambda w, r: "/admin/auth/user/"), {"superuser"}, "admin login"),
    "admin: set a user's password": Row("admin/auth/user/<id>/password/", _get(
        lambda w, r: f"/admin/auth/user/{_admin(w).pk}/password/"), {"superuser"}, "admin login"),
}


def _state(record):
    from django.contrib.auth.models import User

    rec = FundAllocation.objects.filter(pk=record.pk).first()
    c = confirmation_for(record)
    accounts = list(User.objects.order_by("pk").values_list("username", "password", "is_active", "is_staff",
                                                           "is_superuser"))
    return (rec and rec.amount, c and c.state, Change.objects.count(), accounts)


def _cases():
    for action, row in ROWS.items():
        for persona in PERSONAS:
            reason = row.xfail.get(persona)
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            yield pytest.param(action, persona, marks=marks, id=f"{action}-{persona}")


def _refused(response, row, persona):
    if row.refused == "admin login":
        return response.status_code == 302 and response["Location"].startswith("/admin/login/")
    if persona == "anonymous" and response.status_code == 302:
        return "/accounts/login/" in response["Location"]
    expected = 403 if row.refused == "forbidden" else 404
    return response.status_code == expected


@pytest.mark.parametrize("action,persona", list(_cases()))
def test_it_allows_and_refuses_by_role(db, action, persona):
    world = make_world()
    record = report_fund(world)
    row = ROWS[action]
    row.request(Client(), world, record)  # the objects the row needs exist before the state is taken
    client = Client()
    if persona != "anonymous":
        client.force_login(world.users[persona])
    before = _state(record)
    response = row.request(client, world, record)
    if persona in row.allowed:
        # Reached: the page, a redirect after the change, or the form again with what was wrong in it.
        assert response.status_code in (200, 302, 400), (action, persona, response.status_code)
        if response.status_code == 302:
            assert "/login/" not in response["Location"], (action, persona, response["Location"])
    else:
        assert _refused(response, row, persona), (action, persona, response.status_code)
        assert _state(record) == before  # a refused request changes nothing


def _patterns(resolver=None, prefix=""):
    from django.urls import get_resolver
    from django.urls.resolvers import URLResolver

    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            yield from _patterns(p, prefix + str(p.pattern))
        else:
            yield prefix + str(p.pattern), p


# Admin views that an app adds with AdminSite.admin_view itself (no marker to read): checked by the test below.
ADMIN_VIEWS_GATED_BY_HAND = {"admin/otp_totp/totpdevice/<int:pk>/config/",
                             "admin/otp_totp/totpdevice/<int:pk>/qrcode/"}


@pytest.mark.parametrize("route", sorted(ADMIN_VIEWS_GATED_BY_HAND))
@pytest.mark.parametrize("persona", PERSONAS)
def test_the_second_factors_secret_is_shown_to_no_one_in_the_admin(db, route, persona):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    world = make_world()
    device = TOTPDevice.objects.create(user=world.users["national"], name="phone", confirmed=True)
    client = Client()
    if persona != "anonymous":
        client.force_login(world.users[persona])
    response = client.get("/" + route.replace("<int:pk>", str(device.pk)))
    if world.users.get(persona) is not None and world.users[persona].is_staff:
        assert response.status_code == 403
    else:
        # Sent to the admin's sign-in, or first to give the second factor (the device's owner).
        assert response.status_code == 302
        assert response["Location"].startswith(("/admin/login/", "/accounts/second-factor/verify/"))
    assert device.key not in response.content.decode()


def test_it_has_a_row_for_every_url_pattern():
    """Every pattern of the project has a row; an admin pattern without a row of its own must be behind the
    admin's gate (staff only), checked pattern by pattern: each admin view wrapped by AdminSite.admin_view,
    except its sign-in page and its catch-all (which answers 404 or a redirect to the sign-in)."""
    from tests.accounts.test_permission_matrix_api import api_routes

    covered = {row.route for row in ROWS.values()} | api_routes()
    missing, ungated = [], []
    patterns = list(_patterns())
    for route, pattern in patterns:
        if route.startswith("admin/") and route not in covered:
            # AdminSite.get_urls and ModelAdmin.get_urls mark each view they wrap in AdminSite.admin_view.
            gated = hasattr(pattern.callback, "admin_site") or hasattr(pattern.callback, "model_admin")
            gated = gated or route in ADMIN_VIEWS_GATED_BY_HAND
            if not gated and pattern.name not in ("login", None) and "catch_all" not in pattern.lookup_str:
                ungated.append(route)
        elif route not in covered:
            missing.append(route)
    assert not missing, f"URL patterns without a row in the permission matrix: {missing}"
    assert not ungated, f"admin patterns outside the admin's gate: {ungated}"
    assert len(patterns) > 150  # the project's 57 and the admin's


def test_it_would_notice_a_pattern_without_a_row(monkeypatch):
    """The coverage test can fail: drop one row's route and the pattern shows as missing."""
    dropped = dict(ROWS)
    del dropped["data checks"]
    monkeypatch.setattr(__import__(__name__, fromlist=["ROWS"]), "ROWS", dropped)
    with pytest.raises(AssertionError, match="reports/checks/"):
        test_it_has_a_row_for_every_url_pattern()


@pytest.mark.parametrize("persona,allowed", [("qingdao", True), ("national", True), ("anshun", False),
                                             ("guangzhou", False), ("enterprise", False)])
def test_it_lets_only_the_reporting_side_accept_the_other_figure(db, persona, allowed):
    world = make_world()
    record = report_fund(world)
    do_answer_with_figure(world.users["anshun"], confirmation_for(record), "800000")
    client = Client()
    client.force_login(world.users[persona])
    response = client.post(f"/records/fund_allocation/{record.pk}/accept/")
    record.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert record.amount == 800000 and confirmation_for(record).state == "confirmed"
    else:
        assert response.status_code == 404
        assert record.amount == 1000000 and confirmation_for(record).state == "disputed"


def test_it_scopes_visible_pairings_to_the_offices_line(db):
    from counterpart.accounts.access import visible_pairings

    world = make_world()
    names = {u: {p.pk for p in visible_pairings(world.users[u])} for u in world.users}
    assert names["qingdao"] == {world.qd_gz.pk, world.shinan_pingba.pk}
    assert names["anshun"] == {world.qd_gz.pk, world.shinan_pingba.pk}
    assert names["guangzhou"] == {world.gz_bs.pk}
    assert names["national"] == names["superuser"] == {world.qd_gz.pk, world.shinan_pingba.pk, world.gz_bs.pk}
    assert names["enterprise"] == set() and names["norole"] == set()


def test_it_lets_an_enterprise_edit_only_its_own_donations(db):
    from counterpart.accounts.access import can_edit_record
    from counterpart.confirmations.actions import do_report_record
    from counterpart.ledger.models import Donation

    world = make_world()
    own, _ = do_report_record(world.users["enterprise"], Donation, pairing=world.qd_gz, year=2024,
                              donor=world.enterprise, amount="50000")
    other, _ = do_report_record(world.users["qingdao"], Donation, pairing=world.qd_gz, year=2024,
                                donor=world.qd_gz.donor, amount="60000")
    assert can_edit_record(world.users["enterprise"], own)
    assert not can_edit_record(world.users["enterprise"], other)
    assert confirmation_for(own).side == "donor"
