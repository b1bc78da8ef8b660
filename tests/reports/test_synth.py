from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from counterpart.indicators.models import Observation
from counterpart.pairings.models import Pairing
from counterpart.reports import aggregation as agg
from counterpart.reports.models import Fact


@pytest.fixture
def tiny(db):
    call_command("synth", "--scale", "tiny", "--seed", "3", "--quiet")


def test_it_builds_pairing_trees_down_to_enterprise_village(tiny):
    levels = set(Pairing.objects.values_list("level", flat=True))
    assert levels == {"province_province", "city_city", "county_county", "enterprise_village"}
    ev = Pairing.objects.filter(level="enterprise_village").select_related("recipient__region", "parent__recipient")
    for p in ev[:5]:
        assert p.recipient.region.level == 5 and p.recipient.region.parent_id == p.parent.recipient.region_id
    assert Fact.objects.count() == Observation.objects.exclude(status="withdrawn").count()


def test_it_is_the_same_for_the_same_seed(tiny):
    first = sorted(Observation.objects.values_list("value", flat=True))[:50]
    assert first == sorted(Observation.objects.values_list("value", flat=True))[:50]
    assert Observation.objects.filter(part_of__isnull=False).exists()


def test_its_national_rollups_count_totals_not_their_parts(tiny):
    year = max(Fact.objects.values_list("year", flat=True))
    rolled = agg.rollup(years=year)[(year, "gov_aid_funds", "")].value
    tops = Observation.objects.filter(indicator__code="gov_aid_funds", year=year, status="confirmed",
                                      part_of__isnull=True)
    # Each confirmed total counts; the parts of a confirmed total do not; parts of an unconfirmed total do.
    parts_of_unconfirmed = Observation.objects.filter(
        indicator__code="gov_aid_funds", year=year, status="confirmed", part_of__status__in=["reported", "disputed"])
    expected = sum(tops.values_list("value", flat=True), Decimal(0)) + sum(
        parts_of_unconfirmed.values_list("value", flat=True), Decimal(0))
    assert rolled == expected
    live = agg.totals(by=["indicator"], years=year)
    codes = dict(Observation.objects.values_list("indicator_id", "indicator__code").distinct())
    assert {codes[i]: f.value for (i,), f in live.items()} == {
        c: f.value for (_y, c, _v), f in agg.rollup(years=year).items()}


def test_it_refuses_a_database_that_already_has_pairings(tiny):
    with pytest.raises(CommandError, match="without pairings"):
        call_command("synth", "--scale", "tiny", "--quiet")
