"""Kept scores (counterpart/plans/scores.py): at national scale the year-end scores are kept after each
full rebuild of the reports and each new weights version, scored again by the write that changes a plan
or a figure it counts, never written by a read, and the assessment read from them agrees with the one
computed item by item, ranks, lag flags and dates included."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from counterpart.plans import scores
from counterpart.plans.actions import do_add_plan_item, do_adjust_plan_item
from counterpart.plans.assessment import assess
from counterpart.plans.models import AnnualPlan, PlanItem, PlanScore
from counterpart.reports import summary as read_model
from tests.helpers import pairing
from tests.plans.helpers import obs, plan, weights
from tests.plans.test_bulk import summary, world


@pytest.fixture
def national(monkeypatch, django_capture_on_commit_callbacks):
    """The bulk world at "national scale": its read model refreshed, and what runs after commit run."""
    from counterpart.plans import assessment

    world()
    monkeypatch.setattr(read_model, "NATIONAL_SCALE", -1)  # any read model counts as national scale
    monkeypatch.setattr(assessment, "BULK_ITEMS", 0)  # every whole-year assessment is a bulk one
    with django_capture_on_commit_callbacks(execute=True):
        read_model.refresh()
    return django_capture_on_commit_callbacks


def kept():
    return dict(PlanScore.objects.values_list("plan_id", "cents"))


def read_from_kept_scores():
    with CaptureQueriesContext(connection) as queries:
        result = assess(2013)
    sqls = [q["sql"] for q in queries.captured_queries]
    return result, any("plans_planscore" in q for q in sqls), any("reports_owntotal" in q for q in sqls)


@pytest.mark.django_db
def test_a_refresh_keeps_every_plans_score_and_the_assessment_reads_them(national):
    assert len(kept()) == AnnualPlan.objects.count() == 5
    assert sum(v is None for v in kept().values()) == 1  # the plan with nothing weighted
    result, read_kept, computed = read_from_kept_scores()
    assert read_kept and not computed
    assert summary(result) == summary(assess(2013, bulk=False))
    assert result.rollups_at == read_model.state().refreshed_at
    result.load()  # items are still filled in on demand
    assert all(c.items for c in result.scorecards)


@pytest.mark.django_db
def test_a_changed_plan_is_scored_again_and_the_others_are_kept(national):
    p_other = AnnualPlan.objects.get(items__indicator__code="labor_transferred", pairing__level="city_city")
    before = kept()
    do_adjust_plan_item(p_other.items.get(indicator__code="gov_aid_funds"), "400", reason_kind="cost",
                        reason="costs rose", approved_by="national office", approved_on="2013-09-01")
    after = kept()  # scored again by the adjustment itself
    result, read_kept, computed = read_from_kept_scores()
    assert read_kept and not computed and kept() == after
    assert summary(result) == summary(assess(2013, bulk=False))
    assert after[p_other.pk] < before[p_other.pk]  # the raised target lowered its score
    assert {k: v for k, v in after.items() if k != p_other.pk} == {k: v for k, v in before.items() if k != p_other.pk}


@pytest.mark.django_db
def test_new_plans_are_kept_by_their_writes(national):
    fresh = plan(pairing("440300", "451200", "city_city", 2011))
    assert fresh.pk in kept() and kept()[fresh.pk] is None  # nothing planned yet
    do_add_plan_item(fresh, "gov_aid_funds", "80")
    assert fresh.pk in kept()
    result, read_kept, computed = read_from_kept_scores()
    assert read_kept and not computed
    assert summary(result) == summary(assess(2013, bulk=False))


@pytest.mark.django_db
def test_a_new_sub_pairing_scores_its_parents_plans_again(national):
    top = AnnualPlan.objects.get(pairing__level="city_province").pairing
    PlanScore.objects.all().delete()
    pairing("370211", "520402", "county_county", 2011, parent=top)
    assert set(kept()) == set(AnnualPlan.objects.filter(pairing=top).values_list("pk", flat=True))


@pytest.mark.django_db
def test_many_plans_to_score_are_scored_in_one_bulk_query(national, monkeypatch):
    PlanScore.objects.all().delete()
    monkeypatch.setattr(scores, "BULK_PLANS", 1)
    with CaptureQueriesContext(connection) as queries:
        result = assess(2013)
    assert any("reports_owntotal" in q["sql"] for q in queries.captured_queries)
    assert summary(result) == summary(assess(2013, bulk=False))
    assert not kept()  # a read writes nothing


@pytest.mark.django_db
def test_new_weights_are_kept_at_once_and_old_results_keep_theirs(national):
    old = assess(2013)
    with national(execute=True):
        new = weights("0.10", gov_aid_funds="0.2", aid_projects="0.2", trainees="0.6")
    assert PlanScore.objects.filter(weights_version=new.version).count() == 5
    result, read_kept, computed = read_from_kept_scores()
    assert read_kept and not computed and result.weights == new
    assert summary(result) == summary(assess(2013, bulk=False))
    assert summary(assess(2013, weights=old.weights)) == summary(old)


@pytest.mark.django_db
def test_a_figure_recorded_after_the_refresh_counts_at_once(national):
    """As the reports: the write keeps the read model and the scores it reaches, no refresh needed."""
    from counterpart.pairings.models import Pairing

    other = Pairing.objects.get(level="city_city")  # 200 delivered of 250 (adjusted) planned
    before = summary(assess(2013))
    obs(other, "gov_aid_funds", "50")
    result, read_kept, computed = read_from_kept_scores()
    assert read_kept and not computed
    assert summary(result) == summary(assess(2013, bulk=False)) != before


@pytest.mark.django_db
def test_a_date_in_the_year_uses_the_targets_in_force_then(national, monkeypatch):
    """Today or later (figures read as they are): the kept year-end scores, except for plans adjusted
    after the date, which are scored with the target in force on it; lag flags follow the date."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2013, 6, 1))
    for day in (datetime.date(2013, 7, 1), datetime.date(2013, 8, 1), datetime.date(2013, 12, 31)):
        kept_result = assess(2013, as_of=day)
        assert summary(kept_result) == summary(assess(2013, as_of=day, bulk=False)), day
    early = summary(assess(2013, as_of=datetime.date(2013, 7, 1)))
    assert early != summary(assess(2013)) and any(row[4] for row in early)  # lagging pairings, mid-year


@pytest.mark.django_db
def test_a_pairing_moved_outside_the_actions_is_repaired_by_a_refresh(national):
    """No signal watches the pairings: there is no action that moves one, and `report refresh` repairs."""
    from counterpart.pairings.models import Pairing

    moved = Pairing.objects.filter(parent__isnull=False).first()
    moved.parent = None
    moved.save()
    with national(execute=True):
        read_model.refresh()
    result, read_kept, computed = read_from_kept_scores()
    assert read_kept and not computed
    assert summary(result) == summary(assess(2013, bulk=False))


@pytest.mark.django_db
def test_small_databases_keep_nothing():
    world()
    read_model.refresh()
    result = assess(2013, bulk=True)
    assert not PlanScore.objects.exists() and result.rollups_at is None


@pytest.mark.django_db
def test_a_failure_to_keep_scores_loses_nothing(national, monkeypatch):
    from django.db import IntegrityError

    def clash(*args, **kwargs):
        raise IntegrityError("duplicate key value violates unique constraint \"plans_score_once\"")

    PlanScore.objects.all().delete()
    items = PlanItem.objects.count()
    monkeypatch.setattr(scores, "insert_rows", clash)
    do_adjust_plan_item(PlanItem.objects.filter(indicator__code="gov_aid_funds").first(), "1", reason_kind="policy",
                        reason="policy changed", approved_by="national office", approved_on="2013-10-01")
    assert summary(assess(2013)) == summary(assess(2013, bulk=False))
    assert not kept() and PlanItem.objects.count() == items  # the failed keeping rolled back alone


@pytest.mark.django_db
def test_keeping_scores_leaves_the_cached_pages_alone(national):
    """Kept scores are derived: keeping them on a read must not empty every cached page."""
    from counterpart.web.cache import data_version

    PlanScore.objects.filter(pk__in=PlanScore.objects.values("pk")[:2]).delete()
    version = data_version()
    assess(2013)
    with national(execute=True):
        scores.rebuild()
    assert len(kept()) == 5 and data_version() == version
    do_adjust_plan_item(PlanItem.objects.filter(indicator__code="gov_aid_funds").first(), "1", reason_kind="policy",
                        reason="policy changed", approved_by="national office", approved_on="2013-10-01")
    assert data_version() != version  # the change itself still moves the version
