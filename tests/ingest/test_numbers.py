"""Figures in text: digits, scales, number words, units, qualifiers, and what is not a figure."""
from decimal import Decimal

import pytest

from counterpart.ingest.extract.numbers import find_quantities


def one(text):
    qs = find_quantities(text)
    assert len(qs) == 1, [q.text for q in qs]
    return qs[0]


@pytest.mark.parametrize("text,value,unit", [
    ("arranged a fund of 16.4 million Yuan", "16400000", "CNY"),
    ("a total investment of 143 billion Yuan", "143000000000", "CNY"),
    ("received 150,000 labors", "150000", None),
    ("invested RMB 5 million", "5000000", "CNY"),
    ("3.2 ten thousand yuan", "32000", "CNY"),
    ("捐款530万元", "5300000", "CNY"),
    ("安排资金1.2亿元", "120000000", "CNY"),
    ("built 3,000 km of roads", "3000", "km"),
    ("3,000 mu of farmland", "3000", "mu"),
    ("twenty-five schools", "25", None),
    ("two hundred people", "200", None),
])
def test_it_converts_figures_to_base_units(text, value, unit):
    q = one(text)
    assert q.value_str == value
    assert q.unit == unit


def test_it_reads_number_words_and_times():
    q = one("went to Dongguan four times")
    assert (q.value, q.unit) == (Decimal(4), "times")
    q = one("a dozen of poor villages")
    assert (q.value, q.qualifier) == (Decimal(12), "approx")


@pytest.mark.parametrize("text,qualifier", [
    ("more than 100 members", "at_least"), ("over 60 towns", "at_least"), ("about 500 teachers", "approx"),
    ("nearly 90,000 people", "approx"), ("some 180,000 poor people", "approx"), ("up to 30 students", "at_most"),
    ("less than 10 projects", "at_most"), ("培训100多人", "at_least"), ("1,000 people or more", "at_least"),
    ("exactly 13 cadres", "exact"),
])
def test_it_reads_qualifiers(text, qualifier):
    assert one(text).qualifier == qualifier


@pytest.mark.parametrize("text", [
    "On March 10, the forum", "In April 2011, Guangdong", "during the 12th Five-Year Plan", "(2011-2020)",
    "In 2011 the city", "a 5G network", "one product for one village", "No. 3 Middle School", "2011年3月",
])
def test_it_ignores_dates_years_ordinals_and_codes(text):
    assert find_quantities(text) == []


def test_it_keeps_offsets_into_the_text():
    text = "Qingdao arranged financial relief fund of 16.4 million Yuan, of which 14 million Yuan"
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.text
