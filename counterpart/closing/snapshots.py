"""The reports a close publishes, kept as data (reports.document.Document as JSON) so every format renders
again identically from the stored snapshot; and the plans' actuals the close froze.

A snapshot holds the document as the report modules made it; the line "closed on …, revision N" is added
when it is shown, in the document's language, so an earlier revision can also say it was reopened.
"""
import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from counterpart.reports.document import Chart, Column, Document, Heading, Note, Para, Ref, Table
from counterpart.reports.phrases import say

LANGS = ("en", "zh-hans")
CLOSED_LINE = pgettext_lazy("report", "Closed on {date}, revision {n}.")
REOPENED_LINE = pgettext_lazy("report", "Reopened on {date} ({reason}): these figures may since have changed.")
LATER_LINE = pgettext_lazy("report", "Revision {n} of {date} supersedes it.")


# --- Document <-> JSON ------------------------------------------------------------------------------

def _value(v):
    if isinstance(v, Decimal):
        return {"d": str(v)}
    if isinstance(v, Ref):
        return {"ref": v.n}
    if isinstance(v, (datetime.date, datetime.datetime)):
        return {"date": v.isoformat()}
    return v


def _unvalue(v):
    if isinstance(v, dict):
        if "d" in v:
            return Decimal(v["d"])
        if "ref" in v:
            return Ref(v["ref"])
        if "date" in v:
            return datetime.date.fromisoformat(v["date"][:10])
    return v


def _block(b) -> dict:
    if isinstance(b, Heading):
        return {"t": "heading", "text": b.text, "level": b.level}
    if isinstance(b, Para):
        return {"t": "para", "runs": [_value(r) for r in b.runs]}
    if isinstance(b, Table):
        return {"t": "table", "title": b.title, "columns": [[c.label, c.kind] for c in b.columns],
                "rows": [[_value(v) for v in row] for row in b.rows], "indent": list(b.indent), "sheet": b.sheet}
    if isinstance(b, Chart):
        return {"t": "chart", "title": b.title, "labels": list(b.labels), "values": [_value(v) for v in b.values],
                "unit": b.unit}
    raise TypeError(f"cannot keep a {type(b).__name__} in a snapshot")


def _unblock(d: dict):
    kind = d["t"]
    if kind == "heading":
        return Heading(d["text"], d["level"])
    if kind == "para":
        return Para([_unvalue(r) for r in d["runs"]])
    if kind == "table":
        return Table(d["title"], [Column(label, k) for label, k in d["columns"]],
                     [[_unvalue(v) for v in row] for row in d["rows"]], list(d["indent"]), d["sheet"])
    if kind == "chart":
        return Chart(d["title"], list(d["labels"]), [_unvalue(v) for v in d["values"]], d["unit"])
    raise ValueError(f"unknown block {kind!r} in a snapshot")


def document_to_json(doc: Document) -> dict:
    return {"title": doc.title, "lang": doc.lang, "subtitle": doc.subtitle, "slug": doc.slug,
            "blocks": [_block(b) for b in doc.blocks],
            "notes": [[n.n, n.text, n.url] for n in doc.notes]}


def document_from_json(data: dict) -> Document:
    return Document(title=data["title"], lang=data["lang"], subtitle=data["subtitle"], slug=data["slug"],
                    blocks=[_unblock(b) for b in data["blocks"]],
                    notes=[Note(n, text, url) for n, text, url in data["notes"]])


# --- taking and reading snapshots ----------------------------------------------------------------------

def _fresh_read_model():
    """The reports read the precomputed read model: a close publishes it as of the close."""
    from counterpart.reports import summary

    ensure = getattr(summary, "ensure_fresh", None)
    if ensure is not None:
        ensure()


def take_snapshots(revision, pairing_ids) -> int:
    """Store the national statistics and each pairing's annual report of the revision's year, both languages.
    Returns how many documents were stored."""
    from counterpart.closing.models import Snapshot
    from counterpart.pairings.models import Pairing
    from counterpart.reports.annual import annual_data, annual_document
    from counterpart.reports.national import national_data, national_document

    _fresh_read_model()
    year, rows = revision.year, []
    try:
        data = national_data(year)
    except ValidationError:
        data = None  # no figures at all for the year: nothing national to publish
    if data is not None:
        rows += [Snapshot(revision=revision, kind=Snapshot.Kind.NATIONAL, lang=lang,
                          document=document_to_json(national_document(data, lang))) for lang in LANGS]
    for pairing in Pairing.objects.filter(pk__in=with_ancestors(pairing_ids)).select_related("donor", "recipient"):
        try:
            data = annual_data(pairing, year)
        except ValidationError:
            continue
        rows += [Snapshot(revision=revision, kind=Snapshot.Kind.ANNUAL, pairing=pairing, lang=lang,
                          document=document_to_json(annual_document(data, lang))) for lang in LANGS]
    Snapshot.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def with_ancestors(pairing_ids) -> list[int]:
    """These pairings and every pairing above them: a parent's annual report adds up its sub-pairings'
    figures even when it has none of its own."""
    from counterpart.pairings.models import Pairing

    wanted = set(pairing_ids)
    frontier = set(wanted)
    while frontier:
        parents = set(Pairing.objects.filter(pk__in=list(frontier), parent__isnull=False)
                      .values_list("parent_id", flat=True))
        frontier = parents - wanted
        wanted |= frontier
    return sorted(wanted)


def _lang_key(lang: str) -> str:
    return "zh-hans" if (lang or "").startswith("zh") else "en"


def revisions(year):
    from counterpart.closing.models import Revision

    return list(Revision.objects.filter(year=year).select_related("closed_by", "reopened_by").order_by("number"))


def closed_document(kind: str, year: int, lang: str, pairing=None, revision: int | None = None):
    """The report as the close published it: the current close's (None while the year is open), or with
    `revision` that revision's (ValidationError if there is none), with its "closed on …" line."""
    from counterpart.closing.models import Revision, Snapshot

    found = Revision.objects.filter(year=year)
    if revision is None:
        rev = found.filter(reopened_at__isnull=True).order_by("-number").first()
        if rev is None:
            return None
    else:
        rev = found.filter(number=revision).first()
        if rev is None:
            raise ValidationError({"revision": _("%(year)s has no revision %(n)s.") % {"year": year, "n": revision}})
    snap = Snapshot.objects.filter(revision=rev, kind=kind, lang=_lang_key(lang),
                                   pairing=pairing.pk if pairing is not None else None).first()
    if snap is None:
        if revision is None:
            return None  # closed, but this report had no figures to publish: the live page says so
        raise ValidationError({"revision": _("Revision %(n)s of %(year)s has no such report.")
                               % {"year": year, "n": revision}})
    doc = document_from_json(snap.document)
    lines = [say(CLOSED_LINE, doc.lang, date=rev.closed_at.date().isoformat(), n=rev.number)]
    if rev.reopened_at is not None:
        lines.append(say(REOPENED_LINE, doc.lang, date=rev.reopened_at.date().isoformat(), reason=rev.reopen_reason))
        later = found.filter(number__gt=rev.number).order_by("number").first()
        if later is not None:
            lines.append(say(LATER_LINE, doc.lang, n=later.number, date=later.closed_at.date().isoformat()))
    doc.blocks.insert(0, Para([" ".join(lines)]))
    if revision is not None:
        doc.slug = f"{doc.slug}-r{rev.number}"
    return doc


def frozen_actuals(year: int):
    """The plans' actuals the current close of the year froze ({(pairing id, indicator id): Decimal}), or
    None while the year is open."""
    from counterpart.closing.guard import closed_revision

    rev = closed_revision(year)
    if rev is None:
        return None
    out = {}
    for key, value in rev.actuals.items():
        pid, ind = key.split(":")
        out[(int(pid), int(ind))] = Decimal(value)
    return out


def actuals_to_freeze(year: int) -> dict:
    """Every planned (pairing, indicator) of the year with its confirmed subtree actual, as JSON."""
    from counterpart.plans import actuals as actuals_mod
    from counterpart.plans.models import PlanItem

    keys = set(PlanItem.objects.filter(plan__year=year).values_list("pairing_id", "indicator_id"))
    if not keys:
        return {}
    got = actuals_mod.subtree_actuals(year, keys)
    return {f"{pid}:{ind}": format(Decimal(got[(pid, ind)]).normalize(), "f") for pid, ind in sorted(keys)}
