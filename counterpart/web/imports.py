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
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from counterpart.accounts import access
from counterpart.indicators.models import MAX_YEAR, MIN_YEAR
from counterpart.ledger.kinds import KINDS
from counterpart.pairings.actions import find_pairing
from counterpart.pairings.models import Unit, UnitKind
from counterpart.web import sheet_vocabulary as vocabulary
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
    labels = {"pairing": _("pairing: Donor-Recipient as on the pairing's page, e.g. 青岛市-贵州省, or its id"),
              "donor": _("donor: a place or organisation name"),
              "recipients": _("recipients: place names separated by ;"),
              "location": _("location: a place name"), "kinds": _("kinds: separated by ;"),
              "output_indicator": _("output indicator: one of the allowed values"), "output_value": _("output value"),
              "enterprise": _("enterprise: its name"), "awardee": _("awardee: its name")}
    money = _("an amount in yuan; 120万 or 1.5亿 also work")
    help_rows = []
    for c in columns(slug):
        text = labels.get(c) or names.get(c, c)
        if c in ("amount", "budget", "income"):
            text = f"{names.get(c, c)}: {money}"
        if vocabulary.choices(slug, c):
            text = f"{text} ({_('choose from the drop-down; the allowed values sheet lists them')})"
        help_rows.append((c, str(text)))
    return help_rows


TEMPLATE_ROWS = MAX_ROWS + 1  # the drop-downs reach every row the import accepts


def _example(slug, user, lang) -> dict:
    """One filled row for the example sheet, on a pairing the user may enter (or none)."""
    pairing = access.visible_pairings(user).order_by("level", "pk").first() if user is not None else None
    row = {"year": str(timezone.now().year - 1), "qualifier": vocabulary.choice_label(
        "exact", dict(vocabulary.choices(slug, "qualifier")).get("exact", "exact"), lang)}
    if pairing is not None:
        row.update(pairing=pairing.display_name(lang), donor=pairing.donor.display_name(lang),
                   recipients=pairing.recipient.display_name(lang))
    for c in columns(slug):
        options = vocabulary.choices(slug, c)
        if options and c not in row:
            row[c] = vocabulary.choice_label(*options[0], lang)
    money = next((c for c in ("amount", "budget", "income") if c in columns(slug)), None)
    if money:
        row[money] = "120万"
    return row


def template_xlsx(slug, lang="en", user=None) -> bytes:
    """The data sheet (headers in the reader's language, a drop-down on every choice column), the help, a
    filled example and the allowed values the drop-downs read."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    cols = columns(slug)
    with translation.override(lang):
        titles = {t: str(_(t)) for t in sheets.TEMPLATE_SHEETS}
        kind_label = str(KINDS[slug].label)
    wb = Workbook()
    ws = wb.active
    ws.title = kind_label[:31]
    ws.append([vocabulary.header(slug, c, lang) for c in cols])
    ws.freeze_panes = "A2"
    for i, c in enumerate(cols, 1):
        ws.cell(row=1, column=i).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(i)].width = max(12, 2 * len(vocabulary.header(slug, c, lang)) + 2)

    allowed = wb.create_sheet(titles["allowed values"])
    list_col = 0
    for i, c in enumerate(cols, 1):
        options = vocabulary.choices(slug, c)
        if not options:
            continue
        list_col += 1
        letter = get_column_letter(list_col)
        allowed.cell(row=1, column=list_col, value=vocabulary.header(slug, c, lang)).font = Font(bold=True)
        for n, (value, lab) in enumerate(options, 2):
            allowed.cell(row=n, column=list_col, value=vocabulary.choice_label(value, lab, lang))
        allowed.column_dimensions[letter].width = 24
        if c == "kinds":
            continue  # several kinds go in one cell, separated by ;: a one-value drop-down would refuse them
        with translation.override(lang):
            check = DataValidation(type="list", allow_blank=True, showErrorMessage=True,
                                   formula1=f"'{allowed.title}'!${letter}$2:${letter}${len(options) + 1}",
                                   errorTitle=str(_("Not an allowed value")),
                                   error=str(_("Choose a value from the list.")))
        ws.add_data_validation(check)
        column = get_column_letter(i)
        check.add(f"{column}2:{column}{TEMPLATE_ROWS}")

    help_ws = wb.create_sheet(titles["help"])
    with translation.override(lang):
        help_ws.append([str(_("column")), str(_("meaning"))])
        for c, text in column_help(slug):
            help_ws.append([vocabulary.header(slug, c, lang), text])
        help_ws.append([])
        help_ws.append([str(_("Fill one record per row on the first sheet; the other sheets are not imported. "
                              "Headers in English or Chinese are both accepted."))])
    help_ws.column_dimensions["A"].width, help_ws.column_dimensions["B"].width = 24, 80
    example = wb.create_sheet(titles["example"])
    example.append([vocabulary.header(slug, c, lang) for c in cols])
    filled = _example(slug, user, lang)
    example.append([filled.get(c, "") for c in cols])
    wb.move_sheet(allowed, offset=2)  # data, help, example, allowed values
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def template_csv(slug, lang="en") -> bytes:
    out = io.StringIO()
    csv.writer(out).writerow([vocabulary.header(slug, c, lang) for c in columns(slug)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM lets Excel open it as UTF-8


def read_rows(name: str, content: bytes, slug: str | None = None) -> list[dict]:
    """The file's rows as {column: text}, headers in either language; blank rows are skipped (reading and
    its limits: web/sheets.py)."""
    allowed = columns(slug) if slug else sorted({c for s in KINDS for c in columns(s)})
    aliases = {}
    for s_ in ([slug] if slug else list(KINDS)):
        for key, column in vocabulary.header_aliases(s_, tuple(columns(s_))).items():
            aliases.setdefault(key, column)
    lang = get_language() or "en"
    shown = [vocabulary.header(slug, c, lang) for c in allowed] if slug else allowed
    return sheets.read_rows(name, content, allowed, aliases, shown)


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
            data[name] = [vocabulary.read_choice(slug, "kinds", v.strip())
                          for v in value.replace("；", ";").replace("、", ";").split(";") if v.strip()]
        elif value and vocabulary.choices(slug, column):
            data[name] = vocabulary.read_choice(slug, column, value)
        elif name in ("enterprise_unit", "awardee_unit") and value:
            unit = (Unit.objects.exclude(kind=UnitKind.REGION).filter(name_en__iexact=value).first()
                    or Unit.objects.exclude(kind=UnitKind.REGION).filter(name_zh=value).first())
            data[name] = unit.pk if unit else f"?{value}"
        elif name.endswith("stated") and vocabulary.read_flag(value) is not None:
            data[name] = vocabulary.read_flag(value)
        else:
            data[name] = value
    for f in KINDS[slug].model._meta.concrete_fields:
        # A choice left blank takes its default, as on the entry page (the qualifier "exact", ...).
        if f.choices and f.has_default() and f.name in model_fields(KINDS[slug].model) and not row.get(f.name):
            data[f.name] = f.get_default()
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
            if "year" not in form.errors and "year" in row and _year_error(row["year"]):
                result.errors.append(f"{form.fields['year'].label}: {_year_error(row['year'])}")
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
