"""A reviewer imports a seed report, reviews it in the browser and accepts it: the same figures as the
curated demo data, each with its source sentence and the reviewer as provenance."""
import re

import pytest

from counterpart.indicators.facts import export_facts
from tests.browser.conftest import ARTIFACTS
from tests.ingest.import_helpers import SEED_000, figures, gold_facts

pytestmark = pytest.mark.browser


def test_it_turns_an_imported_report_into_the_curated_figures(browser, live_server, reference_data,
                                                               django_user_model):
    from counterpart.accounts.models import Profile, Role
    from counterpart.ingest.actions import do_import_document

    reviewer = django_user_model.objects.create_user("reviewer", password="review-pass-1")
    Profile.objects.create(user=reviewer, role=Role.NATIONAL)
    batch = do_import_document(SEED_000, user=reviewer).batch

    page = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 1000}).new_page()
    page.set_default_timeout(20000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "reviewer")
    page.fill("#id_password", "review-pass-1")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/$"))
    page.goto(f"{live_server.url}/review/{batch.pk}/")
    assert page.locator("#doc-text .ev").count() >= 10  # evidence highlighted in the text
    page.screenshot(path=str(ARTIFACTS / "review-before.png"), full_page=True)
    page.click("#accept-all button")
    page.wait_for_load_state("networkidle")
    assert page.locator("form.proposal.pending").count() == 0
    assert "reviewer" in page.inner_text("#proposals")  # who accepted each figure
    page.screenshot(path=str(ARTIFACTS / "review-after.png"), full_page=True)

    doc_id = batch.document.doc_id
    accepted = [f for f in export_facts([doc_id]) if f["type"] == "observation"]
    curated = [dict(f, doc=doc_id) for f in gold_facts("000_02dabc26fa6014fb.txt")]
    assert figures(accepted) == figures(curated)
