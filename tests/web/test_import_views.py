"""The import pages: the dry run rehearses the commit, names every error, and files wait in shared storage."""
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from counterpart.ledger.models import FundAllocation
from tests.world import make_world

HEADER = "pairing,donor,recipients,year,amount,qualifier,purpose"


def _client(world):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.users["qingdao"])
    return client


def _dry_run(client, body: bytes, name="funds.csv"):
    response = client.post("/import/", {"kind": "fund_allocation", "file": SimpleUploadedFile(name, body),
                                        "dry_run": "1"})
    assert response.status_code == 200
    return response


def test_the_dry_run_reports_what_the_commit_would_refuse_naming_the_year_range(db):
    world = make_world()
    body = "\n".join([HEADER, f"{world.qd_gz.pk},Qingdao,安顺,1900,-1,exact,",
                      f"{world.qd_gz.pk},Qingdao,安顺,-1,5,exact,",
                      f"{world.qd_gz.pk},Qingdao,安顺,2024,1000,exact,ok"]) + "\n"
    ctx = _dry_run(_client(world), body.encode()).context
    errors = [" ".join(r.errors) for r in ctx["results"]]
    assert "1949" in errors[0] and "2100" in errors[0] and "negative" in errors[0], errors[0]
    assert "1949" in errors[1] and "greater than or equal" not in errors[1], errors[1]
    assert errors[2] == "" and ctx["n_errors"] == 2
    assert FundAllocation.objects.count() == 0  # the rehearsal was rolled back


def test_a_clean_dry_run_writes_nothing_and_the_commit_then_saves(db):
    world = make_world()
    client = _client(world)
    ctx = _dry_run(client, f"{HEADER}\n{world.qd_gz.pk},Qingdao,安顺,2024,1000,exact,ok\n".encode()).context
    assert ctx["n_errors"] == 0 and FundAllocation.objects.count() == 0
    assert storages["imports"].exists(ctx["token"])
    client.post("/import/", {"kind": "fund_allocation", "token": ctx["token"], "commit": "1"})
    assert FundAllocation.objects.count() == 1


def test_a_bad_header_is_explained_on_the_page(db):
    world = make_world()
    page = _dry_run(_client(world), b"pairing,amount,amount\n1,2,3\n").content.decode()
    assert "appears more than once" in page and "amount" in page
    page = _dry_run(_client(world), HEADER.encode() + b"\n").content.decode()
    assert "header but no rows" in page


def test_a_template_is_only_xlsx_or_csv(db):
    client = _client(make_world())
    assert client.get("/import/fund_allocation/template.exe").status_code == 404
    assert client.get("/import/fund_allocation/template.csv").status_code == 200


def test_an_expired_or_forged_token_is_refused(db):
    client = _client(make_world())
    page = client.post("/import/", {"kind": "fund_allocation", "token": "../../etc/passwd", "commit": "1"})
    assert "expired" in page.content.decode()
