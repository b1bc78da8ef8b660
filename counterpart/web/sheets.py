"""Reading an uploaded spreadsheet (XLSX or CSV) into rows of text, within bounds.

Files arrive from anywhere, so the reader never trusts what a file says about itself: an XLSX is read in
openpyxl's streaming (read-only) mode, refused when its declared size is over the limit, and counted while it
is read, so a small file declaring millions of rows costs neither memory nor minutes. Formula cells are
refused (a formula written by another program has no cached value, and reading it as empty would import a
wrong row); so are over-long fields, duplicated columns and columns the record type does not have.
"""
import csv
import datetime
import io
import re
import zipfile
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_ROWS = 5000
# Rows read (blank ones included) before a file is refused whatever it declares: blank rows are skipped but
# still cost time, and a file of millions of them is an attack, not a spreadsheet.
MAX_SCANNED_ROWS = 4 * MAX_ROWS
MAX_FIELD_CHARS = 10_000
EXTENSIONS = (".xlsx", ".csv")


def _refuse(message):
    raise ValidationError({"file": message})


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float):
        # Spreadsheets store numbers as floats; take the shortest decimal that prints the same.
        return str(int(value)) if value.is_integer() else str(Decimal(repr(value)))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _too_many():
    _refuse(_("The file has more than %(n)s rows; split it into files of at most %(n)s rows.") % {"n": MAX_ROWS})


def _sheet_rows(ws, row_number_limit):
    """A read-only worksheet's rows as lists of text, refusing formulas and stopping at the limits."""
    kept = 0
    table = []
    for scanned, row in enumerate(ws.iter_rows(), start=1):
        if scanned > MAX_SCANNED_ROWS:
            _too_many()
        values = []
        for i, cell in enumerate(row):
            if getattr(cell, "data_type", None) == "f":
                _refuse(_("Row %(row)s, column %(col)s holds a formula (%(f)s): formulas are not imported; "
                          "copy the cells and paste them as values.")
                        % {"row": cell.row or scanned, "col": _column_letter(i), "f": str(cell.value)[:40]})
            values.append(_cell(cell.value))
        if any(values):
            kept += 1
            if kept > row_number_limit:
                _too_many()
            table.append(values)
    return table


_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
_TAIL = 32
MAX_PART_BYTES = 200 * 1024 * 1024  # a sheet's XML, uncompressed; 5,000 real rows take a few megabytes


def _count_rows(stream, limit: int) -> int:
    """Rows in a worksheet's XML, counted in chunks without parsing it; stops past the limit."""
    rows = seen = 0
    tail = b""
    while True:
        chunk = stream.read(1 << 20)
        seen += len(chunk)
        if seen > MAX_PART_BYTES:
            _refuse(_("The file is too large once unpacked; at most %(n)s rows per file.") % {"n": MAX_ROWS})
        buf = tail + chunk
        end = len(buf) if not chunk else max(len(buf) - _TAIL, 0)
        # A tag cut by the chunk's end is counted with the next chunk, which starts with this tail.
        rows += sum(1 for m in _ROW_TAG.finditer(buf) if m.start() < end)
        if rows > limit:
            return rows
        if not chunk:
            return rows
        tail = buf[end:]


def _prescan(content: bytes) -> None:
    """Refuses, before openpyxl reads it, a workbook whose sheets hold more rows than the limit: openpyxl
    builds a whole sheet's tree when the sheet does not declare its size, so a small file with millions
    of rows would otherwise take hundreds of megabytes."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            for info in z.infolist():
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    with z.open(info) as stream:
                        if _count_rows(stream, MAX_SCANNED_ROWS) > MAX_SCANNED_ROWS:
                            _too_many()
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError):
        _refuse(_("This is not a readable XLSX file."))


def _read_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    _prescan(content)
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile):
        _refuse(_("This is not a readable XLSX file."))
    try:
        sheets = wb.worksheets
        if not sheets:
            _refuse(_("The file is empty."))
        first = sheets[0]
        declared = first.max_row if first.max_row is not None else 0
        if declared > MAX_SCANNED_ROWS:
            _refuse(_("The file declares %(d)s rows; at most %(n)s rows per file.") % {"d": f"{declared:,}", "n": MAX_ROWS})
        table = _sheet_rows(first, MAX_ROWS + 1)
        if len(table) <= 1:
            # The template's second sheet is the help; any other sheet with rows is data put in the wrong place.
            for other in sheets[1:]:
                if other.title in template_sheet_titles():
                    continue
                other_declared = other.max_row if other.max_row is not None else 0
                if other_declared > 1 or (other_declared == 0 and len(_sheet_rows(other, 2)) > 1):
                    _refuse(_("The first sheet, “%(first)s”, has no data rows, but sheet “%(other)s” has rows: "
                              "only the first sheet is imported; move the rows there.")
                            % {"first": first.title, "other": other.title})
        return table
    except (KeyError, ValueError, TypeError, zipfile.BadZipFile, EOFError):
        _refuse(_("This is not a readable XLSX file."))
    finally:
        wb.close()


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(content).best()
        if best is None:
            _refuse(_("The CSV file's encoding could not be read."))
        return str(best)


def _read_csv(content: bytes) -> list[list[str]]:
    reader = csv.reader(io.StringIO(_decode(content)))
    table = []
    scanned = 0
    try:
        for row in reader:
            scanned += 1
            if scanned > MAX_SCANNED_ROWS:
                _too_many()
            row = [c.strip() for c in row]
            for i, value in enumerate(row):
                if len(value) > MAX_FIELD_CHARS:
                    _refuse(_("Row %(row)s, column %(col)s is longer than %(n)s characters.")
                            % {"row": reader.line_num, "col": i + 1, "n": f"{MAX_FIELD_CHARS:,}"})
            if any(row):
                table.append(row)
                if len(table) > MAX_ROWS + 1:
                    _too_many()
    except csv.Error as exc:
        # The csv module's own bound (131,072 characters a field) or a broken quote.
        _refuse(_("Row %(row)s cannot be read as CSV (%(e)s); a field may be longer than %(n)s characters "
                  "or a quote is not closed.") % {"row": reader.line_num, "e": exc, "n": f"{MAX_FIELD_CHARS:,}"})
    return table


def read_table(name: str, content: bytes) -> list[list[str]]:
    """The file's non-blank rows as lists of text, header first."""
    lower = (name or "").lower()
    if lower.endswith(".xlsx"):
        table = _read_xlsx(content)
    elif lower.endswith(".csv"):
        table = _read_csv(content)
    else:
        _refuse(_("Upload an .xlsx or .csv file."))
    for row in table:
        for i, value in enumerate(row):
            if len(value) > MAX_FIELD_CHARS:
                _refuse(_("A cell in column %(col)s is longer than %(n)s characters.")
                        % {"col": i + 1, "n": f"{MAX_FIELD_CHARS:,}"})
    if not table:
        _refuse(_("The file is empty."))
    return table


# The template's own sheets beside the data sheet, in both languages; never data put in the wrong place.
TEMPLATE_SHEETS = ("help", "allowed values", "example")


def template_sheet_titles() -> set[str]:
    from django.utils import translation

    titles = set(TEMPLATE_SHEETS)
    with translation.override("zh-hans"):
        titles |= {str(_(t)) for t in TEMPLATE_SHEETS}
    return titles


def _zh() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "").startswith("zh")


def check_header(header: list[str], allowed: list[str], aliases: dict | None = None,
                 shown: list[str] | None = None) -> list[str]:
    """The header's column names, normalised (a header in either language read through `aliases`: normal
    header -> column); refuses duplicated, unknown and unnamed columns, naming them as written."""
    from counterpart.web.sheet_vocabulary import normal

    aliases = aliases or {}
    written = [h.strip() for h in header]
    names = [aliases.get(normal(h), h.lower()) if h else "" for h in written]
    seen, duplicated = set(), []
    for n in names:
        if n and n in seen and n not in duplicated:
            duplicated.append(n)
        seen.add(n)
    if duplicated:
        as_written = [w for w, n in zip(written, names) if n in duplicated]
        _refuse(_("The column %(c)s appears more than once in the header; keep one.")
                % {"c": "、".join(as_written) if _zh() else ", ".join(as_written)})
    unknown = [w for w, n in zip(written, names) if n and n not in allowed]
    if unknown:
        listed = shown or allowed
        _refuse(_("Unknown column %(c)s; the columns for this record type are: %(a)s.")
                % {"c": ", ".join(f"“{u}”" for u in unknown), "a": ", ".join(listed)})
    if "" in names:
        _refuse(_("Column %(n)s of the header has no name.") % {"n": names.index("") + 1})
    return names


def read_rows(name: str, content: bytes, allowed: list[str], aliases: dict | None = None,
              shown: list[str] | None = None) -> list[dict]:
    """The file's rows as {column: text}; blank rows are skipped; a header-only file is refused."""
    table = read_table(name, content)
    header = check_header(table[0], allowed, aliases, shown)
    if len(table) == 1:
        _refuse(_("The file has a header but no rows: fill one record per row under the header."))
    rows = []
    for row in table[1:]:
        if len(row) > len(header) and any(row[len(header):]):
            _refuse(_("A row has values beyond the last named column (%(c)s): %(v)s.")
                    % {"c": header[-1], "v": ", ".join(v for v in row[len(header):] if v)[:80]})
        rows.append(dict(zip(header, row[:len(header)] + [""] * (len(header) - len(row)))))
    return rows
