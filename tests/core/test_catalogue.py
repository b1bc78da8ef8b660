import re

from counterpart.indicators.catalogue import catalogue
from tests.helpers import SPEC


def test_it_holds_every_indicator_of_the_specification_with_both_labels():
    spec = SPEC.read_text(encoding="utf-8")
    codes = re.findall(r"^\| `(\w+)` \|", spec, flags=re.MULTILINE)
    assert codes and set(codes) <= set(catalogue())
    for code in codes:
        row = catalogue()[code]
        line = next(line for line in spec.splitlines() if line.startswith(f"| `{code}` |"))
        assert row["label_en"] in line and row["label_zh"] in line
        assert row["unit_en"] and row["unit_zh"]


def test_it_gives_money_the_unit_cny():
    money = {c for c, r in catalogue().items() if r["unit"] == "CNY"}
    assert money == {"gov_aid_funds", "social_donations", "enterprise_investment", "labor_service_income"}
