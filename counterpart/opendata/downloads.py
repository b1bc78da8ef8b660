"""Confirmed figures for the public portal and its downloads (CSV, XLSX, JSON Lines in the facts format).

Only confirmed observations ever leave here: `confirmed_observations` is the one query every page and
download starts from."""
import csv
import io
import json

from django.urls import reverse

from counterpart.geo.models import Region
from counterpart.indicators.facts import evidence, unit_fact
from counterpart.indicators.models import Indicator, Observation, Status
from counterpart.pairings.models import Pairing, subtree

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
XLSX_MAX_ROWS = 200_000  # beyond this, a spreadsheet is the wrong tool: CSV or JSON Lines stream any size
COLUMNS = ["id", "year", "indicator", "indicator_en", "indicator_zh", "value", "unit", "qualifier", "pairing_id",
           "pairing_en", "pairing_zh", "donor_en", "donor_zh", "donor_adcode", "recipients_en", "recipients_zh",
           "recipients_adcode", "dims", "source_document", "source_start", "source_end", "source_text",
           "source_url", "entered_by_office", "status"]


def province_prefix(adcode: str) -> str | None:
    region = Region.objects.filter(adcode=adcode, level=1).first()
    return region.adcode[:2] if region else None


def confirmed_observations(*, year=None, indicator=None, pairing=None, donor_province=None,
                           recipient_province=None):
    """Confirmed figures, filtered; the sides' provinces are GB/T 2260 province codes."""
    qs = Observation.objects.filter(status=Status.CONFIRMED)
    if year:
        qs = qs.filter(year=year)
    if indicator:
        qs = qs.filter(indicator__code=indicator)
    if pairing:
        qs = qs.filter(pairing_id__in=subtree([pairing]).values("pk"))
    for side, adcode in (("donor", donor_province), ("recipient", recipient_province)):
        prefix = province_prefix(adcode) if adcode else None
        if prefix:
            qs = qs.filter(pairing_id__in=Pairing.objects.filter(
                **{f"{side}__region__adcode__startswith": prefix}).values("pk"))
        elif adcode:
            qs = qs.none()
    return qs


def _rows(qs, batch=2000):
    """Observations with what a row needs, read in id order a batch at a time (streams any size)."""
    last = 0
    base = qs.select_related("indicator", "donor__region", "span__document", "pairing__donor",
                             "pairing__recipient", "entered_by__profile__unit")
    while True:
        chunk = list(base.filter(pk__gt=last).order_by("pk").prefetch_related("recipients__region")[:batch])
        if not chunk:
            return
        yield from chunk
        last = chunk[-1].pk


def source_url(obs) -> str:
    if not obs.span_id:
        return ""
    return reverse("document", args=[obs.span.document_id]) + f"#s{obs.span.start}-{obs.span.end}"


def _num(value) -> str:
    return format(value.normalize(), "f")


def row(obs) -> list:
    recipients = list(obs.recipients.all())
    profile = getattr(obs.entered_by, "profile", None) if obs.entered_by_id else None
    office = profile.unit.name_en if profile is not None and profile.unit_id else ""
    span = obs.span
    return [obs.pk, obs.year, obs.indicator.code, obs.indicator.label_en, obs.indicator.label_zh, _num(obs.value),
            obs.indicator.unit, obs.qualifier, obs.pairing_id, obs.pairing.name_en, obs.pairing.name_zh,
            obs.donor.name_en if obs.donor_id else "", (obs.donor.name_zh if obs.donor_id else ""),
            (obs.donor.adcode or "") if obs.donor_id else "",
            "; ".join(u.name_en for u in recipients), "; ".join(u.name_zh or u.name_en for u in recipients),
            "; ".join(u.adcode or "" for u in recipients),
            json.dumps(obs.dims, ensure_ascii=False) if obs.dims else "",
            span.document.doc_id if span else "", span.start if span else "", span.end if span else "",
            span.text if span else "", source_url(obs), office, obs.status]


def csv_chunks(qs):
    yield "\ufeff"  # so that Excel reads UTF-8
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for n, obs in enumerate(_rows(qs), start=1):
        writer.writerow(row(obs))
        if n % 500 == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def fact(obs) -> dict:
    """A confirmed observation as a facts-format line (docs/facts-format.md). A figure entered by an office
    has no document: its `doc` is null, it has no `evidence`, and `entered` says so."""
    line = {"doc": obs.span.document.doc_id if obs.span_id else None, "type": "observation",
            "indicator": obs.indicator.code, "value": _num(obs.value), "unit": obs.indicator.unit,
            "qualifier": obs.qualifier, "year": obs.year}
    if obs.donor_id:
        line["donor"] = unit_fact(obs.donor)
    recipients = [unit_fact(u) for u in obs.recipients.all()]
    if recipients:
        line["recipient"] = recipients
    if obs.dims:
        line["dims"] = obs.dims
    if obs.span_id:
        line["evidence"] = evidence(obs.span)
    else:
        line["entered"] = True
    line.update({"id": obs.pk, "pairing": obs.pairing_id, "status": obs.status})
    if obs.part_of_id:
        line["part_of"] = obs.part_of_id
    return line


def jsonl_chunks(qs):
    buf = []
    for obs in _rows(qs):
        buf.append(json.dumps(fact(obs), ensure_ascii=False))
        if len(buf) >= 500:
            yield "\n".join(buf) + "\n"
            buf = []
    if buf:
        yield "\n".join(buf) + "\n"


def xlsx_bytes(qs, citation: str) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("observations")
    ws.append(COLUMNS)
    for obs in _rows(qs):
        ws.append(row(obs))
    about = wb.create_sheet("about")
    about.append(["licence", f"{LICENCE} {LICENCE_URL}"])
    about.append(["how to cite", citation])
    about.append(["contents", "confirmed observations only (both sides of each pairing agreed on them)"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def indicators():
    return list(Indicator.objects.all())


def provinces():
    return list(Region.objects.filter(level=1).order_by("adcode"))


def tree_nodes(max_children=60):
    """The pairing tree for the portal: top pairings and the government pairings just below them."""
    roots = list(Pairing.objects.filter(parent__isnull=True).exclude(level="enterprise_village")
                 .select_related("donor", "recipient").order_by("donor__name_en", "pk")[:200])
    kids = {}
    for p in (Pairing.objects.filter(parent_id__in=[r.pk for r in roots]).exclude(level="enterprise_village")
              .select_related("donor", "recipient").order_by("pk")):
        kids.setdefault(p.parent_id, []).append(p)
    return [{"pairing": r, "children": kids.get(r.pk, [])[:max_children],
             "more": max(0, len(kids.get(r.pk, [])) - max_children)} for r in roots]
