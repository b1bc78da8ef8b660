"""Pages for bulk import: templates to download, a dry run that lists every row's errors, commit."""
import hashlib
import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from counterpart.web import imports
from counterpart.web.forms import KINDS

UPLOAD_DIR = settings.VAR_DIR / "imports"
MAX_BYTES = 10 * 1024 * 1024


def _kind(slug):
    if slug not in KINDS:
        raise Http404("No such record type")
    return slug


@login_required
def template(request, kind, ext):
    slug = _kind(kind)
    if ext == "xlsx":
        body, ctype = imports.template_xlsx(slug), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body, ctype = imports.template_csv(slug), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="counterpart-{slug}.{ext}"'
    return response


def _stored(token: str):
    if not re.fullmatch(r"[0-9a-f]{64}\.(xlsx|csv)", token or ""):
        raise ValidationError({"file": _("The uploaded file has expired; upload it again.")})
    path = UPLOAD_DIR / token
    if not path.exists():
        raise ValidationError({"file": _("The uploaded file has expired; upload it again.")})
    return path


@login_required
def import_page(request):
    kinds = [{"slug": s, "label": m._meta.verbose_name} for s, m in KINDS.items()]
    ctx = {"kinds": kinds, "kind": request.POST.get("kind") or request.GET.get("kind") or "fund_allocation"}
    if request.method != "POST":
        return render(request, "web/import.html", ctx)
    slug = _kind(ctx["kind"])
    try:
        if "commit" in request.POST:
            path = _stored(request.POST.get("token", ""))
            rows = imports.read_rows(path.name, path.read_bytes())
            results = imports.validate(request.user, slug, rows)
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
        rows = imports.read_rows(upload.name, content)
        results = imports.validate(request.user, slug, rows)
        token = f"{hashlib.sha256(content).hexdigest()}.{ext}"
        UPLOAD_DIR.mkdir(parents=True, exist_ok=True)
        (UPLOAD_DIR / token).write_bytes(content)
    except ValidationError as exc:
        ctx["error"] = " ".join(exc.messages)
        return render(request, "web/import.html", ctx)
    ctx.update({"results": results, "token": token, "n_errors": sum(1 for r in results if r.errors),
                "n_new": sum(1 for r in results if not r.errors and not r.exists),
                "n_existing": sum(1 for r in results if r.exists), "columns": imports.columns(slug)})
    return render(request, "web/import.html", ctx)
