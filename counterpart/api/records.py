"""Ledger records and confirmations: read by kind, and written through the same actions as the pages
(confirmations.actions) after the same form validation as the entry page and the spreadsheet import."""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Status

from counterpart.accounts import access
from counterpart.api import serialise
from counterpart.api.core import ApiError, current_user, django_errors, error, page_by_id, signed_in
from counterpart.api.schemas import (
    AnswerIn,
    BatchIn,
    BatchOut,
    ColumnOut,
    CommentIn,
    ConfirmationOut,
    ConfirmationPage,
    Errors,
    RecordIn,
    RecordOut,
    RecordPage,
    RowErrors,
    WithdrawIn,
)
from counterpart.confirmations import actions
from counterpart.confirmations.models import Confirmation
from counterpart.ledger.kinds import KINDS
from counterpart.pairings.actions import find_pairing
from counterpart.web import imports
from counterpart.web.forms import build_form

router = Router()
MAX_BATCH = imports.MAX_ROWS
# Form field -> the column (and API field) it is given as.
FIELD_COLUMNS = {v: k for k, v in imports.COLUMN_FIELDS.items()}
FIELD_COLUMNS["agreement_ref"] = "agreement"


def model_for(kind: str):
    model = KINDS[kind].model if kind in KINDS else None
    if model is None:
        raise error(404, _("There is no record type “%(k)s” (one of: %(ks)s).") % {"k": kind, "ks": ", ".join(KINDS)},
                    "kind")
    return model


@router.get("/records/{kind}/columns", response={200: list[ColumnOut], 404: Errors}, tags=["records"])
def columns(request, kind: str):
    """The fields a record of this kind takes: the spreadsheet import's columns."""
    model_for(kind)
    return [{"name": c, "meaning": m} for c, m in imports.column_help(kind)]


@router.post("/records/{kind}/batch", response={201: BatchOut, 400: RowErrors, 401: Errors, 404: Errors,
                                                422: Errors}, tags=["records"])
def batch(request, kind: str, payload: BatchIn):
    """Many records in one request, all or nothing: every row is checked first (errors name the row, counted
    from 1, and the field), then all are reported in one transaction."""
    user = signed_in(request)
    model = model_for(kind)
    if not payload.rows:
        raise ApiError(400, [{"row": 0, "field": "rows", "message": _("Give at least one row.")}])
    if len(payload.rows) > MAX_BATCH:
        raise ApiError(400, [{"row": 0, "field": "rows", "message": _("At most %(n)s rows per file.")
                              % {"n": MAX_BATCH}}])
    checked, errors = [], []
    pairings = {}
    for n, values in enumerate(payload.rows, start=1):
        try:
            row = _row_texts(values)
            if not row.get("pairing"):
                raise error(400, _("This field is required."), "pairing")
            key = row.pop("pairing")
            if key not in pairings:
                pairings[key] = _entry_pairing(user, key, model)
            pairing = pairings[key]
            source_ref = row.pop("source_ref", "") or None
            form = build_form(model, pairing=pairing, user=user, data=imports._form_data(kind, _with_defaults(model, row)))
            if not form.is_valid():
                raise ApiError(400, _form_errors(form))
        except ApiError as exc:
            errors.extend({"row": n, **e} for e in exc.errors)
            continue
        checked.append((n, form, source_ref))
    if errors:
        raise ApiError(400, errors)
    records, added = [], 0
    with transaction.atomic():
        for n, form, source_ref in checked:
            try:
                record, created = _report(user, kind, model, form, source_ref)
            except ApiError as exc:
                raise ApiError(400, [{"row": n, **e} for e in exc.errors]) from None
            records.append(record)
            added += created
    return Status(201, {"added": added, "already_there": len(records) - added,
                 "records": serialise.records(records, kind) if len(records) <= 100 else []})


def visible_records(user, model):
    qs = model.objects.all()
    if access.is_national(user):
        return qs
    if access.is_organisation(user):
        own = access.own_records_filter(user, model)
        return qs.filter(**own) if own is not None else qs.none()
    if access.is_office(user):
        return qs.filter(pairing_id__in=access.visible_pairings(user).values("pk"))
    return qs.none()  # the public reads confirmed figures (/observations), not the offices' ledger


@router.get("/records/{kind}", response={200: RecordPage, 400: Errors, 404: Errors}, tags=["records"])
def record_list(request, kind: str, pairing: int | None = None, year: int | None = None,
                cursor: str | None = None, limit: int | None = None):
    """Ledger records of one kind that the caller may see (offices: their pairings; organisations: their own)."""
    model = model_for(kind)
    qs = visible_records(current_user(request), model)
    if pairing is not None:
        qs = qs.filter(pairing_id=pairing)
    if year is not None:
        qs = qs.filter(year=year)
    return page_by_id(qs, cursor, limit, lambda rows: serialise.records(rows, kind))


@router.get("/records/{kind}/{pk}", response={200: RecordOut, 404: Errors}, tags=["records"])
def record_detail(request, kind: str, pk: int):
    record = access.access_record(current_user(request), model_for(kind), pk)
    return serialise.records([record], kind)[0]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ";".join(_text(v) for v in value)
    if isinstance(value, dict):
        raise TypeError
    return str(value)


def _row_texts(values: dict) -> dict:
    out, bad = {}, []
    for k, v in values.items():
        try:
            out[str(k).strip().lower()] = _text(v)
        except TypeError:
            bad.append({"field": str(k), "message": _("Give text, a number, true/false or a list.")})
    if bad:
        raise ApiError(400, bad)
    return out


def _with_defaults(model, row: dict) -> dict:
    """A field left out takes its model default (qualifier "exact"), as an API client expects."""
    out = dict(row)
    for f in model._meta.concrete_fields:
        if f.name in out or not f.editable or not f.has_default() or isinstance(f.get_default(), (list, dict)):
            continue
        out[f.name] = _text(f.get_default())
    return out


def _form_errors(form) -> list[dict]:
    return [{"field": FIELD_COLUMNS.get(name, None if name == "__all__" else name), "message": str(m)}
            for name, messages in form.errors.items() for m in messages]


def _entry_pairing(user, value, model):
    """The pairing a new record goes into, if the user may enter this kind there (else 404, as the pages)."""
    try:
        pairing = find_pairing(_text(value))
    except ValidationError as exc:
        raise ApiError(400, django_errors(exc)) from None
    visible = access.can_see_pairing(user, pairing) or access.is_organisation(user)
    if not visible or not access.can_create_record(user, model, pairing):
        raise ApiError(404, [{"field": "pairing", "message": _("You cannot enter records for %(p)s.")
                              % {"p": pairing.name_en}}])
    return pairing


def _checked_form(user, kind, values: dict):
    model = model_for(kind)
    row = _row_texts(values)
    if not row.get("pairing"):
        raise error(400, _("This field is required."), "pairing")
    pairing = _entry_pairing(user, row.pop("pairing"), model)
    source_ref = row.pop("source_ref", "") or None
    form = build_form(model, pairing=pairing, user=user, data=imports._form_data(kind, _with_defaults(model, row)))
    if not form.is_valid():
        raise ApiError(400, _form_errors(form))
    return model, form, source_ref


def _report(user, kind, model, form, source_ref):
    fields = form.action_fields()
    if source_ref:
        fields["source_ref"] = source_ref
    recipients = form.cleaned_data.get("recipient_places") or []
    try:
        return actions.do_report_record(user, model, recipients=recipients, **fields)
    except ValidationError as exc:
        raise ApiError(400, django_errors(exc, FIELD_COLUMNS)) from None


@router.post("/records/{kind}", response={201: RecordOut, 200: RecordOut, 400: Errors, 401: Errors, 404: Errors,
                                          422: Errors}, tags=["records"])
def record_report(request, kind: str, payload: RecordIn):
    """Report a record (the other side is asked to confirm it). `values` are the import's columns, e.g.
    {"pairing": "Qingdao-Guizhou", "year": 2024, "amount": "1000000", "recipients": "安顺"}; an optional
    `source_ref` makes retries safe (a record with it already there is returned, 200)."""
    user = signed_in(request)
    model, form, source_ref = _checked_form(user, kind, payload.values)
    record, created = _report(user, kind, model, form, source_ref)
    return Status(201 if created else 200, serialise.records([record], kind)[0])


@router.put("/records/{kind}/{pk}", response={200: RecordOut, 400: Errors, 401: Errors, 404: Errors, 409: Errors,
                                            422: Errors},
            tags=["records"])
def record_update(request, kind: str, pk: int, payload: RecordIn):
    """Change one's own record: the values given replace the record's; changed figures go back to the other
    side for confirmation."""
    user = signed_in(request)
    model = model_for(kind)
    record = access.access_record(user, model, pk, write=True)
    row = _row_texts(payload.values)
    row.pop("pairing", None)
    row.pop("source_ref", None)
    current = build_form(model, pairing=record.pairing, user=user, instance=record)
    data = {}
    for name, bound in ((n, current[n]) for n in current.fields):
        value = bound.value()
        field = current.fields[name]
        if hasattr(field, "prepare_value"):
            value = field.prepare_value(value)
        if isinstance(value, bool):
            data[name] = "on" if value else ""
        elif isinstance(value, (list, tuple)):
            data[name] = list(value)
        elif value is not None:
            data[name] = str(getattr(value, "pk", value))
    data.update(imports._form_data(kind, row))
    if payload.reason:
        data["reason"] = payload.reason  # the correction form's own field (the national office's)
    form = build_form(model, pairing=record.pairing, user=user, data=data, instance=record)
    if not form.is_valid():
        raise ApiError(400, _form_errors(form))
    fields = form.action_fields()
    fields.pop("pairing", None)
    recipients = form.cleaned_data.get("recipient_places") or []
    try:
        # The same rule as the edit page: the reporting side changes, the national office corrects with a reason.
        if access.can_edit_record(user, record):
            record = actions.do_update_record(user, form.instance, recipients=recipients,
                                              expected_version=payload.version, **fields)
        else:
            record = actions.do_correct_record(user, form.instance, reason=payload.reason, recipients=recipients,
                                               expected_version=payload.version, **fields)
    except actions.StaleRecord as exc:
        raise error(409, " ".join(exc.messages), "version") from None
    except ValidationError as exc:
        raise ApiError(400, django_errors(exc, FIELD_COLUMNS)) from None
    return serialise.records([record], kind)[0]


@router.post("/records/{kind}/{pk}/withdraw", response={204: None, 400: Errors, 401: Errors, 404: Errors,
                                                        422: Errors}, tags=["records"])
def record_withdraw(request, kind: str, pk: int, payload: WithdrawIn):
    """Withdraw one's own record (its values stay in the history)."""
    user = signed_in(request)
    record = access.access_record(user, model_for(kind), pk, write=True)
    try:
        actions.do_withdraw_record(user, record, note=payload.note)
    except ValidationError as exc:
        raise ApiError(400, django_errors(exc)) from None
    return Status(204, None)


def _confirmation(user, pk) -> Confirmation:
    c = Confirmation.objects.select_related("pairing__donor", "pairing__recipient").filter(pk=pk).first()
    if c is None or not access.can_see_pairing(user, c.pairing):
        raise Http404("No such confirmation")
    return c


def visible_confirmations(user):
    qs = Confirmation.objects.all()
    if access.is_national(user):
        return qs
    if access.is_office(user):
        return qs.filter(pairing_id__in=access.visible_pairings(user).values("pk"))
    return qs.none()


@router.get("/confirmations", response={200: ConfirmationPage, 400: Errors}, tags=["confirmations"])
def confirmation_list(request, state: str | None = None, pairing: int | None = None, waiting_for_me: bool = False,
                      cursor: str | None = None, limit: int | None = None):
    """Reports and their answers that the caller's side may see; `waiting_for_me`: what it may answer now."""
    user = current_user(request)
    qs = visible_confirmations(user).select_related("pairing__donor", "pairing__recipient")
    if state:
        if state not in Confirmation.State.values:
            raise error(400, _("Choose one of: %(v)s.") % {"v": ", ".join(Confirmation.State.values)}, "state")
        qs = qs.filter(state=state)
    if pairing is not None:
        qs = qs.filter(pairing_id=pairing)
    if waiting_for_me:
        qs = qs.filter(state=Confirmation.State.PENDING)

    def out(rows):
        if waiting_for_me:
            rows = [c for c in rows if access.can_answer(user, c)]
        return [serialise.confirmation(c) for c in rows]

    return page_by_id(qs, cursor, limit, out)


@router.get("/confirmations/{pk}", response={200: ConfirmationOut, 404: Errors}, tags=["confirmations"])
def confirmation_detail(request, pk: int):
    return serialise.confirmation(_confirmation(current_user(request), pk))


@router.post("/confirmations/{pk}/confirm", response={200: ConfirmationOut, 400: Errors, 401: Errors, 404: Errors},
             tags=["confirmations"])
def confirm(request, pk: int):
    """The other side agrees: the figures become confirmed and count in official totals."""
    user = signed_in(request)
    c = _confirmation(user, pk)
    if not access.can_answer(user, c):
        raise Http404("Nothing for you to confirm")
    try:
        return serialise.confirmation(actions.do_confirm(user, c))
    except ValidationError as exc:
        raise ApiError(400, django_errors(exc)) from None


@router.post("/confirmations/{pk}/answer", response={200: ConfirmationOut, 400: Errors, 401: Errors, 404: Errors,
                                                    422: Errors}, tags=["confirmations"])
def answer(request, pk: int, payload: AnswerIn):
    """The other side answers with its own figure: both are kept, the record is disputed."""
    user = signed_in(request)
    c = _confirmation(user, pk)
    if not access.can_answer(user, c):
        raise Http404("Nothing for you to confirm")
    try:
        c = actions.do_answer_with_figure(user, c, payload.value, slot=payload.slot, note=payload.note)
    except ValidationError as exc:
        raise ApiError(400, django_errors(exc, {"counter_value": "value"})) from None
    return serialise.confirmation(c)


@router.post("/confirmations/{pk}/accept", response={200: ConfirmationOut, 400: Errors, 401: Errors, 404: Errors},
             tags=["confirmations"])
def accept(request, pk: int):
    """The reporting side takes the other side's figure: the record changes to it and is confirmed."""
    user = signed_in(request)
    c = _confirmation(user, pk)
    if not access.can_accept_counter(user, c):
        raise Http404("Nothing for you to settle")
    try:
        return serialise.confirmation(actions.do_accept_counter(user, c))
    except ValidationError as exc:
        raise ApiError(400, django_errors(exc)) from None


@router.post("/confirmations/{pk}/comments", response={201: ConfirmationOut, 400: Errors, 401: Errors, 404: Errors,
                                                      422: Errors}, tags=["confirmations"])
def comment(request, pk: int, payload: CommentIn):
    """A comment in the record's thread, seen by both sides and the national office (`do_comment`)."""
    user = signed_in(request)
    c = _confirmation(user, pk)
    if not payload.text.strip():
        raise error(400, _("This field is required."), "text")
    try:
        actions.do_comment(user, c.record, payload.text)
    except PermissionDenied:  # may see the pairing but not the thread: "not found", as the access gate answers
        raise Http404("No such confirmation") from None
    except ValidationError as exc:
        raise ApiError(400, django_errors(exc)) from None
    return Status(201, serialise.confirmation(c))
