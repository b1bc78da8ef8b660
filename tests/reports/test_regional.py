"""Region views on both hierarchies: what a place received and from whom, what it gave and to whom."""
import io
from decimal import Decimal

from openpyxl import load_workbook

from counterpart.geo.models import Region
from counterpart.reports import aggregation as agg
from counterpart.reports.regional import region_data, region_document
from counterpart.reports.render import render
from tests.reports.conftest import find


def _gov(data, year=2011):
    pk = next(pk for pk, ind in data["indicators"].items() if ind.code == "gov_aid_funds")
    return data["by_year"][(year, pk)].value


def test_it_counts_what_a_province_received_once_whatever_its_parts(demo_facts):
    guizhou = Region.objects.get(adcode="520000")
    data = region_data(guizhou, "recipient")
    pairing_total = agg.total(indicators="gov_aid_funds", years=2011, pairing=find("Qingdao-Guizhou")).value
    assert _gov(data) == pairing_total == Decimal(31250000)  # 31.25 million with its parts, not added again


def test_it_names_who_gave_and_who_received(demo_facts):
    qingdao = Region.objects.get(adcode="370200")
    given = region_data(qingdao, "donor")
    assert _gov(given) >= Decimal(31250000)
    doc = region_document(given, "zh-hans")
    partners = next(t for t in doc.tables() if t.sheet == "结对方")
    assert any("贵州" in row[0] for row in partners.rows)
    received = region_document(region_data(Region.objects.get(adcode="520000"), "recipient"), "zh-hans")
    assert any("青岛" in row[0] for row in next(t for t in received.tables() if t.sheet == "结对方").rows)


def test_it_names_a_place_as_it_was_in_the_figures_year(demo_facts):
    pingba = Region.objects.get(adcode="520403")  # 平坝县 until 2014
    doc = region_document(region_data(pingba, "recipient"), "zh-hans")
    assert doc.title == "平坝县受援情况"
    assert region_document(region_data(pingba, "recipient"), "en").title == "What Pingba County received"


def test_it_shows_official_figures_unless_asked_for_everything_reported(demo_facts):
    from counterpart.accounts.models import Role
    from counterpart.confirmations.actions import do_report_record
    from counterpart.ledger.models import FundAllocation
    from counterpart.reports.summary import refresh
    from tests.helpers import unit
    from tests.world import make_user

    qd_gz = find("Qingdao-Guizhou")
    do_report_record(make_user("qd", Role.OFFICE, unit("370200")), FundAllocation, recipients=[unit("520400")],
                     pairing=qd_gz, year=2011, donor=qd_gz.donor, amount="7777777")  # reported, not confirmed
    refresh()
    guizhou = Region.objects.get(adcode="520000")
    official, everything = region_data(guizhou, "recipient"), region_data(guizhou, "recipient", "reported")
    assert _gov(everything) - _gov(official) == Decimal(7777777)
    for fmt in ("csv", "html"):
        assert b"7777777" not in render(region_document(official, "en"), fmt).replace(b",", b"")


def test_the_page_answers_in_chinese_with_downloads_and_refuses_bad_addresses(demo_facts, client):
    page = client.get("/reports/regions/520000/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "贵州省受援情况" in html and "?side=donor" in html and "format=xlsx" in html and "下辖地区" in html
    assert "/records/" not in html  # the public sees sources, not the offices' records
    xlsx = client.get("/reports/regions/520000/?format=xlsx&lang=zh")
    assert xlsx.status_code == 200 and "attachment" in xlsx["Content-Disposition"]
    assert load_workbook(io.BytesIO(xlsx.content)).sheetnames
    assert client.get("/reports/regions/520000/?format=pdf&lang=zh").content.startswith(b"%PDF")
    for bad in ("abc", "999999", "52000"):
        assert client.get(f"/reports/regions/{bad}/").status_code == 404
    assert client.get("/reports/regions/520000/?side=elsewhere").status_code == 404
    assert client.get("/reports/regions/520000/?format=exe").status_code == 404


def test_reported_figures_and_record_links_are_for_the_national_office(demo_facts, client):
    from counterpart.accounts.models import Role
    from tests.world import make_user

    anonymous = client.get("/reports/regions/520000/?basis=reported").content.decode()
    assert "正式数字" in anonymous  # the basis is ignored for the public
    client.force_login(make_user("nat", Role.NATIONAL))
    page = client.get("/reports/regions/520000/?basis=reported").content.decode()
    assert "全部报送数字" in page and "/records/" in page


def test_a_region_is_found_by_its_name_or_a_former_name(demo_facts, client):
    assert "/reports/regions/520000/" in client.get("/reports/regions/?q=贵州").content.decode()
    assert "/reports/regions/520403/" in client.get("/reports/regions/?q=平坝县").content.decode()
    assert "没有名为" in client.get("/reports/regions/?q=不存在的地方").content.decode()

