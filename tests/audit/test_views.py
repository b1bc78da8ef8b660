"""The national office browses, filters and exports the whole audit trail; each entry point leaves its rows."""
import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from counterpart.accounts.access import sides_of
from counterpart.audit.models import Change
from counterpart.confirmations.actions import confirmation_for, do_confirm, do_report_record
from counterpart.ledger.models import Donation, FundAllocation
from tests.helpers import unit
from tests.world import make_world, report_fund


def _client(world, who="national"):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.users[who])
    return client


def test_it_lets_the_national_office_filter_the_log_by_who_pairing_kind_and_date(db):
    world = make_world()
    record = report_fund(world, amount="1000000")
    do_confirm(world.users["anshun"], confirmation_for(record))
    do_report_record(world.users["guangzhou"], Donation, recipients=[unit("451000")], pairing=world.gz_bs,
                     year=2024, donor=world.gz_bs.donor, amount="5")
    client = _client(world)
    page = client.get("/audit/").content.decode()
    assert page.count("<tr>") == 1 + 3
    by_anshun = client.get("/audit/", {"who": "anshun"}).content.decode()
    assert by_anshun.count("<tr>") == 2 and "confirmed" in by_anshun
    assert client.get("/audit/", {"pairing": world.gz_bs.pk}).content.decode().count("<tr>") == 2
    assert client.get("/audit/", {"kind": "donation"}).content.decode().count("<tr>") == 2
    assert "No changes match" in client.get("/audit/", {"from": "2100-01-01"}).content.decode()
    assert client.get("/audit/", {"kind": "fund_allocation", "to": "2100-01-01"}).content.decode().count("<tr>") == 3
    assert _client(world, "qingdao").get("/audit/").status_code == 404


def test_it_exports_the_log_as_csv_in_the_readers_language(db):
    world = make_world()
    report_fund(world, amount="1000000")
    response = _client(world).get("/audit/export.csv", {"who": "qingdao"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["change", "when", "who", "action"]
    assert rows[1][2:4] == ["qingdao", "created"]
    assert any(r[7] == "Government aid funds" and r[9] == "1 million yuan" for r in rows[1:])
    zh = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    zh.force_login(world.users["national"])
    text = zh.get("/audit/export.csv").content.decode("utf-8-sig")
    assert "100万元" in text


def test_the_entry_form_leaves_a_create_row(db):
    world = make_world()
    _client(world, "qingdao").post(f"/pairings/{world.qd_gz.pk}/records/fund_allocation/new/", {
        "year": "2024", "amount": "5000", "qualifier": "exact", "donor_place": "Qingdao", "recipient_places": "安顺"})
    record = FundAllocation.objects.get()
    assert list(Change.objects.values_list("action", "user__username", "object_id")) == [
        ("create", "qingdao", record.pk)]


def test_the_spreadsheet_import_leaves_an_import_row_per_record(db):
    world = make_world()
    client = _client(world, "qingdao")
    content = ("pairing,donor,recipients,year,amount,qualifier,purpose\n"
               f"{world.qd_gz.pk},Qingdao,安顺,2024,1000,exact,roads\n{world.qd_gz.pk},Qingdao,安顺,2024,2000,exact,\n")
    response = client.post("/import/", {"kind": "fund_allocation",
                                        "file": SimpleUploadedFile("f.csv", content.encode())})
    client.post("/import/", {"kind": "fund_allocation", "token": response.context["token"], "commit": "1"})
    assert sorted(Change.objects.values_list("action", "user__username")) == [("import", "qingdao")] * 2
    assert all(confirmation_for(r).state == "pending" for r in FundAllocation.objects.all())


def test_the_demo_loader_shows_who_reported_and_who_confirmed_each_figure(demo):
    """Each seed record is reported by the donor side's demo office and confirmed by the other side's."""
    records = list(FundAllocation.objects.select_related("pairing__donor"))
    assert records
    for record in records:
        c = confirmation_for(record)
        assert c.state == "confirmed" and c.side == "donor"
        changes = {ch.action: ch.user for ch in Change.objects.filter(object_id=record.pk,
                                                                       object_type__model="fundallocation")}
        assert set(changes) == {"import", "confirm"}
        assert changes["import"] == c.reported_by and sides_of(changes["import"], record.pairing) == {"donor"}
        assert changes["confirm"] == c.answered_by and sides_of(changes["confirm"], record.pairing) == {"recipient"}
    assert {c.answered_by.username for c in map(confirmation_for, records)} == {"anshun", "guangxi"}


def test_the_load_demo_command_writes_through_the_same_actions(db):
    call_command("load_demo", "--no-users", stdout=io.StringIO())
    records = Change.objects.filter(object_type__app_label="ledger")
    assert records.filter(action="import").count() == records.filter(action="confirm").count() > 0
    assert not Change.objects.filter(object_type__app_label="ledger", user__isnull=True).exists()
