"""Chinese figures: scale words, qualifiers, numerals, measure words; what is not a figure."""
from decimal import Decimal

import pytest

from counterpart.ingest.extract.zh.numbers import cn_value, find_quantities
from counterpart.ingest.extract.zh.text import simplified


def one(text):
    qs = find_quantities(simplified(text))
    assert len(qs) == 1, qs
    return qs[0]


@pytest.mark.parametrize("text, value, unit, qualifier", [
    ("投入资金3200多万元", "32000000", "CNY", "at_least"),
    ("捐款2亿余元", "200000000", "CNY", "at_least"),
    ("实际投资1.6万亿元", "1600000000000", "CNY", "exact"),
    ("改造基本农田近1.9万亩", "19000", "mu", "approx"),
    ("有10万左右农民工", "100000", None, "approx"),
    ("投入一千六百四十万元", "16400000", "CNY", "exact"),
    ("举办培训班两期", "2", "期", "exact"),
    ("安排幫扶資金24.7億元", "2470000000", "CNY", "exact"),
    ("培訓12萬人次", "120000", "人次", "exact"),
    ("实施项目712个", "712", "个", "exact"),
    ("实施帮扶项目2046个", "2046", "个", "exact"),
    ("投入资金超1亿元", "100000000", "CNY", "at_least"),
    ("修建道路 18 公里", "18", "km", "exact"),
    ("铺设管道3500米", "3.5", "km", "exact"),
])
def test_it_reads_chinese_figures(text, value, unit, qualifier):
    q = one(text)
    assert q.value == Decimal(value) and q.unit == unit and q.qualifier == qualifier


@pytest.mark.parametrize("text", [
    "帮扶4年来", "2019年12月12日 10:40:01", "电话0632-3181189", "第二十三次联席会议", "年劳务输出收入数十亿元",
    "户均增收3500元", "县均投入帮扶资金3000万元", "每村补助50万元", "较去年增长25.3%", "“十万山东人游重庆”活动",
    "占外出务工农民的1/6", "是20年前的15倍", "一批项目",
])
def test_it_leaves_out_what_is_not_a_figure(text):
    assert find_quantities(simplified(text)) == []


def test_batches_and_people_are_two_figures():
    qs = find_quantities("先后选派5批60名干部")
    assert [(str(q.value), q.unit) for q in qs] == [("5", "批"), ("60", "名")]


@pytest.mark.parametrize("numeral, value", [("一千六百四十万", 16400000), ("两", 2), ("十二", 12), ("三十六", 36),
                                            ("一亿二千万", 120000000)])
def test_chinese_numerals(numeral, value):
    assert cn_value(numeral) == value
