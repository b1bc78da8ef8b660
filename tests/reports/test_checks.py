from decimal import Decimal

from counterpart.indicators.actions import do_record_observation
from counterpart.indicators.models import Observation, Status
from counterpart.ledger.models import FundAllocation
from counterpart.reports.checks import run_checks
from tests.helpers import pairing, report, user


def test_it_finds_nothing_wrong_in_the_demo_data(demo):
    results = run_checks()
    assert {k: v["count"] for k, v in results.items()} == {
        "parts_exceed_total": 0, "detail_differs": 0, "money_without_source": 0, "unconfirmed": 0}


def test_it_lists_each_kind_of_problem_with_a_link_to_fix_it(db):
    p, alice = pairing(), user()
    total = do_record_observation(indicator="gov_aid_funds", value="1000000", year=2012, pairing=p, entered_by=alice,
                                  status=Status.CONFIRMED)
    report(FundAllocation, pairing=p, year=2012, amount="600000", parts_of={"amount": total},
           source_level="prefecture")
    part = report(FundAllocation, pairing=p, year=2012, amount="300000", parts_of={"amount": total})
    results = run_checks()
    # 900,000 of detail against an aggregate of 1,000,000: more than 1 % apart.
    differs = results["detail_differs"]["problems"]
    assert len(differs) == 1 and differs[0].fix_url.endswith(f"/{total.pk}/change/")
    assert results["unconfirmed"]["count"] == 1  # the two records are reported, awaiting confirmation
    assert results["money_without_source"]["count"] == 0
    # Data written before the rule existed: a part larger than what is left of its total.
    Observation.objects.filter(record_id=part.pk, record_type__model="fundallocation").update(value=Decimal(700000))
    exceed = run_checks()["parts_exceed_total"]["problems"]
    assert [pr.observation_ids for pr in exceed] == [[total.pk]]


def test_it_flags_money_that_does_not_say_who_paid(db):
    p = pairing()
    do_record_observation(indicator="gov_aid_funds", value="5000", year=2013, pairing=p, entered_by=user(),
                          status=Status.CONFIRMED)
    problems = run_checks()["money_without_source"]["problems"]
    assert [(pr.pairing_id, pr.year) for pr in problems] == [(p.pk, 2013)]
    assert problems[0].fix_url == f"/pairings/{p.pk}/"
