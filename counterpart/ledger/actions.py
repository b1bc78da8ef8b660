"""Writes for ledger records. A record and the observations it yields are saved together or not at all."""
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from counterpart.indicators.actions import check_part
from counterpart.indicators.models import Indicator, Observation, Status
from counterpart.indicators.validation import check_dims, check_year, parse_value


def _validate_fields(model, fields: dict) -> dict:
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


def record_observations(record):
    ctype = ContentType.objects.get_for_model(record)
    return Observation.objects.filter(record_type=ctype, record_id=record.pk).select_related("indicator")


def sync_observations(record, *, status=Status.REPORTED, span=None, entered_by=None, parts_of=None):
    """Make the record's observations match its specs; keeps existing rows (and their links) by slot."""
    ctype = ContentType.objects.get_for_model(record)
    existing = {o.slot: o for o in Observation.objects.filter(record_type=ctype, record_id=record.pk)}
    recipients = list(record.recipients.all())
    indicators = {i.code: i for i in Indicator.objects.all()}
    parts_of = parts_of or {}
    seen = set()
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
        obs.span = obs.span or span or record.span
        obs.entered_by = obs.entered_by or entered_by or record.entered_by
        total = parts_of.get(spec.slot)
        if total is not None:
            check_part(obs.value, obs.indicator.pk, obs.pk, total)
            obs.part_of = total
        if obs.span_id is None and obs.entered_by_id is None:
            raise ValidationError({"span": _("A record needs its provenance: a source span or the person entering it.")})
        obs.save()
        obs.recipients.set(recipients)
    for slot, obs in existing.items():
        if slot not in seen:
            obs.status = Status.WITHDRAWN
            obs.save(update_fields=["status"])
    return [o for o in Observation.objects.filter(record_type=ctype, record_id=record.pk, slot__in=seen)]


@transaction.atomic
def do_save_record(model, *, recipients=(), status=Status.REPORTED, parts_of=None, instance=None, **fields):
    """Create (or update `instance`) a ledger record and its observations; idempotent on source_ref."""
    fields = _validate_fields(model, fields)
    ref = fields.get("source_ref")
    if instance is None and ref:
        instance = model.objects.filter(source_ref=ref).first()
        if instance is not None:
            return instance
    record = instance or model()
    for name, value in fields.items():
        setattr(record, name, value)
    record.full_clean(exclude=["recipients"])
    record.save()
    record.recipients.set(recipients)
    sync_observations(record, status=status, parts_of=parts_of)
    return record
