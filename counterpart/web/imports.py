"""Bulk import of ledger records from XLSX or CSV: parse -> validate every row -> apply all or nothing.

Each row goes through the same form as the entry page (gazetteer places, catalogue indicators, the
same messages). A row's idempotency key is a hash of its content (and its occurrence in the file), so
importing the same file twice adds nothing.
"""
import csv
import datetime
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from counterpart.accounts import access
from counterpart.pairings.actions import find_pairing
from counterpart.pairings.models import Unit, UnitKind
from counterpart.web.forms import KINDS, build_form, model_fields

# Spreadsheet column -> form field, where they differ.
COLUMN_FIELDS = {"donor": "donor_place", "recipients": "recipient_places", "location": "location_place",
                 "kinds": "project_kinds", "enterprise": "enterprise_unit", "awardee": "awardee_unit"}
EXTRA_COLUMNS = {"project": ["location", "kinds", "output_indicator", "output_value"],
                 "investment_contract": ["enterprise"], "award": ["awardee"]}
MAX_ROWS = 5000


def columns(slug) -> list[str]:
    model = KINDS[slug]
    return ["pairing", "donor", "recipients", *model_fields(model), *EXTRA_COLUMNS.get(slug, [])]


def column_help(slug) -> list[tuple[str, str]]:
    model = KINDS[slug]
    names = {f.name: f.verbose_name for f in model._meta.concrete_fields}
    labels = {"pairing": _("pairing: its id or Donor-Recipient, e.g. Qingdao-Guizhou"),
              "donor": _("donor: a place or organisation name"),
              "recipients": _("recipients: place names separated by ;"),
              "location": _("location: a place name"), "kinds": _("kinds: separated by ;"),
              "output_indicator": _("output indicator: a catalogue code"), "output_value": _("output value"),
              "enterprise": _("enterprise: its name"), "awardee": _("awardee: its name")}
    return [(c, str(labels.get(c) or names.get(c, c))) for c in columns(slug)]


def template_xlsx(slug) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = slug[:31]
    ws.append(columns(slug))
    help_ws = wb.create_sheet("help")
    help_ws.append(["column", "meaning"])
    for row in column_help(slug):
        help_ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def template_csv(slug) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerow(columns(slug))
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM lets Excel open it as UTF-8


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


def read_rows(name: str, content: bytes) -> list[dict]:
    """The file's rows as {column: text}; blank rows are skipped."""
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile):
            raise ValidationError({"file": _("This is not a readable XLSX file.")}) from None
        table = [[_cell(v) for v in row] for row in wb.worksheets[0].iter_rows(values_only=True)]
    elif name.lower().endswith(".csv"):
        from charset_normalizer import from_bytes

        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            best = from_bytes(content).best()
            if best is None:
                raise ValidationError({"file": _("The CSV file's encoding could not be read.")}) from None
            text = str(best)
        table = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]
    else:
        raise ValidationError({"file": _("Upload an .xlsx or .csv file.")})
    table = [row for row in table if any(row)]
    if not table:
        raise ValidationError({"file": _("The file is empty.")})
    header = [h.strip().lower() for h in table[0]]
    if len(table) - 1 > MAX_ROWS:
        raise ValidationError({"file": _("At most %(n)s rows per file.") % {"n": MAX_ROWS}})
    return [dict(zip(header, row + [""] * (len(header) - len(row)))) for row in table[1:]]


@dataclass
class RowResult:
    number: int  # the spreadsheet's row number (header is row 1)
    values: dict
    errors: list = field(default_factory=list)
    form: object = None
    source_ref: str = ""
    exists: bool = False


def _form_data(slug, row: dict) -> dict:
    data = {}
    for column, value in row.items():
        name = COLUMN_FIELDS.get(column, column)
        if name == "project_kinds":
            data[name] = [v.strip() for v in value.replace("；", ";").split(";") if v.strip()]
        elif name in ("enterprise_unit", "awardee_unit") and value:
            unit = (Unit.objects.exclude(kind=UnitKind.REGION).filter(name_en__iexact=value).first()
                    or Unit.objects.exclude(kind=UnitKind.REGION).filter(name_zh=value).first())
            data[name] = unit.pk if unit else f"?{value}"
        elif value.lower() in ("true", "false") and name.endswith("stated"):
            data[name] = "on" if value.lower() == "true" else ""
        else:
            data[name] = value
    if "courses_stated" in [f for f in model_fields(KINDS[slug])] and "courses_stated" not in row:
        data["courses_stated"] = "on"
    return data


def validate(user, slug, rows: list[dict]) -> list[RowResult]:
    """Every row checked as the entry form would; nothing is written."""
    from counterpart.ledger.models import Record  # noqa: F401  (models are loaded)

    model = KINDS[slug]
    results, seen = [], {}
    for n, row in enumerate(rows, start=2):
        result = RowResult(n, row)
        canonical = json.dumps({k: row.get(k, "") for k in sorted(row)}, ensure_ascii=False)
        digest = hashlib.sha256(f"{slug}|{canonical}".encode()).hexdigest()[:32]
        seen[digest] = seen.get(digest, 0) + 1
        result.source_ref = f"import:{slug}:{digest}:{seen[digest]}"
        result.exists = model.objects.filter(source_ref=result.source_ref).exists()
        try:
            pairing = find_pairing(row.get("pairing", "") or "")
        except ValidationError as exc:
            result.errors.append(f"{_('pairing')}: {' '.join(exc.messages)}")
            results.append(result)
            continue
        visible = access.can_see_pairing(user, pairing) or access.is_organisation(user)
        if not visible or not access.can_create_record(user, model, pairing):
            result.errors.append(f"{_('pairing')}: " + _("You cannot enter records for %(p)s.")
                                 % {"p": row.get("pairing")})
            results.append(result)
            continue
        form = build_form(model, pairing=pairing, user=user, data=_form_data(slug, row))
        if not form.is_valid():
            for name, errors in form.errors.items():
                label = form.fields[name].label if name in form.fields else _("row")
                result.errors.extend(f"{label}: {e}" for e in errors)
        result.form = form
        results.append(result)
    return results


def commit(user, slug, results: list[RowResult]) -> tuple[int, int]:
    """Apply every row in one transaction; returns (added, already there). Refuses if any row has errors."""
    from counterpart.confirmations.actions import do_report_record

    if any(r.errors for r in results):
        raise ValidationError({"file": _("Some rows have errors; nothing was saved.")})
    model = KINDS[slug]
    added = existing = 0
    with transaction.atomic():
        for r in results:
            fields = r.form.action_fields()
            recipients = r.form.cleaned_data.get("recipient_places") or []
            try:
                _record, created = do_report_record(user, model, recipients=recipients, source_ref=r.source_ref,
                                                    **fields)
            except ValidationError as exc:
                raise ValidationError({"file": _("Row %(n)s: %(e)s") % {"n": r.number, "e": " ".join(exc.messages)}}) \
                    from None
            added += created
            existing += not created
    return added, existing
