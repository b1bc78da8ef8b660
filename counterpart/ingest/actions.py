"""Writes for the review queue: import a document with its proposals; accept, edit or reject proposals.

Importing is one transaction (the document, its evidence spans and its proposals, or nothing); the same
text imported again changes nothing. Accepting is one transaction per proposal.
"""
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from counterpart.ingest import apply
from counterpart.ingest.models import DocumentImport, Proposal
from counterpart.sources.models import SourceDocument, Span, content_hash
from counterpart.web.cache import bump_version

KINDS = {k.value for k in Proposal.Kind}
_CJK = re.compile(r"[\u3400-\u9fff]")


class ImportFailure(Exception):
    """A file that cannot be imported; the message names the file and the reason."""


@dataclass
class ImportOutcome:
    document: SourceDocument
    batch: DocumentImport | None
    created: bool
    proposals: int
    message: str


def default_extractor():
    """The narrative extractor (counterpart.ingest.extract): text, doc_id, year -> facts."""
    try:
        from counterpart.ingest.extract import extract_facts
    except ImportError as exc:
        raise ImportFailure(_("The fact extractor is not available (%(e)s).") % {"e": exc}) from exc
    return extract_facts


def read_file(path) -> str:
    """The text of a report file; unreadable input becomes an ImportFailure naming the file."""
    from counterpart.ingest.extract.readers import ExtractionError, read_text

    try:
        return read_text(path)
    except ExtractionError as exc:
        raise ImportFailure(str(exc)) from exc
    except (OSError, UnicodeError, ValueError) as exc:
        raise ImportFailure(f"{path}: {exc}") from exc


def _title(text: str, doc_id: str) -> str:
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            return line[:300]
    return doc_id[:300]


def _free_doc_id(doc_id: str, sha: str) -> str:
    """Two different files may share a name; the second keeps it, marked with its hash."""
    if not SourceDocument.objects.filter(doc_id=doc_id).exists():
        return doc_id
    stem, dot, ext = doc_id.rpartition(".")
    return f"{stem}_{sha[:8]}.{ext}" if dot else f"{doc_id}_{sha[:8]}"


def _evidence_range(text: str, evidence) -> tuple | None:
    """Offsets of a fact's evidence, checked against the text; found by its quote if the offsets drifted."""
    if not isinstance(evidence, dict):
        return None
    start, end, quote = evidence.get("start"), evidence.get("end"), evidence.get("text") or ""
    in_text = isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
    if in_text and (not quote or text[start:end] == quote):
        return start, end
    if quote:
        found = text.find(quote)
        if found >= 0:
            return found, found + len(quote)
    return None


def _part_targets(facts: list) -> dict:
    """part_of as the extractor gives it (a fact's "id", or its index in the list) -> index of the total."""
    by_id = {str(f["id"]): i for i, f in enumerate(facts) if isinstance(f, dict) and f.get("id") is not None}
    out = {}
    for i, fact in enumerate(facts):
        ref = fact.get("part_of")
        if ref is None or isinstance(ref, bool):
            continue
        if str(ref) in by_id:
            out[i] = by_id[str(ref)]
        elif isinstance(ref, int) and 0 <= ref < len(facts):
            out[i] = ref
    return {i: t for i, t in out.items() if t != i and facts[t].get("type") == "observation"}


def do_import_document(source=None, *, text=None, doc_id=None, pairing=None, user=None, extractor=None,
                       origin="") -> ImportOutcome:
    """Store a report and the facts extracted from it as pending proposals; nothing twice, nothing half."""
    if text is None:
        if source is None:
            raise ImportFailure(_("Nothing to import: give a file or a text."))
        text = read_file(source)
        doc_id = doc_id or Path(source).name
        origin = origin or str(source)
    doc_id = (doc_id or "document.txt")[:200]
    if not text.strip():
        raise ImportFailure(_("%(doc)s: the document is empty; nothing to import.") % {"doc": doc_id})
    sha = content_hash(text)
    existing = SourceDocument.objects.filter(sha256=sha).first()
    if existing is not None:
        batch = DocumentImport.objects.filter(document=existing).first()
        count = batch.proposals.count() if batch else 0
        return ImportOutcome(existing, batch, False, count, _("%(doc)s is already stored as %(id)s; nothing changed.")
                             % {"doc": doc_id, "id": existing.doc_id})
    extractor = extractor or default_extractor()
    try:
        facts = list(extractor(text, doc_id))
    except ImportFailure:
        raise
    except Exception as exc:  # the extractor is another module; its failure must not stop a batch
        raise ImportFailure(_("%(doc)s: the extractor failed: %(e)s") % {"doc": doc_id, "e": exc}) from exc
    facts = [f for f in facts if isinstance(f, dict) and f.get("type") in KINDS]
    years = Counter(f["year"] for f in facts if isinstance(f.get("year"), int))
    with transaction.atomic():
        document = SourceDocument.objects.create(
            doc_id=_free_doc_id(doc_id, sha), title=_title(text, doc_id), text=text, origin=origin[:300],
            year=years.most_common(1)[0][0] if years else None, imported_by=user,
            language="zh" if len(_CJK.findall(text[:5000])) > 100 else "en")
        batch = DocumentImport.objects.create(document=document, pairing=pairing, origin=origin[:300],
                                              imported_by=user)
        ranges = {i: _evidence_range(text, f.get("evidence")) for i, f in enumerate(facts)}
        spans = {r: Span(document=document, start=r[0], end=r[1]) for r in set(ranges.values()) if r}
        Span.objects.bulk_create(spans.values())
        spans = {(s.start, s.end): s for s in Span.objects.filter(document=document)}
        proposals = Proposal.objects.bulk_create([
            Proposal(batch=batch, position=i, kind=f["type"], fact=f, span=spans.get(ranges[i]))
            for i, f in enumerate(facts)])
        links = _part_targets(facts)
        for i, target in links.items():
            proposals[i].part_of = proposals[target]
        Proposal.objects.bulk_update([proposals[i] for i in links], ["part_of"])
        bump_version()
    return ImportOutcome(document, batch, True, len(proposals),
                         _("%(doc)s: imported with %(n)s proposals.") % {"doc": document.doc_id, "n": len(proposals)})


# -- review ---------------------------------------------------------------------------------------

def _title_pairing_id(batch) -> int | None:
    """The pairing the document is about: the one its title (earliest evidence) states."""
    candidates = [(p.span.start if p.span_id else 10 ** 9, p.position, p.pk)
                  for p in batch.proposals.filter(kind=Proposal.Kind.PAIRING).select_related("span")]
    return min(candidates)[2] if candidates else None


def _check_pending(proposal):
    if proposal.status != Proposal.State.PENDING:
        raise ValidationError({"status": _("This proposal was already %(s)s.") % {"s": proposal.get_status_display()}})


@transaction.atomic
def do_edit_proposal(proposal: Proposal, edits: dict) -> Proposal:
    """Keep the reviewer's corrections (the facts-format keys they changed) without deciding yet."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _check_pending(proposal)
    merged = dict(proposal.current)
    merged.update(edits)
    proposal.edited = merged if merged != proposal.fact else None
    proposal.save(update_fields=["edited"])
    bump_version()
    return proposal


@transaction.atomic
def do_accept_proposal(proposal: Proposal, user, edits: dict | None = None) -> Proposal:
    """Make the proposal data (with the reviewer's edits); the reviewer is recorded as who entered it."""
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("batch__document", "batch__pairing", "span",
                                                                    "part_of").get(pk=proposal.pk)
    _check_pending(proposal)
    if user is None or not user.is_authenticated:
        raise ValidationError({"user": _("Only a signed-in reviewer can accept a proposal.")})
    if edits:
        merged = dict(proposal.current)
        merged.update(edits)
        proposal.edited = merged if merged != proposal.fact else None
    fact = proposal.current
    if proposal.kind == Proposal.Kind.PAIRING:
        is_title = proposal.pk == _title_pairing_id(proposal.batch)
        proposal.pairing = apply.apply_pairing(proposal, fact, user, proposal.span, is_title)
    elif proposal.kind == Proposal.Kind.EVENT:
        record = apply.apply_event(proposal, fact, user, proposal.span)
        proposal.record_type_id, proposal.record_id = _ctype(record), record.pk
    else:
        obs, record = apply.apply_observation(proposal, fact, user, proposal.span)
        proposal.observation = obs
        if record is not None:
            proposal.record_type_id, proposal.record_id = _ctype(record), record.pk
    proposal.status = Proposal.State.ACCEPTED
    proposal.decided_by, proposal.decided_at = user, timezone.now()
    proposal.save()
    bump_version()
    return proposal


def _ctype(record) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(record).pk


@transaction.atomic
def do_reject_proposal(proposal: Proposal, user) -> Proposal:
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _check_pending(proposal)
    proposal.status = Proposal.State.REJECTED
    proposal.decided_by, proposal.decided_at = user, timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    bump_version()
    return proposal


@transaction.atomic
def do_set_document_pairing(batch: DocumentImport, pairing) -> DocumentImport:
    if batch.proposals.filter(status=Proposal.State.ACCEPTED).exclude(kind=Proposal.Kind.PAIRING).exists():
        raise ValidationError({"pairing": _("Figures of this document were already accepted into its pairing.")})
    batch.pairing = pairing
    batch.save(update_fields=["pairing"])
    bump_version()
    return batch


def acceptance_order(batch) -> list:
    """Pairings first (the title's first), then events, then totals before their parts."""
    pending = list(batch.proposals.filter(status=Proposal.State.PENDING).select_related("span"))
    title = _title_pairing_id(batch)
    depth = {}

    def level(p):
        if p.pk not in depth:
            depth[p.pk] = 0  # guards against a cycle in part_of
            depth[p.pk] = level(p.part_of) + 1 if p.part_of_id and p.part_of else 0
        return depth[p.pk]

    rank = {Proposal.Kind.PAIRING: 0, Proposal.Kind.EVENT: 1, Proposal.Kind.OBSERVATION: 2}
    return sorted(pending, key=lambda p: (rank[p.kind], p.pk != title, level(p), p.position))


def do_accept_all(batch: DocumentImport, user) -> tuple[list, list]:
    """Accept every pending proposal, each in its own transaction; returns (accepted, [(proposal, error)])."""
    accepted, failed = [], []
    for proposal in acceptance_order(batch):
        try:
            accepted.append(do_accept_proposal(proposal, user))
        except ValidationError as exc:
            failed.append((proposal, exc))
    return accepted, failed
