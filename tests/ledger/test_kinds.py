"""The registry of record kinds agrees with the models and serves every part that names a kind."""
from decimal import Decimal

import pytest

from counterpart.ledger import kinds
from counterpart.ledger import models as ledger


def test_it_names_every_record_model_once_with_a_slug():
    models = [m for m in vars(ledger).values() if isinstance(m, type) and issubclass(m, ledger.Record)
              and m is not ledger.Record]
    assert sorted(m.__name__ for m in models) == sorted(m.__name__ for m in kinds.RECORD_MODELS)
    assert len(set(kinds.KINDS)) == len(kinds.KINDS)
    for slug, kind in kinds.KINDS.items():
        assert kinds.kind(slug) is kind and kinds.kind_of(kind.model) is kind


def test_it_declares_the_figures_each_kind_yields():
    """A record's specs() yield only the slots and indicators the registry declares for its kind."""
    samples = {
        "fund_allocation": {"amount": Decimal(5)},
        "labour_transfer": {"persons": 3, "income": Decimal(7)},
        "personnel_exchange": {"persons": 2, "direction": "to_recipient", "role": "cadre"},
        "training": {"title": "t", "courses": 1, "trainees": 40},
        "event": {"kind": "forum", "members": 4, "participants": 50},
        "donation": {"amount": Decimal(9), "quantity": 3, "item": "computers"},
        "student_sponsorship": {"students": 5, "start_year": 2011},
        "investment_contract": {"title": "x", "amount": Decimal(1)},
        "award": {"title": "x"},
    }
    for slug, fields in samples.items():
        kind = kinds.kind(slug)
        declared = {(f.slot, f.indicator) for f in kind.figures}
        record = kind.model(year=2011, **fields)
        yielded = {(s.slot, s.indicator) for s in record.specs()}
        assert yielded <= declared, slug
        for slot, _indicator in yielded:
            field = kind.field_for_slot(slot)
            assert field is None or getattr(record, field) is not None


@pytest.mark.parametrize("code, value, dims, slug, slot", [
    ("gov_aid_funds", "5000000", {"source_level": "county"}, "fund_allocation", "amount"),
    ("social_donations", "20000", {}, "donation", "amount"),
    ("donated_items", "30", {"item": "computers"}, "donation", "items"),
    ("labor_transferred", "120", {}, "labour_transfer", "persons"),
    ("cadres_exchanged", "4", {"direction": "to_recipient"}, "personnel_exchange", "persons"),
    ("trainees", "300", {}, "training", "trainees"),
    ("students_supported", "12", {}, "student_sponsorship", "students"),
])
def test_it_turns_an_accepted_figure_into_the_record_that_yields_it(code, value, dims, slug, slot):
    kind, got_slot, fields = kinds.for_fact(code, Decimal(value), "exact", dims, year=2011)
    assert (kind.slug, got_slot) == (slug, slot)
    record = kind.model(year=2011, **fields)
    spec = next(s for s in record.specs() if s.slot == slot)
    assert (spec.indicator, spec.value) == (code, Decimal(value))


def test_it_leaves_aggregates_without_a_record_kind():
    assert kinds.for_fact("labor_service_income", Decimal(5), "exact", {}) is None
    assert kinds.for_fact("delegation_members", Decimal(5), "exact", {}) is None
    assert kinds.for_fact("labor_transferred", Decimal("2.5"), "exact", {}) is None
