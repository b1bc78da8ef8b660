"""The one write path for ledger records: report, edit, withdraw, confirm, answer with another figure,
accept the answer, comment, and the national office's correction.

Every entry point (pages, spreadsheet import, narrative accept, demo loader, commands, the API) calls
these. Each action is one transaction and, in this order: asks whether the pairing's year is open
(`closing.guard.check_year_open`, for the old and the new year), checks who may (accounts/access.py: the
side that reported a record changes it, the other side answers), writes the record and its observations,
the confirmation state and the audit row, tells the read model which observations changed
(`reports.live.observations_changed`) and moves the page cache's data version (`web.cache.bump_version`).
Nothing here runs from a signal or a `save()`.
"""
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from counterpart.accounts import access
from counterpart.audit.actions import do_log_change, snapshot
from counterpart.audit.models import Action, Change
from counterpart.closing.guard import check_year_open
from counterpart.confirmations.models import Comment, Confirmation
from counterpart.indicators.models import Observation, Status
from counterpart.indicators.validation import check_year, parse_value
from counterpart.ledger.actions import record_observations, set_status, write_record
from counterpart.ledger.kinds import kind_of
from counterpart.reports.live import observations_changed

State = Confirmation.State


class StaleRecord(ValidationError):
    """The record changed after the form was opened: nothing is saved, the message says what changed."""


class _Unchanged(Exception):
    """Rolls back an edit that changes nothing (no new version, no audit row)."""


def confirmation_for(record):
    return Confirmation.objects.filter(record_type=ContentType.objects.get_for_model(record),
                                       record_id=record.pk).first()


def record_snapshot(record) -> dict:
    """The record's fields, its figures by slot and its version, as the audit trail keeps them."""
    data = snapshot(record)
    data["figures"] = {o.slot: format(o.value.normalize(), "f")
                       for o in record_observations(record).exclude(status=Status.WITHDRAWN)}
    return data


def _plain(value: Decimal) -> str:
    return format(Decimal(value).normalize(), "f")


def _changed(observation_ids) -> None:
    """What every action does last: the read model, then the pages' data version."""
    from counterpart.web.cache import bump_version

    observations_changed(list(observation_ids))
    bump_version()


def _lock_record(record):
    return type(record).objects.select_for_update().select_related("pairing__donor", "pairing__recipient") \
        .get(pk=record.pk)


def _lock_confirmation(record):
    return Confirmation.objects.select_for_update().filter(
        record_type=ContentType.objects.get_for_model(record), record_id=record.pk).first()


def _answered_message(confirmation) -> str:
    who = confirmation.answered_by.username if confirmation.answered_by_id else _("the other side")
    when = timezone.localtime(confirmation.answered_at).strftime("%Y-%m-%d %H:%M") \
        if confirmation.answered_at else ""
    return _("This report was already answered (%(state)s) by %(who)s at %(when)s; nothing was changed.") \
        % {"state": confirmation.get_state_display(), "who": who, "when": when}


def _check_version(record, expected_version) -> None:
    if expected_version is None or int(expected_version) == record.version:
        return
    from counterpart.audit.readable import describe

    lines = []
    for change in Change.objects.filter(object_type=ContentType.objects.get_for_model(record),
                                        object_id=record.pk).select_related("user").order_by("at", "id"):
        version = (change.after or {}).get("version")
        if version is None or version <= int(expected_version):
            continue
        what = "; ".join(f"{label}: {before} → {after}" for label, before, after in describe(change))
        lines.append(_("%(who)s (%(action)s): %(what)s") % {
            "who": change.user.username if change.user_id else "—", "action": change.get_action_display(),
            "what": what})
    raise StaleRecord({"version": _("This record was changed after you opened the form; your changes were "
                                    "not saved. Changed meanwhile: %(changes)s. The form now shows the "
                                    "current values.") % {"changes": " / ".join(lines) or "—"}})


def _new_confirmation(user, record, side=None) -> Confirmation:
    profile = access.profile_of(user)
    return Confirmation.objects.create(
        record_type=ContentType.objects.get_for_model(record), record_id=record.pk, pairing=record.pairing,
        side=side or access.reporting_side(user, record.pairing), reported_by=user,
        reporter_unit=profile.unit if profile else None)


def _back_to_pending(confirmation, side=None) -> None:
    confirmation.state = State.PENDING
    confirmation.answered_by = None
    confirmation.answered_at = None
    confirmation.slot = ""
    confirmation.reported_value = confirmation.counter_value = None
    confirmation.counter_note = ""
    confirmation.agreed_sides = []
    if side:
        confirmation.side = side
    confirmation.save()


# -- the reporting side ----------------------------------------------------------------------------------

@transaction.atomic
def do_report_record(user, model, *, recipients=(), parts_of=None, **fields):
    """A record reported by `user`'s side: its figures wait for the other side (a Confirmation row), and
    the audit trail says who reported it. `fields` are the model's fields (span, note, source_ref among
    them); `parts_of` maps a slot to the total observation it is a part of.

    Idempotent on source_ref (imports): a record already there is returned unchanged, with no new row.
    Returns (record, created).
    """
    ref = fields.get("source_ref")
    if ref:
        existing = model.objects.filter(source_ref=ref).first()
        if existing is not None:
            return existing, False
    pairing = fields.get("pairing")
    if pairing is None:
        raise ValidationError({"pairing": _("Choose the pairing this record belongs to.")})
    if fields.get("year") is not None:
        check_year_open(pairing.pk, check_year(fields["year"]))
    if not access.can_create_record(user, model, pairing):
        # A refusal the importers report per row or proposal, like any other input they cannot apply.
        raise ValidationError({"pairing": _("You cannot enter records for %(p)s.")
                               % {"p": pairing.display_name(get_language() or "en")}})
    fields.setdefault("entered_by", user)
    record, changed = write_record(model, recipients=recipients, status=Status.REPORTED, parts_of=parts_of,
                                   **fields)
    _new_confirmation(user, record)
    do_log_change(user, Action.IMPORT if ref else Action.CREATE, record, None, record_snapshot(record))
    _changed(changed)
    return record, True


def _change(user, record, action, *, recipients, expected_version, audit_note="", side=None, **fields):
    current = _lock_record(record)
    confirmation = _lock_confirmation(current)
    if action == Action.CORRECT:
        if not access.can_correct_record(user, current):
            raise PermissionDenied(_("Only the national office corrects a record."))
    elif not access.can_edit_record(user, current, confirmation):
        raise PermissionDenied(_("Only the side that reported this record can change it; answer it instead."))
    _check_version(current, expected_version)
    check_year_open(current.pairing_id, current.year)
    new_pairing = fields.get("pairing") or current.pairing
    new_year = check_year(fields.get("year") or current.year)
    if (new_pairing.pk, new_year) != (current.pairing_id, current.year):
        check_year_open(new_pairing.pk, new_year)
    before = record_snapshot(current)
    old_ids = set(record_observations(current).values_list("pk", flat=True))
    if recipients is None:
        recipients = list(current.recipients.all())
    try:
        with transaction.atomic():
            current, changed = write_record(type(current), instance=current, recipients=recipients,
                                            status=Status.REPORTED, **fields)
            after = record_snapshot(current)
            if {k: v for k, v in before.items() if k != "version"} == \
                    {k: v for k, v in after.items() if k != "version"}:
                raise _Unchanged
    except _Unchanged:
        return type(record).objects.get(pk=record.pk)
    # Any change sends the record back: what the other side agreed to is no longer what it says.
    if confirmation is None:
        confirmation = _new_confirmation(user, current, side=side or access.owner_side(current))
    else:
        _back_to_pending(confirmation, side=side)
    do_log_change(user, action, current, before, after, note=audit_note)
    _changed(old_ids | set(changed))
    return current


@transaction.atomic
def do_update_record(user, record, *, recipients=None, expected_version=None, **fields):
    """The reporting side changes its record; a confirmed or disputed record goes back to the other side.
    `expected_version` is the version the form was opened on: a stale one is refused (StaleRecord)."""
    return _change(user, record, Action.UPDATE, recipients=recipients, expected_version=expected_version,
                   **fields)


@transaction.atomic
def do_correct_record(user, record, *, reason: str, recipients=None, expected_version=None, **fields):
    """The national office corrects a record, with a recorded reason; the correction goes back to both
    sides, and counts again once both have confirmed it."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the correction; both sides read it.")})
    record = _change(user, record, Action.CORRECT, recipients=recipients, expected_version=expected_version,
                     audit_note=reason, side=Confirmation.Side.NATIONAL, **fields)
    _comment(user, record, _("Correction by the national office: %(reason)s") % {"reason": reason})
    return record


@transaction.atomic
def do_withdraw_record(user, record, note: str = "") -> None:
    """The reporting side withdraws its record: the record and its figures go, the audit row keeps every
    value it had and the confirmation is marked withdrawn."""
    current = _lock_record(record)
    confirmation = _lock_confirmation(current)
    if not (access.can_withdraw_record(user, current, confirmation) or access.can_correct_record(user, current)):
        raise PermissionDenied(_("Only the side that reported this record can withdraw it."))
    check_year_open(current.pairing_id, current.year)
    before = record_snapshot(current)
    observations = list(record_observations(current))
    if Observation.objects.filter(part_of__in=observations).exists():
        raise ValidationError({"record": _("Other figures are recorded as parts of this record's figures; "
                                           "unlink them first.")})
    if confirmation is not None:
        confirmation.state = State.WITHDRAWN
        confirmation.save(update_fields=["state"])
    do_log_change(user, Action.WITHDRAW, current, before, None, pairing=current.pairing, note=note)
    ids = [o.pk for o in observations]
    for obs in observations:
        obs.recipients.clear()
        obs.also_stated.clear()
        obs.delete()
    current.recipients.clear()
    current.delete()
    _changed(ids)


do_delete_record = do_withdraw_record  # the name pages and tests used before withdrawal was named


# -- the other side --------------------------------------------------------------------------------------

def _answerable(user, confirmation, expected_version=None):
    """The confirmation locked, still pending, answerable by `user`, on the version the user saw."""
    confirmation = Confirmation.objects.select_for_update().get(pk=confirmation.pk)
    record = confirmation.record
    # A closed year is the first answer, whatever the state: nothing in it changes now. (Only to those who
    # may see the record; anyone who may answer it may.)
    if record is not None and access.can_see_record(user, record):
        check_year_open(record.pairing_id, record.year)
    if confirmation.state != State.PENDING:
        raise ValidationError({"state": _answered_message(confirmation)})
    if not access.can_answer(user, confirmation):
        raise PermissionDenied(_("This report is not yours to answer."))
    if record is None:
        raise ValidationError({"state": _("This record was withdrawn.")})
    _check_version(record, expected_version)
    return confirmation, record


@transaction.atomic
def do_confirm(user, confirmation, expected_version=None) -> Confirmation:
    """The other side agrees: the record's figures become confirmed and count in official totals. A
    national correction counts once both sides have confirmed it."""
    confirmation, record = _answerable(user, confirmation, expected_version)
    agreeing = sorted(confirmation.answering_sides & access.sides_of(user, confirmation.pairing))
    confirmation.agreed_sides = sorted(set(confirmation.agreed_sides) | set(agreeing))
    confirmation.answered_by = user
    confirmation.answered_at = timezone.now()
    done = confirmation.side != Confirmation.Side.NATIONAL or not confirmation.answering_sides
    if done:
        confirmation.state = State.CONFIRMED
    confirmation.save()
    ids = set_status(record, Status.CONFIRMED) if done else []
    do_log_change(user, Action.CONFIRM, record, {"status": Status.REPORTED},
                  {"status": Status.CONFIRMED if done else Status.REPORTED, "sides": agreeing})
    _changed(ids)
    return confirmation


def do_confirm_many(user, confirmation_ids) -> tuple[list[Confirmation], list[tuple[int, str]]]:
    """The inbox's "confirm the selected": each confirmation through `do_confirm` in its own transaction, so
    one refusal (a closed year, a record changed meanwhile, not this user's to answer) is named and the others
    still count. Returns (confirmed, [(id, why refused)])."""
    done, refused = [], []
    for pk in dict.fromkeys(confirmation_ids):  # once each, in the order given
        c = Confirmation.objects.filter(pk=pk).first()
        if c is None or not access.can_see_pairing(user, c.pairing):
            refused.append((pk, _("There is no such report to confirm.")))
            continue
        try:
            done.append(do_confirm(user, c))
        except PermissionDenied as exc:
            refused.append((pk, str(exc) or _("This report is not yours to answer.")))
        except ValidationError as exc:
            refused.append((pk, " ".join(exc.messages)))
    return done, refused


def _stored_value(record, slot: str, value: Decimal):
    """The record field holding a figure and the value as that field stores it (or a field error)."""
    if slot.startswith("output:"):
        return None, value
    name = kind_of(record).field_for_slot(slot)
    if name is None:
        return None, value
    field = type(record)._meta.get_field(name)
    places = getattr(field, "decimal_places", None)
    if places is not None:
        quantum = Decimal(1).scaleb(-places)
        if value != value.quantize(quantum):
            raise ValidationError({"counter_value": _("At most %(n)s decimal places.") % {"n": places}})
        return name, value.quantize(quantum)
    if value != value.to_integral_value():
        raise ValidationError({"counter_value": _("This figure is a whole number.")})
    return name, int(value)


@transaction.atomic
def do_answer_with_figure(user, confirmation, value, slot: str = "", note: str = "",
                          expected_version=None) -> Confirmation:
    """The other side gives its own figure, with a comment: both figures are kept (the record still says
    what was reported), and the record's figures are disputed until one side takes the other's."""
    confirmation, record = _answerable(user, confirmation, expected_version)
    observations = {o.slot: o for o in record_observations(record).exclude(status=Status.WITHDRAWN)}
    if not observations:
        raise ValidationError({"slot": _("This record has no figure to answer.")})
    slot = slot or next(iter(observations))
    if slot not in observations:
        raise ValidationError({"slot": _("“%(slot)s” is not a figure of this record.") % {"slot": slot}})
    value = parse_value(value, "counter_value")
    _stored_value(record, slot, value)
    if value == observations[slot].value:
        raise ValidationError({"counter_value": _("That is the reported figure: confirm it instead.")})
    confirmation.state = State.DISPUTED
    confirmation.answered_by = user
    confirmation.answered_at = timezone.now()
    confirmation.slot = slot
    confirmation.reported_value = observations[slot].value
    confirmation.counter_value = value
    confirmation.counter_note = note
    confirmation.save()
    ids = set_status(record, Status.DISPUTED)
    # Not a change of the record: the record keeps the reported figure; the answer is beside it.
    do_log_change(user, Action.DISPUTE, record, {"status": Status.REPORTED},
                  {"status": Status.DISPUTED, "answer": {"slot": slot, "reported": _plain(confirmation.reported_value),
                                                         "counter": _plain(value)}}, note=note)
    if note.strip():
        _comment(user, record, note)
    _changed(ids)
    return confirmation


@transaction.atomic
def do_accept_counter(user, confirmation) -> Confirmation:
    """The reporting side takes the other side's figure: the record changes to it and is confirmed."""
    confirmation = Confirmation.objects.select_for_update().get(pk=confirmation.pk)
    if confirmation.state != State.DISPUTED:
        raise ValidationError({"state": _("Only a disputed report can be settled with the other figure.")})
    if not access.can_accept_counter(user, confirmation):
        raise PermissionDenied(_("Only the reporting side settles with the other side's figure."))
    record = _lock_record(confirmation.record)
    check_year_open(record.pairing_id, record.year)
    before = record_snapshot(record)
    slot, value = confirmation.slot, confirmation.counter_value
    if slot.startswith("output:"):
        outputs = dict(record.outputs)
        outputs[slot.split(":", 1)[1]] = _plain(value)
        fields = {"outputs": outputs}
    else:
        name, stored = _stored_value(record, slot, value)
        fields = {name: stored}
    record, changed = write_record(type(record), instance=record, recipients=list(record.recipients.all()),
                                   status=Status.CONFIRMED, **fields)
    confirmation.state = State.CONFIRMED
    confirmation.save(update_fields=["state"])
    ids = set(changed) | set(set_status(record, Status.CONFIRMED))
    after = record_snapshot(record)
    do_log_change(user, Action.ACCEPT, record, {**before, "status": Status.DISPUTED},
                  {**after, "status": Status.CONFIRMED})
    _changed(ids)
    return confirmation


# -- both sides ------------------------------------------------------------------------------------------

def _comment(user, record, text) -> Comment:
    sides = access.sides_of(user, record.pairing)
    side = Confirmation.Side.NATIONAL if access.is_national(user) else (
        next(iter(sides)) if len(sides) == 1 else "")
    return Comment.objects.create(record_type=ContentType.objects.get_for_model(record), record_id=record.pk,
                                  pairing=record.pairing, author=user, side=side, text=text.strip())


@transaction.atomic
def do_comment(user, record, text: str) -> Comment:
    """A message in the record's thread, read by both sides and the national office."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write a comment first.")})
    if not access.can_comment(user, record):
        raise PermissionDenied(_("You cannot comment on this record."))
    comment = _comment(user, record, text)
    do_log_change(user, Action.COMMENT, record, None, None, note=text)
    _changed([])
    return comment


def comments_for(record):
    return Comment.objects.filter(record_type=ContentType.objects.get_for_model(record),
                                  record_id=record.pk).select_related("author")
