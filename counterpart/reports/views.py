"""Report pages and downloads. Views validate and read; every figure comes from the report modules."""
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from counterpart.accounts import access
from counterpart.locale_names import is_chinese
from counterpart.reports.render import FORMATS, filename
from counterpart.reports.render import render as render_doc
from counterpart.reports.render.html_format import body


def _lang(request):
    wanted = request.GET.get("lang") or get_language() or "en"
    return "zh-hans" if is_chinese(wanted) else "en"


def _respond(request, doc_for, title, template_ctx=None):
    """The page, or with ?format=X the download; errors as a 404 page naming what was wrong."""
    fmt = request.GET.get("format")
    if fmt is not None and fmt not in FORMATS:
        raise Http404(_("“%(f)s” is not a report format (choose %(ok)s).") % {"f": fmt, "ok": ", ".join(FORMATS)})
    try:
        doc = doc_for(_lang(request))
    except ValidationError as exc:
        return render(request, "reports/error.html", {"errors": exc.messages, "title": title}, status=404)
    if fmt:
        response = HttpResponse(render_doc(doc, fmt), content_type=FORMATS[fmt][0])
        response["Content-Disposition"] = f'attachment; filename="{filename(doc, fmt)}"'
        return response
    return render(request, "reports/report.html", {
        "doc": doc, "body": body(doc), "formats": list(FORMATS), **(template_ctx or {})})


def index(request):
    from counterpart.reports.national import national_years

    pairings = access.visible_pairings(request.user).exclude(level="enterprise_village").order_by("pk")[:500]
    return render(request, "reports/index.html", {"years": national_years(), "pairings": pairings,
                                                  "checks": access.can_see_checks(request.user)})


def _revision(request):
    """?revision=N: a closed revision of the year (earlier revisions stay downloadable)."""
    wanted = request.GET.get("revision")
    if wanted is None:
        return None
    if not wanted.isdigit():
        raise Http404(_("“%(r)s” is not a revision number.") % {"r": wanted})
    return int(wanted)


def national(request, year):
    from counterpart.closing.snapshots import closed_document
    from counterpart.reports.national import national_data, national_document

    revision = _revision(request)
    # What is reported but not confirmed, nationally, is for the national office only; a closed year is
    # shown as its close published it (counterpart/closing/snapshots.py), when every figure was confirmed.
    reported = access.can_see_unconfirmed_totals(request.user)
    return _respond(request, lambda lang: closed_document("national", year, lang, revision=revision)
                    or national_document(national_data(year, reported=reported), lang), _("National statistics"))


def annual(request, pk, year):
    from counterpart.closing.snapshots import closed_document
    from counterpart.reports.annual import annual_data, annual_document

    pairing = access.access_report(request.user, pk)
    revision = _revision(request)
    return _respond(request, lambda lang: closed_document("annual", year, lang, pairing=pairing, revision=revision)
                    or annual_document(annual_data(pairing, year), lang), _("Annual report"), {"pairing": pairing})


def checks(request):
    from counterpart.reports.checks import checks_document, run_checks

    scope = access.checks_scope(request.user)
    return _respond(request, lambda lang: checks_document(run_checks(pairings=scope), lang), _("Checks"))
