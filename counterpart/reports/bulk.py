"""Bulk writes for the read model and synthetic data: COPY on PostgreSQL, executemany on SQLite.

Row-by-row ORM saves run at a few thousand rows a second; these run at hundreds of thousands.
Callers pass plain tuples in column order; ids are assigned by the caller so rows can refer to
each other without reading anything back (see `next_id` and `reset_sequences`).
"""
from contextlib import contextmanager
from itertools import islice

from django.db import connection


def insert_rows(table: str, columns: list[str], rows) -> int:
    """Insert an iterable of tuples; returns the number of rows. Runs in the caller's transaction.

    Values go to the driver as they are (Decimal, int, str, bool, None, datetime); JSON columns take
    a JSON string, which both databases accept.
    """
    n = 0
    cols = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        rows = iter(rows)
        if connection.vendor == "postgresql":
            # One COPY per batch: the rows may come from a query on this same connection, which cannot
            # fetch while a COPY is open.
            while batch := list(islice(rows, 50000)):
                with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({cols}) FROM STDIN") as copy:
                    for row in batch:  # psycopg formats each row in C
                        copy.write_row(row)
                n += len(batch)
            return n
        # A large page cache keeps the table's indexes in memory while they grow (default: 2 MB).
        cursor.execute("PRAGMA cache_size=-1000000")
        sql = f"INSERT INTO {connection.ops.quote_name(table)} ({cols}) VALUES ({', '.join('?' * len(columns))})"
        while True:
            batch = list(islice(rows, 20000))
            if not batch:
                return n
            cursor.cursor.executemany(sql, batch)  # Django registers Decimal -> str for sqlite3
            n += len(batch)


def next_id(model) -> int:
    from django.db.models import Max

    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def reset_sequences(*models) -> None:
    """After inserting explicit ids, PostgreSQL's sequences must move past them."""
    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)


def delete_all(*models) -> None:
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


@contextmanager
def without_indexes(*tables):
    """Drop the tables' secondary (non-unique) indexes, and on PostgreSQL their foreign keys, for a bulk
    load; rebuild them after. Building an index once is far cheaper than updating it row by row, and
    adding a foreign key checks every row in one join where a kept one fires a trigger per row. Same
    transaction, so readers never see the tables without them."""
    indexes, foreign_keys = [], []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A table with deferred checks pending cannot be altered: run them now, and defer again.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            # Memory for this transaction only: index builds and the foreign-key checks (joins of millions
            # of rows) sort and hash in memory instead of spilling to disk in small batches.
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            cursor.execute("SET LOCAL work_mem = '256MB'")
        for table in tables:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                               "WHERE conrelid = %s::regclass AND contype = 'f'", [table])
                for name, definition in cursor.fetchall():
                    foreign_keys.append((table, name, definition))
                    cursor.execute(f"ALTER TABLE {_q(table)} DROP CONSTRAINT {_q(name)}")
                cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table])
            else:
                cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                               "AND sql IS NOT NULL", [table])
            for name, sql in cursor.fetchall():
                if "UNIQUE" in sql.upper():
                    continue
                indexes.append(sql)
                cursor.execute(f"DROP INDEX {_q(name)}")
    yield
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA threads = 4")  # CREATE INDEX may sort on helper threads
        for sql in indexes:
            cursor.execute(sql)
        for table, name, definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {_q(table)} ADD CONSTRAINT {_q(name)} {definition}")


def _q(name):
    return connection.ops.quote_name(name)
