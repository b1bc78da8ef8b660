"""Accepted narrative figures: reported by the importing side, in the other side's inbox, counted once."""
from decimal import Decimal

from django.test import Client
from django.urls import reverse

from counterpart.audit.actions import history
from counterpart.confirmations.actions import confirmation_for, do_confirm
from counterpart.indicators.models import Observation
from counterpart.ingest.actions import do_accept_all, do_import_document
from counterpart.ingest.duplicates import already_recorded, same_figure
from counterpart.ledger.models import FundAllocation
from tests.ingest.import_helpers import fixed_extractor
from tests.world import make_world

EN = "Shinan District gave 1.2 million Yuan to Pingba County in 2011.\n"
ZH = "2011年，青岛市市南区向安顺市平坝县援助资金120万元。\n"
EN_FACT = {"type": "observation", "indicator": "gov_aid_funds", "value": "1200000", "unit": "CNY",
           "qualifier": "exact", "year": 2011, "donor": {"name": "Shinan District"},
           "recipient": [{"name": "Pingba County"}], "evidence": {"start": 0, "end": len(EN) - 1, "text": EN[:-1]}}
ZH_FACT = dict(EN_FACT, donor={"name": "市南区"}, recipient=[{"name": "平坝县"}],
               evidence={"start": 0, "end": len(ZH) - 1, "text": ZH[:-1]})


def _import(world, text, fact, doc_id):
    # Imported by Qingdao's office: only the importing office (and the nation) reviews a document.
    return do_import_document(text=text, doc_id=doc_id, pairing=world.qd_gz, user=world.users["qingdao"],
                              extractor=fixed_extractor([fact]))


def test_it_reports_accepted_figures_as_the_importing_side_for_the_other_side_to_confirm(db):
    """Issue 12: accepted narrative figures had no confirmation row and no audit row, so never reached the
    other side's inbox and could never be confirmed."""
    world = make_world()
    outcome = _import(world, EN, EN_FACT, "en.txt")
    accepted, failed = do_accept_all(outcome.batch, world.users["qingdao"])
    assert not failed and len(accepted) == 1
    record = FundAllocation.objects.get()
    assert record.pairing == world.shinan_pingba
    c = confirmation_for(record)
    assert (c.side, c.state, c.reported_by) == ("donor", "pending", world.users["qingdao"])
    assert [(h.action, h.user) for h in history(record)] == [("import", world.users["qingdao"])]
    anshun = Client(HTTP_ACCEPT_LANGUAGE="en")
    anshun.force_login(world.users["anshun"])
    inbox = anshun.get("/confirmations/").content.decode()
    assert reverse("record", kwargs={"kind": "fund_allocation", "pk": record.pk}) in inbox
    do_confirm(world.users["anshun"], c)
    assert set(Observation.objects.values_list("status", flat=True)) == {"confirmed"}


def test_it_counts_a_report_imported_again_in_the_other_language_once(db, english):
    """Issue 12: importing the Chinese version of a report already imported in English doubled the totals."""
    world = make_world()
    do_accept_all(_import(world, EN, EN_FACT, "en.txt").batch, world.users["qingdao"])
    total = sum(Observation.objects.values_list("value", flat=True))
    second = _import(world, ZH, ZH_FACT, "zh.txt")
    reviewer = Client(HTTP_ACCEPT_LANGUAGE="en")
    reviewer.force_login(world.users["qingdao"])
    page = reviewer.get(reverse("ingest:document", args=[second.batch.pk])).content.decode()
    record = FundAllocation.objects.get()
    assert "Already recorded" in page and reverse("record", kwargs={"kind": "fund_allocation", "pk": record.pk}) in page
    accepted, failed = do_accept_all(second.batch, world.users["qingdao"])
    assert not failed and len(accepted) == 1
    assert FundAllocation.objects.count() == 1 and Observation.objects.count() == 1
    assert sum(Observation.objects.values_list("value", flat=True)) == total
    obs = Observation.objects.get()
    assert obs.also_stated.filter(document__doc_id="zh.txt").exists()
    assert accepted[0].observation == obs
    assert "restated" in [h.action for h in history(record)]


def test_it_takes_figures_within_half_a_percent_as_the_same():
    assert same_figure(Decimal(66250000), Decimal(66000000))  # 0.38 %
    assert not same_figure(Decimal(1200000), Decimal(1210000))  # 0.83 %
    assert same_figure(Decimal(0), Decimal(0))


def test_it_looks_for_the_figure_in_the_pairing_and_below_it_only(db):
    world = make_world()
    do_accept_all(_import(world, EN, EN_FACT, "en.txt").batch, world.users["qingdao"])
    assert already_recorded("gov_aid_funds", "1201000", 2011, world.qd_gz) is not None
    assert already_recorded("gov_aid_funds", "1201000", 2012, world.qd_gz) is None
    assert already_recorded("gov_aid_funds", "1201000", 2011, world.gz_bs) is None
    assert already_recorded("social_donations", "1200000", 2011, world.qd_gz) is None
