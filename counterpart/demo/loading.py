"""Load the curated demo fixtures (data/*.toml): the seed reports as ledger records and observations.

Parse -> validate -> apply, one transaction per document; loading twice changes nothing. Each record
goes through the same actions as an office's entry: reported by the reporting (donor) side's demo
account and confirmed by the other side's, so the demo shows who reported and who confirmed what.
"""
import datetime
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from counterpart.accounts import access
from counterpart.confirmations.actions import confirmation_for, do_confirm, do_report_record
from counterpart.geo.models import Region
from counterpart.indicators.actions import do_record_observation
from counterpart.indicators.models import Status
from counterpart.ledger import models as ledger
from counterpart.ledger.actions import record_observations
from counterpart.ledger.kinds import KINDS
from counterpart.pairings.actions import (
    do_create_agreement,
    do_create_organisation,
    do_create_pairing,
    region_unit,
)
from counterpart.sources.models import SourceDocument, Span, content_hash

DATA_DIR = Path(__file__).parent / "data"
UNIT_FIELDS = {"enterprise", "awardee"}


class FixtureError(Exception):
    """A fixture that does not fit its document or the data model; says which file and which item."""


def parse_date(text: str) -> tuple[datetime.date, str]:
    parts = [int(p) for p in str(text).split("-")]
    precision = ("year", "month", "day")[len(parts) - 1]
    parts += [1] * (3 - len(parts))
    return datetime.date(*parts), precision


@dataclass
class Context:
    path: Path
    document: SourceDocument
    units: dict
    pairings: dict
    agreements: dict
    observations: dict

    def span(self, quote: str, occurrence: int = 1, where: str = "") -> Span:
        text, start = self.document.text, -1
        for _ in range(occurrence):
            start = text.find(quote, start + 1)
            if start < 0:
                raise FixtureError(f"{self.path.name}: {where}: quote not found in the document: {quote[:80]!r}")
        span, _created = Span.objects.get_or_create(document=self.document, start=start, end=start + len(quote))
        return span

    def unit(self, ref: str, where: str):
        if ref in self.units:
            return self.units[ref]
        try:
            return region_unit(Region.objects.get(adcode=ref))
        except Region.DoesNotExist:
            raise FixtureError(f"{self.path.name}: {where}: {ref!r} is neither a unit key nor a region code "
                               "(is the gazetteer loaded?)") from None


def load_file(path: Path) -> dict:
    """Load one fixture; returns counts. Skips a document already loaded with the same text."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    meta = data["document"]
    text = (path.parent / "documents" / meta["doc_id"]).read_text(encoding="utf-8")
    existing = SourceDocument.objects.filter(doc_id=meta["doc_id"]).first()
    if existing is not None:
        if existing.text != text:
            raise FixtureError(f"{path.name}: document {meta['doc_id']} is loaded with a different text")
        return {"document": meta["doc_id"], "skipped": True}
    imported = SourceDocument.objects.filter(sha256=content_hash(text)).first()
    if imported is not None:
        # The same report came in through the importer: its reviewed figures stand; curating it again
        # would count every figure twice.
        raise FixtureError(f"{path.name}: the text of {meta['doc_id']} is already stored as document "
                           f"{imported.doc_id!r} (imported); remove that import first or skip the demo data")
    try:
        with transaction.atomic():
            return _apply(path, data, meta, text)
    except ValidationError as exc:
        raise FixtureError(f"{path.name}: {exc}") from exc


def _apply(path, data, meta, text) -> dict:
    doc = SourceDocument.objects.create(doc_id=meta["doc_id"], title=meta["title"], year=meta.get("year"),
                                        language=meta.get("language", "en"), text=text,
                                        origin=meta.get("origin", ""))
    ctx = Context(path, doc, {}, {}, {}, {})
    for u in data.get("units", []):
        region = Region.objects.filter(adcode=u.get("region")).first() if u.get("region") else None
        ctx.units[u["key"]] = do_create_organisation(u["kind"], u["name_en"], u.get("name_zh", ""), region)
    for n, p in enumerate(data.get("pairings", []), 1):
        where = f"pairing {p.get('key', n)}"
        pairing = do_create_pairing(
            ctx.unit(p["donor"], where), ctx.unit(p["recipient"], where), p["level"], p["start_year"],
            p.get("end_year"), ctx.pairings.get(p.get("parent")),
            focus=[ctx.unit(f, where) for f in p.get("focus", [])],
            statements=[ctx.span(q, 1, where) for q in p.get("quotes", [])])
        if p.get("note"):
            pairing.note = p["note"]
            pairing.save(update_fields=["note"])
        ctx.pairings[p["key"]] = pairing
    for a in data.get("agreements", []):
        date, precision = parse_date(a["date"]) if a.get("date") else (None, "day")
        ctx.agreements[a["key"]] = do_create_agreement(
            ctx.pairings[a["pairing"]], a["title_en"], a["period_start"], a["period_end"], kind=a.get("kind", "outline"),
            title_zh=a.get("title_zh", ""), date_signed=date, date_precision=precision,
            signatories="\n".join(a.get("signatories", [])), text=a.get("text", ""),
            span=ctx.span(a["quote"], a.get("occurrence", 1), f"agreement {a['key']}") if a.get("quote") else None)
    # Totals first: parts name them.
    pending = list(enumerate(data.get("observations", []), 1))
    rounds = 0
    while pending and rounds < 10:
        rounds += 1
        later = []
        for n, o in pending:
            if o.get("part_of") and o["part_of"] not in ctx.observations:
                later.append((n, o))
                continue
            _observation(ctx, n, o, meta)
        pending = later
    records = 0
    for n, r in enumerate(data.get("records", []), 1):
        _record(ctx, n, r, meta)
        records += 1
    if pending:
        raise FixtureError(f"{path.name}: observations name totals that do not exist: "
                           f"{[o['part_of'] for _, o in pending]}")
    return {"document": doc.doc_id, "pairings": len(ctx.pairings), "observations": len(data.get("observations", [])),
            "records": records, "skipped": False}


def _observation(ctx, n, o, meta):
    where = f"observation {o.get('key', n)}"
    obs = do_record_observation(
        indicator=o["indicator"], value=o["value"], year=o.get("year", meta["year"]),
        pairing=ctx.pairings[o["pairing"]], qualifier=o.get("qualifier", "exact"),
        donor=ctx.unit(o["donor"], where) if o.get("donor") else None,
        recipients=[ctx.unit(r, where) for r in o.get("recipients", [])], dims=o.get("dims", {}),
        span=ctx.span(o["quote"], o.get("occurrence", 1), where), part_of=ctx.observations.get(o.get("part_of")),
        status=Status.CONFIRMED, note=o.get("note", ""))
    obs.also_stated.set([ctx.span(q, 1, where) for q in o.get("also_quotes", [])])
    if o.get("key"):
        ctx.observations[o["key"]] = obs


def _record(ctx, n, r, meta):
    kind = KINDS.get(r["type"])
    where = f"record {r.get('key', n)} ({r['type']})"
    if kind is None:
        raise FixtureError(f"{ctx.path.name}: {where}: unknown record type")
    model = kind.model
    fields = dict(r.get("fields", {}))
    for name in UNIT_FIELDS & fields.keys():
        fields[name] = ctx.unit(fields[name], where)
    if "date" in fields:
        fields["date"], fields["date_precision"] = parse_date(fields["date"])
        if "date_precision" not in {f.name for f in model._meta.fields}:  # a training's date is a day
            fields.pop("date_precision")
    if model is ledger.Event and r.get("agreement"):
        fields["agreement"] = ctx.agreements[r["agreement"]]
    pairing = ctx.pairings[r["pairing"]]
    reporter, confirmer = side_accounts(pairing)
    if reporter is None or confirmer is None:
        raise FixtureError(f"{ctx.path.name}: {where}: no demo office stands on both sides of the pairing "
                           "(counterpart/accounts/demo_users.py)")
    record, _created = do_report_record(
        reporter, model, recipients=[ctx.unit(u, where) for u in r.get("recipients", [])],
        parts_of={slot: ctx.observations[key] for slot, key in r.get("part_of", {}).items()},
        pairing=pairing, year=r.get("year", meta["year"]),
        donor=ctx.unit(r["donor"], where) if r.get("donor") else None,
        span=ctx.span(r["quote"], r.get("occurrence", 1), where), note=r.get("note", ""),
        source_ref=f"demo:{ctx.document.doc_id}:{r.get('key', n)}", **fields)
    do_confirm(confirmer, confirmation_for(record))
    observations = list(record_observations(record))
    for obs in observations:
        if obs.slot in r.get("evidence", {}):
            obs.span = ctx.span(r["evidence"][obs.slot], 1, f"{where} {obs.slot}")
            obs.save(update_fields=["span"])
        if r.get("key"):
            ctx.observations[f"{r['key']}.{obs.slot}"] = obs
    if r.get("key") and len(observations) == 1:
        # A record with one figure can stand for it, so parts can name the record's key.
        ctx.observations[r["key"]] = observations[0]


def side_accounts(pairing):
    """The demo office that reports for the pairing's donor side and the one that confirms for its recipient
    side (made on first use, from counterpart/accounts/demo_users.py)."""
    from counterpart.accounts.demo_users import demo_offices

    reporter = confirmer = None
    for user in demo_offices():
        sides = access.sides_of(user, pairing)
        if reporter is None and sides == {access.DONOR}:
            reporter = user
        elif confirmer is None and sides == {access.RECIPIENT}:
            confirmer = user
    return reporter, confirmer


def report_fixtures() -> list[Path]:
    """The fixtures that describe a source document (other TOML files here hold e.g. plans)."""
    return [p for p in sorted(DATA_DIR.glob("*.toml"))
            if "document" in tomllib.loads(p.read_text(encoding="utf-8"))]


def load_demo() -> list[dict]:
    results = [load_file(p) for p in report_fixtures()]
    from counterpart.plans.loading import load_targets  # plans, targets, weights (idempotent; issue 6)
    load_targets()
    return results
