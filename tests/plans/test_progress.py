"""The daily progress table (counterpart/plans/progress.py) gives, for every date, the same actuals as
reading the observations directly, totals and parts included."""
import datetime

import pytest

from counterpart.plans import actuals, progress
from counterpart.plans.assessment import _end_of_day
from counterpart.plans.models import Progress
from tests.plans.helpers import obs, plan, tree


@pytest.mark.django_db
def test_it_replays_every_date_as_the_observations_do():
    top, sub = tree()
    plan(top, gov_aid_funds="1000", aid_projects="10")
    plan(sub, aid_projects="5")  # a leaf: read directly, not stored
    obs(sub, "gov_aid_funds", "100", at="01-10")
    obs(top, "gov_aid_funds", "50", at="03-05")
    # A total on the top pairing recorded after its parts on the sub-pairing: the parts count until then.
    parts_first = [obs(sub, "aid_projects", "2", at="02-01"), obs(sub, "aid_projects", "3", at="02-01")]
    total = obs(top, "aid_projects", "7", at="06-15")
    for part in parts_first:
        type(part).objects.filter(pk=part.pk).update(part_of=total)
    # A total recorded before its part, both on the sub-pairing: the part never counts.
    early = obs(sub, "gov_aid_funds", "400", at="04-01")
    late_part = obs(sub, "gov_aid_funds", "150", at="05-01")
    type(late_part).objects.filter(pk=late_part.pk).update(part_of=early)
    obs(sub, "gov_aid_funds", "999", at="02-02", status="reported")  # not confirmed: never counts

    progress.refresh()
    assert Progress.objects.filter(day__isnull=True).count() == 2  # only the pairing with sub-pairings
    wanted = {(top.pk, i) for i in Progress.objects.values_list("indicator_id", flat=True)}
    for day in ("2013-01-09", "2013-01-10", "2013-02-01", "2013-04-30", "2013-05-01", "2013-06-14",
                "2013-06-15", "2013-12-31"):
        cut = _end_of_day(datetime.date.fromisoformat(day))
        assert progress.read(2013, wanted, cut) == actuals._direct(2013, wanted, cut), day
    june = progress.read(2013, wanted, _end_of_day(datetime.date(2013, 6, 14)))
    assert sorted(june.values()) == [5, 550]  # the parts before their total; 100 + 50 + 400 funds


@pytest.mark.django_db
def test_it_is_rebuilt_with_the_reports_read_model_and_read_only_while_it_matches(
        django_capture_on_commit_callbacks, monkeypatch):
    from counterpart.reports import summary

    with django_capture_on_commit_callbacks(execute=True):
        summary.refresh()  # a small database: not built, not read
    assert not progress.fresh() and not Progress.objects.exists()
    monkeypatch.setattr(summary, "NATIONAL_SCALE", 0)  # as if at national scale

    top, sub = tree()
    plan(top, aid_projects="10")
    obs(sub, "aid_projects", "4")
    assert not progress.fresh()
    with django_capture_on_commit_callbacks(execute=True):
        summary.refresh()
    assert progress.fresh() and Progress.objects.filter(day__isnull=False).count() == 1
