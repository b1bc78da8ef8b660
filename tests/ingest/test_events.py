"""counterpart/ingest/extract/events.py: dated events and their kinds."""
from counterpart.ingest.extract import extract_facts


def test_an_event_kind_comes_from_what_happened_not_from_a_quoted_document_title():
    text = ("Hunan - Guizhou Pairing-off Poverty Alleviation\n\nOn May 9, 2015, the two sides held the signing ceremony "
            "of the \"Agreement on the Hunan-Guizhou Tourism Forum\" in Changsha. On June 2, 2015, the two sides held "
            "the \"Hunan-Guizhou Tourism Fair\" in Guiyang.")
    events = [(r["kind"], r["date"]) for r in extract_facts(text, "t.txt") if r["type"] == "event"]
    assert events == [("agreement_signing", "2015-05-09"), ("fair", "2015-06-02")]
