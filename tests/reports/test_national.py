from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from counterpart.reports.national import national_data, national_document, summary_sentence


def test_it_adds_every_pairing_up_once(demo_facts):
    data = national_data(2011)
    assert data["official"][(2011, "gov_aid_funds", "")].value == Decimal(66250000)
    assert data["official"][(2011, "exchange_visits", "")].value == Decimal(250)  # the 4 are part of the 250
    assert [p.name_en for p, _f in data["top"]] == ["Guangdong–Guangxi", "Qingdao–Guizhou"]


def test_it_says_the_national_total_in_a_sentence(demo_facts):
    data = national_data(2011)
    assert summary_sentence(data, "en").startswith("In 2011, donor regions provided a total of government aid funds "
                                                   "of 66.25 million yuan")
    assert "6625万元" in summary_sentence(data, "zh-hans")
    doc = national_document(data, "en")
    assert {t.sheet for t in doc.tables()} >= {"Totals", "By purpose", "By source level", "Top pairings"}


@pytest.mark.usefixtures("english")
def test_it_refuses_a_year_without_figures(demo_facts):
    with pytest.raises(ValidationError, match="no figures for 1999"):
        national_data(1999)
