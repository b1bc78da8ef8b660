from decimal import Decimal

import pytest

from counterpart.geo.models import Region
from counterpart.indicators.models import Observation, Status
from counterpart.reports import aggregation as agg
from counterpart.reports.summary import refresh
from tests.reports.conftest import find

M = Decimal(1_000_000)


def test_it_counts_the_qingdao_funds_once_not_with_their_parts(demo_facts):
    fig = agg.total(indicators="gov_aid_funds", pairing=find("Qingdao-Guizhou"), years=2011)
    assert fig.value == Decimal("31.25") * M
    assert fig.n == 1


def test_it_counts_a_sub_pairing_figure_in_its_own_pairing_but_not_again_above(demo_facts):
    assert agg.total(indicators="gov_aid_funds", pairing=find("Shinan-Pingba")).value == Decimal("1.2") * M
    nation = agg.total(indicators="gov_aid_funds", years=2011).value
    assert nation == Decimal("31.25") * M + 35 * M


def test_it_applies_the_rule_within_a_breakdown(demo_facts):
    by_level = agg.totals(by=["source_level"], indicators="gov_aid_funds", pairing=find("Qingdao-Guizhou"))
    # 2.4 + 1.85 million; Shinan's 1.2 million is part of the 1.85 and not added again.
    assert by_level[("county",)].value == Decimal("4.25") * M
    assert by_level[("prefecture",)].value == 27 * M


def test_it_rolls_up_by_donor_and_recipient_region(demo_facts):
    shandong = Region.objects.get(adcode="370000")
    guizhou = Region.objects.get(adcode="520000")
    laoshan = Region.objects.get(adcode="370212")
    assert agg.total(indicators="gov_aid_funds", donor_region=shandong).value == Decimal("31.25") * M
    assert agg.total(indicators="social_donations", recipient_region=guizhou).value == Decimal(750000)
    assert agg.total(indicators="social_donations", donor_region=laoshan).value == Decimal(630000)


def test_it_carries_qualifiers_through_sums(demo_facts):
    assert agg.total(indicators="event_participants").qualifier == "at_least"
    assert agg.combine_qualifiers(1, 0, 0) == "at_least"
    assert agg.combine_qualifiers(1, 0, 1) == "approx"
    assert agg.combine_qualifiers(0, 0, 0) == "exact"


def test_it_counts_confirmed_figures_only_in_official_totals_and_never_withdrawn(demo_facts):
    total = Observation.objects.get(indicator__code="gov_aid_funds", value=Decimal(31250000))
    Observation.objects.filter(pk=total.pk).update(status=Status.REPORTED)
    refresh()
    qd = find("Qingdao-Guizhou")
    # Unconfirmed total: the official figure is its confirmed parts, each once.
    assert agg.total(indicators="gov_aid_funds", pairing=qd).value == Decimal("31.25") * M
    reported = agg.total(indicators="gov_aid_funds", pairing=qd, basis="reported")
    assert reported.value == Decimal("31.25") * M and reported.unconfirmed == 1
    Observation.objects.filter(pk=total.pk).update(status=Status.WITHDRAWN)
    Observation.objects.filter(value=Decimal(16400000)).update(status=Status.WITHDRAWN)
    refresh()
    assert agg.total(indicators="gov_aid_funds", pairing=qd, basis="reported").value == Decimal("31.25") * M
    assert agg.total(indicators="gov_aid_funds", pairing=qd, basis="reported").n == 4


def test_it_computes_year_on_year_change():
    assert agg.change(agg.Figure(Decimal("872.2")), agg.Figure(Decimal("840.3"))) == Decimal("3.8")
    assert agg.change(agg.Figure(Decimal(1)), None) is None


def test_precomputed_rollups_agree_with_the_live_query(demo_facts):
    qd = find("Qingdao-Guizhou")
    rolled = agg.rollup(scope=qd, years=2011)
    live = agg.totals(by=["indicator"], pairing=qd, years=2011)
    assert {k[1]: v.value for k, v in rolled.items()} == {
        agg_code(i): v.value for (i,), v in live.items()}


def agg_code(pk):
    from counterpart.indicators.models import Indicator

    return Indicator.objects.get(pk=pk).code


@pytest.mark.usefixtures("english")
def test_it_refuses_unknown_indicators_and_bases(demo_facts):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="not an indicator"):
        agg.total(indicators="gold")
    with pytest.raises(ValidationError, match="basis"):
        agg.total(basis="guessed")
