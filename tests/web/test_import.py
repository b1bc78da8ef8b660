"""Bulk import: templates, dry run with every row's errors, all-or-nothing commit, idempotent re-import."""
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from counterpart.ledger.models import FundAllocation
from tests.world import make_world


def _csv(rows):
    lines = ["pairing,donor,recipients,year,amount,qualifier,purpose", *rows]
    return SimpleUploadedFile("funds.csv", ("\n".join(lines) + "\n").encode("utf-8"))


def _client(world):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.users["qingdao"])
    return client


def _upload(client, file):
    response = client.post("/import/", {"kind": "fund_allocation", "file": file, "dry_run": "1"})
    return response, response.context


def test_it_offers_a_template_per_record_type(db):
    world = make_world()
    response = _client(world).get("/import/project/template.xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    header = [c.value for c in wb.worksheets[0][1]]
    assert header[:3] == ["Pairing", "Donor", "Recipients"] and "Title" in header and "Output indicator" in header


def test_it_shows_every_rows_errors_and_saves_nothing(db):
    world = make_world()
    client = _client(world)
    response, ctx = _upload(client, _csv([f"{world.qd_gz.pk},Qingdao,安顺,2024,1000000,exact,roads",
                                          f"{world.qd_gz.pk},Qingdao,Atlantis,2024,lots,exact,",
                                          "Nowhere-Never,Qingdao,安顺,2024,5,exact,"]))
    errors = [r.errors for r in ctx["results"]]
    assert errors[0] == [] and len(errors[1]) == 2 and "pairing" in errors[2][0]
    assert ctx["n_errors"] == 2
    response = client.post("/import/", {"kind": "fund_allocation", "token": ctx["token"], "commit": "1"})
    assert FundAllocation.objects.count() == 0
    assert "nothing was saved" in response.content.decode()


def test_it_imports_all_rows_once_even_when_the_file_comes_twice(db):
    world = make_world()
    client = _client(world)
    wb = Workbook()
    ws = wb.active
    ws.append(["pairing", "donor", "recipients", "year", "amount", "qualifier", "purpose"])
    ws.append(["Qingdao-Guizhou", "青岛市", "安顺市；平坝区", 2024, 1000000.5, "exact", "roads"])
    ws.append(["Qingdao-Guizhou", "青岛市", "安顺市", 2024, 200000, "exact", ""])
    ws.append(["Qingdao-Guizhou", "青岛市", "安顺市", 2024, 200000, "exact", ""])  # a second, equal grant
    data = io.BytesIO()
    wb.save(data)
    for _attempt in range(2):
        _, ctx = _upload(client, SimpleUploadedFile("funds.xlsx", data.getvalue()))
        assert ctx["n_errors"] == 0
        client.post("/import/", {"kind": "fund_allocation", "token": ctx["token"], "commit": "1"})
        assert FundAllocation.objects.count() == 3
    assert ctx["n_existing"] == 3
    amounts = sorted(str(f.amount) for f in FundAllocation.objects.all())
    assert amounts == ["1000000.50", "200000.00", "200000.00"]


def test_it_refuses_rows_for_pairings_the_user_cannot_enter(db):
    world = make_world()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.users["guangzhou"])
    _, ctx = _upload(client, _csv([f"{world.qd_gz.pk},Qingdao,安顺,2024,1000000,exact,"]))
    assert ctx["n_errors"] == 1
