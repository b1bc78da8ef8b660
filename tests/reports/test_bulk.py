"""insert_rows writes what the ORM writes: COPY on PostgreSQL, executemany on SQLite. Run on both databases."""
import datetime
from decimal import Decimal

import pytest
from django.db import connection, transaction

from counterpart.indicators.models import Indicator, Observation
from counterpart.reports.bulk import insert_rows, next_id, reset_sequences, without_indexes
from tests.helpers import pairing, user

COLUMNS = ["id", "indicator_id", "value", "qualifier", "year", "pairing_id", "donor_id", "dims", "part_of_id",
           "entered_by_id", "slot", "stated", "status", "note", "created_at"]
# Text COPY has its own escapes for tabs, newlines, backslashes and NULL; these must arrive unchanged.
AWKWARD = "tab\there, line\nbreak, back\\slash, \\N, 引号“”, emoji 🙂"


def _fields(pk):
    o = Observation.objects.get(pk=pk)
    return (o.indicator_id, o.value, o.qualifier, o.year, o.pairing_id, o.donor_id, o.dims, o.part_of_id,
            o.entered_by_id, o.slot, o.stated, o.status, o.note, o.created_at)


def test_bulk_rows_read_back_as_the_orms(db):
    p, who = pairing(), user()
    ind = Indicator.objects.get(code="gov_aid_funds")
    when = datetime.datetime(2020, 5, 1, 8, 30, tzinfo=datetime.UTC)
    common = {"indicator": ind, "year": 2020, "pairing": p, "entered_by": who, "slot": "amount",
              "status": "confirmed", "note": AWKWARD}
    total = Observation.objects.create(value=Decimal("1234567.8900"), **common)
    part = Observation.objects.create(value=Decimal("0.0001"), qualifier="at_least", part_of=total, stated=False,
                                      dims={"purpose": "education", "kind": ["a", "b"]}, **common)
    Observation.objects.filter(pk__in=[total.pk, part.pk]).update(created_at=when)
    first = next_id(Observation)
    assert first == part.pk + 1
    created_at = connection.ops.adapt_datetimefield_value(when) if connection.vendor == "sqlite" else when
    rows = [(first, ind.pk, Decimal("1234567.8900"), "exact", 2020, p.pk, None, "{}", None, who.pk, "amount", True,
             "confirmed", AWKWARD, created_at),
            (first + 1, ind.pk, Decimal("0.0001"), "at_least", 2020, p.pk, None,
             '{"purpose": "education", "kind": ["a", "b"]}', first, who.pk, "amount", False, "confirmed", AWKWARD,
             created_at)]
    with transaction.atomic(), without_indexes(Observation._meta.db_table):
        assert insert_rows(Observation._meta.db_table, COLUMNS, iter(rows)) == 2
    reset_sequences(Observation)
    orm_total, orm_part = _fields(total.pk), _fields(part.pk)
    bulk_total, bulk_part = _fields(first), _fields(first + 1)
    assert bulk_total == orm_total
    assert bulk_part[:7] + bulk_part[8:] == orm_part[:7] + orm_part[8:]
    assert bulk_part[7] == first  # part_of: the bulk total
    # Ids taken by hand leave the sequence past them: the next ORM row does not collide.
    assert Observation.objects.create(value=1, **common).pk > first + 1


def test_without_indexes_puts_indexes_and_foreign_keys_back(db):
    table = Observation._meta.db_table

    def schema():
        with connection.cursor() as c:
            constraints = connection.introspection.get_constraints(c, table)
        return sorted((name, bool(info["index"]), bool(info["foreign_key"])) for name, info in constraints.items())

    before = schema()
    assert any(index for _n, index, _fk in before)
    with transaction.atomic(), without_indexes(table):
        during = schema()
    assert schema() == before
    assert len(during) < len(before)


def test_a_foreign_key_broken_during_the_load_is_refused(db):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps its foreign keys during a load and refuses the row at once")
    from django.db import IntegrityError

    ind = Indicator.objects.get(code="gov_aid_funds")
    row = (next_id(Observation), ind.pk, Decimal(1), "exact", 2020, 10 ** 9, None, "{}", None, user().pk, "",
           True, "confirmed", "", datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    with pytest.raises(IntegrityError), transaction.atomic(), without_indexes(Observation._meta.db_table):
        insert_rows(Observation._meta.db_table, COLUMNS, [row])
