"""Bulk writes for the read model and synthetic data: COPY on PostgreSQL, executemany on SQLite.

Row-by-row ORM saves run at a few thousand rows a second; these run at hundreds of thousands.
Callers pass plain tuples in column order; ids are assigned by the caller so rows can refer to
each other without reading anything back (see `next_id` and `reset_sequences`).
"""
import datetime
import json
from decimal import Decimal

from django.db import connection


def _copy_text(value) -> str:
    """One value in PostgreSQL COPY text format."""
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, (datetime.datetime, datetime.date, Decimal, int)):
        value = str(value)
    return (value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"))


def insert_rows(table: str, columns: list[str], rows) -> int:
    """Insert an iterable of tuples; returns the number of rows. Runs in the caller's transaction."""
    n = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cols = ", ".join(connection.ops.quote_name(c) for c in columns)
            with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write("\t".join(_copy_text(v) for v in row) + "\n")
                    n += 1
            return n
        cols = ", ".join(connection.ops.quote_name(c) for c in columns)
        sql = f"INSERT INTO {connection.ops.quote_name(table)} ({cols}) VALUES ({', '.join('?' * len(columns))})"
        batch = []
        for row in rows:
            batch.append(tuple(json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else
                               (str(v) if isinstance(v, Decimal) else v) for v in row))
            if len(batch) >= 20000:
                cursor.cursor.executemany(sql, batch)
                n += len(batch)
                batch = []
        if batch:
            cursor.cursor.executemany(sql, batch)
            n += len(batch)
    return n


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
