"""Amounts typed as offices write them: a unit chosen beside the number, or written in it ("120万")."""
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from counterpart.ledger.models import FundAllocation
from counterpart.web.amounts import AmountField
from tests.world import make_world, report_fund, signed_in


@pytest.mark.parametrize(("typed", "unit", "stored"), [
    ("120万", "1", "1200000.00"),
    ("120", "10000", "1200000.00"),
    ("1.5亿元", "10000", "150000000.00"),  # the unit written in the number wins over the one chosen
    ("１２０万", "1", "1200000.00"),
    ("3,200 元", "1", "3200.00"),
    ("0.35", "100000000", "35000000.00"),
    ("1000000.5", "1", "1000000.50"),
])
def test_it_reads_an_amount_in_yuan_wan_or_yi_exactly(typed, unit, stored):
    assert AmountField().clean([typed, unit]) == Decimal(stored)


def test_it_names_what_is_wrong_in_chinese():
    field = AmountField()
    with translation.override("zh-hans"), pytest.raises(Exception) as exc:
        field.clean(["很多", "1"])
    assert "很多" in exc.value.messages[0] and "不是数字" in exc.value.messages[0]
    with translation.override("zh-hans"), pytest.raises(Exception) as exc:
        field.clean(["0.001", "1"])
    assert "分" in exc.value.messages[0]
    with translation.override("zh-hans"), pytest.raises(Exception) as exc:
        field.clean(["-5万", "1"])
    assert "负" in exc.value.messages[0]


def test_a_county_office_enters_120_wan_on_the_page(db):
    world = make_world()
    client = signed_in(world, "qingdao", "zh-hans")
    url = f"/pairings/{world.qd_gz.pk}/records/fund_allocation/new/"
    page = client.get(url).content.decode()
    assert 'name="amount_0"' in page and 'name="amount_1"' in page and "万元" in page and "亿元" in page
    response = client.post(url, {"year": "2024", "amount_0": "120万", "amount_1": "1", "qualifier": "exact",
                                 "recipient_places": "安顺市"})
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post(url, {"year": "2024", "amount_0": "35", "amount_1": "10000", "qualifier": "exact",
                                 "recipient_places": "安顺市"})
    assert response.status_code == 302
    assert sorted(FundAllocation.objects.values_list("amount", flat=True)) == [Decimal(350000), Decimal(1200000)]


def test_a_bad_amount_comes_back_with_what_was_typed_and_nothing_saved(db):
    world = make_world()
    client = signed_in(world, "qingdao", "zh-hans")
    response = client.post(f"/pairings/{world.qd_gz.pk}/records/fund_allocation/new/",
                           {"year": "2024", "amount_0": "一百二十万", "amount_1": "10000", "qualifier": "exact",
                            "recipient_places": "安顺市"})
    page = response.content.decode()
    assert response.status_code == 200 and "一百二十万" in page and "不是数字" in page and "金额" in page
    assert FundAllocation.objects.count() == 0


def test_the_edit_form_shows_a_chinese_reader_wan_and_an_english_one_yuan(db):
    world = make_world()
    record = report_fund(world, amount="15000000")
    url = f"/records/fund_allocation/{record.pk}/edit/"
    zh = signed_in(world, "qingdao", "zh-hans").get(url).content.decode()
    assert 'name="amount_0" value="1500"' in zh and '<option value="10000" selected>万元</option>' in zh
    en = signed_in(world, "qingdao", "en").get(url).content.decode()
    assert 'name="amount_0" value="15000000"' in en and '<option value="1" selected>yuan</option>' in en


def test_a_spreadsheet_cell_of_120_wan_imports_as_1_2_million(db):
    world = make_world()
    client = signed_in(world, "qingdao", "en")
    csv = ("pairing,donor,recipients,year,amount,qualifier,purpose\n"
           "Qingdao-Guizhou,青岛市,安顺市,2024,120万,exact,roads\n"
           "Qingdao-Guizhou,青岛市,安顺市,2024,1.5亿元,exact,\n")
    response = client.post("/import/", {"kind": "fund_allocation", "dry_run": "1",
                                        "file": SimpleUploadedFile("funds.csv", csv.encode("utf-8"))})
    ctx = response.context
    assert ctx["n_errors"] == 0, [r.errors for r in ctx["results"]]
    client.post("/import/", {"kind": "fund_allocation", "token": ctx["token"], "commit": "1"})
    assert sorted(FundAllocation.objects.values_list("amount", flat=True)) == [Decimal(1200000), Decimal(150000000)]
