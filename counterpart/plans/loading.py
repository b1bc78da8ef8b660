"""Load the demo plans, targets and weights (counterpart/demo/data/targets-*.toml); idempotent.

A plan already present for its pairing and year is left alone, and a weights version already set is
not set again, so loading twice changes nothing.
"""
import datetime
import tomllib
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from counterpart.demo.loading import FixtureError
from counterpart.geo.models import Region
from counterpart.pairings.models import Agreement, Pairing
from counterpart.plans.actions import (
    do_add_plan_item,
    do_add_target,
    do_adjust_plan_item,
    do_create_plan,
    do_set_agreement_section,
    do_set_weights,
)
from counterpart.plans.models import AnnualPlan, AssessmentWeights
from counterpart.sources.models import SourceDocument, Span

DATA_DIR = Path(__file__).resolve().parent.parent / "demo" / "data"


class _Ctx:
    def __init__(self, path):
        self.path = path
        self.docs = {}

    def fail(self, where, message):
        raise FixtureError(f"{self.path.name}: {where}: {message}")

    def pairing(self, ref, where) -> Pairing:
        try:
            donor, recipient = ref.split("-")
            return Pairing.objects.get(donor__region__adcode=donor, recipient__region__adcode=recipient,
                                       donor__kind="region", recipient__kind="region")
        except (ValueError, Pairing.DoesNotExist, Region.DoesNotExist):
            self.fail(where, f"no pairing {ref!r} (are the seed reports loaded?)")

    def span(self, doc_id, quote, where):
        if not quote:
            return None
        if doc_id not in self.docs:
            self.docs[doc_id] = SourceDocument.objects.filter(doc_id=doc_id).first()
        doc = self.docs[doc_id]
        if doc is None:
            self.fail(where, f"document {doc_id} is not loaded")
        start = doc.text.find(quote)
        if start < 0:
            self.fail(where, f"quote not found in {doc_id}: {quote[:80]!r}")
        return Span.objects.get_or_create(document=doc, start=start, end=start + len(quote))[0]

    def agreement(self, pairing, kind, where) -> Agreement:
        found = Agreement.objects.filter(pairing=pairing, kind=kind).order_by("period_start").first()
        if found is None:
            self.fail(where, f"{pairing} has no {kind} agreement")
        return found


def _date(text) -> tuple[datetime.date, str]:
    parts = [int(p) for p in str(text).split("-")]
    precision = ("year", "month", "day")[len(parts) - 1]
    return datetime.date(*(parts + [1] * (3 - len(parts)))), precision


def load_file(path: Path) -> dict:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    ctx = _Ctx(path)
    counts = {"file": path.name, "weights": 0, "sections": 0, "targets": 0, "plans": 0, "items": 0,
              "adjustments": 0}
    try:
        with transaction.atomic():
            for w in data.get("weights", []):
                if not AssessmentWeights.objects.filter(version=w["version"]).exists():
                    made = do_set_weights(w["weights"], w.get("lag_margin", "0.10"), note=w.get("note", ""))
                    if made.version != w["version"]:
                        ctx.fail("weights", f"version {w['version']} would be stored as {made.version}")
                    counts["weights"] += 1
            for n, s in enumerate(data.get("sections", []), 1):
                where = f"section {n}"
                agreement = ctx.agreement(ctx.pairing(s["pairing"], where), s["agreement_kind"], where)
                do_set_agreement_section(agreement, s["kind"], s.get("text_en", ""), s.get("text_zh", ""),
                                         ctx.span(s["document"], s.get("quote"), where))
                counts["sections"] += 1
            for n, t in enumerate(data.get("targets", []), 1):
                where = f"target {n}"
                pairing = ctx.pairing(t["pairing"], where)
                agreement = ctx.agreement(pairing, t["agreement_kind"], where)
                if not agreement.targets.filter(indicator__code=t["indicator"], year=t.get("year")).exists():
                    do_add_target(agreement, t["indicator"], t["value"], year=t.get("year"),
                                  span=ctx.span(t["document"], t.get("quote"), where), note=t.get("note", ""))
                    counts["targets"] += 1
            for p in data.get("plans", []):
                _plan(ctx, p, counts)
    except ValidationError as exc:
        raise FixtureError(f"{path.name}: {exc}") from exc
    return counts


def _plan(ctx, p, counts):
    where = f"plan {p['key']}"
    pairing = ctx.pairing(p["pairing"], where)
    if AnnualPlan.objects.filter(pairing=pairing, year=p["year"]).exists():
        return
    doc = p["document"]
    plan = do_create_plan(pairing, p["year"], span=ctx.span(doc, p.get("quote"), where), note=p.get("note", ""))
    counts["plans"] += 1
    for n, i in enumerate(p.get("items", []), 1):
        iw = f"{where} item {i.get('key', n)}"
        item = do_add_plan_item(plan, i["indicator"], i["value"], qualifier=i.get("qualifier", "exact"),
                                pairing=ctx.pairing(i["pairing"], iw) if i.get("pairing") else None,
                                span=ctx.span(doc, i.get("quote"), iw), note=i.get("note", ""))
        counts["items"] += 1
        for a in i.get("adjustments", []):
            day, precision = _date(a["approved_on"])
            do_adjust_plan_item(item, a["value"], reason_kind=a["reason_kind"], reason=a["reason"],
                                approved_by=a["approved_by"], approved_on=day, date_precision=precision,
                                span=ctx.span(doc, a.get("quote"), f"{iw} adjustment"))
            counts["adjustments"] += 1


def load_targets() -> list[dict]:
    """Every targets-*.toml of the demo data; call after the seed reports are loaded."""
    return [load_file(p) for p in sorted(DATA_DIR.glob("targets-*.toml"))]
