"""Turn an accepted proposal into data: ledger records and observations, pairings, events.

Each function runs inside the accepting action's transaction and raises ValidationError naming the
field the reviewer must fix. Provenance is always both: the document span and the reviewer. Records are
reported through the confirmation actions as the reviewer's side, so they wait in the other side's inbox;
a figure already recorded (ingest/duplicates.py) is not added again, only noted as stated once more.
"""
import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from counterpart.confirmations.actions import do_report_record
from counterpart.indicators.actions import do_link_part, do_record_observation
from counterpart.indicators.models import Indicator, Status
from counterpart.indicators.validation import (
    check_dims,
    check_indicator,
    check_qualifier,
    check_year,
    parse_value,
)
from counterpart.ingest.duplicates import already_recorded, do_note_restated
from counterpart.ingest.units import context_for, lookup_unit, materialise
from counterpart.ledger import kinds
from counterpart.ledger import models as ledger
from counterpart.ledger.actions import record_observations
from counterpart.pairings.actions import do_create_pairing
from counterpart.pairings.models import LEVEL_FIT, Pairing, PairingLevel, UnitKind

ACCEPTED_STATUS = Status.REPORTED  # the other side still confirms what a reviewer accepts


# -- units and pairings --------------------------------------------------------------------------

def party(ref, field, context):
    choice = lookup_unit(ref, context)
    if not choice.ok:
        raise ValidationError({field: choice.problem})
    return materialise(choice)


def parties(fact: dict, context) -> tuple:
    donor = party(fact["donor"], "donor", context) if fact.get("donor") else None
    recipients = [party(r, "recipient", context) for r in as_list(fact.get("recipient"))]
    return donor, recipients


def as_list(value) -> list:
    if value in (None, "", []):
        return []
    return list(value) if isinstance(value, list) else [value]


def document_pairing(batch) -> Pairing:
    if batch.pairing_id is None:
        raise ValidationError({"pairing": _("Choose the pairing this document reports on, or accept its title "
                                            "pairing first.")})
    return batch.pairing


def _within(unit, outer) -> bool:
    if unit.pk == outer.pk:
        return True
    if not (unit.region_id and outer.region_id):
        return False
    node = unit.region
    while node is not None:
        if node.pk == outer.region_id:
            return True
        node = node.parent
    return False


def pairing_for(batch, donor, recipients, year) -> Pairing:
    """The deepest sub-pairing whose donor is the figure's and whose recipient holds all its recipients."""
    base = document_pairing(batch)
    if donor is None:
        return base
    below = (Pairing.objects.filter(pk__in=base.descendant_ids()[1:], donor=donor)
             .select_related("recipient__region"))
    fits = [p for p in below if p.covers(year)
            and (all(_within(r, p.recipient) for r in recipients) if recipients else len(below) == 1)]
    if not fits:
        return base
    depth = {p.pk: len(p.ancestors()) for p in fits}
    deepest = max(depth.values())
    fits = [p for p in fits if depth[p.pk] == deepest]
    return fits[0] if len(fits) == 1 else base


def infer_level(donor, recipient) -> str:
    if donor.kind == UnitKind.ENTERPRISE and recipient.region_id and recipient.region.level >= 4:
        return PairingLevel.ENTERPRISE_VILLAGE
    if donor.kind == UnitKind.REGION and recipient.kind == UnitKind.REGION:
        for level, (donor_levels, recipient_levels) in LEVEL_FIT.items():
            if donor.region.level in donor_levels and recipient.region.level in recipient_levels:
                return level
    return PairingLevel.OTHER


def apply_pairing(proposal, fact, user, span, is_title) -> Pairing:
    batch = proposal.batch
    context = context_for(batch.pairing)
    donor = party(fact.get("donor"), "donor", context)
    recipient = party(fact.get("recipient"), "recipient", context)
    year = check_year(fact.get("start_year") or batch.document.year or datetime.date.today().year, "start_year")
    existing = [p for p in Pairing.objects.filter(donor=donor, recipient=recipient) if p.covers(year)]
    existing = existing or list(Pairing.objects.filter(donor=donor, recipient=recipient))
    if existing:
        pairing = existing[0]
    else:
        parent = batch.pairing
        if parent is not None and not (_within(donor, parent.donor) and _within(recipient, parent.recipient)):
            parent = None
        pairing = do_create_pairing(donor, recipient, infer_level(donor, recipient), year, parent=parent)
    if span is not None:
        pairing.statements.add(span)
    if is_title and batch.pairing_id is None:
        batch.pairing = pairing
        batch.save(update_fields=["pairing"])
    return pairing


# -- events --------------------------------------------------------------------------------------

def parse_iso_date(text) -> tuple:
    """'2011-11-15' / '2011-04' / '2011' -> (date, precision); (None, 'day') when absent."""
    if not text:
        return None, ledger.DatePrecision.DAY
    try:
        parts = [int(p) for p in str(text).strip().split("-")]
        precision = ("year", "month", "day")[len(parts) - 1]
        return datetime.date(*(parts + [1] * (3 - len(parts)))), precision
    except (ValueError, IndexError, TypeError):
        raise ValidationError({"date": _("“%(d)s” is not a date (use 2011-11-15, 2011-11 or 2011).")
                               % {"d": text}}) from None


def apply_event(proposal, fact, user, span):
    batch = proposal.batch
    date, precision = parse_iso_date(fact.get("date"))
    year = check_year(date.year if date else (fact.get("year") or batch.document.year), "date")
    if fact.get("kind") not in ledger.EventKind.values:
        raise ValidationError({"kind": _("“%(k)s” is not a kind of event.") % {"k": fact.get("kind")}})
    record, _created = do_report_record(
        user, ledger.Event, pairing=document_pairing(batch), year=year, kind=fact["kind"],
        title=str(fact.get("title") or "")[:400], date=date, date_precision=precision,
        place=str(fact.get("place") or "")[:120], span=span, entered_by=user,
        source_ref=f"import:{batch.pk}:{proposal.position}")
    return record


# -- figures -------------------------------------------------------------------------------------

def record_for(code, value, qualifier, dims, donor, fact, year=None):
    """(model, slot, fields) of the ledger record a figure fits, or None for a directly entered aggregate
    (the registry's inverse, counterpart/ledger/kinds.py). A stated total with 其中/"of which" parts is a
    record too, so that the other side confirms it like any figure; its parts' figures are linked to it
    (part_of) and the read model counts the total once, never the total and its parts."""
    title = str((fact.get("evidence") or {}).get("text") or "")[:300]
    found = kinds.for_fact(code, value, qualifier, dims, donor, title, year)
    if found is None:
        return None
    kind, slot, fields = found
    return kind.model, slot, fields


def apply_observation(proposal, fact, user, span):
    """Returns (observation, record or None)."""
    batch = proposal.batch
    code = fact.get("indicator")
    check_indicator(code)
    value = parse_value(fact.get("value"))
    qualifier = check_qualifier(fact.get("qualifier") or "exact")
    year = check_year(fact.get("year") or batch.document.year)
    dims = check_dims(code, {k: v for k, v in (fact.get("dims") or {}).items() if v not in ("", None, [])})
    base = document_pairing(batch)
    donor, recipients = parties(fact, context_for(base))
    pairing = pairing_for(batch, donor, recipients, year)
    total = None
    if proposal.part_of_id and proposal.part_of.status == proposal.State.ACCEPTED:
        total = proposal.part_of.observation
    same = already_recorded(code, value, year, base, exclude_document=batch.document_id)
    if same is not None:
        # The same figure from another document (often the same report in the other language): counted once.
        return do_note_restated(user, same, span), None
    found = record_for(code, value, qualifier, dims, donor, fact, year)
    record = None
    if found is None:
        obs = do_record_observation(indicator=code, value=value, year=year, pairing=pairing, qualifier=qualifier,
                                    donor=donor, recipients=recipients, dims=dims, span=span, entered_by=user,
                                    part_of=total, status=ACCEPTED_STATUS)
    else:
        model, slot, fields = found
        record, _created = do_report_record(
            user, model, recipients=recipients, parts_of={slot: total} if total else None,
            pairing=pairing, year=year, donor=donor, span=span, entered_by=user, qualifier=qualifier,
            source_ref=f"import:{batch.pk}:{proposal.position}", **fields)
        obs = next(o for o in record_observations(record) if o.slot == slot)
    # Parts accepted before their total: link them now, so nobody adds the total to its parts.
    for part in proposal.parts.filter(status=proposal.State.ACCEPTED, observation__isnull=False):
        if part.observation.part_of_id is None and part.observation.indicator_id == obs.indicator_id:
            do_link_part(part.observation, obs)
    return obs, record


def indicator_choices():
    return list(Indicator.objects.order_by("position", "code").values_list("code", flat=True))
