"""Two-sided confirmation, and every edit of a ledger record a person makes, with its audit row.

Each action is one transaction: the record, its observations' status, the confirmation and the audit
row change together or not at all. Permission is decided by the caller through accounts/access.py.
"""
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from counterpart.accounts.access import profile_of, reporting_side
from counterpart.audit.actions import do_log_change, snapshot
from counterpart.audit.models import Action
from counterpart.confirmations.models import Confirmation
from counterpart.indicators.models import Observation, Status
from counterpart.indicators.validation import parse_value
from counterpart.ledger.actions import do_save_record, record_observations

# Where a record's figure (its observation slot) lives on the record, when the names differ.
SLOT_FIELDS = {"items": "quantity"}


def _field_value(record, slot: str, value):
    """The record's field for a figure slot and the value as that field stores it (or a field error)."""
    if slot.startswith("output:"):
        return None, value
    name = SLOT_FIELDS.get(slot, slot)
    try:
        field = type(record)._meta.get_field(name)
    except FieldDoesNotExist:
        return None, value
    places = getattr(field, "decimal_places", None)
    if places is not None:
        quantum = Decimal(1).scaleb(-places)
        if value != value.quantize(quantum):
            raise ValidationError({"counter_value": _("At most %(n)s decimal places.") % {"n": places}})
        return name, value.quantize(quantum)
    if value != value.to_integral_value():
        raise ValidationError({"counter_value": _("This figure is a whole number.")})
    return name, int(value)


def record_snapshot(record) -> dict:
    data = snapshot(record)
    data["figures"] = {o.slot: format(o.value.normalize(), "f") for o in record_observations(record)}
    return data


def confirmation_for(record):
    return Confirmation.objects.filter(record_type=ContentType.objects.get_for_model(record),
                                       record_id=record.pk).first()


def _set_status(record, status: str) -> None:
    ctype = ContentType.objects.get_for_model(record)
    Observation.objects.filter(record_type=ctype, record_id=record.pk).exclude(
        status=Status.WITHDRAWN).update(status=status)


@transaction.atomic
def do_report_record(user, model, *, recipients=(), **fields):
    """A record entered by a person: its figures are reported and wait for the other side.

    Idempotent on source_ref (imports): a record already there is returned unchanged, with no new row.
    Returns (record, created).
    """
    ref = fields.get("source_ref")
    if ref:
        existing = model.objects.filter(source_ref=ref).first()
        if existing is not None:
            return existing, False
    record = do_save_record(model, recipients=recipients, status=Status.REPORTED, entered_by=user, **fields)
    profile = profile_of(user)
    Confirmation.objects.create(
        record_type=ContentType.objects.get_for_model(record), record_id=record.pk, pairing=record.pairing,
        side=reporting_side(user, record.pairing), reported_by=user,
        reporter_unit=profile.unit if profile else None)
    do_log_change(user, Action.IMPORT if ref else Action.CREATE, record, None, record_snapshot(record))
    return record, True


@transaction.atomic
def do_update_record(user, record, *, recipients=None, **fields):
    """Change a record; changed figures go back to the other side for confirmation."""
    # Read the stored values: a bound ModelForm has already written its input onto `record`.
    before = record_snapshot(type(record).objects.get(pk=record.pk))
    if recipients is None:
        recipients = list(record.recipients.all())
    record = do_save_record(type(record), instance=record, recipients=recipients, **fields)
    after = record_snapshot(record)
    if before == after:
        return record
    confirmation = confirmation_for(record)
    if before["figures"] != after["figures"] or before.get("year") != after.get("year"):
        _set_status(record, Status.REPORTED)
        if confirmation is not None:
            confirmation.state = Confirmation.State.PENDING
            confirmation.answered_by = None
            confirmation.answered_at = None
            confirmation.save(update_fields=["state", "answered_by", "answered_at"])
    do_log_change(user, Action.UPDATE, record, before, after)
    return record


@transaction.atomic
def do_delete_record(user, record, note: str = "") -> None:
    """Delete a record and its figures; the audit row keeps every value it had."""
    before = record_snapshot(record)
    pairing = record.pairing
    observations = list(record_observations(record))
    if Observation.objects.filter(part_of__in=observations).exists():
        raise ValidationError({"record": _("Other figures are recorded as parts of this record's figures; "
                                           "unlink them first.")})
    confirmation = confirmation_for(record)
    if confirmation is not None:
        confirmation.state = Confirmation.State.WITHDRAWN
        confirmation.save(update_fields=["state"])
    do_log_change(user, Action.DELETE, record, before, None, pairing=pairing, note=note)
    for obs in observations:
        obs.recipients.clear()
        obs.also_stated.clear()
        obs.delete()
    record.delete()


def _check_pending(confirmation):
    if confirmation.state != Confirmation.State.PENDING:
        raise ValidationError({"state": _("This report has already been answered.")})


@transaction.atomic
def do_confirm(user, confirmation) -> Confirmation:
    """The other side agrees: the record's figures become confirmed and count in official totals."""
    confirmation = Confirmation.objects.select_for_update().get(pk=confirmation.pk)
    _check_pending(confirmation)
    record = confirmation.record
    confirmation.state = Confirmation.State.CONFIRMED
    confirmation.answered_by = user
    confirmation.answered_at = timezone.now()
    confirmation.save()
    _set_status(record, Status.CONFIRMED)
    do_log_change(user, Action.CONFIRM, record, {"status": Status.REPORTED}, {"status": Status.CONFIRMED})
    return confirmation


@transaction.atomic
def do_answer_with_figure(user, confirmation, value, slot: str = "", note: str = "") -> Confirmation:
    """The other side gives its own figure: both are kept, the record's figures become disputed."""
    confirmation = Confirmation.objects.select_for_update().get(pk=confirmation.pk)
    _check_pending(confirmation)
    record = confirmation.record
    observations = {o.slot: o for o in record_observations(record).exclude(status=Status.WITHDRAWN)}
    if not observations:
        raise ValidationError({"slot": _("This record has no figure to answer.")})
    slot = slot or next(iter(observations))
    if slot not in observations:
        raise ValidationError({"slot": _("“%(slot)s” is not a figure of this record.") % {"slot": slot}})
    value = parse_value(value, "counter_value")
    _field_value(record, slot, value)
    if value == observations[slot].value:
        raise ValidationError({"counter_value": _("That is the reported figure: confirm it instead.")})
    confirmation.state = Confirmation.State.DISPUTED
    confirmation.answered_by = user
    confirmation.answered_at = timezone.now()
    confirmation.slot = slot
    confirmation.reported_value = observations[slot].value
    confirmation.counter_value = value
    confirmation.counter_note = note
    confirmation.save()
    _set_status(record, Status.DISPUTED)
    do_log_change(user, Action.DISPUTE, record,
                  {"status": Status.REPORTED, slot: format(confirmation.reported_value.normalize(), "f")},
                  {"status": Status.DISPUTED, slot: format(value.normalize(), "f")}, note=note)
    return confirmation


@transaction.atomic
def do_accept_counter(user, confirmation) -> Confirmation:
    """The reporting side takes the other side's figure: the record changes to it and is confirmed."""
    confirmation = Confirmation.objects.select_for_update().get(pk=confirmation.pk)
    if confirmation.state != Confirmation.State.DISPUTED:
        raise ValidationError({"state": _("Only a disputed report can be settled with the other figure.")})
    record = confirmation.record
    before = record_snapshot(record)
    slot, value = confirmation.slot, confirmation.counter_value
    if slot.startswith("output:"):
        outputs = dict(record.outputs)
        outputs[slot.split(":", 1)[1]] = format(value.normalize(), "f")
        fields = {"outputs": outputs}
    else:
        name, stored = _field_value(record, slot, value)
        fields = {name: stored}
    record = do_save_record(type(record), instance=record, recipients=list(record.recipients.all()), **fields)
    confirmation.state = Confirmation.State.CONFIRMED
    confirmation.save(update_fields=["state"])
    _set_status(record, Status.CONFIRMED)
    after = record_snapshot(record)
    after["status"] = Status.CONFIRMED
    do_log_change(user, Action.ACCEPT, record, before, after)
    return confirmation
