"""CSV: every table of the report, one after another, each under its title; numbers unformatted."""
import csv
import io
from decimal import Decimal


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
        writer.writerow([c.label for c in table.columns])
        for row in table.rows:
            writer.writerow([_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: spreadsheet programs then read UTF-8 Chinese
