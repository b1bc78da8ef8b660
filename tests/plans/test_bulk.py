"""The bulk assessment (scores from one grouped query) agrees with the item-by-item one: same scores, ranks
and lag flags, and the same items once loaded; with sub-pairings, parts, adjustments and an as-of date."""
import datetime

import pytest

from counterpart.plans.actions import do_add_plan_item, do_adjust_plan_item
from counterpart.plans.assessment import assess
from tests.helpers import pairing
from tests.plans.helpers import obs, plan, tree, weights


def world():
    top, sub = tree()
    leaf2 = pairing("370203", "520402", "county_county", 2011, parent=top)
    other = pairing("440100", "451000", "city_city", 2011)
    weights("0.10", gov_aid_funds="0.5", aid_projects="0.3", trainees="0.2")
    p_top = plan(top, gov_aid_funds="1000", trainees="40")
    do_add_plan_item(p_top, "aid_projects", "8", pairing=sub)  # planned only for a sub-pairing
    do_add_plan_item(p_top, "aid_projects", "2", pairing=leaf2)
    plan(sub, gov_aid_funds="300", aid_projects="6")
    plan(leaf2, gov_aid_funds="100")
    p_other = plan(other, gov_aid_funds="500", aid_projects="5", labor_transferred="9")  # unweighted item
    plan(pairing("440000", "450000", "province_province", 2011), labor_transferred="3")  # nothing weighted
    do_adjust_plan_item(p_other.items.get(indicator__code="gov_aid_funds"), "250", reason_kind="disaster",
                        reason="floods", approved_by="Guangzhou", approved_on="2013-08-01")
    obs(sub, "gov_aid_funds", "200", at="02-01")
    obs(leaf2, "gov_aid_funds", "100", at="09-01")
    obs(top, "gov_aid_funds", "333", at="05-01")
    obs(sub, "aid_projects", "4", at="03-01")
    total = obs(leaf2, "aid_projects", "3", at="06-01")
    part = obs(leaf2, "aid_projects", "2", at="04-01")
    type(part).objects.filter(pk=part.pk).update(part_of=total)
    obs(top, "trainees", "40", at="07-01")
    obs(other, "gov_aid_funds", "200", at="03-01")
    obs(other, "aid_projects", "5", at="10-01", status="reported")


def summary(result):
    return [(c.pairing_id, c.score, c.rank, c.rank_in_level, c.lagging) for c in result.scorecards]


def item_view(result):
    return {c.pairing_id: [(i.item_id, i.actual, i.target, i.rate, i.points) for i in c.items]
            for c in result.scorecards}


@pytest.mark.django_db
@pytest.mark.parametrize("as_of", [None, datetime.date(2013, 7, 1), datetime.date(2013, 4, 15)])
def test_the_bulk_assessment_agrees_with_the_small_one(as_of):
    world()
    small = assess(2013, as_of=as_of, bulk=False)
    big = assess(2013, as_of=as_of, bulk=True)
    assert summary(big) == summary(small)
    assert all(c.items is None for c in big.scorecards)
    big.load(big.scorecards[:2])
    assert [c.items is None for c in big.scorecards] == [False, False] + [True] * (len(big.scorecards) - 2)
    big.load()
    assert item_view(big) == item_view(small)
    assert any(c.score is None for c in big.scorecards)  # a plan with nothing weighted stays unscored


@pytest.mark.django_db
def test_the_bulk_scores_are_the_expected_ones():
    world()
    scores = sorted(c.score for c in assess(2013, bulk=True).scorecards if c.score is not None)
    assert len(scores) == 4 and scores[0] < scores[-1]


@pytest.mark.django_db
def test_at_national_scale_it_reads_the_refreshed_own_totals_and_still_agrees(monkeypatch):
    """At the reports' national scale, year-end actuals come from the read model (rollups for
    pairings with sub-pairings, reports.OwnTotal for the rest); the scores stay those of the small path."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from counterpart.plans.assessment import current_weights
    from counterpart.plans.bulk import assess_in_bulk
    from counterpart.reports import summary as read_model

    world()
    direct = summary(assess(2013, bulk=False))
    monkeypatch.setattr(read_model, "NATIONAL_SCALE", -1)  # any read model counts as national scale
    read_model.refresh()
    with CaptureQueriesContext(connection) as queries:
        big = assess_in_bulk(2013, None, current_weights())
    assert any("JOIN reports_owntotal" in q["sql"] for q in queries.captured_queries)
    assert summary(big) == direct == summary(assess(2013, bulk=False))


@pytest.mark.django_db
def test_it_goes_bulk_on_its_own_above_the_item_limit(monkeypatch):
    from counterpart.plans import assessment
    from counterpart.plans.models import PlanItem

    world()
    n = PlanItem.objects.filter(plan__year=2013).count()
    monkeypatch.setattr(assessment, "BULK_ITEMS", n - 1)
    assert all(c.items is None for c in assess(2013).scorecards)  # scores only: the bulk path
    monkeypatch.setattr(assessment, "BULK_ITEMS", n)
    assert all(c.items is not None for c in assess(2013).scorecards)
