"""Actual figures: confirmed observations of a pairing's subtree, each counted once."""
from decimal import Decimal

import pytest

from counterpart.indicators.models import Status
from counterpart.plans import actuals
from counterpart.plans.actuals import actual, subtree_actuals
from tests.plans.helpers import obs, tree


@pytest.mark.django_db
class TestCountingRule:
    def test_it_never_adds_a_total_to_its_parts(self):
        top, _sub = tree()
        total = obs(top, "gov_aid_funds", "31250000")
        planned = obs(top, "gov_aid_funds", "16400000", part_of=total)
        obs(top, "gov_aid_funds", "14000000", part_of=planned)
        assert actual(top, "gov_aid_funds", 2013) == Decimal(31250000)

    def test_it_counts_a_part_in_the_sub_pairing_whose_total_lies_above_it(self):
        top, sub = tree()
        total = obs(top, "gov_aid_funds", "1850000")
        obs(sub, "gov_aid_funds", "1200000", part_of=total)
        assert actual(top, "gov_aid_funds", 2013) == Decimal(1850000)
        assert actual(sub, "gov_aid_funds", 2013) == Decimal(1200000)

    def test_it_adds_sub_pairings_figures_that_are_nobodys_part(self):
        top, sub = tree()
        obs(top, "aid_projects", "10")
        obs(sub, "aid_projects", "3")
        assert actual(top, "aid_projects", 2013) == 13
        assert actual(sub, "aid_projects", 2013) == 3

    def test_it_counts_only_confirmed_figures_of_the_year(self):
        top, _sub = tree()
        obs(top, "aid_projects", "5")
        obs(top, "aid_projects", "7", status=Status.REPORTED)
        obs(top, "aid_projects", "11", status=Status.WITHDRAWN)
        obs(top, "aid_projects", "13", year=2012)
        assert actual(top, "aid_projects", 2013) == 5

    def test_it_counts_a_part_whose_total_is_not_confirmed(self):
        top, _sub = tree()
        total = obs(top, "aid_projects", "10", status=Status.REPORTED)
        obs(top, "aid_projects", "4", part_of=total)
        assert actual(top, "aid_projects", 2013) == 4

    def test_the_scoped_and_the_national_pass_agree(self, monkeypatch):
        top, sub = tree()
        total = obs(top, "gov_aid_funds", "1850000")
        obs(sub, "gov_aid_funds", "1200000", part_of=total)
        obs(sub, "gov_aid_funds", "300")
        obs(top, "aid_projects", "2")
        wanted = {(p.pk, i) for p in (top, sub) for i in (total.indicator_id,)}
        scoped = subtree_actuals(2013, wanted)
        monkeypatch.setattr(actuals, "SCOPED_LIMIT", 0)
        assert subtree_actuals(2013, wanted) == scoped
        assert scoped[(top.pk, total.indicator_id)] == Decimal(1850300)
        assert scoped[(sub.pk, total.indicator_id)] == Decimal(1200300)

    def test_the_evidence_is_what_the_actual_adds_up(self):
        top, sub = tree()
        total = obs(top, "gov_aid_funds", "1850000")
        obs(sub, "gov_aid_funds", "1200000", part_of=total)
        extra = obs(sub, "gov_aid_funds", "300")
        found = actuals.evidence(top, total.indicator_id, 2013)
        assert {o.pk for o in found} == {total.pk, extra.pk}
        assert sum(o.value for o in found) == actual(top, "gov_aid_funds", 2013)


@pytest.mark.django_db
def test_it_agrees_with_the_reports_aggregation_on_the_demo_data(demo):
    aggregation = pytest.importorskip("counterpart.reports.aggregation")
    summary = pytest.importorskip("counterpart.reports.summary")
    from counterpart.pairings.models import Pairing

    summary.refresh()
    checked = 0
    for p in Pairing.objects.all():
        for code in ("gov_aid_funds", "aid_projects", "exchange_visits", "social_donations", "trainees"):
            theirs = aggregation.total(indicators=[code], years=2011, pairing=p).value
            assert actual(p, code, 2011) == theirs, (p.name_en, code)
            checked += 1
    assert checked == 35  # seven seed pairings, five indicators each
