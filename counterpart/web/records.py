"""Entering, changing, deleting and confirming ledger records. Views validate; actions write."""
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from counterpart.accounts import access
from counterpart.audit.actions import history
from counterpart.audit.readable import describe
from counterpart.confirmations import actions
from counterpart.confirmations.models import Confirmation
from counterpart.indicators.formatting import format_figure
from counterpart.indicators.models import Status
from counterpart.ledger.actions import record_observations
from counterpart.ledger.kinds import KINDS
from counterpart.locale_names import is_chinese
from counterpart.pairings.models import Pairing, Unit
from counterpart.reports.render import values
from counterpart.web import cache as page_cache
from counterpart.web.dashboard import tree_pairings
from counterpart.web.forms import add_action_errors, build_form, slug_of


def lang():
    return get_language() or "en"


def figure_text(obs, language=None) -> str:
    language = language or lang()
    ind = obs.indicator
    return format_figure(obs.value, obs.qualifier, ind.unit, ind.unit_zh if language.startswith("zh") else ind.unit_en,
                         language)


def model_for(kind):
    found = KINDS.get(kind)
    if found is None:
        raise Http404("No such record type")
    return found.model


def kind_menu():
    return [{"slug": slug, "label": k.label} for slug, k in KINDS.items()]


def _entry_pairing(user, pk):
    """Offices and the nation enter into pairings they see; organisations into any pairing."""
    if access.is_organisation(user):
        return get_object_or_404(Pairing.objects.select_related("donor", "recipient"), pk=pk)
    return access.access_pairing(user, pk, write=True)


PAGE_SIZE = 100


def records_in(pairing_ids, user=None, page=1, size=PAGE_SIZE):
    """One page of the records of these pairings, newest first, with their figures and confirmations; and
    whether older records follow. Each record type gives at most the rows the page needs."""
    need = page * size + 1
    rows = []
    for slug, k in KINDS.items():
        model = k.model
        qs = model.objects.filter(pairing_id__in=pairing_ids)
        if user is not None and access.is_organisation(user):
            own = access.own_records_filter(user, model)
            if own is None:
                continue
            qs = qs.filter(**own)
        qs = qs.select_related("pairing__donor", "pairing__recipient", "donor").order_by("-year", "-pk")[:need]
        for record in qs:
            rows.append({"slug": slug, "record": record, "kind": model._meta.verbose_name})
    rows.sort(key=lambda r: (-r["record"].year, -r["record"].pk))
    more = len(rows) > page * size
    rows = rows[(page - 1) * size:page * size]
    attach_figures(rows)
    return rows, more


def attach_figures(rows):
    from counterpart.indicators.models import Observation

    by_type = {}
    for row in rows:
        by_type.setdefault(type(row["record"]), []).append(row)
    for model, group in by_type.items():
        ctype = ContentType.objects.get_for_model(model)
        ids = [r["record"].pk for r in group]
        figures, states = {}, {}
        for obs in Observation.objects.filter(record_type=ctype, record_id__in=ids).select_related("indicator"):
            figures.setdefault(obs.record_id, []).append(obs)
        for c in Confirmation.objects.filter(record_type=ctype, record_id__in=ids):
            states[c.record_id] = c
        for row in group:
            obs = figures.get(row["record"].pk, [])
            row["figures"] = [{"obs": o, "text": figure_text(o)} for o in obs]
            row["confirmation"] = states.get(row["record"].pk)
            row["status"] = obs[0].status if obs else (Status.CONFIRMED if row["confirmation"] is None
                                                       else _state_status(row["confirmation"]))


def _state_status(confirmation):
    return {"pending": Status.REPORTED, "confirmed": Status.CONFIRMED, "disputed": Status.DISPUTED,
            "withdrawn": Status.WITHDRAWN}[confirmation.state]


def _page_number(request) -> int:
    try:
        return max(1, min(int(request.GET.get("page", "1")), 1000))
    except ValueError:
        return 1


@login_required
def record_list(request, pk):
    user = request.user
    if access.is_organisation(user):
        pairing = get_object_or_404(Pairing.objects.select_related("donor", "recipient"), pk=pk)
    else:
        pairing = access.access_pairing(user, pk)

    def build():
        if access.is_organisation(user):
            scope = [pairing.pk]
        else:  # the tree, as a subquery; an office sees the pairings of its line within it
            tree = tree_pairings(pairing.pk)
            if not access.is_national(user):
                tree = tree.filter(pk__in=access.visible_pairings(user).values("pk"))
            scope = tree.values("pk")
        page = _page_number(request)
        rows, more = records_in(scope, user, page=page)
        kinds = [k for k in kind_menu() if access.can_create_record(user, KINDS[k["slug"]].model, pairing)]
        return page_cache.render_body(request, "web/_record_list_body.html", {
            "pairing": pairing, "rows": rows, "kinds": kinds, "lang": lang(), "page": page,
            "previous_page": page - 1 if page > 1 else None, "next_page": page + 1 if more else None})

    body = page_cache.cached(request, "records", access.cache_scope(user), build)
    return page_cache.mark(render(request, "web/record_list.html", {"pairing": pairing, "body": body}), request)


@login_required
def record_new(request, pk, kind):
    model = model_for(kind)
    pairing = _entry_pairing(request.user, pk)
    if not access.can_create_record(request.user, model, pairing):
        raise Http404("No such pairing")
    form = build_form(model, pairing=pairing, user=request.user, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = form.action_fields()
        recipients = form.cleaned_data.get("recipient_places") or []
        try:
            record, _created = actions.do_report_record(request.user, model, recipients=recipients, **fields)
        except PermissionDenied:
            raise Http404("No such pairing") from None
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Saved. The other side has been asked to confirm it."))
            return redirect("record", kind=kind, pk=record.pk)
    return render(request, "web/record_form.html", {
        "form": form, "pairing": pairing, "model": model, "kind": kind, "lang": lang()})


@login_required
def record_edit(request, kind, pk):
    """The reporting side changes its record; the national office corrects it, giving a reason."""
    model = model_for(kind)
    user = request.user
    record = access.access_record(user, model, pk, write=True)
    form = build_form(model, pairing=record.pairing, user=user, data=request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        fields = form.action_fields()
        recipients = form.cleaned_data.get("recipient_places") or []
        version = form.cleaned_data.get("version")
        try:
            if access.can_edit_record(user, record):
                actions.do_update_record(user, record, recipients=recipients, expected_version=version, **fields)
            else:
                actions.do_correct_record(user, record, reason=form.cleaned_data.get("reason", ""),
                                          recipients=recipients, expected_version=version, **fields)
        except actions.StaleRecord as exc:
            # Show what is there now, with what changed meanwhile; the person's input is not applied.
            record = model.objects.get(pk=pk)
            form = build_form(model, pairing=record.pairing, user=user, instance=record)
            for message in exc.messages:
                messages.error(request, message)
        except PermissionDenied:
            raise Http404("No such record") from None
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Saved. The other side has been asked to confirm the change."))
            return redirect("record", kind=kind, pk=record.pk)
    return render(request, "web/record_form.html", {
        "form": form, "pairing": record.pairing, "model": model, "kind": kind, "record": record, "lang": lang()})


@login_required
def record_delete(request, kind, pk):
    model = model_for(kind)
    record = access.access_record(request.user, model, pk, write=True)
    if request.method == "POST":
        pairing_pk = record.pairing_id
        try:
            actions.do_withdraw_record(request.user, record, note=request.POST.get("note", ""))
        except PermissionDenied:
            raise Http404("No such record") from None
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("record", kind=kind, pk=pk)
        messages.success(request, _("Withdrawn. The record's values stay in the history."))
        return redirect("records", pk=pairing_pk)
    figures = [{"text": figure_text(o, lang())} for o in record_observations(record).select_related("indicator")]
    return render(request, "web/record_delete.html", {"record": record, "kind": kind,
                                                      "heading": record_heading(record, figures, lang())})


def record_detail(request, kind, pk):
    model = model_for(kind)
    user = request.user
    record = access.access_record(user, model, pk)
    observations = list(record_observations(record).select_related("indicator"))
    confirmation = actions.confirmation_for(record)
    disputed_obs = None
    if confirmation is not None and confirmation.slot:
        disputed_obs = next((o for o in observations if o.slot == confirmation.slot), None)
    language = lang()
    counter_text = reported_text = ""
    if disputed_obs is not None and confirmation.counter_value is not None:
        ind = disputed_obs.indicator
        unit_label = ind.unit_zh if language.startswith("zh") else ind.unit_en
        counter_text = format_figure(confirmation.counter_value, "exact", ind.unit, unit_label, language)
        reported_text = format_figure(confirmation.reported_value, "exact", ind.unit, unit_label, language)
    fields = [(f.verbose_name, _display(record, f)) for f in model._meta.concrete_fields
              if f.name not in ("id", "created_at", "source_ref", "span", "entered_by", "version")]
    can_edit = access.can_edit_record(user, record, confirmation)
    figures = [{"obs": o, "text": figure_text(o, language)} for o in observations]
    return render(request, "web/record_detail.html", {
        "record": record, "kind": kind, "model": model, "fields": fields,
        "heading": record_heading(record, figures, language),
        "source": _source(user, record),
        "recipients": list(record.recipients.all()), "lang": language,
        "figures": figures,
        "confirmation": confirmation, "counter_text": counter_text, "reported_text": reported_text,
        "can_answer": confirmation is not None and access.can_answer(user, confirmation),
        "can_accept": confirmation is not None and access.can_accept_counter(user, confirmation),
        "can_edit": can_edit, "can_correct": not can_edit and access.can_correct_record(user, record),
        "can_comment": user.is_authenticated and access.can_comment(user, record),
        "comments": actions.comments_for(record),
        "history": [{"c": c, "lines": describe(c, language)} for c in history(record)],
        "slots": [(o.slot, o.indicator.label(language)) for o in observations if o.status != Status.WITHDRAWN],
    })


def _source(user, record):
    """Where the record came from: the document and the words it was read from, when it was imported."""
    span = record.span
    if span is None:
        return None
    document = span.document
    return {"document": document, "quote": span.text[:400],
            "visible": access.can_see_document(user, document)}


def record_heading(record, figures, language) -> str:
    """A record's title in the reader's language: its kind, then its own title or its first figure, and the
    year ("财政帮扶资金：800万元（2024年）", "Fund allocation: 8,000,000 yuan (2024)")."""
    kind = capfirst(str(KINDS[slug_of(record)].label))
    what = str(getattr(record, "title", "") or "") or (figures[0]["text"] if figures else "")
    if is_chinese(language):
        return f"{kind}：{what}（{record.year}年）" if what else f"{kind}（{record.year}年）"
    return f"{kind}: {what} ({record.year})" if what else f"{kind} ({record.year})"


def _display(record, field):
    value = getattr(record, field.name)
    if field.choices and value not in (None, ""):
        return getattr(record, f"get_{field.name}_display")()
    if value is None:
        return ""
    if hasattr(value, "display_name"):
        return value.display_name(lang())
    if hasattr(value, "name_zh") and hasattr(value, "full_name_en"):
        return value.name_zh if lang().startswith("zh") else value.full_name_en
    if isinstance(value, Decimal):  # amounts in the unit their label names, with separators
        return values.text(value, "count", lang())
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    return value


def _answerable(request, kind, pk):
    model = model_for(kind)
    record = access.access_record(request.user, model, pk)
    confirmation = actions.confirmation_for(record)
    if confirmation is None:
        raise Http404("Nothing to confirm")
    return record, confirmation


def _version(request):
    """The record version the page showed (a confirmation on an older one is refused)."""
    try:
        return int(request.POST["version"])
    except (KeyError, ValueError):
        return None


def _answer(request, kind, pk, allowed, act, success):
    """Run one answer: a refusal (already answered meanwhile, stale page, bad figure) is a message on the
    record's page, never an error page; an answer the user may not give is "not found"."""
    _record, confirmation = _answerable(request, kind, pk)
    if not allowed(request.user, confirmation) and confirmation.state in ("pending", "disputed"):
        raise Http404("Nothing for you to answer")
    try:
        act(confirmation)
    except PermissionDenied:
        raise Http404("Nothing for you to answer") from None
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("record", kind=kind, pk=pk)


@login_required
@require_POST
def record_confirm(request, kind, pk):
    return _answer(request, kind, pk, access.can_answer,
                   lambda c: actions.do_confirm(request.user, c, expected_version=_version(request)),
                   _("Confirmed. The figures count in official totals once every side asked has confirmed."))


@login_required
@require_POST
def record_answer(request, kind, pk):
    def act(c):
        try:
            actions.do_answer_with_figure(request.user, c, request.POST.get("counter_value", ""),
                                          slot=request.POST.get("slot", ""), note=request.POST.get("note", ""),
                                          expected_version=_version(request))
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "counter_value" in exc.error_dict:
                raise ValidationError([f"{_('Your figure')}: {m}" for m in exc.messages]) from None
            raise

    return _answer(request, kind, pk, access.can_answer, act,
                   _("Your figure is recorded beside the reported one; both sides and the national office see "
                     "the disagreement."))


@login_required
@require_POST
def record_accept(request, kind, pk):
    return _answer(request, kind, pk, access.can_accept_counter,
                   lambda c: actions.do_accept_counter(request.user, c),
                   _("The other side's figure is accepted and confirmed."))


@login_required
@require_POST
def record_comment(request, kind, pk):
    model = model_for(kind)
    record = access.access_record(request.user, model, pk)
    try:
        actions.do_comment(request.user, record, request.POST.get("text", ""))
    except PermissionDenied:
        raise Http404("No such record") from None
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect(reverse("record", kwargs={"kind": kind, "pk": pk}) + "#comments")


INBOX_PAGE = 50  # rows per section and page
INBOX_SECTIONS = ("mine", "disputed", "theirs")


def inbox_filters(request) -> dict:
    """The inbox's filters from the query string; a value that names nothing is dropped, never a 500."""
    year = access.parse_id(request.GET.get("year"))
    kind = request.GET.get("kind", "")
    return {"year": year if year and 1949 <= year <= 2100 else None,
            "kind": kind if kind in KINDS else "",
            "q": request.GET.get("q", "").strip()[:60]}


def _filtered_confirmations(user, f):
    qs = Confirmation.objects.filter(state__in=[Confirmation.State.PENDING, Confirmation.State.DISPUTED]) \
        .select_related("pairing__donor", "pairing__recipient", "record_type", "reported_by", "reporter_unit")
    if access.is_office(user):
        qs = qs.filter(pairing_id__in=access.visible_pairings(user).values("pk"))
    elif not access.is_national(user):
        qs = qs.none()
    kinds = [KINDS[f["kind"]]] if f["kind"] else list(KINDS.values())
    if f["kind"] or f["year"]:
        qs = qs.filter(_of_records(kinds, lambda m: m.objects.filter(year=f["year"]) if f["year"]
                                   else m.objects.all()))
    if f["q"]:
        # A place on either side of the pairing, or a record's recipient (a county office looks for its county
        # inside its city's or province's pairing).
        units = Unit.objects.filter(Q(name_zh__icontains=f["q"]) | Q(name_en__icontains=f["q"])).values("pk")
        qs = qs.filter(Q(pairing__donor__in=units) | Q(pairing__recipient__in=units)
                       | _of_records(kinds, lambda m: m.objects.filter(recipients__in=units)))
    return qs


def _of_records(kinds, records_of):
    """Confirmations whose record is among `records_of(model)` for one of these kinds."""
    match = Q()
    for k in kinds:
        match |= Q(record_type=ContentType.objects.get_for_model(k.model),
                   record_id__in=records_of(k.model).values("pk"))
    return match


def _section_page(request, section) -> int:
    number = access.parse_id(request.GET.get(f"page_{section}"))
    return number if number and number > 0 else 1


@login_required
def inbox(request):
    """What waits for the user's side, what the user's side waits for, and every disagreement it can see:
    filtered by year, kind and pairing name, each section paged, the first section confirmable in bulk."""
    user = request.user
    f = inbox_filters(request)

    def build():
        sections = {name: [] for name in INBOX_SECTIONS}
        for c in _filtered_confirmations(user, f):
            if c.state == Confirmation.State.DISPUTED:
                sections["disputed"].append(c)
            elif access.can_answer(user, c):
                sections["mine"].append(c)
            else:
                sections["theirs"].append(c)
        pages, shown = {}, []
        for name, rows in sections.items():
            page = Paginator(rows, INBOX_PAGE).get_page(_section_page(request, name))
            items = []
            for c in page.object_list:  # the records of this page only (one query per row otherwise)
                record = c.record
                if record is None:
                    continue
                items.append({"c": c, "record": record, "slug": slug_of(record)})
            shown += items
            pages[name] = {"page": page, "items": items, "count": len(rows), "param": f"page_{name}"}
        attach_figures(shown)
        language = lang()
        for item in shown:
            item["title"] = record_heading(item["record"], item["figures"], language)
        query = {k: v for k, v in request.GET.items() if not k.startswith("page_")}
        return page_cache.render_body(request, "web/_inbox_body.html", {
            "sections": pages, "f": f, "kinds": [(slug, k.label) for slug, k in KINDS.items()],
            "query": query, "lang": language})

    # What waits for "me" depends on who reported what: the key names the user as well as the scope.
    body = page_cache.cached(request, "inbox", f"{access.cache_scope(user)}:user:{user.pk}", build)
    return page_cache.mark(render(request, "web/inbox.html", {"body": body}), request)


@login_required
@require_POST
def inbox_confirm(request):
    """Confirm the reports ticked in the inbox, each through the same action as a record's Confirm button."""
    ids = [n for n in (access.parse_id(v) for v in request.POST.getlist("c")) if n]
    if not ids:
        messages.error(request, _("Tick the reports to confirm first."))
    else:
        done, refused = actions.do_confirm_many(request.user, ids)
        if done:
            messages.success(request, ngettext("Confirmed %(n)s report.", "Confirmed %(n)s reports.", len(done))
                             % {"n": len(done)})
        for pk, why in refused:
            messages.error(request, _("Report %(id)s was not confirmed: %(why)s") % {"id": pk, "why": why})
    back = request.POST.get("back", "")
    return redirect(reverse("inbox") + (back if back.startswith("?") and "\n" not in back else ""))


def record_url(record) -> str:
    return reverse("record", kwargs={"kind": slug_of(record), "pk": record.pk})
