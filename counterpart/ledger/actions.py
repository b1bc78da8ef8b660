"""Writing a ledger record and the observations it yields: the shared step of the confirmation actions.

`write_record` is not an entry point: it writes no audit row and no confirmation. Every change a person,
an import or the demo loader makes goes through counterpart/confirmations/actions.py, which calls it
inside its own transaction (see docs/architecture.md, "Writing a figure").
"""
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from counterpart.indicators.actions import check_part
from counterpart.indicators.models import Indicator, Observation, Status
from counterpart.indicators.validation import check_dims, check_year, parse_value


def validate_fields(model, fields: dict) -> dict:
    """Money and counts through the shared rules, so every entry path refuses the same input."""
    clean = dict(fields)
    for f in model._meta.concrete_fields:
        if f.name not in clean or clean[f.name] is None:
            continue
        if isinstance(f, models.DecimalField):
            clean[f.name] = parse_value(clean[f.name], f.name)
        elif isinstance(f, (models.PositiveIntegerField,)) and not isinstance(clean[f.name], int):
            clean[f.name] = int(parse_value(clean[f.name], f.name))
    if "year" in clean:
        clean["year"] = check_year(clean["year"])
    for name in ("start_year", "end_year"):
        if clean.get(name) is not None:
            clean[name] = check_year(clean[name], name)
    return clean


def _region_within(region, outer) -> bool:
    node = region
    while node is not None:
        if node.pk == outer.pk:
            return True
        node = node.parent
    return False


def check_parties(pairing, donor, recipients) -> None:
    """The domain rule every entry path shares: recipients lie on the recipient side of the pairing, and a
    donor that is a place lies on the donor side (an enterprise or charity may give from anywhere)."""
    from counterpart.pairings.models import UnitKind

    lang = get_language() or "en"
    if pairing.recipient.region_id:
        for unit in recipients:
            if unit.region_id and not _region_within(unit.region, pairing.recipient.region):
                raise ValidationError({"recipients": _("%(place)s is not on the recipient side of %(pairing)s.")
                                       % {"place": unit.display_name(lang), "pairing": pairing.display_name(lang)}})
    if (donor is not None and donor.kind == UnitKind.REGION and donor.region_id and pairing.donor.region_id
            and not _region_within(donor.region, pairing.donor.region)):
        raise ValidationError({"donor": _("%(place)s is not on the donor side of %(pairing)s.")
                               % {"place": donor.display_name(lang), "pairing": pairing.display_name(lang)}})


def record_observations(record):
    ctype = ContentType.objects.get_for_model(record)
    return Observation.objects.filter(record_type=ctype, record_id=record.pk).select_related("indicator")


def sync_observations(record, *, status=Status.REPORTED, parts_of=None) -> list[int]:
    """Make the record's observations match its specs; keeps existing rows (and their links) by slot.
    Returns the ids of every observation created or changed."""
    ctype = ContentType.objects.get_for_model(record)
    existing = {o.slot: o for o in Observation.objects.filter(record_type=ctype, record_id=record.pk)}
    recipients = list(record.recipients.all())
    indicators = {i.code: i for i in Indicator.objects.all()}
    parts_of = parts_of or {}
    seen, changed = set(), []
    for spec in record.specs():
        check_dims(spec.indicator, spec.dims, "dims")
        seen.add(spec.slot)
        obs = existing.get(spec.slot) or Observation(record_type=ctype, record_id=record.pk, slot=spec.slot,
                                                     status=status)
        obs.indicator = indicators[spec.indicator]
        obs.value = Decimal(spec.value)
        obs.qualifier = spec.qualifier
        obs.dims = spec.dims
        obs.stated = spec.stated
        obs.year = record.year
        obs.pairing_id = record.pairing_id
        obs.donor_id = record.donor_id
        obs.status = status
        obs.span = obs.span or record.span
        obs.entered_by = obs.entered_by or record.entered_by
        total = parts_of.get(spec.slot)
        if total is not None:
            check_part(obs.value, obs.indicator.pk, obs.pk, total)
            obs.part_of = total
        elif obs.part_of_id is not None:
            check_part(obs.value, obs.indicator.pk, obs.pk, obs.part_of)
        if obs.span_id is None and obs.entered_by_id is None:
            raise ValidationError({"span": _("A record needs its provenance: a source span or the person entering it.")})
        obs.save()
        obs.recipients.set(recipients)
        changed.append(obs.pk)
    for slot, obs in existing.items():
        if slot not in seen and obs.status != Status.WITHDRAWN:
            obs.status = Status.WITHDRAWN  # kept, not deleted: parts and proposals may name it
            obs.save(update_fields=["status"])
            changed.append(obs.pk)
    return changed


def write_record(model, *, instance=None, recipients=(), status=Status.REPORTED, parts_of=None, **fields):
    """Create (or change `instance`) a record and its observations, checked by the shared rules; returns
    (record, changed observation ids). Runs in the caller's transaction."""
    fields = validate_fields(model, fields)
    record = instance or model()
    for name, value in fields.items():
        setattr(record, name, value)
    record.full_clean(exclude=["recipients", "version"])
    check_parties(record.pairing, record.donor, recipients)
    if instance is not None:
        record.version = (record.version or 0) + 1
    record.save()
    record.recipients.set(recipients)
    return record, sync_observations(record, status=status, parts_of=parts_of)


def set_status(record, status: str) -> list[int]:
    """Every figure of the record takes this status; returns their ids."""
    observations = record_observations(record).exclude(status=Status.WITHDRAWN)
    ids = list(observations.values_list("pk", flat=True))
    observations.update(status=status)
    return ids
