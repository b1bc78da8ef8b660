"""Parameters that arrive as any text are answered with a message, never a 500: ids, languages."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from counterpart.ingest.actions import do_import_document
from counterpart.web.params import id_param, lang_param
from tests.helpers import pairing
from tests.ingest.import_helpers import fixed_extractor
from tests.ingest.test_review import FIGURE, TEXT, reviewer
from tests.plans.test_pages import client as plans_client


@pytest.mark.parametrize("value", ["abc", "", None, "-1", "0", "1.5", "99999999999999999999", "9" * 19, " 7x"])
def test_an_id_that_names_nothing_is_none(value):
    assert id_param(value) is None


def test_a_good_id_is_read():
    assert id_param(" 42 ") == 42 and id_param(str(2**63 - 1)) == 2**63 - 1


@pytest.mark.parametrize("value", ["xx", "en\r\nSet-Cookie: a=b", "", "zh-hant"])
def test_an_unknown_language_is_none(value):
    assert lang_param(value) is None


def test_known_languages_are_normalised():
    assert lang_param("EN") == "en" and lang_param("zh") == "zh-hans" and lang_param("zh-Hans") == "zh-hans"


@pytest.mark.parametrize("query, field", [("lang=en%0D%0ASet-Cookie:%20a=b", "lang"), ("lang=xx", "lang"),
                                          ("pairing=99999999999999999999", "pairing"), ("pairing=abc", "pairing")])
def test_the_assessment_export_names_a_bad_parameter(demo, query, field):
    for fmt in ("csv", "xlsx"):
        response = plans_client().get(f"/plans/2011/export.{fmt}?{query}")
        assert response.status_code == 400 and response.content.decode().startswith(field), response.content


def test_the_export_still_serves_a_good_request(demo):
    response = plans_client().get("/plans/2011/export.csv?lang=en")
    assert response.status_code == 200 and "-en.csv" in response["Content-Disposition"]


def test_a_review_upload_with_a_pairing_that_is_not_a_number_is_refused(client, db):
    reviewer(client)
    upload = SimpleUploadedFile("r.txt", TEXT.encode(), content_type="text/plain")
    response = client.post(reverse("ingest:upload"), {"file": upload, "pairing": "abc"}, follow=True)
    assert response.status_code == 200


def test_setting_a_documents_pairing_to_text_is_refused(client, db):
    outcome = do_import_document(text=TEXT, doc_id="r.txt", pairing=pairing(), extractor=fixed_extractor([FIGURE]))
    reviewer(client)
    for value in ("abc", "99999999999999999999"):
        response = client.post(reverse("ingest:set_pairing", args=[outcome.batch.pk]), {"pairing": value},
                               follow=True)
        assert response.status_code == 200
