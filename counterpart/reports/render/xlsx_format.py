"""XLSX: one sheet per table, real numbers with number formats (money in 万元 for Chinese readers and yuan for
English ones, as the column header says; counts; per cent), numbers right-aligned."""
import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from counterpart.reports.document import Link
from counterpart.reports.render.values import column_label, scaled_money

NUMBER_FORMATS = {"money": "#,##0.00", "number": "#,##0.####", "percent": '+0.0"%";-0.0"%";0.0"%"',
                  "share": '0.0"%"'}


def _sheet_name(name, used):
    base = re.sub(r"[\[\]:*?/\\]", " ", name)[:28] or "Sheet"
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base[:25]} {n}", n + 1
    used.add(candidate)
    return candidate


def render(doc) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    used = set()
    for table in doc.tables() or []:
        ws = wb.create_sheet(_sheet_name(table.sheet or table.title, used))
        ws.append([table.title])
        ws["A1"].font = Font(bold=True, size=12)
        ws.append([column_label(c, doc.lang) for c in table.columns])
        for cell in ws[2]:
            cell.font = Font(bold=True)
        for i, row in enumerate(table.rows):
            ws.append([scaled_money(v, doc.lang) if c.kind == "money" and v is not None else
                       str(v) if isinstance(v, Link) else v for c, v in zip(table.columns, row)])  # openpyxl writes Decimal as a number cell
            r = ws.max_row
            for j, col in enumerate(table.columns, 1):
                if col.kind in NUMBER_FORMATS:
                    ws.cell(r, j).number_format = NUMBER_FORMATS[col.kind]
                    ws.cell(r, j).alignment = Alignment(horizontal="right")
            if table.indent and table.indent[i]:
                ws.cell(r, 1).alignment = Alignment(indent=2 * table.indent[i])
        for j, col in enumerate(table.columns, 1):
            width = max([len(column_label(col, doc.lang)) * (2 if doc.lang.startswith("zh") else 1)] + [len(str(row[j - 1] or "")) for row in table.rows[:200]]) + 2
            ws.column_dimensions[ws.cell(2, j).column_letter].width = min(max(width, 10), 60)
    if not wb.sheetnames:
        wb.create_sheet("Report").append([doc.title])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
