"""Bad input gets a clear error naming the field, and nothing is half saved."""
import pytest
from django.core.exceptions import ValidationError

from counterpart.pairings.actions import do_create_agreement
from counterpart.plans.actions import (
    do_add_plan_item,
    do_add_target,
    do_adjust_plan_item,
    do_create_plan,
    do_derive_plan,
    do_set_weights,
)
from counterpart.plans.models import Adjustment, AnnualPlan, AssessmentWeights, PlanItem, Target
from tests.helpers import pairing
from tests.plans.helpers import plan, tree

pytestmark = pytest.mark.usefixtures("english")

def refused(field, fn, *args, **kwargs):
    with pytest.raises(ValidationError) as exc:
        fn(*args, **kwargs)
    assert field in exc.value.message_dict, exc.value.message_dict
    return " ".join(exc.value.message_dict[field])


def agreement(p):
    return do_create_agreement(p, "Framework agreement", 2011, 2015, kind="framework")


@pytest.mark.django_db
class TestTargets:
    def test_it_refuses_a_target_for_an_unknown_indicator(self):
        top, _sub = tree()
        assert "not an indicator of the catalogue" in refused("indicator", do_add_target, agreement(top),
                                                               "happiness_index", "10", year=2012)
        assert Target.objects.count() == 0

    def test_it_refuses_a_negative_target(self):
        top, _sub = tree()
        assert "negative" in refused("value", do_add_target, agreement(top), "aid_projects", "-3", year=2012)

    @pytest.mark.parametrize("year", [1948, 2101, "soon"])
    def test_it_refuses_a_year_out_of_range(self, year):
        top, _sub = tree()
        refused("year", do_add_target, agreement(top), "aid_projects", "3", year=year)
        refused("year", do_create_plan, top, year)
        assert Target.objects.count() == 0 and AnnualPlan.objects.count() == 0

    def test_it_refuses_a_target_outside_the_agreements_period(self):
        top, _sub = tree()
        assert "outside the agreement's period" in refused("year", do_add_target, agreement(top),
                                                            "aid_projects", "3", year=2016)

    def test_it_refuses_a_target_for_a_pairing_outside_the_agreement(self):
        top, _sub = tree()
        other = pairing("440000", "450000", "province_province", 2011)
        assert "sub-pairings" in refused("pairing", do_add_target, agreement(top), "aid_projects", "3",
                                         pairing=other, year=2012)

    def test_it_refuses_a_float(self):
        top, _sub = tree()
        refused("value", do_add_target, agreement(top), "gov_aid_funds", 1.5, year=2012)

    def test_it_derives_a_plan_from_the_years_targets_only(self):
        top, sub = tree()
        a = agreement(top)
        do_add_target(a, "aid_projects", "10", year=2012)
        do_add_target(a, "aid_projects", "3", year=2012, pairing=sub)
        do_add_target(a, "aid_projects", "60")  # the whole period: not split into years by arithmetic
        made = do_derive_plan(a, 2012)
        assert sorted(made.items.values_list("value", flat=True)) == [3, 10]
        assert made.derived_from == a
        assert "no targets for 2013" in refused("year", do_derive_plan, a, 2013)


@pytest.mark.django_db
class TestPlans:
    def test_it_refuses_a_second_plan_for_the_same_year(self):
        top, _sub = tree()
        plan(top)
        assert "already has a plan" in refused("year", do_create_plan, top, 2013)

    def test_it_refuses_a_year_the_pairing_does_not_run(self):
        top, _sub = tree()
        assert "does not run" in refused("year", do_create_plan, top, 2005)

    def test_it_refuses_a_plan_item_for_an_unknown_indicator_or_a_negative_value(self):
        top, _sub = tree()
        p = plan(top)
        refused("indicator", do_add_plan_item, p, "gdp", "5")
        refused("value", do_add_plan_item, p, "aid_projects", "-5")
        assert PlanItem.objects.count() == 0


@pytest.mark.django_db
class TestAdjustments:
    def item(self):
        top, _sub = tree()
        return plan(top, gov_aid_funds="16400000").items.get()

    def test_it_refuses_an_adjustment_without_a_reason(self):
        item = self.item()
        message = refused("reason", do_adjust_plan_item, item, "31250000", reason_kind="disaster", reason="  ",
                          approved_by="Qingdao City", approved_on="2013-08-01")
        assert "reason" in message
        assert Adjustment.objects.count() == 0

    def test_it_refuses_an_unknown_kind_of_reason(self):
        refused("reason_kind", do_adjust_plan_item, self.item(), "1", reason_kind="whim", reason="because",
                approved_by="x", approved_on="2013-08-01")

    def test_it_refuses_an_adjustment_nobody_approved_or_without_a_date(self):
        item = self.item()
        refused("approved_by", do_adjust_plan_item, item, "1", reason_kind="cost", reason="r", approved_by="",
                approved_on="2013-08-01")
        refused("approved_on", do_adjust_plan_item, item, "1", reason_kind="cost", reason="r", approved_by="x",
                approved_on="August")
        refused("approved_on", do_adjust_plan_item, item, "1", reason_kind="cost", reason="r", approved_by="x",
                approved_on="2020-01-01")
        assert Adjustment.objects.count() == 0

    def test_it_refuses_a_negative_adjusted_value(self):
        refused("value", do_adjust_plan_item, self.item(), "-1", reason_kind="cost", reason="r", approved_by="x",
                approved_on="2013-08-01")


@pytest.mark.django_db
class TestWeights:
    def test_it_refuses_weights_that_do_not_add_up(self):
        message = refused("weights", do_set_weights, {"gov_aid_funds": "0.5", "aid_projects": "0.4"})
        assert "add up to 0.9" in message and "not 1 (100 %)" in message
        refused("weights", do_set_weights, {"gov_aid_funds": "60%", "aid_projects": "50%"})
        assert AssessmentWeights.objects.count() == 0

    def test_it_refuses_a_weight_for_an_unknown_indicator(self):
        assert "happiness" in refused("weights", do_set_weights, {"happiness": "1"})

    def test_it_refuses_negative_or_non_numeric_weights_and_floats(self):
        refused("weights", do_set_weights, {"gov_aid_funds": "-0.5", "aid_projects": "1.5"})
        refused("weights", do_set_weights, {"gov_aid_funds": "half"})
        refused("weights", do_set_weights, {"gov_aid_funds": 1.0})
        refused("weights", do_set_weights, {})

    def test_it_refuses_a_lag_margin_of_a_whole_year_or_more(self):
        refused("lag_margin", do_set_weights, {"aid_projects": "1"}, "1.5")
        refused("lag_margin", do_set_weights, {"aid_projects": "1"}, "-0.1")
        assert AssessmentWeights.objects.count() == 0

    def test_it_accepts_percentages_adding_up_to_100(self):
        made = do_set_weights({"gov_aid_funds": "60%", "aid_projects": "40 %"})
        assert made.weights == {"gov_aid_funds": "0.6", "aid_projects": "0.4"}
