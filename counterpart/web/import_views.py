"""Pages for bulk import: templates to download, a dry run that lists every row's errors, commit."""
import hashlib
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from counterpart.ledger.kinds import KINDS
from counterpart.web import imports

MAX_BYTES = 10 * 1024 * 1024


def _kind(slug):
    if slug not in KINDS:
        raise Http404("No such record type")
    return slug


def _lang() -> str:
    return get_language() or "en"


@login_required
def template(request, kind, ext):
    slug = _kind(kind)
    if ext not in ("xlsx", "csv"):
        raise Http404("Templates are .xlsx or .csv")
    if ext == "xlsx":
        body = imports.template_xlsx(slug, _lang(), request.user)
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body, ctype = imports.template_csv(slug, _lang()), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="counterpart-{slug}.{ext}"'
    return response


def _storage():
    """Where a checked file waits for its commit: Django's "imports" storage (settings.STORAGES), a folder
    every server shares or object storage, so the commit may reach another server than the dry run."""
    return storages["imports"]


def _stored(token: str) -> bytes:
    if not re.fullmatch(r"[0-9a-f]{64}\.(xlsx|csv)", token or ""):
        raise ValidationError({"file": _("The uploaded file has expired; upload it again.")})
    storage = _storage()
    if not storage.exists(token):
        raise ValidationError({"file": _("The uploaded file has expired; upload it again.")})
    with storage.open(token, "rb") as f:
        return f.read()


def _keep(token: str, content: bytes) -> None:
    storage = _storage()
    if not storage.exists(token):  # the name is the content's hash: an existing file is this one
        storage.save(token, ContentFile(content))


@login_required
def import_page(request):
    kinds = [{"slug": s, "label": k.label} for s, k in KINDS.items()]
    ctx = {"kinds": kinds, "kind": request.POST.get("kind") or request.GET.get("kind") or "fund_allocation"}
    if request.method != "POST":
        return render(request, "web/import.html", ctx)
    slug = _kind(ctx["kind"])
    try:
        if "commit" in request.POST:
            token = request.POST.get("token", "")
            rows = imports.read_rows(token, _stored(token), slug)
            results = imports.validate(request.user, slug, rows, rehearse=False)
            added, existing = imports.commit(request.user, slug, results)
            messages.success(request, _("Imported: %(a)s records added, %(e)s already there.")
                             % {"a": added, "e": existing})
            return redirect("inbox")
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": _("Choose a file to import.")})
        if upload.size > MAX_BYTES:
            raise ValidationError({"file": _("The file is larger than 10 MB.")})
        content = upload.read()
        ext = "xlsx" if upload.name.lower().endswith(".xlsx") else "csv"
        rows = imports.read_rows(upload.name, content, slug)
        results = imports.validate(request.user, slug, rows)
        token = f"{hashlib.sha256(content).hexdigest()}.{ext}"
        _keep(token, content)
    except ValidationError as exc:
        ctx["error"] = " ".join(exc.messages)
        ctx["errors"] = exc.messages
        return render(request, "web/import.html", ctx)
    ctx.update({"results": results, "token": token, "n_errors": sum(1 for r in results if r.errors),
                "n_new": sum(1 for r in results if not r.errors and not r.exists),
                "n_existing": sum(1 for r in results if r.exists), "columns": imports.columns(slug)})
    return render(request, "web/import.html", ctx)
