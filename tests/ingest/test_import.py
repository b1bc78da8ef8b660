"""`do_import_document` and `counterpart import`: proposals in one transaction, nothing twice, bad files reported."""
import io

import pytest
from django.core.management import CommandError, call_command

from counterpart.indicators.models import Observation
from counterpart.ingest.actions import ImportFailure, do_accept_all, do_import_document
from counterpart.ingest.models import DocumentImport, Proposal
from counterpart.sources.models import SourceDocument, Span
from tests.helpers import office, pairing
from tests.ingest.import_helpers import SEED_000, SEED_002, fixed_extractor, gold_extractor, gold_facts, write

FIGURE = {"type": "observation", "indicator": "gov_aid_funds", "value": "1200000", "unit": "CNY",
          "qualifier": "exact", "year": 2011, "donor": {"name": "Shinan District"},
          "recipient": [{"name": "Pingba County"}], "evidence": {"start": 0, "end": 20, "text": "Shinan gave 1.2 mill"}}
TEXT = "Shinan gave 1.2 million Yuan to Pingba County in 2011.\n"



pytestmark = pytest.mark.usefixtures("english")

def state():
    return (SourceDocument.objects.count(), Span.objects.count(), DocumentImport.objects.count(),
            Proposal.objects.count(), Observation.objects.count())


def test_it_stores_the_document_and_its_facts_as_pending_proposals(db):
    outcome = do_import_document(SEED_002, extractor=gold_extractor)
    assert outcome.created
    expected = gold_facts(SEED_002.name)
    assert outcome.proposals == len(expected) == outcome.batch.proposals.count()
    assert set(outcome.batch.proposals.values_list("status", flat=True)) == {"pending"}
    assert Observation.objects.count() == 0  # nothing is data before a reviewer accepts it
    doc = outcome.document
    assert doc.doc_id == SEED_002.name and doc.text == SEED_002.read_text(encoding="utf-8")
    for proposal in outcome.batch.proposals.select_related("span"):
        assert proposal.span.text == proposal.fact["evidence"]["text"]


def test_it_imports_the_same_document_again_without_changing_anything(db):
    do_import_document(SEED_002, extractor=gold_extractor)
    before = state()
    again = do_import_document(SEED_002, extractor=gold_extractor)
    assert not again.created and "nothing changed" in again.message
    assert state() == before


def test_it_links_a_part_to_its_total_as_the_extractor_says(db):
    total = dict(FIGURE, value="1850000", id="t")
    part = dict(FIGURE, part_of="t")
    outcome = do_import_document(text=TEXT, doc_id="x.txt", extractor=fixed_extractor([total, part]))
    first, second = outcome.batch.proposals.order_by("position")
    assert second.part_of == first and first.part_of is None


def test_it_finds_evidence_by_its_quote_when_the_offsets_drifted(db):
    fact = dict(FIGURE, evidence={"start": 3, "end": 9, "text": "Pingba County"})
    outcome = do_import_document(text=TEXT, doc_id="x.txt", extractor=fixed_extractor([fact]))
    assert outcome.batch.proposals.get().span.text == "Pingba County"


def test_it_leaves_nothing_behind_when_an_import_fails(db, monkeypatch):
    from counterpart.ingest import actions

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(actions.Proposal.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        do_import_document(text=TEXT, doc_id="x.txt", extractor=fixed_extractor([FIGURE]))
    assert state() == (0, 0, 0, 0, 0)


def test_it_reports_an_extractor_crash_as_a_failure_of_that_file(db):
    def crash(text, doc_id, year=None):
        raise ValueError("confused")

    with pytest.raises(ImportFailure, match="x.txt.*confused"):
        do_import_document(text=TEXT, doc_id="x.txt", extractor=crash)
    assert state() == (0, 0, 0, 0, 0)


@pytest.mark.parametrize("name, data", [
    ("empty.txt", b""),
    ("blank.txt", b"   \n\n  "),
    ("binary.txt", bytes(range(256)) * 40),
    ("report.pdf", b"%PDF-1.4 binary"),
])
def test_it_refuses_an_unreadable_file_with_a_message_naming_it(db, tmp_path, name, data):
    path = write(tmp_path, name, data)
    with pytest.raises(ImportFailure, match=name):
        do_import_document(path, extractor=gold_extractor)
    assert state() == (0, 0, 0, 0, 0)


@pytest.mark.parametrize("encoding", ["gbk", "utf-16"])
def test_it_reads_a_report_in_gbk_or_utf16(db, tmp_path, encoding):
    text = "青岛市对口帮扶贵州省，2011年安排财政帮扶资金1640万元。\n" * 20
    path = write(tmp_path, f"report-{encoding}.txt", text.encode(encoding))
    outcome = do_import_document(path, extractor=fixed_extractor([]))
    assert outcome.document.text.strip() == text.strip()
    assert outcome.proposals == 0


def test_it_imports_html_without_its_scripts(db, tmp_path):
    path = write(tmp_path, "r.html", "<html><body><script>alert('x')</script><p>Qingdao helped Anshun.</p></body></html>")
    outcome = do_import_document(path, extractor=fixed_extractor([]))
    assert "alert" not in outcome.document.text and "Qingdao helped Anshun." in outcome.document.text


def test_it_imports_a_report_with_no_figures_as_a_document_with_no_proposals(db, tmp_path):
    path = write(tmp_path, "nothing.txt", "A short note about the weather.\n")
    outcome = do_import_document(path, extractor=fixed_extractor([]))
    assert outcome.created and outcome.proposals == 0


def test_it_gives_a_second_file_with_the_same_name_its_own_id(db):
    a = do_import_document(text=TEXT, doc_id="r.txt", extractor=fixed_extractor([]))
    b = do_import_document(text=TEXT + "more\n", doc_id="r.txt", extractor=fixed_extractor([]))
    assert a.document.doc_id == "r.txt" and b.document.doc_id.startswith("r_") and b.document.doc_id.endswith(".txt")


# -- the command ---------------------------------------------------------------------------------

@pytest.fixture
def gold_by_default(monkeypatch):
    """The command uses the real extractor; these tests need only its seam."""
    from counterpart.ingest import actions

    monkeypatch.setattr(actions, "default_extractor", lambda: gold_extractor)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import", *map(str, args), stdout=out, stderr=err)
        code = 0
    except CommandError as exc:
        err.write(str(exc))
        code = 1
    return code, out.getvalue(), err.getvalue()


def test_it_imports_a_batch_goes_on_past_a_bad_file_and_sums_up(db, tmp_path, gold_by_default):
    bad = write(tmp_path, "empty.txt", b"")
    code, out, err = run(SEED_000, bad, SEED_002)
    assert code == 1
    n = len(gold_facts(SEED_000.name)) + len(gold_facts(SEED_002.name))
    assert f"documents: 2 imported, 0 unchanged; proposals: {n}; failures: 1" in out
    assert "empty.txt" in err
    assert SourceDocument.objects.count() == 2


def test_it_says_so_when_the_command_imports_a_document_again(db, gold_by_default):
    run(SEED_002)
    before = state()
    code, out, _err = run(SEED_002)
    assert code == 0 and "documents: 0 imported, 1 unchanged; proposals: 0; failures: 0" in out
    assert state() == before


def test_it_files_the_figures_under_the_pairing_given_on_the_command_line(db, gold_by_default):
    qd = pairing()
    code, _out, err = run(SEED_002, "--pairing", "Qingdao-Guizhou")
    assert code == 0, err
    batch = DocumentImport.objects.get()
    assert batch.pairing == qd
    do_accept_all(batch, office("370200", "reviewer"))
    assert Observation.objects.filter(pairing=qd).exists()


def test_it_refuses_an_unknown_pairing_before_importing_anything(db, gold_by_default):
    code, _out, err = run(SEED_002, "--pairing", "Atlantis-Utopia")
    assert code == 1 and "Atlantis-Utopia" in err
    assert state() == (0, 0, 0, 0, 0)
