"""Weighted scores, ranking, lag flags during the year, adjustments in force, weights versions."""
import datetime
from decimal import Decimal

import pytest

from counterpart.plans.actions import do_add_plan_item, do_adjust_plan_item, do_set_weights
from counterpart.plans.assessment import assess, current_weights, expected_progress
from counterpart.plans.models import Adjustment
from tests.helpers import pairing
from tests.plans.helpers import day, obs, plan, tree, weights


@pytest.mark.django_db
class TestScore:
    def test_it_weights_capped_completion_rates(self):
        weights(gov_aid_funds="0.75", aid_projects="0.25")
        top, _sub = tree()
        plan(top, gov_aid_funds="100", aid_projects="10")
        obs(top, "gov_aid_funds", "50")
        obs(top, "aid_projects", "30")  # 300 %: shown, but counts 100 % in the score
        card = assess(2013).by_pairing(top.pk)
        rates = {i.rate for i in card.items}
        assert rates == {Decimal("0.5"), Decimal(3)}
        assert card.score == Decimal("62.50")  # 0.75 * 0.5 + 0.25 * 1

    def test_it_renormalises_over_the_weighted_indicators_a_pairing_planned(self):
        weights(gov_aid_funds="0.5", aid_projects="0.5")
        top, _sub = tree()
        plan(top, aid_projects="10", trainees="100")  # trainees carries no weight: shown, not scored
        obs(top, "aid_projects", "8")
        card = assess(2013).by_pairing(top.pk)
        assert card.score == Decimal("80.00")
        assert [i.scored for i in card.items] == [True, False]

    def test_it_scores_an_indicator_planned_only_for_sub_pairings_on_their_sum(self):
        weights(aid_projects="1")
        top, sub = tree()
        other = pairing("370214", "520424", "county_county", 2011, parent=top)
        p = plan(top)
        do_add_plan_item(p, "aid_projects", "10", pairing=sub)
        do_add_plan_item(p, "aid_projects", "10", pairing=other)
        obs(sub, "aid_projects", "10")
        obs(other, "aid_projects", "5")
        card = assess(2013).by_pairing(top.pk)
        assert card.score == Decimal("75.00")
        assert all(i.sub for i in card.items)

    def test_it_ranks_with_ties_overall_and_within_level(self):
        weights(aid_projects="1")
        a = pairing("370200", "520000", "city_province", 2011)
        b = pairing("440100", "451000", "city_city", 2011)
        c = pairing("441900", "451200", "city_city", 2011)
        for p, done in ((a, "5"), (b, "10"), (c, "10")):
            plan(p, aid_projects="10")
            obs(p, "aid_projects", done)
        result = assess(2013)
        got = {s.pairing_id: (s.rank, s.rank_in_level) for s in result.scorecards}
        assert got == {b.pk: (1, 1), c.pk: (1, 1), a.pk: (3, 1)}

    def test_a_pairing_without_weighted_items_is_listed_but_not_ranked(self):
        weights(aid_projects="1")
        top, _sub = tree()
        plan(top, trainees="10")
        [card] = assess(2013).scorecards
        assert card.score is None and card.rank is None


@pytest.mark.django_db
class TestLagging:
    def test_it_flags_a_pairing_trailing_the_pro_rated_plan_during_the_year(self):
        weights("0.10", aid_projects="1")
        top, _sub = tree()
        plan(top, aid_projects="100")
        obs(top, "aid_projects", "20")  # 20 % done by the end of June: behind the ~50 % expected
        mid = assess(2013, as_of=day("2013-06-30"))
        assert mid.expected == Decimal("0.4959")
        assert mid.scorecards[0].lagging and mid.scorecards[0].items[0].lagging
        early = assess(2013, as_of=day("2013-02-15"))  # 12 % expected, within the margin
        assert not early.scorecards[0].lagging

    def test_figures_recorded_after_the_date_do_not_count_yet(self):
        weights(aid_projects="1")
        top, _sub = tree()
        plan(top, aid_projects="10")
        o = obs(top, "aid_projects", "10")
        type(o).objects.filter(pk=o.pk).update(created_at=datetime.datetime(2013, 9, 1, tzinfo=datetime.UTC))
        assert assess(2013, as_of=day("2013-08-01")).scorecards[0].items[0].actual == 0
        assert assess(2013, as_of=day("2013-09-02")).scorecards[0].items[0].actual == 10

    def test_at_the_years_end_it_flags_a_miss_larger_than_the_margin(self):
        weights("0.10", aid_projects="1")
        top, _sub = tree()
        plan(top, aid_projects="100")
        obs(top, "aid_projects", "89")
        assert assess(2013).scorecards[0].lagging
        assert expected_progress(2013, None) == 1


@pytest.mark.django_db
class TestAdjustments:
    def test_the_original_stays_and_the_latest_approved_adjustment_is_in_force(self):
        weights(gov_aid_funds="1")
        top, _sub = tree()
        p = plan(top, gov_aid_funds="16400000")
        item = p.items.get()
        do_adjust_plan_item(item, "31250000", reason_kind="disaster", reason="drought", approved_by="Qingdao City",
                            approved_on="2013-08-01")
        do_adjust_plan_item(item, "30000000", reason_kind="cost", reason="cheaper wells",
                            approved_by="Qingdao City", approved_on="2013-10-01")
        obs(top, "gov_aid_funds", "30000000")
        item.refresh_from_db()
        assert item.value == Decimal(16400000)
        assert Adjustment.objects.count() == 2
        final = assess(2013).scorecards[0].items[0]
        assert (final.planned, final.adjusted, final.rate) == (Decimal(16400000), Decimal(30000000), 1)
        september = assess(2013, as_of=day("2013-09-01")).scorecards[0].items[0]
        assert september.adjusted == Decimal(31250000)
        assert assess(2013, as_of=day("2013-07-01")).scorecards[0].items[0].adjusted is None


@pytest.mark.django_db
class TestWeightsVersions:
    def test_new_weights_add_a_version_and_old_results_stay_reproducible(self):
        first = weights(aid_projects="1")
        second = do_set_weights({"aid_projects": "50%", "trainees": "50%"}, "0.2")
        assert (first.version, second.version) == (1, 2)
        assert current_weights().version == 2 and current_weights(1).weights == {"aid_projects": "1"}
        top, _sub = tree()
        plan(top, aid_projects="10", trainees="10")
        obs(top, "aid_projects", "10")
        assert assess(2013).scorecards[0].score == 50
        assert assess(2013, weights=current_weights(1)).scorecards[0].score == 100
