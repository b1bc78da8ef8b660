"""Review pages: imported documents, one document with its proposals, upload. Views validate, actions write."""
import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from counterpart.accounts.access import (
    access_batch,
    access_proposal,
    can_import,
    parse_id,
    reviewable,
    visible_pairings,
)
from counterpart.indicators.catalogue import catalogue
from counterpart.indicators.models import Qualifier
from counterpart.ingest import actions
from counterpart.ingest.models import DocumentImport, Proposal
from counterpart.ingest.review import edits_from_post, page_rows, text_pieces
from counterpart.ledger.models import EventKind

MAX_UPLOAD = 20 * 1024 * 1024  # a narrative report is kilobytes; anything this big is not one


def _lang():
    return get_language() or "en"


def _error_text(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
    return " ".join(exc.messages)


@login_required
def index(request):
    counts = {s: Count("proposals", filter=Q(proposals__status=s)) for s in Proposal.State.values}
    batches = DocumentImport.objects.select_related("document", "pairing__donor", "pairing__recipient",
                                                    "imported_by").annotate(**counts)
    pairings = visible_pairings(request.user).order_by("donor__name_en", "recipient__name_en")
    return render(request, "ingest/index.html", {
        "batches": reviewable(request.user, batches), "can_import": can_import(request.user),
        "pairings": pairings, "max_mb": MAX_UPLOAD // (1024 * 1024)})


@login_required
@require_POST
def upload(request):
    if not can_import(request.user):
        return HttpResponseForbidden(_("Your account cannot import documents."))
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("file: choose a report to import."))
        return redirect("ingest:index")
    if upload.size > MAX_UPLOAD:
        messages.error(request, _("file: %(name)s is larger than %(mb)s MB; a narrative report is not that big.")
                       % {"name": upload.name, "mb": MAX_UPLOAD // (1024 * 1024)})
        return redirect("ingest:index")
    pairing = None
    if request.POST.get("pairing"):
        pairing = visible_pairings(request.user).filter(pk=parse_id(request.POST["pairing"])).first()
        if pairing is None:
            messages.error(request, _("pairing: no such pairing."))
            return redirect("ingest:index")
    name = Path(upload.name).name or "upload.txt"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        with path.open("wb") as fh:
            for chunk in upload.chunks():
                fh.write(chunk)
        try:
            outcome = actions.do_import_document(path, doc_id=name, pairing=pairing, user=request.user,
                                                 origin=_("uploaded file %(name)s") % {"name": name})
        except (actions.ImportFailure, ValidationError) as exc:
            text = _error_text(exc) if isinstance(exc, ValidationError) else str(exc)
            messages.error(request, text.replace(str(path), name))
            return redirect("ingest:index")
    messages.info(request, outcome.message)
    if outcome.batch is None:
        return redirect("ingest:index")
    return redirect("ingest:document", pk=outcome.batch.pk)


@login_required
def document(request, pk):
    batch = access_batch(request.user, pk)
    proposals = list(batch.proposals.select_related("span", "decided_by", "observation__indicator", "pairing__donor",
                                                    "pairing__recipient", "part_of"))
    lang = _lang()
    rows = page_rows(batch, proposals, lang)
    counts = {s: sum(1 for p in proposals if p.status == s) for s in Proposal.State.values}
    return render(request, "ingest/document.html", {
        "batch": batch, "doc": batch.document, "pieces": text_pieces(batch.document.text, proposals),
        "rows": rows, "counts": counts, "indicators": list(catalogue().values()),
        "qualifiers": Qualifier.choices, "event_kinds": EventKind.choices, "lang": lang,
        "pairings": visible_pairings(request.user).order_by("donor__name_en", "recipient__name_en"),
        "errors": request.session.pop(f"ingest-errors-{batch.pk}", {}),
    })


def _remember_error(request, batch, proposal, exc):
    errors = request.session.get(f"ingest-errors-{batch.pk}", {})
    errors[str(proposal.pk)] = _error_text(exc)
    request.session[f"ingest-errors-{batch.pk}"] = errors


@login_required
@require_POST
def decide(request, pk):
    """One proposal: save edits, accept (with edits) or reject."""
    proposal = access_proposal(request.user, pk)
    batch = proposal.batch
    action = request.POST.get("action")
    back = reverse("ingest:document", args=[batch.pk]) + f"#row-{proposal.position}"
    try:
        if action == "reject":
            actions.do_reject_proposal(proposal, request.user)
            messages.info(request, _("Proposal %(n)s rejected.") % {"n": proposal.position + 1})
        elif action in ("accept", "save"):
            edits = edits_from_post(proposal, request.POST)
            if action == "save":
                actions.do_edit_proposal(proposal, edits)
                messages.info(request, _("Proposal %(n)s saved.") % {"n": proposal.position + 1})
            else:
                actions.do_accept_proposal(proposal, request.user, edits)
                messages.info(request, _("Proposal %(n)s accepted.") % {"n": proposal.position + 1})
        else:
            raise Http404("Unknown action")
    except ValidationError as exc:
        _remember_error(request, batch, proposal, exc)
        messages.error(request, _("Proposal %(n)s: %(e)s") % {"n": proposal.position + 1, "e": _error_text(exc)})
    return redirect(back)


@login_required
@require_POST
def accept_all(request, pk):
    batch = access_batch(request.user, pk)
    accepted, failed = actions.do_accept_all(batch, request.user)
    messages.info(request, _("%(a)s proposals accepted, %(f)s need attention.") % {"a": len(accepted),
                                                                                   "f": len(failed)})
    for proposal, exc in failed:
        _remember_error(request, batch, proposal, exc)
    return redirect("ingest:document", pk=batch.pk)


@login_required
@require_POST
def set_pairing(request, pk):
    batch = access_batch(request.user, pk)
    pairing = visible_pairings(request.user).filter(pk=parse_id(request.POST.get("pairing"))).first()
    if pairing is None:
        messages.error(request, _("pairing: choose one of your pairings."))
    else:
        try:
            actions.do_set_document_pairing(batch, pairing)
            messages.info(request, _("The document's figures will go to %(p)s.") % {
                "p": pairing.display_name(_lang())})
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
    return redirect("ingest:document", pk=batch.pk)
