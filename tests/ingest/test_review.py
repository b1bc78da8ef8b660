"""The review pages: accept, edit, reject proposals in the browser (Django test client, no browser)."""
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from counterpart.demo.loading import load_demo
from counterpart.indicators.facts import export_facts
from counterpart.indicators.models import Observation
from counterpart.ingest.actions import do_import_document
from counterpart.ingest.models import DocumentImport, Proposal
from counterpart.ledger.models import Donation, FundAllocation
from tests.helpers import office, pairing, unit, user
from tests.ingest.import_helpers import (
    SEED_002,
    donors,
    figures,
    fixed_extractor,
    gold_extractor,
    real_extractor,
)

TEXT = "Shinan District gave 1.2 million Yuan to Pingba County in 2011. Total 1.85 million Yuan.\n"
FIGURE = {"type": "observation", "indicator": "gov_aid_funds", "value": "1200000", "unit": "CNY",
          "qualifier": "exact", "year": 2011, "donor": {"name": "Shinan District"},
          "recipient": [{"name": "Pingba County"}], "evidence": {"start": 0, "end": 62, "text": TEXT[:62]}}


def reviewer(client, staff=True, name="reviewer"):
    """Qingdao's office reviewing its report: accepted figures are reported by the donor side."""
    u = office("370200", name)
    u.is_staff = staff
    u.save()
    client.force_login(u)
    return u


def curated_facts(doc_id):
    """What the curated demo loader makes of the document, read in a savepoint that is then undone."""
    point = transaction.savepoint()
    load_demo()
    facts = list(export_facts([doc_id]))
    transaction.savepoint_rollback(point)
    return facts


def import_and_accept_all(client, extractor):
    outcome = do_import_document(SEED_002, extractor=extractor)
    response = client.post(reverse("ingest:accept_all", args=[outcome.batch.pk]))
    assert response.status_code == 302
    return outcome


def test_it_makes_the_curated_figures_from_the_seed_when_every_gold_fact_is_accepted(client, db):
    curated = curated_facts(SEED_002.name)
    reviewer(client)
    outcome = import_and_accept_all(client, gold_extractor)
    assert not outcome.batch.proposals.filter(status="pending").exists()
    imported = list(export_facts([SEED_002.name]))
    assert figures(imported) == figures(curated)
    assert donors(imported) == donors(curated)
    pairs = lambda facts: sorted((f["donor"]["name"], f["recipient"]["name"]) for f in facts if f["type"] == "pairing")
    assert pairs(imported) == pairs(curated)


def test_it_measures_the_real_extractor_against_the_curated_figures(client, db):
    extractor = real_extractor()
    curated = figures(curated_facts(SEED_002.name))
    reviewer(client)
    outcome = import_and_accept_all(client, extractor)
    imported = figures(export_facts([SEED_002.name]))
    matched = sum((imported & curated).values())
    print(f"\nreal extractor on seed 002: {outcome.proposals} proposals; {matched} of {sum(curated.values())} "
          f"curated figures made; {sum((imported - curated).values())} figures the curated data lacks")
    # The extractor must find most of what a person curated; the gap is reported above.
    assert matched >= 0.9 * sum(curated.values())


def test_it_accepts_provenance_both_the_span_and_the_reviewer(client, db):
    me = reviewer(client)
    outcome = import_and_accept_all(client, gold_extractor)
    for obs in Observation.objects.filter(span__document=outcome.document):
        assert obs.entered_by == me and obs.span.document == outcome.document
    funds = FundAllocation.objects.get(amount=Decimal(1200000))
    assert funds.pairing.name_en == "Shinan–Pingba" and funds.pairing.parent.name_en == "Qingdao–Guizhou"
    assert Donation.objects.filter(entered_by=me).count() == 4


def test_it_shows_who_accepted_what(client, db):
    reviewer(client, name="mei")
    outcome = import_and_accept_all(client, gold_extractor)
    page = client.get(reverse("ingest:document", args=[outcome.batch.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert page.count("Accepted by mei on") == outcome.proposals
    assert Proposal.objects.filter(decided_by__username="mei", status="accepted").count() == outcome.proposals


def test_it_accepts_an_edited_value_and_keeps_the_proposal_as_extracted(client, db):
    qd = pairing()
    shinan = pairing("370202", "520403", "county_county", parent=qd)
    outcome = do_import_document(text=TEXT, doc_id="r.txt", pairing=qd, extractor=fixed_extractor([FIGURE]))
    proposal = outcome.batch.proposals.get()
    reviewer(client)
    response = client.post(reverse("ingest:decide", args=[proposal.pk]), {
        "action": "accept", "indicator": "gov_aid_funds", "value": "1250000", "qualifier": "approx", "year": "2011",
        "donor": "Shinan District", "recipient": "Pingba County", "dims": "source_level=county"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "accepted" and proposal.fact["value"] == "1200000"
    assert proposal.edited["value"] == "1250000"
    obs = proposal.observation
    assert (obs.value, obs.qualifier, obs.dims, obs.pairing) == (Decimal(1250000), "approx",
                                                                  {"source_level": "county"}, shinan)
    assert [r.region.adcode for r in obs.recipients.all()] == ["520403"]


def test_it_shows_an_unknown_name_and_accepts_once_the_reviewer_gives_a_code(client, db):
    qd = pairing()
    fact = dict(FIGURE, donor={"name": "Atlantis Prefecture"})
    outcome = do_import_document(text=TEXT, doc_id="r.txt", pairing=qd, extractor=fixed_extractor([fact]))
    proposal = outcome.batch.proposals.get()
    reviewer(client)
    url = reverse("ingest:document", args=[outcome.batch.pk])
    assert "Atlantis Prefecture" in client.get(url).content.decode()
    client.post(reverse("ingest:decide", args=[proposal.pk]), {"action": "accept"})
    proposal.refresh_from_db()
    assert proposal.status == "pending" and Observation.objects.count() == 0
    assert 'errorlist">donor: ' in client.get(url).content.decode()
    client.post(reverse("ingest:decide", args=[proposal.pk]), {"action": "accept", "donor": "370202"})
    proposal.refresh_from_db()
    assert proposal.status == "accepted" and proposal.observation.donor == unit("370202")


def test_it_rejects_a_proposal_without_making_data(client, db):
    outcome = do_import_document(text=TEXT, doc_id="r.txt", pairing=pairing(), extractor=fixed_extractor([FIGURE]))
    proposal = outcome.batch.proposals.get()
    me = reviewer(client)
    client.post(reverse("ingest:decide", args=[proposal.pk]), {"action": "reject"})
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == ("rejected", me)
    assert Observation.objects.count() == 0
    client.post(reverse("ingest:decide", args=[proposal.pk]), {"action": "accept"})
    assert Observation.objects.count() == 0  # a decision is not taken twice


def test_it_links_a_part_accepted_before_its_total(client, db):
    total = dict(FIGURE, value="1850000", id="t", donor={"name": "Qingdao"}, recipient=[])
    part = dict(FIGURE, part_of="t")
    outcome = do_import_document(text=TEXT, doc_id="r.txt", pairing=pairing(),
                                 extractor=fixed_extractor([total, part]))
    t, p = outcome.batch.proposals.order_by("position")
    reviewer(client)
    client.post(reverse("ingest:decide", args=[p.pk]), {"action": "accept"})
    client.post(reverse("ingest:decide", args=[t.pk]), {"action": "accept"})
    t.refresh_from_db(), p.refresh_from_db()
    assert p.observation.part_of == t.observation
    # Both are records the other side confirms; the part is linked to its total, so it is counted once.
    assert t.observation.record is not None and p.observation.record is not None


def test_it_highlights_each_proposals_evidence_in_the_text(client, db):
    outcome = do_import_document(SEED_002, extractor=gold_extractor)
    reviewer(client)
    page = client.get(reverse("ingest:document", args=[outcome.batch.pk])).content.decode()
    first = outcome.batch.proposals.order_by("position").first()
    assert f'id="row-{first.position}"' in page
    assert f"ev p{first.position}" in page and "review.js" in page


def test_it_lists_imported_documents_with_their_counts(client, db):
    outcome = do_import_document(SEED_002, extractor=gold_extractor)
    reviewer(client)
    page = client.get(reverse("ingest:index")).content.decode()
    assert outcome.document.title in page and f">{outcome.proposals}<" in page


def test_it_imports_an_uploaded_file(client, db, monkeypatch):
    from counterpart.ingest import actions

    monkeypatch.setattr(actions, "default_extractor", lambda: gold_extractor)
    me = reviewer(client)
    upload = SimpleUploadedFile(SEED_002.name, SEED_002.read_bytes(), content_type="text/plain")
    response = client.post(reverse("ingest:upload"), {"file": upload})
    batch = DocumentImport.objects.get()
    assert response.status_code == 302 and response.url == reverse("ingest:document", args=[batch.pk])
    assert batch.imported_by == me and batch.proposals.count() > 0


def test_it_reports_an_empty_upload_without_storing_anything(client, db):
    reviewer(client)
    response = client.post(reverse("ingest:upload"), {"file": SimpleUploadedFile("empty.txt", b"")}, follow=True)
    assert "empty.txt" in response.content.decode()
    assert DocumentImport.objects.count() == 0


def test_it_keeps_review_pages_from_the_public_and_from_other_offices(client, db):
    """Under review, a document and its proposals are for the office that imported it and the national office:
    not the public, not another city's office, not even the other side of the pairing."""
    from counterpart.accounts.models import Profile

    def office(name, adcode):
        u = user(name)
        Profile.objects.create(user=u, role="office", unit=unit(adcode))
        return u

    qingdao = office("qingdao-office", "370200")
    outcome = do_import_document(text=TEXT, doc_id="r.txt", pairing=pairing(), extractor=fixed_extractor([FIGURE]),
                                 user=qingdao)
    url = reverse("ingest:document", args=[outcome.batch.pk])
    assert client.get(url).status_code == 302  # to the login page
    proposal = outcome.batch.proposals.get()
    for outsider in (office("guangzhou-office", "440100"), office("anshun-office", "520400")):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.post(reverse("ingest:decide", args=[proposal.pk]), {"action": "accept"}).status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == "pending"
    client.force_login(office("qingdao-colleague", "370200"))  # the same office, another account
    assert client.get(url).status_code == 200
    client.force_login(qingdao)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("field, value", [("value", "lots"), ("indicator", "happiness"), ("dims", "nonsense"),
                                          ("year", "1800")])
def test_it_names_the_field_of_a_bad_edit(client, db, field, value):
    outcome = do_import_document(text=TEXT, doc_id="r.txt", pairing=pairing(), extractor=fixed_extractor([FIGURE]))
    proposal = outcome.batch.proposals.get()
    reviewer(client)
    response = client.post(reverse("ingest:decide", args=[proposal.pk]), {"action": "accept", field: value},
                           follow=True)
    assert f'errorlist">{field}: ' in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "pending" and Observation.objects.count() == 0


ZH_TEXT = ("东莞市——河池市东西部扶贫协作\n\n2014年,东莞市向河池市拨付财政帮扶资金1000万元,其中市级财政600万元;"
           "社会各界捐赠物资折价80万元。东莞先后选派5批20名干部到河池挂职。\n")


@pytest.mark.parametrize("lang, words, codes", [
    ("zh-hans", ["财政帮扶资金", "出资层级", "市级财政", "形式", "实物", "方向", "派往受援方"],
     ["gov_aid_funds", "source_level", "in_kind", "to_recipient"]),
    ("en", ["Government aid funds", "paid by", "city government", "in kind", "to the assisted side"],
     ["gov_aid_funds", "source_level", "in_kind", "to_recipient"]),
])
def test_it_shows_indicators_and_dimensions_of_a_chinese_report_as_labels(client, db, lang, words, codes):
    from counterpart.ingest.extract import extract_facts

    outcome = do_import_document(text=ZH_TEXT, doc_id="dongguan.txt", pairing=pairing(),
                                 extractor=lambda text, doc_id: extract_facts(text, doc_id))
    reviewer(client)
    client.cookies["django_language"] = lang
    page = client.get(reverse("ingest:document", args=[outcome.batch.pk])).content.decode()
    heads = "".join(part.split("</div>")[0] for part in page.split('<div class="head">')[1:])
    for word in words:
        assert word in page, word
    for code in codes:
        assert code not in heads, code
