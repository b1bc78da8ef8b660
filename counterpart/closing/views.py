"""Year pages: completeness per year, a pairing's year with its sign-offs, and the buttons that close.
Views validate and ask closing/access.py; closing/actions.py writes. Forbidden looks like not found."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from counterpart.accounts.access import access_pairing
from counterpart.closing import access, actions, figures
from counterpart.closing.guard import closed_revision
from counterpart.closing.models import Approval, Revision, SignOff
from counterpart.closing.snapshots import revisions
from counterpart.closing.status import STAGES, row_for, year_status
from counterpart.indicators.models import Observation
from counterpart.indicators.validation import check_year


def _year(year):
    try:
        return check_year(year)
    except ValidationError:
        raise Http404("No such year") from None


def _refused(request, exc):
    for message in exc.messages:
        messages.error(request, message)


@login_required
def index(request):
    if not access.can_see_years(request.user):
        raise Http404("No such page")
    years = sorted(Observation.objects.order_by().values_list("year", flat=True).distinct(), reverse=True)
    latest = {rev.year: rev for rev in Revision.objects.order_by("year", "number")}
    return render(request, "closing/index.html", {"years": [(y, latest.get(y)) for y in years]})


@login_required
def year_page(request, year):
    year = _year(year)
    if not access.can_see_years(request.user):
        raise Http404("No such page")
    status = year_status(year, access.year_pairings(request.user))
    return render(request, "closing/year.html", {
        "year": year, "status": status, "counts": [(label, status.counts[key]) for key, label in STAGES.items()],
        "revisions": revisions(year),
        "can_close": access.can_close_year(request.user), "can_reopen": access.can_reopen_year(request.user),
        "lang": get_language() or "en"})


def _pairing_year(request, year, pk):
    year = _year(year)
    pairing = access_pairing(request.user, pk)
    if not access.can_see_pairing_year(request.user, pairing):
        raise Http404("No such pairing")
    return year, pairing


@login_required
def pairing_year(request, year, pk):
    year, pairing = _pairing_year(request, year, pk)
    row = row_for(pairing, year)
    all_signoffs = list(SignOff.objects.filter(pairing=pairing, year=year).select_related("user", "unit"))
    approvals = list(Approval.objects.filter(pairing=pairing, year=year).select_related("user", "unit"))
    from counterpart.web.records import record_url

    lang = get_language() or "en"
    unsettled = [(actions.figure_line(o, lang), record_url(o.record) if o.record_id else "")
                 for o in figures.unsettled(pairing.pk, year)]
    return render(request, "closing/pairing_year.html", {
        "year": year, "pairing": pairing, "row": row, "signoffs": all_signoffs, "valid": row.signed,
        "approvals": approvals, "unsettled": unsettled, "revisions": revisions(year),
        "sign_sides": access.sign_off_sides(request.user, pairing, all_signoffs),
        "approve_sides": access.approver_sides(request.user, pairing),
        "closed": closed_revision(year), "lang": get_language() or "en"})


@login_required
@require_POST
def sign_off(request, year, pk):
    year, pairing = _pairing_year(request, year, pk)
    sides = access.sign_off_sides(request.user, pairing, SignOff.objects.filter(pairing=pairing, year=year))
    side = request.POST.get("side") or (sides[0] if len(sides) == 1 else "")
    if side not in sides:
        raise Http404("Nothing for you to sign off")
    try:
        actions.do_sign_off(request.user, pairing, year, side)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("Signed off."))
    return redirect("closing:pairing_year", year=year, pk=pairing.pk)


@login_required
@require_POST
def approve(request, year, pk):
    year, pairing = _pairing_year(request, year, pk)
    sides = access.approver_sides(request.user, pairing)
    if not sides:
        raise Http404("Nothing for you to approve")
    # An office on both sides of the parent approves as one of them: two approvals mean two offices.
    unit = getattr(getattr(request.user, "profile", None), "unit_id", None)
    own = [a.side for a in Approval.objects.filter(pairing=pairing, year=year, unit_id=unit)] if unit else []
    side = request.POST.get("side") or (own[0] if own else sides[0])
    if side not in sides or (own and side not in own):
        raise Http404("Nothing for you to approve")
    try:
        actions.do_approve(request.user, pairing, year, side)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("Approved."))
    return redirect("closing:pairing_year", year=year, pk=pairing.pk)


@login_required
@require_POST
def close(request, year):
    year = _year(year)
    if not access.can_close_year(request.user):
        raise Http404("No such page")
    try:
        revision = actions.do_close_year(request.user, year)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("%(year)s is closed (revision %(n)s).") % {"year": year, "n": revision.number})
    return redirect("closing:year", year=year)


@login_required
@require_POST
def reopen(request, year):
    year = _year(year)
    if not access.can_reopen_year(request.user):
        raise Http404("No such page")
    try:
        actions.do_reopen_year(request.user, year, request.POST.get("reason", ""))
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("%(year)s is open again; its closed revisions stay downloadable.")
                         % {"year": year})
    return redirect("closing:year", year=year)
