"""Each bad input is refused with a message naming the field, and nothing is half saved."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from counterpart.indicators.actions import do_record_observation
from counterpart.indicators.models import Observation
from counterpart.ledger.models import FundAllocation
from counterpart.pairings.actions import do_create_pairing
from counterpart.pairings.models import Pairing
from tests.helpers import pairing, report, unit, user

pytestmark = pytest.mark.usefixtures("english")


def refused(field, fn, *args, **kwargs):
    with pytest.raises(ValidationError) as exc:
        fn(*args, **kwargs)
    assert field in exc.value.message_dict, exc.value.message_dict
    return " ".join(exc.value.message_dict[field])


def allocation(p, **fields):
    base = {"pairing": p, "year": 2011, "donor": p.donor, "amount": "1000"}
    base.update(fields)
    return report(FundAllocation, recipients=[p.recipient], **base)


@pytest.mark.django_db
class TestAmounts:
    def test_it_refuses_a_negative_amount(self):
        p = pairing()
        assert "negative" in refused("amount", allocation, p, amount="-5")
        assert FundAllocation.objects.count() == 0 and Observation.objects.count() == 0

    def test_it_refuses_a_non_numeric_amount(self):
        assert "not a number" in refused("amount", allocation, pairing(), amount="lots")
        assert FundAllocation.objects.count() == 0

    def test_it_refuses_an_amount_over_ten_to_the_fifteen(self):
        assert "10^15" in refused("amount", allocation, pairing(), amount="1000000000000001")
        assert FundAllocation.objects.count() == 0

    def test_it_refuses_a_float(self):
        refused("value", do_record_observation, indicator="gov_aid_funds", value=1.5, year=2011,
                pairing=pairing(), entered_by=user())

    def test_it_keeps_exact_decimals(self):
        record = allocation(pairing(), amount="16400000.10")
        obs = Observation.objects.get(record_id=record.pk)
        assert obs.value == Decimal("16400000.10")


@pytest.mark.django_db
class TestYears:
    @pytest.mark.parametrize("year", [1948, 2101, "MMXI"])
    def test_it_refuses_a_year_outside_1949_to_2100(self, year):
        refused("year", allocation, pairing(), year=year)
        assert FundAllocation.objects.count() == 0

    def test_it_refuses_an_observation_for_a_bad_year(self):
        refused("year", do_record_observation, indicator="exchange_visits", value="3", year=1900,
                pairing=pairing(), entered_by=user())


@pytest.mark.django_db
class TestPairings:
    def test_it_refuses_a_region_at_a_level_that_does_not_fit(self):
        # A province-with-province pairing cannot have a city as donor.
        msg = refused("donor", do_create_pairing, unit("370200"), unit("520000"), "province_province", 2011)
        assert "level" in msg
        assert Pairing.objects.count() == 0

    def test_it_refuses_a_pairing_whose_donor_is_its_recipient(self):
        refused("recipient", do_create_pairing, unit("440000"), unit("440000"), "province_province", 2011)
        assert Pairing.objects.count() == 0

    def test_it_refuses_a_duplicate_pairing_for_an_overlapping_period(self):
        pairing("440000", "450000", "province_province", 2011, end_year=2015)
        refused("start_year", pairing, "440000", "450000", "province_province", 2014)
        assert Pairing.objects.count() == 1

    def test_it_accepts_the_same_pair_for_a_later_period(self):
        pairing("440000", "450000", "province_province", 2011, end_year=2015)
        pairing("440000", "450000", "province_province", 2016)
        assert Pairing.objects.count() == 2

    def test_it_refuses_a_sub_pairing_outside_its_parent(self):
        parent = pairing("440000", "450000", "province_province", 2011)
        refused("donor", pairing, "370200", "451000", "city_city", 2011, parent=parent)


@pytest.mark.django_db
class TestTotalsAndParts:
    def test_it_refuses_parts_that_add_up_to_more_than_their_total(self):
        p, u = pairing(), user()
        total = do_record_observation(indicator="gov_aid_funds", value="16400000", year=2011, pairing=p, entered_by=u)
        do_record_observation(indicator="gov_aid_funds", value="14000000", year=2011, pairing=p, entered_by=u,
                              part_of=total)
        msg = refused("part_of", allocation, p, amount="2500000", parts_of={"amount": total})
        assert "more than their total" in msg
        assert FundAllocation.objects.count() == 0  # the record was not half saved without its figure
        assert total.parts.count() == 1

    def test_it_accepts_parts_of_a_lower_bound_that_exceed_it(self):
        p, u = pairing(), user()
        total = do_record_observation(indicator="event_participants", value="400", qualifier="at_least",
                                      year=2011, pairing=p, entered_by=u)
        do_record_observation(indicator="event_participants", value="450", year=2011, pairing=p, entered_by=u,
                              part_of=total)

    def test_it_refuses_a_part_of_another_indicator(self):
        p, u = pairing(), user()
        total = do_record_observation(indicator="gov_aid_funds", value="100", year=2011, pairing=p, entered_by=u)
        refused("part_of", do_record_observation, indicator="social_donations", value="10", year=2011, pairing=p,
                entered_by=u, part_of=total)


@pytest.mark.django_db
class TestCatalogue:
    def test_it_refuses_an_unknown_indicator(self):
        refused("indicator", do_record_observation, indicator="happiness", value="1", year=2011,
                pairing=pairing(), entered_by=user())

    def test_it_refuses_an_unknown_dimension_value(self):
        msg = refused("dims", do_record_observation, indicator="social_donations", value="1", year=2011,
                      pairing=pairing(), entered_by=user(), dims={"form": "crypto"})
        assert "crypto" in msg

    def test_it_refuses_a_figure_without_provenance(self):
        refused("span", do_record_observation, indicator="exchange_visits", value="1", year=2011, pairing=pairing())


@pytest.mark.django_db
def test_it_explains_in_chinese():
    with translation.override("zh-hans"):
        assert "负数" in refused("amount", allocation, pairing(), amount="-5")
