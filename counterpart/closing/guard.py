"""The one question every write action asks before it changes a figure: is that pairing's year still open?

`check_year_open(pairing_id, year)` raises ValidationError (with a message in the user's language naming
the pairing and the year) when the year is closed for that pairing; it returns None otherwise. Every
action that creates, edits, withdraws, confirms or answers a figure calls it first, for the old and the
new year of the record.

A year is closed for every pairing at once (the national office closes the year; docs/architecture.md,
"Closing a year"), so the check is one indexed query on (year, reopened_at), and the pairing is read only
to name it in the refusal.
"""
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _


def closed_revision(year):
    """The revision that holds the year closed, or None while the year is open."""
    from counterpart.closing.models import Revision

    return Revision.objects.filter(year=year, reopened_at__isnull=True).order_by("-number").first()


def is_year_closed(year) -> bool:
    from counterpart.closing.models import Revision

    return Revision.objects.filter(year=year, reopened_at__isnull=True).exists()


def check_year_open(pairing_id: int, year: int) -> None:
    try:
        year = int(year)
    except (TypeError, ValueError):
        return  # not a year: the action's own validation says so
    if not is_year_closed(year):
        return
    from counterpart.pairings.models import Pairing

    pairing = Pairing.objects.select_related("donor", "recipient").filter(pk=pairing_id).first()
    name = pairing.display_name(get_language() or "en") if pairing else str(pairing_id)
    raise ValidationError(
        {"year": _("%(year)s is closed for %(pairing)s: its figures cannot change until the national office "
                   "reopens the year.") % {"year": year, "pairing": name}},
        code="year_closed")


def closed_years() -> set[int]:
    """Every year closed now (a handful of rows)."""
    from counterpart.closing.models import Revision

    return set(Revision.objects.filter(reopened_at__isnull=True).values_list("year", flat=True))


def check_record_open(record=None, fields=None) -> None:
    """check_year_open for a ledger record as stored (a bound form may have changed the instance already)
    and, when `fields` set a pairing or a year, for where the record goes. One query while no year is
    closed; the stored record is read only when one is."""
    closed = closed_years()
    if not closed:
        return
    old_pairing = old_year = None
    if record is not None and record.pk is not None:
        stored = type(record).objects.filter(pk=record.pk).values_list("pairing_id", "year").first()
        if stored is not None:
            old_pairing, old_year = stored
            if old_year in closed:
                check_year_open(old_pairing, old_year)
    fields = fields or {}
    pairing = fields.get("pairing", fields.get("pairing_id", old_pairing))
    year = fields.get("year", old_year)
    try:
        year = int(year) if year is not None else None
    except (TypeError, ValueError):
        return  # not a year: the action's own validation says so
    if year in closed:
        check_year_open(getattr(pairing, "pk", pairing), year)
