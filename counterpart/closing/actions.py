"""Writes of year close: sign-off, approval, close, reopening. Each is one transaction with its audit row
and a new page-cache version; who may do it is decided by the caller through closing/access.py, what the
figures must be is decided here."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from counterpart.accounts.access import profile_of
from counterpart.audit.actions import do_log_change
from counterpart.audit.models import Action
from counterpart.closing import figures as fig
from counterpart.closing.guard import closed_revision
from counterpart.closing.models import Approval, ApproverSide, Revision, Side, SignOff
from counterpart.closing.snapshots import actuals_to_freeze, take_snapshots
from counterpart.indicators.formatting import format_figure
from counterpart.indicators.validation import check_year
from counterpart.web.cache import bump_version


def _lang():
    return get_language() or "en"


def _name(pairing) -> str:
    return pairing.display_name(_lang())


def _refuse_if_closed(pairing, year):
    if closed_revision(year) is not None:
        raise ValidationError({"year": _("%(year)s is closed: reopen it before signing off or approving again.")
                               % {"year": year}})


def figure_line(o, lang) -> str:
    """'Government aid funds 1,000,000 yuan (reported, awaiting confirmation)' in the reader's language."""
    ind = o.indicator
    value = format_figure(o.value, o.qualifier, ind.unit, ind.unit_zh if lang.startswith("zh") else ind.unit_en, lang)
    return f"{ind.label(lang)} {value} ({o.get_status_display()})"


def unsettled_messages(pairing, year) -> list[str]:
    """One line per figure still pending or disputed (at most figures.UNSETTLED_LIMIT, then how many more)."""
    state = fig.pairing_year(pairing.pk, year)
    lines = [figure_line(o, _lang()) for o in fig.unsettled(pairing.pk, year)]
    more = state.pending + state.disputed - len(lines)
    if more > 0:
        lines.append(_("and %(n)s more figures") % {"n": more})
    return lines


@transaction.atomic
def do_sign_off(user, pairing, year, side: str) -> SignOff:
    """One side attests the pairing's year: refused while any figure is pending or disputed (with the list)."""
    year = check_year(year)
    if side not in Side.values:
        raise ValidationError({"side": _("“%(s)s” is not a side (donor or recipient).") % {"s": side}})
    _refuse_if_closed(pairing, year)
    state = fig.pairing_year(pairing.pk, year)
    if not state.settled:
        raise ValidationError(
            [_("%(pairing)s cannot sign off %(year)s: figures still awaiting confirmation or disputed: %(n)s.")
             % {"pairing": _name(pairing), "year": year, "n": state.pending + state.disputed},
             *unsettled_messages(pairing, year)], code="unsettled")
    profile = profile_of(user)
    existing = SignOff.objects.select_for_update().filter(pairing=pairing, year=year, side=side).first()
    before = {"digest": existing.digest, "figures": existing.figures} if existing else None
    signed, _created = SignOff.objects.update_or_create(
        pairing=pairing, year=year, side=side,
        defaults={"user": user, "unit": profile.unit if profile else None, "at": timezone.now(),
                  "digest": state.digest, "figures": state.figures})
    do_log_change(user, Action.SIGN_OFF, signed, before,
                  {"year": year, "side": side, "digest": state.digest, "figures": state.figures}, pairing=pairing)
    bump_version()
    return signed


def signed_off(pairing_id, year, state=None, signoffs=None) -> dict:
    """side -> SignOff still valid (its digest matches the figures as they are now)."""
    state = state or fig.pairing_year(pairing_id, year)
    rows = signoffs if signoffs is not None else SignOff.objects.filter(pairing_id=pairing_id, year=year)
    return {s.side: s for s in rows if s.digest == state.digest}


def is_approved(approvals, state) -> bool:
    valid = {a.side for a in approvals if a.digest == state.digest}
    return ApproverSide.NATIONAL in valid or {ApproverSide.DONOR, ApproverSide.RECIPIENT} <= valid


@transaction.atomic
def do_approve(user, pairing, year, side: str) -> Approval:
    """The level above approves a pairing's year once both its sides have signed off the figures as they are."""
    year = check_year(year)
    if side not in ApproverSide.values:
        raise ValidationError({"side": _("“%(s)s” is not an approver.") % {"s": side}})
    if pairing.parent_id is None and side != ApproverSide.NATIONAL:
        raise ValidationError({"side": _("Only the national office approves a pairing with no parent.")})
    _refuse_if_closed(pairing, year)
    state = fig.pairing_year(pairing.pk, year)
    valid = signed_off(pairing.pk, year, state)
    missing = [Side(s).label for s in Side.values if s not in valid]
    if missing or not state.settled:
        raise ValidationError({"side": _("%(pairing)s %(year)s is not signed off by: %(sides)s (or its figures "
                                         "changed since).") % {"pairing": _name(pairing), "year": year,
                                                               "sides": ", ".join(str(m) for m in missing)}})
    profile = profile_of(user)
    existing = Approval.objects.select_for_update().filter(pairing=pairing, year=year, side=side).first()
    before = {"digest": existing.digest} if existing else None
    approval, _created = Approval.objects.update_or_create(
        pairing=pairing, year=year, side=side,
        defaults={"user": user, "unit": profile.unit if profile else None, "at": timezone.now(),
                  "digest": state.digest})
    do_log_change(user, Action.APPROVE, approval, before, {"year": year, "side": side, "digest": state.digest},
                  pairing=pairing)
    bump_version()
    return approval


def chain_state(year, year_state) -> dict:
    """pairing id -> {"signed": [valid sides], "approved": bool} for every pairing with figures in the year."""
    signoffs, approvals = {}, {}
    for s in SignOff.objects.filter(year=year):
        signoffs.setdefault(s.pairing_id, []).append(s)
    for a in Approval.objects.filter(year=year):
        approvals.setdefault(a.pairing_id, []).append(a)
    out = {}
    for pk, state in year_state.pairings.items():
        signed = sorted(signed_off(pk, year, state, signoffs.get(pk, [])))
        out[str(pk)] = {"figures": state.figures, "signed": signed,
                        "approved": is_approved(approvals.get(pk, []), state)}
    return out


@transaction.atomic
def do_close_year(user, year) -> Revision:
    """The national office closes the year for every pairing: from now on its figures cannot change.

    Refused while any figure of the year is pending or disputed (a close publishes settled figures only).
    Pairings not yet signed off or approved are closed too, on the national office's authority; the
    revision records which ones were (completeness page). Publishes the national statistics, every
    pairing's annual report and the plans' actuals as the revision's snapshot. A close after a reopening
    that changed nothing puts the previous revision back in force instead of making a new one."""
    year = check_year(year)
    # One close at a time per year: the last revision row is locked (or the first is being made).
    latest = Revision.objects.select_for_update().filter(year=year).order_by("-number").first()
    if latest is not None and latest.reopened_at is None:
        raise ValidationError({"year": _("%(year)s is already closed (revision %(n)s).")
                               % {"year": year, "n": latest.number}})
    state = fig.year_figures(year)
    if not state.pairings:
        raise ValidationError({"year": _("There are no figures for %(year)s to close.") % {"year": year}})
    open_pairings = [pk for pk, p in state.pairings.items() if not p.settled]
    if open_pairings:
        from counterpart.pairings.models import Pairing

        names = [_name(p) for p in Pairing.objects.filter(pk__in=open_pairings[:20])
                 .select_related("donor", "recipient")]
        pending = sum(state.pairings[pk].pending + state.pairings[pk].disputed for pk in open_pairings)
        raise ValidationError(
            [_("%(year)s cannot close: figures still awaiting confirmation or disputed: %(n)s, in "
               "%(p)s pairings.") % {"year": year, "n": pending, "p": len(open_pairings)}, *names], code="unsettled")
    now = timezone.now()
    if latest is not None and latest.digest == state.digest:
        before = {"reopened_at": latest.reopened_at.isoformat(), "reason": latest.reopen_reason}
        latest.reopened_at, latest.reopened_by, latest.reopen_reason = None, None, ""
        latest.save(update_fields=["reopened_at", "reopened_by", "reopen_reason"])
        do_log_change(user, Action.CLOSE, latest, before, {"year": year, "revision": latest.number},
                      note=_("No figure changed since revision %(n)s: it is in force again.") % {"n": latest.number})
        bump_version()
        return latest
    revision = Revision.objects.create(
        year=year, number=(latest.number + 1) if latest else 1, closed_at=now, closed_by=user,
        digest=state.digest, figures=state.figures, pairings=chain_state(year, state),
        actuals=actuals_to_freeze(year))
    take_snapshots(revision, state.pairings)
    unsigned = sum(1 for p in revision.pairings.values() if len(p["signed"]) < 2 or not p["approved"])
    do_log_change(user, Action.CLOSE, revision, None,
                  {"year": year, "revision": revision.number, "figures": state.figures,
                   "pairings": len(state.pairings), "closed_without_full_sign_off": unsigned})
    bump_version()
    return revision


@transaction.atomic
def do_reopen_year(user, year, reason: str) -> Revision:
    """The national office reopens a closed year, with a reason; the closed revision stays downloadable."""
    year = check_year(year)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for reopening %(year)s.") % {"year": year}})
    revision = Revision.objects.select_for_update().filter(year=year, reopened_at__isnull=True).first()
    if revision is None:
        raise ValidationError({"year": _("%(year)s is not closed.") % {"year": year}})
    revision.reopened_at, revision.reopened_by, revision.reopen_reason = timezone.now(), user, reason
    revision.save(update_fields=["reopened_at", "reopened_by", "reopen_reason"])
    do_log_change(user, Action.REOPEN, revision, {"year": year, "revision": revision.number, "closed": True},
                  {"year": year, "revision": revision.number, "closed": False}, note=reason)
    bump_version()
    return revision
