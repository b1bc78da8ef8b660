"""Bulk import of ledger records from XLSX or CSV: parse -> validate every row -> apply all or nothing.

Each row goes through the same form as the entry page (gazetteer places, catalogue indicators, the
same messages). A row's idempotency key is a hash of its content (and its occurrence in the file), so
importing the same file twice adds nothing.
"""
import csv
import hashlib
import io
import json
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from counterpart.accounts import access
from counterpart.indicators.models import MAX_YEAR, MIN_YEAR
from counterpart.ledger.kinds import KINDS
from counterpart.pairings.actions import find_pairing
from counterpart.pairings.models import Unit, UnitKind
from counterpart.web import sheets
from counterpart.web.forms import build_form, form_name, model_fields

# Spreadsheet column -> form field, where they differ.
COLUMN_FIELDS = {"donor": "donor_place", "recipients": "recipient_places", "location": "location_place",
                 "kinds": "project_kinds", "enterprise": "enterprise_unit", "awardee": "awardee_unit"}
EXTRA_COLUMNS = {"project": ["location", "kinds", "output_indicator", "output_value"],
                 "investment_contract": ["enterprise"], "award": ["awardee"]}
MAX_ROWS = sheets.MAX_ROWS


def columns(slug) -> list[str]:
    model = KINDS[slug].model
    return ["pairing", "donor", "recipients", *model_fields(model), *EXTRA_COLUMNS.get(slug, [])]


def column_help(slug) -> list[tuple[str, str]]:
    model = KINDS[slug].model
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


def read_rows(name: str, content: bytes, slug: str | None = None) -> list[dict]:
    """The file's rows as {column: text}; blank rows are skipped (reading and its limits: web/sheets.py)."""
    allowed = columns(slug) if slug else sorted({c for s in KINDS for c in columns(s)})
    return sheets.read_rows(name, content, allowed)


@dataclass
class RowResult:
    number: int  # the spreadsheet's row number (header is row 1)
    values: dict
    errors: list = field(default_factory=list)
    form: object = None
    source_ref: str = ""
    exists: bool = False
    year_flagged: bool = False


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
    if "courses_stated" in [f for f in model_fields(KINDS[slug].model)] and "courses_stated" not in row:
        data["courses_stated"] = "on"
    return data


def _year_error(value) -> str | None:
    """The year's message names the accepted range (the form's own would say "at least 0")."""
    try:
        year = int(str(value).strip())
    except ValueError:
        year = None
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        return _("%(v)s is not a year from %(lo)s to %(hi)s.") % {"v": value, "lo": MIN_YEAR, "hi": MAX_YEAR}
    return None


def _form_errors(form, row) -> list[str]:
    out = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else _("row")
        if name == "year" and _year_error(row.get("year", "")):
            errors = [_year_error(row.get("year", ""))]
        out.extend(f"{label}: {e}" for e in errors)
    return out


def validate(user, slug, rows: list[dict], rehearse: bool = True) -> list[RowResult]:
    """Every row checked as the entry form would, then (when every form is valid) rehearsed through the
    commit's own action in a transaction that is rolled back: the dry run reports exactly what the commit
    would refuse, for every row. Nothing is written."""
    from counterpart.ledger.models import Record  # noqa: F401  (models are loaded)

    model = KINDS[slug].model
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
            result.errors.extend(_form_errors(form, row))
        elif _year_error(row.get("year", "")) and "year" in row:
            # The action stops at its first refusal; the year is named here so the row shows all of them.
            result.errors.append(f"{form.fields['year'].label}: {_year_error(row['year'])}")
            result.year_flagged = True
        result.form = form
        results.append(result)
    if rehearse:
        with transaction.atomic():
            _apply(user, model, results, rehearsal=True)
            transaction.set_rollback(True)
    return results


def _apply(user, model, results: list[RowResult], rehearsal=False) -> tuple[int, int]:
    """Every valid row through the single-record action, each in its own savepoint so that one row's refusal
    is noted on that row and the others are still tried; returns (added, already there). A rehearsal also
    tries the rows whose only error so far is the year, so the action's other refusals are shown too."""
    from counterpart.confirmations.actions import do_report_record

    added = existing = 0
    for r in results:
        if r.form is None or not r.form.is_valid() or (r.errors and not (rehearsal and r.year_flagged)):
            continue
        fields = r.form.action_fields()
        if rehearsal and r.year_flagged:
            # The action checks the year first and stops there; a year in range lets the rehearsal reach the
            # row's other refusals (its year's own message is already on the row).
            fields["year"] = timezone.now().year
        recipients = r.form.cleaned_data.get("recipient_places") or []
        try:
            with transaction.atomic():
                _record, created = do_report_record(user, model, recipients=recipients, source_ref=r.source_ref,
                                                    **fields)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                r.errors.extend(f"{_field_label(r.form, k)}: {' '.join(v)}" for k, v in exc.message_dict.items()
                                if not (k == "year" and r.year_flagged))
            else:
                r.errors.extend(exc.messages)
            continue
        except PermissionDenied as exc:
            r.errors.append(str(exc) or _("You cannot enter this record."))
            continue
        added += created
        existing += not created
    return added, existing


def _field_label(form, name) -> str:
    name = name if name in form.fields else form_name(form.kind, name)
    if name in form.fields:
        return str(form.fields[name].label)
    return {"__all__": _("row")}.get(name, name)


def commit(user, slug, results: list[RowResult]) -> tuple[int, int]:
    """Apply every row in one transaction; returns (added, already there). Refuses if any row has errors,
    naming each row and its errors."""
    if any(r.errors for r in results):
        raise ValidationError({"file": _("Some rows have errors; nothing was saved.")})
    model = KINDS[slug].model
    with transaction.atomic():
        added, existing = _apply(user, model, results)
        failed = [r for r in results if r.errors]
        if failed:
            transaction.set_rollback(True)
    if failed:
        raise ValidationError({"file": [_("Row %(n)s: %(e)s") % {"n": r.number, "e": "; ".join(r.errors)}
                                        for r in failed] + [_("Some rows have errors; nothing was saved.")]})
    return added, existing
