from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from counterpart.indicators.models import Observation
from counterpart.ledger.models import FundAllocation
from counterpart.pairings.models import Pairing
from counterpart.reports import aggregation as agg
from counterpart.reports.models import Fact
from counterpart.reports.synth.build import LAST_YEAR, SCALES, build


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


def test_it_is_the_same_for_the_same_seed_on_every_database(tiny):
    # The same figures whether loaded by COPY (PostgreSQL) or executemany (SQLite).
    obs = Observation.objects.all()
    assert (obs.count(), obs.filter(part_of__isnull=False).count()) == (1005, 280)
    assert sum(obs.values_list("value", flat=True)) == Decimal(58081921036)
    assert FundAllocation.objects.count() == obs.filter(record_id__isnull=False).count()


def test_its_totals_have_their_parts_linked(tiny):
    parts = Observation.objects.filter(part_of__isnull=False).select_related("part_of")
    sums, skewed = defaultdict(Decimal), 0
    for part in parts:
        total = part.part_of
        assert total.part_of_id is None and not total.dims
        assert (part.indicator_id, part.year, part.pairing_id) == (total.indicator_id, total.year, total.pairing_id)
        sums[total] += part.value
    assert {t.indicator.code for t in sums} == {"gov_aid_funds", "social_donations"}
    for total, value in sums.items():
        if total.value != value:  # a few aggregates disagree with their detail, for the checks to find
            skewed += 1
            assert total.value == value * Decimal("1.05")
    assert skewed < len(sums) / 10
    donations = Observation.objects.filter(indicator__code="social_donations", part_of__isnull=False)
    assert set(donations.values_list("dims__form", flat=True)) == {"cash", "in_kind"}


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


def test_its_counts_follow_the_scale(tiny):
    scale = SCALES["tiny"]
    assert Pairing.objects.filter(level="province_province").count() == scale.provinces
    for city in Pairing.objects.filter(level="city_city"):
        assert 1 <= city.children.count() <= scale.counties
    counties = Pairing.objects.filter(level="county_county")
    assert Pairing.objects.filter(level="enterprise_village").count() == counties.count() * scale.villages
    assert Observation.objects.values("year").distinct().count() == scale.years
    # Every enterprise–village pairing reports every year from its start.
    ev = Pairing.objects.filter(level="enterprise_village").first()
    years = set(Observation.objects.filter(pairing=ev).values_list("year", flat=True))
    assert years == set(range(ev.start_year, LAST_YEAR + 1))


def test_a_recipient_city_gets_a_donor_even_where_the_donor_province_has_fewer(db):
    from counterpart.reports.synth.build import _cycled

    assert _cycled(["a", "b"], [1, 2, 3], 5) == [("a", 1), ("b", 2), ("a", 3)]
    assert _cycled(["a", "b"], [1, 2, 3], 2) == [("a", 1), ("b", 2)]
    assert _cycled([], [1, 2], 5) == []


def test_it_explains_an_unknown_scale(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="not a scale"):
        build("huge", 1)


def test_annual_data_reads_the_same_totals_from_the_rollups_as_from_the_facts(tiny):
    from counterpart.reports.annual import MONEY, annual_data, years_with_figures

    codes = dict(Observation.objects.values_list("indicator_id", "indicator__code").distinct())
    for level, depth in (("province_province", 0), ("city_city", 1), ("county_county", 2)):
        pairing = Pairing.objects.filter(level=level).first()
        live_years = sorted(Fact.objects.filter(**{f"p{depth}": pairing.pk}).values_list("year", flat=True).distinct())
        assert years_with_figures(pairing) == live_years
        data = annual_data(pairing, LAST_YEAR)
        live = agg.totals(by=[f"p{depth + 1}", "indicator"], basis="reported", pairing=pairing, years=LAST_YEAR,
                          indicators=MONEY)
        expected = {}
        for (child, ind), fig in live.items():
            if child is not None:
                expected.setdefault(child, {})[codes[ind]] = fig
        assert data["child_totals"] == expected and expected
