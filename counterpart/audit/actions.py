"""Writing the audit trail. Called explicitly by the actions that change data, inside their transaction."""
import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models

from counterpart.audit.models import Change


def _plain(value):
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(obj) -> dict:
    """Every concrete field (foreign keys as ids) and many-to-many ids, as JSON-safe values."""
    data = {}
    for f in obj._meta.concrete_fields:
        if f.name in ("id", "created_at"):
            continue
        data[f.attname] = _plain(getattr(obj, f.attname))
    if obj.pk is not None:
        for f in obj._meta.many_to_many:
            data[f.name] = sorted(getattr(obj, f.name).values_list("pk", flat=True))
    return data


def do_log_change(user, action: str, obj, before: dict | None = None, after: dict | None = None,
                  pairing=None, note: str = "") -> Change:
    if pairing is None:
        pairing = getattr(obj, "pairing", None)
    return Change.objects.create(
        user=user if (user is not None and user.is_authenticated) else None, action=action,
        object_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, object_repr=str(obj)[:300],
        pairing=pairing, before=before, after=after, note=note)


def history(obj):
    return (Change.objects.filter(object_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
            .select_related("user").order_by("at", "id"))
