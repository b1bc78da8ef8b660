"""CSV: every table of the report, one after another, each under its title; numbers unformatted (money in
the unit its column header names, as in the other formats)."""
import csv
import io
from decimal import Decimal

from counterpart.reports.render.values import column_label, scaled_money


def _cell(v):
    if isinstance(v, Decimal):
        return format(v.normalize(), "f")
    return "" if v is None else v


def render(doc) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([doc.title])
    for table in doc.tables():
        writer.writerow([])
        writer.writerow([table.title])
        writer.writerow([column_label(c, doc.lang) for c in table.columns])
        for row in table.rows:
            writer.writerow([_cell(scaled_money(v, doc.lang) if c.kind == "money" and v is not None else v)
                             for c, v in zip(table.columns, row)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: spreadsheet programs then read UTF-8 Chinese
