"""The one registry of record kinds: what each kind is called, which fields a person edits, which figures
(observation slots) it yields and how an accepted extracted figure becomes a record of it.

Every part that needs to know what a record kind is reads it here: the entry forms and their URL slugs,
the spreadsheet import, the demo loader, the narrative importer (`for_fact`), the confirmations (which
field holds a disputed figure: `field_for_slot`), the admin. A model's `specs()` says what it yields; the
`figures` declared here name the same slots, and tests/ledger/test_kinds.py checks that they agree.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from counterpart.ledger import models as ledger

# Fields set by the application, or by dedicated widgets, rather than typed into the model form.
SYSTEM_FIELDS = {"id", "pairing", "span", "entered_by", "source_ref", "created_at", "version"}


@dataclass(frozen=True)
class Figure:
    """One figure a record yields: its observation slot, the indicator, the record field holding it."""

    slot: str
    indicator: str
    field: str | None  # None for figures kept in a JSON field (a project's outputs)


@dataclass(frozen=True)
class Kind:
    slug: str
    model: type
    figures: tuple[Figure, ...] = ()
    # Fields naming another unit than the donor: field -> unit kind offered (None: any organisation).
    unit_fields: dict = field(default_factory=dict)
    region_fields: tuple[str, ...] = ()  # fields naming a Region, typed as a place name
    multi_choice_fields: dict = field(default_factory=dict)  # JSON list fields -> their choices
    has_outputs: bool = False  # a JSON dict indicator code -> value (each an observation "output:<code>")
    has_agreement: bool = False
    # An enterprise or charity enters this kind in its own name, in this field.
    organisation_field: str | None = None
    # Inverse of the figures: (indicator, value, qualifier, dims, donor, title, year) -> record fields or None.
    from_fact: Callable | None = None

    @property
    def label(self):
        return self.model._meta.verbose_name

    @property
    def label_plural(self):
        return self.model._meta.verbose_name_plural

    @property
    def model_name(self) -> str:
        return self.model._meta.model_name

    def editable_fields(self) -> list[str]:
        """Model fields a person types in directly (the dedicated ones and the parties aside)."""
        special = (SYSTEM_FIELDS | {"donor", "recipients", "outputs", "agreement"} | set(self.unit_fields)
                   | set(self.region_fields) | set(self.multi_choice_fields))
        return [f.name for f in self.model._meta.concrete_fields
                if f.editable and not f.primary_key and f.name not in special]

    def field_for_slot(self, slot: str) -> str | None:
        """The record field that holds a figure's value (None: an output, or no such slot)."""
        for fig in self.figures:
            if fig.slot == slot:
                return fig.field
        return None

    def indicator_for_slot(self, slot: str) -> str | None:
        if slot.startswith("output:"):
            return slot.split(":", 1)[1]
        return next((f.indicator for f in self.figures if f.slot == slot), None)


def _whole(value: Decimal) -> bool:
    return value == value.to_integral_value()


def _text(value, n) -> str:
    return str(value or "")[:n]


# -- the inverse: an accepted figure from a narrative report -> the fields of a record --------------------

def _fund(code, value, qualifier, dims, donor, title, year):
    return {"amount": value, "source_level": dims.get("source_level", ""), "kind": dims.get("kind", ""),
            "purpose": _text(dims.get("purpose"), 200)}


def _donation(code, value, qualifier, dims, donor, title, year):
    if code == "social_donations":
        return {"amount": value, "form": dims.get("form", ledger.Donation.Form.CASH)}
    if _whole(value) and qualifier == "exact":
        return {"form": ledger.Donation.Form.IN_KIND, "quantity": int(value), "item": _text(dims.get("item"), 100)}
    return None


def _investment(code, value, qualifier, dims, donor, title, year):
    from counterpart.pairings.models import UnitKind

    if donor is None or donor.kind != UnitKind.ENTERPRISE:
        return None
    return {"enterprise": donor, "amount": value, "title": title or code, "sector": _text(dims.get("sector"), 100)}


def _labour(code, value, qualifier, dims, donor, title, year):
    # Service income is read with its workers, not as a record of its own.
    return {"persons": int(value)} if code == "labor_transferred" and _whole(value) else None


def _personnel(code, value, qualifier, dims, donor, title, year):
    if not _whole(value):
        return None
    if code == "cadres_exchanged":
        if not dims.get("direction"):
            return None
        return {"persons": int(value), "direction": dims["direction"], "role": "cadre"}
    if not dims.get("role") or dims["role"] == "cadre":
        return None
    return {"persons": int(value), "role": _text(dims["role"], 40), "direction": ledger.Direction.TO_RECIPIENT}


def _training(code, value, qualifier, dims, donor, title, year):
    if not _whole(value):
        return None
    if code == "trainees":
        return {"title": title or code, "courses": 1, "courses_stated": False, "trainees": int(value),
                "audience": _text(dims.get("audience"), 40)}
    if qualifier != "exact":
        return None
    return {"title": title or code, "courses": int(value)}


def _sponsorship(code, value, qualifier, dims, donor, title, year):
    return {"students": int(value), "start_year": year} if _whole(value) else None


KINDS: dict[str, Kind] = {k.slug: k for k in [
    Kind("fund_allocation", ledger.FundAllocation, (Figure("amount", "gov_aid_funds", "amount"),),
         from_fact=_fund),
    Kind("project", ledger.Project, (Figure("project", "aid_projects", None),),
         region_fields=("location",), multi_choice_fields={"kinds": ledger.ProjectKind.choices},
         has_outputs=True),
    Kind("investment_contract", ledger.InvestmentContract,
         (Figure("amount", "enterprise_investment", "amount"),), unit_fields={"enterprise": "enterprise"},
         organisation_field="enterprise", from_fact=_investment),
    Kind("labour_transfer", ledger.LabourTransfer, (Figure("persons", "labor_transferred", "persons"),
                                                    Figure("income", "labor_service_income", "income")),
         from_fact=_labour),
    Kind("personnel_exchange", ledger.PersonnelExchange, (Figure("persons", "cadres_exchanged", "persons"),
                                                          Figure("persons", "professionals_sent", "persons")),
         from_fact=_personnel),
    Kind("training", ledger.Training, (Figure("courses", "training_courses", "courses"),
                                       Figure("trainees", "trainees", "trainees")), from_fact=_training),
    Kind("event", ledger.Event, (Figure("members", "delegation_members", "members"),
                                 Figure("participants", "event_participants", "participants")),
         has_agreement=True),
    Kind("donation", ledger.Donation, (Figure("amount", "social_donations", "amount"),
                                       Figure("items", "donated_items", "quantity")),
         organisation_field="donor", from_fact=_donation),
    Kind("student_sponsorship", ledger.StudentSponsorship, (Figure("students", "students_supported", "students"),),
         from_fact=_sponsorship),
    Kind("award", ledger.Award, (), unit_fields={"awardee": None}),
]}
"""URL slug -> kind, in the order the entry menu shows them."""

_BY_MODEL = {k.model: k for k in KINDS.values()}
RECORD_MODELS = [k.model for k in KINDS.values()]


def kind(slug: str) -> Kind:
    """The kind for a URL slug; KeyError for an unknown one."""
    return KINDS[slug]


def kind_of(record_or_model) -> Kind:
    model = record_or_model if isinstance(record_or_model, type) else type(record_or_model)
    return _BY_MODEL[model]


def is_record(obj) -> bool:
    return (obj if isinstance(obj, type) else type(obj)) in _BY_MODEL


def for_fact(code: str, value: Decimal, qualifier: str, dims: dict, donor=None, title: str = "", year=None):
    """(kind, slot, fields) of the record an accepted figure becomes, or None for a figure without a record
    kind (an aggregate such as a province's total, delegation members without their event)."""
    for k in KINDS.values():
        if k.from_fact is None:
            continue
        for fig in k.figures:
            if fig.indicator != code:
                continue
            fields = k.from_fact(code, value, qualifier, dims, donor, title, year)
            if fields is not None:
                return k, fig.slot, fields
    return None
