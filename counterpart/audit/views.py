"""The national office's view of the whole audit trail: browse, filter (who, pairing, kind, action, dates),
export as CSV. Every line is read as people read it (counterpart/audit/readable.py)."""
import csv
import datetime

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from counterpart.accounts import access
from counterpart.audit.models import Action, Change
from counterpart.audit.readable import describe
from counterpart.ledger.kinds import KINDS

PAGE_SIZE = 100


def _date(text):
    try:
        return datetime.date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def filtered(params):
    """The changes these filters select, newest first; and the filters as understood."""
    qs = Change.objects.select_related("user", "object_type", "pairing__donor", "pairing__recipient")
    chosen = {}
    if params.get("who"):
        qs = qs.filter(user__username=params["who"].strip())
        chosen["who"] = params["who"].strip()
    if (params.get("pairing") or "").isdigit():
        qs = qs.filter(pairing_id=int(params["pairing"]))
        chosen["pairing"] = params["pairing"]
    if params.get("kind") in KINDS:
        qs = qs.filter(object_type=ContentType.objects.get_for_model(KINDS[params["kind"]].model))
        chosen["kind"] = params["kind"]
    if params.get("action") in Action.values:
        qs = qs.filter(action=params["action"])
        chosen["action"] = params["action"]
    tz = timezone.get_current_timezone()
    start, end = _date(params.get("from")), _date(params.get("to"))
    if start:
        qs = qs.filter(at__gte=datetime.datetime.combine(start, datetime.time.min, tz))
        chosen["from"] = start.isoformat()
    if end:
        qs = qs.filter(at__lt=datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tz))
        chosen["to"] = end.isoformat()
    return qs.order_by("-at", "-id"), chosen


def _kind_label(change) -> str:
    model = change.object_type.model_class()
    return str(model._meta.verbose_name) if model is not None else change.object_type.model


@login_required
def log(request):
    if not access.can_see_audit_log(request.user):
        raise Http404("No such page")
    qs, chosen = filtered(request.GET)
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    rows = list(qs[(page - 1) * PAGE_SIZE:page * PAGE_SIZE + 1])
    more = len(rows) > PAGE_SIZE
    lang = get_language() or "en"
    changes = [{"c": c, "kind": _kind_label(c), "lines": describe(c, lang)} for c in rows[:PAGE_SIZE]]
    query = "&".join(f"{k}={v}" for k, v in chosen.items())
    return render(request, "audit/log.html", {
        "changes": changes, "chosen": chosen, "kinds": [(s, k.label) for s, k in KINDS.items()],
        "actions": Action.choices, "page": page, "query": query,
        "previous_page": page - 1 if page > 1 else None, "next_page": page + 1 if more else None})


@login_required
def export(request):
    """The selected changes as CSV (UTF-8 with a BOM, so a spreadsheet opens the Chinese), one line per
    changed field."""
    if not access.can_see_audit_log(request.user):
        raise Http404("No such page")
    qs, _chosen = filtered(request.GET)
    lang = get_language() or "en"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="counterpart-audit.csv"'
    response.write("\ufeff")
    out = csv.writer(response)
    out.writerow([_("change"), _("when"), _("who"), _("action"), _("kind"), _("object"), _("pairing"), _("field"),
                  _("before"), _("after"), _("note")])
    for c in qs.iterator(chunk_size=2000):
        lines = describe(c, lang) or [("", "", "")]
        for label, before, after in lines:
            out.writerow([c.pk, timezone.localtime(c.at).strftime("%Y-%m-%d %H:%M:%S"),
                          c.user.username if c.user_id else "", c.get_action_display(), _kind_label(c),
                          c.object_repr, c.pairing.display_name(lang) if c.pairing_id else "", label, before, after,
                          c.note])
    return response
