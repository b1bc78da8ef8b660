"""Reading uploaded spreadsheets within bounds: sizes, formulas, long fields, headers, other sheets."""
import io
import subprocess
import sys
import textwrap
import zipfile

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from counterpart.web import sheets

pytestmark = pytest.mark.usefixtures("english")
ALLOWED = ["pairing", "donor", "recipients", "year", "amount"]

_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
          'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
          'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.spreadsheetml.worksheet+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
         '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
             'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
             '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')


def huge_xlsx(path, rows=3_000_000, declare=True):
    """A small .xlsx whose one sheet has `rows` one-cell rows (3 million: about 420 KB compressed)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w") as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                    b'spreadsheetml/2006/main">')
            if declare:
                f.write(f'<dimension ref="A1:A{rows}"/>'.encode())
            f.write(b"<sheetData>")
            # Rows without their optional r="" numbers repeat exactly, which is what makes the file so small.
            block = b"<row><c><v>1</v></c></row>" * 10_000
            for _ in range(rows // 10_000):
                f.write(block)
            f.write(b"<row><c><v>1</v></c></row>" * (rows % 10_000) + b"</sheetData></worksheet>")


def _xlsx(*sheets_rows, titles=None):
    wb = Workbook()
    for i, rows in enumerate(sheets_rows):
        ws = wb.active if i == 0 else wb.create_sheet((titles or [])[i] if titles else f"S{i}")
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def refused(name, content, allowed=ALLOWED):
    with pytest.raises(ValidationError) as exc:
        sheets.read_rows(name, content, allowed)
    return " ".join(exc.value.message_dict["file"])


@pytest.mark.parametrize("declare", [True, False])
def test_a_small_file_of_three_million_rows_is_refused_in_bounded_memory(tmp_path, declare):
    path = tmp_path / "huge.xlsx"
    huge_xlsx(path, declare=declare)
    assert path.stat().st_size < 600_000
    script = textwrap.dedent(f"""
        import os, resource, django
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "counterpart.settings")
        django.setup()
        from django.core.exceptions import ValidationError
        from django.utils import translation
        from counterpart.web import sheets
        translation.activate("en")
        try:
            sheets.read_rows("huge.xlsx", open({str(path)!r}, "rb").read(), ["pairing"])
            print("ACCEPTED")
        except ValidationError as exc:
            print("REFUSED", " ".join(exc.messages))
        # This process's peak (VmHWM); ru_maxrss would count the forked test runner's memory from before exec.
        peak = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")]
        print("RSS_KB", peak[0].split()[1] if peak else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True)
    lines = dict(line.split(" ", 1) for line in out.stdout.strip().splitlines())
    assert "REFUSED" in lines and "5000" in lines["REFUSED"].replace(",", ""), out.stdout
    assert int(lines["RSS_KB"]) < 200 * 1024, lines["RSS_KB"]


def test_a_formula_cell_is_refused_naming_its_row_and_column():
    msg = refused("f.xlsx", _xlsx([ALLOWED, ["Qingdao-Guizhou", "Qingdao", "安顺", 2024, "=100*2"]]))
    assert "Row 2, column E" in msg and "formula" in msg


def test_a_header_only_file_says_so():
    assert "header but no rows" in refused("f.csv", b"pairing,donor,year\n")
    assert "header but no rows" in refused("f.xlsx", _xlsx([ALLOWED]))


def test_data_on_another_sheet_is_named():
    msg = refused("f.xlsx", _xlsx([ALLOWED], [ALLOWED, ["Qingdao-Guizhou", "Qingdao", "安顺", 2024, 5]],
                                   titles=[None, "Data"]))
    assert "“Data”" in msg and "first sheet" in msg


def test_an_empty_file_is_refused():
    assert "empty" in refused("f.csv", b"\n\n")


def test_a_duplicated_column_is_refused():
    assert "amount" in refused("f.csv", b"pairing,amount,amount\n1,2,3\n")


def test_an_unknown_column_is_refused_with_the_known_ones():
    msg = refused("f.csv", b"pairing,amont\n1,2\n")
    assert "amont" in msg and "amount" in msg


def test_values_beyond_the_header_are_refused():
    assert "beyond the last named column" in refused("f.csv", b"pairing,year\n1,2011,surprise\n")


@pytest.mark.parametrize("size", [sheets.MAX_FIELD_CHARS + 1, 131_073])
def test_an_over_long_csv_field_is_refused_with_its_row(size):
    content = b"pairing,donor\n1,x\n2," + b"a" * size + b"\n"
    msg = refused("f.csv", content)
    assert "Row 3" in msg and "10,000" in msg


def test_an_over_long_xlsx_cell_is_refused():
    assert "10,000" in refused("f.xlsx", _xlsx([ALLOWED, ["x" * (sheets.MAX_FIELD_CHARS + 1)]]))


def test_too_many_csv_rows_are_refused():
    content = b"pairing\n" + b"1\n" * (sheets.MAX_ROWS + 1)
    assert "5000" in refused("f.csv", content)


@pytest.mark.parametrize("name", ["f.exe", "f.xls", "f"])
def test_other_extensions_are_refused(name):
    assert ".xlsx or .csv" in refused(name, b"pairing\n1\n")


def test_a_broken_xlsx_is_refused():
    assert "not a readable XLSX" in refused("f.xlsx", b"PK\x03\x04 not really")


def test_a_good_file_reads_as_rows():
    rows = sheets.read_rows("f.xlsx", _xlsx([ALLOWED, ["Qingdao-Guizhou", "Qingdao", "安顺", 2024, 1000000.5]]),
                            ALLOWED)
    assert rows == [{"pairing": "Qingdao-Guizhou", "donor": "Qingdao", "recipients": "安顺", "year": "2024",
                     "amount": "1000000.5"}]


class _Trickle(io.BytesIO):
    """A stream that hands out a few bytes at a time, so tags fall across chunk boundaries."""

    def read(self, n=-1):
        return super().read(7)


def test_rows_are_counted_exactly_across_chunk_boundaries():
    xml = b"<sheetData>" + b'<row r="1"><c><v>1</v></c></row><x:row><c/></x:row><rowBreaks/>' * 50 + b"</sheetData>"
    assert sheets._count_rows(_Trickle(xml), 10_000) == 100
    assert sheets._count_rows(io.BytesIO(xml), 10_000) == 100
