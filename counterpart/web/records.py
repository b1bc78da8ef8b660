"""Entering, changing, deleting and confirming ledger records. Views validate; actions write."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from counterpart.accounts import access
from counterpart.audit.actions import history
from counterpart.confirmations import actions
from counterpart.confirmations.models import Confirmation
from counterpart.indicators.formatting import format_figure
from counterpart.indicators.models import Status
from counterpart.ledger.actions import record_observations
from counterpart.pairings.models import Pairing
from counterpart.web import cache as page_cache
from counterpart.web.dashboard import tree_pairings
from counterpart.web.forms import KINDS, add_action_errors, build_form, slug_of


def lang():
    return get_language() or "en"


def figure_text(obs, language=None) -> str:
    language = language or lang()
    ind = obs.indicator
    return format_figure(obs.value, obs.qualifier, ind.unit, ind.unit_zh if language.startswith("zh") else ind.unit_en,
                         language)


def model_for(kind):
    model = KINDS.get(kind)
    if model is None:
        raise Http404("No such record type")
    return model


def kind_menu():
    return [{"slug": slug, "label": model._meta.verbose_name} for slug, model in KINDS.items()]


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
    for slug, model in KINDS.items():
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
        kinds = [k for k in kind_menu() if access.can_create_record(user, KINDS[k["slug"]], pairing)]
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
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Saved. The other side has been asked to confirm it."))
            return redirect("record", kind=kind, pk=record.pk)
    return render(request, "web/record_form.html", {
        "form": form, "pairing": pairing, "model": model, "kind": kind, "lang": lang()})


@login_required
def record_edit(request, kind, pk):
    model = model_for(kind)
    record = access.access_record(request.user, model, pk, write=True)
    form = build_form(model, pairing=record.pairing, user=request.user, data=request.POST or None,
                      instance=record)
    if request.method == "POST" and form.is_valid():
        fields = form.action_fields()
        recipients = form.cleaned_data.get("recipient_places") or []
        try:
            actions.do_update_record(request.user, form.instance, recipients=recipients, **fields)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
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
            actions.do_delete_record(request.user, record, note=request.POST.get("note", ""))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("record", kind=kind, pk=pk)
        messages.success(request, _("Deleted. The record's values stay in the history."))
        return redirect("records", pk=pairing_pk)
    return render(request, "web/record_delete.html", {"record": record, "kind": kind})


def record_detail(request, kind, pk):
    model = model_for(kind)
    record = access.access_record(request.user, model, pk)
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
              if f.name not in ("id", "created_at", "source_ref", "span", "entered_by")]
    return render(request, "web/record_detail.html", {
        "record": record, "kind": kind, "model": model, "fields": fields,
        "recipients": list(record.recipients.all()), "lang": language,
        "figures": [{"obs": o, "text": figure_text(o, language)} for o in observations],
        "confirmation": confirmation, "counter_text": counter_text, "reported_text": reported_text,
        "can_answer": confirmation is not None and access.can_answer(request.user, confirmation),
        "can_accept": confirmation is not None and access.can_accept_counter(request.user, confirmation),
        "can_edit": access.can_edit_record(request.user, record),
        "history": history(record), "slots": [(o.slot, o.indicator.label(language)) for o in observations],
    })


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


@login_required
@require_POST
def record_confirm(request, kind, pk):
    _record, confirmation = _answerable(request, kind, pk)
    if not access.can_answer(request.user, confirmation):
        raise Http404("Nothing for you to confirm")
    actions.do_confirm(request.user, confirmation)
    messages.success(request, _("Confirmed. The figures now count in official totals."))
    return redirect("record", kind=kind, pk=pk)


@login_required
@require_POST
def record_answer(request, kind, pk):
    _record, confirmation = _answerable(request, kind, pk)
    if not access.can_answer(request.user, confirmation):
        raise Http404("Nothing for you to confirm")
    try:
        actions.do_answer_with_figure(request.user, confirmation, request.POST.get("counter_value", ""),
                                      slot=request.POST.get("slot", ""), note=request.POST.get("note", ""))
    except ValidationError as exc:
        label = _("Your figure")
        for message in exc.messages:
            messages.error(request, f"{label}: {message}")
    else:
        messages.success(request, _("Your figure is recorded beside the reported one; both sides and the "
                                    "national office see the disagreement."))
    return redirect("record", kind=kind, pk=pk)


@login_required
@require_POST
def record_accept(request, kind, pk):
    _record, confirmation = _answerable(request, kind, pk)
    if not access.can_accept_counter(request.user, confirmation):
        raise Http404("Nothing for you to settle")
    actions.do_accept_counter(request.user, confirmation)
    messages.success(request, _("The other side's figure is accepted and confirmed."))
    return redirect("record", kind=kind, pk=pk)


@login_required
def inbox(request):
    """What waits for the user's side, what the user's side waits for, and every disagreement it can see."""
    user = request.user

    def build():
        qs = Confirmation.objects.filter(state__in=[Confirmation.State.PENDING, Confirmation.State.DISPUTED]) \
            .select_related("pairing__donor", "pairing__recipient", "record_type", "reported_by", "reporter_unit")
        if access.is_office(user):
            qs = qs.filter(pairing_id__in=access.visible_pairings(user).values("pk"))
        elif not access.is_national(user):
            qs = qs.none()
        waiting_for_me, waiting_for_them, disputed = [], [], []
        for c in qs:
            item = {"c": c, "record": c.record}
            if item["record"] is None:
                continue
            item["slug"] = slug_of(item["record"])
            item["kind"] = item["record"]._meta.verbose_name
            if c.state == Confirmation.State.DISPUTED:
                disputed.append(item)
            elif access.can_answer(user, c):
                waiting_for_me.append(item)
            else:
                waiting_for_them.append(item)
        attach_figures(waiting_for_me + waiting_for_them + disputed)
        return page_cache.render_body(request, "web/_inbox_body.html", {
            "waiting_for_me": waiting_for_me, "waiting_for_them": waiting_for_them, "disputed": disputed,
            "lang": lang()})

    # What waits for "me" depends on who reported what: the key names the user as well as the scope.
    body = page_cache.cached(request, "inbox", f"{access.cache_scope(user)}:user:{user.pk}", build)
    return page_cache.mark(render(request, "web/inbox.html", {"body": body}), request)


def record_url(record) -> str:
    return reverse("record", kwargs={"kind": slug_of(record), "pk": record.pk})
