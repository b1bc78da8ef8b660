"""Amounts as offices type them: 元, 万元 or 亿元, with separators or full-width digits, stored exactly."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from counterpart.indicators.validation import parse_value


@pytest.mark.parametrize("raw, expected", [
    ("120万", "1200000"), ("120万元", "1200000"), ("1.5亿", "150000000"), ("1.5亿元", "150000000"),
    ("3,200", "3200"), ("3,200 元", "3200"), ("１２０万", "1200000"), ("0.0001", "0.0001"), ("12萬", "120000"),
    ("31250000.00", "31250000"), (" 75 万元 ", "750000"), (1500000, "1500000"), ("2.4 yuan", "2.4"),
])
def test_it_reads_amounts_as_written_and_stores_them_exactly(raw, expected):
    assert parse_value(raw) == Decimal(expected)


def test_a_unit_chosen_beside_the_field_scales_a_bare_number_only():
    assert parse_value("120", scale=10_000) == Decimal(1200000)
    assert parse_value("1.25", scale=10 ** 8) == Decimal(125000000)
    assert parse_value("120万", scale=10 ** 8) == Decimal(1200000)  # the written word wins


@pytest.mark.parametrize("raw", ["万", "abc", "12万万", "-5万", "nan", "1e400", "1.00005", 1.5, "", "１２x"])
def test_it_refuses_what_is_not_an_amount(raw):
    with pytest.raises(ValidationError):
        parse_value(raw)
