"""Report pages and downloads. Views validate and read; every figure comes from the report modules."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from counterpart.pairings.models import Pairing
from counterpart.reports import summary
from counterpart.reports.render import FORMATS, filename
from counterpart.reports.render import render as render_doc
from counterpart.reports.render.html_format import body


def _lang(request):
    wanted = request.GET.get("lang") or get_language() or "en"
    return "zh-hans" if wanted.startswith("zh") else "en"


def _respond(request, doc_for, title, template_ctx=None):
    """The page, or with ?format=X the download; errors as a 404 page naming what was wrong."""
    fmt = request.GET.get("format")
    if fmt is not None and fmt not in FORMATS:
        raise Http404(_("“%(f)s” is not a report format (choose %(ok)s).") % {"f": fmt, "ok": ", ".join(FORMATS)})
    state = summary.ensure_fresh()
    try:
        doc = doc_for(_lang(request))
    except ValidationError as exc:
        return render(request, "reports/error.html", {"errors": exc.messages, "title": title}, status=404)
    if fmt:
        response = HttpResponse(render_doc(doc, fmt), content_type=FORMATS[fmt][0])
        response["Content-Disposition"] = f'attachment; filename="{filename(doc, fmt)}"'
        return response
    return render(request, "reports/report.html", {
        "doc": doc, "body": body(doc), "formats": list(FORMATS), "state": state, **(template_ctx or {})})


def index(request):
    from counterpart.reports.national import national_years

    summary.ensure_fresh()
    pairings = Pairing.objects.exclude(level="enterprise_village").select_related("donor", "recipient").order_by("pk")[:500]
    return render(request, "reports/index.html", {"years": national_years(), "pairings": pairings})


def national(request, year):
    from counterpart.reports.national import national_data, national_document

    return _respond(request, lambda lang: national_document(national_data(year), lang), _("National statistics"))


@login_required
def annual(request, pk, year):
    from counterpart.reports.annual import annual_data, annual_document

    pairing = get_object_or_404(Pairing.objects.select_related("donor", "recipient"), pk=pk)
    return _respond(request, lambda lang: annual_document(annual_data(pairing, year), lang), _("Annual report"),
                    {"pairing": pairing})


@login_required
def checks(request):
    from counterpart.reports.checks import checks_document, run_checks

    return _respond(request, lambda lang: checks_document(run_checks(), lang), _("Checks"))
