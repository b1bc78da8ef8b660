"""The inbox at scale: filters, paging, and confirming in bulk through the same action as a record's page."""
from counterpart.confirmations.actions import confirmation_for, do_confirm_many
from counterpart.confirmations.models import Confirmation
from counterpart.web.records import INBOX_PAGE
from tests.world import make_world, report_fund, signed_in


def _client(world, who):
    return signed_in(world, who, "zh-hans")


def test_it_confirms_the_ticked_reports_and_names_each_refusal(db):
    world = make_world()
    mine = [report_fund(world, amount=str(1000 + i)) for i in range(3)]
    other = report_fund(world, pairing=world.gz_bs, user="guangzhou")
    ids = [confirmation_for(r).pk for r in mine] + [confirmation_for(other).pk]
    anshun = _client(world, "anshun")
    response = anshun.post("/confirmations/confirm/", {"c": ids, "back": "?year=2024"})
    assert response.status_code == 302 and response["Location"] == "/confirmations/?year=2024"
    assert [confirmation_for(r).state for r in mine] == ["confirmed"] * 3
    assert confirmation_for(other).state == "pending"  # not Anshun's to see, so not found
    page = anshun.get("/confirmations/").content.decode()
    assert "已确认 3 条报送。" in page and f"报送 {ids[-1]} 未能确认：没有这条待确认的报送。" in page


def test_the_reporting_side_cannot_confirm_its_own_reports_in_bulk(db):
    world = make_world()
    record = report_fund(world)
    done, refused = do_confirm_many(world.users["qingdao"], [confirmation_for(record).pk, 99999999])
    assert done == [] and [pk for pk, _ in refused] == [confirmation_for(record).pk, 99999999]
    assert confirmation_for(record).state == "pending"


def test_it_filters_by_year_kind_and_pairing_and_pages_each_section(db):
    world = make_world()
    for i in range(INBOX_PAGE + 2):
        report_fund(world, amount=str(100 + i), year=2024)
    report_fund(world, amount="777777", year=2023)
    client = _client(world, "anshun")
    first = client.get("/confirmations/").content.decode()
    assert f"({INBOX_PAGE + 3})" in first and "page_mine=2" in first and "第 1 页，共 2 页" in first
    second = client.get("/confirmations/?page_mine=2").content.decode()
    assert second.count('name="c"') == 3
    only_2023 = client.get("/confirmations/?year=2023").content.decode()
    assert only_2023.count('name="c"') == 1 and "77.7777万元" in only_2023
    assert client.get("/confirmations/?kind=donation").content.decode().count('name="c"') == 0
    assert client.get("/confirmations/?q=贵州").content.decode().count('name="c"') == INBOX_PAGE
    assert client.get("/confirmations/?q=安顺").content.decode().count('name="c"') == INBOX_PAGE  # a recipient
    assert client.get("/confirmations/?q=百色").content.decode().count('name="c"') == 0
    for bad in ("?year=abc", "?year=99999999999999999999", "?kind=nothing", "?page_mine=-1", "?page_mine=x"):
        assert client.get("/confirmations/" + bad).status_code == 200, bad
    assert Confirmation.objects.filter(state="confirmed").count() == 0  # reading confirms nothing
