"""A published report kept as JSON comes back as the same document, so every format renders identically."""
import json

from counterpart.closing.snapshots import document_from_json, document_to_json
from counterpart.pairings.actions import find_pairing
from counterpart.reports.annual import annual_data, annual_document
from counterpart.reports.national import national_data, national_document
from counterpart.reports.render import render


def test_it_keeps_the_national_statistics_and_an_annual_report_exactly(demo):
    docs = [national_document(national_data(2011), "zh-hans"),
            annual_document(annual_data(find_pairing("Qingdao-Guizhou"), 2011), "en")]
    for doc in docs:
        kept = document_from_json(json.loads(json.dumps(document_to_json(doc))))
        assert kept == doc
        assert render(kept, "csv") == render(doc, "csv")
        assert render(kept, "html") == render(doc, "html")


def test_it_keeps_the_report_of_a_parent_whose_figures_are_all_in_its_sub_pairings(db):
    from django.contrib.auth.models import User

    from counterpart.closing.actions import do_close_year
    from counterpart.closing.models import Snapshot
    from counterpart.confirmations.actions import confirmation_for, do_confirm, do_report_record
    from counterpart.ledger.models import FundAllocation
    from tests.world import make_world

    world = make_world()
    record, _ = do_report_record(world.users["qingdao"], FundAllocation, pairing=world.shinan_pingba, year=2024,
                                 donor=world.shinan_pingba.donor, amount="1000")
    do_confirm(world.users["anshun"], confirmation_for(record))
    revision = do_close_year(User.objects.get(username="national"), 2024)
    kept = set(Snapshot.objects.filter(revision=revision, kind="annual").values_list("pairing_id", flat=True))
    assert kept == {world.shinan_pingba.pk, world.qd_gz.pk}
