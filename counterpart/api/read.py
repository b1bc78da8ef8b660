"""Read endpoints: the gazetteer, units, pairings, indicators, observations, documents."""
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _
from ninja import Query, Router

from counterpart.accounts import access
from counterpart.api import serialise
from counterpart.api.core import current_user, error, page_by_id
from counterpart.api.schemas import (
    DocumentDetail,
    DocumentPage,
    Errors,
    IndicatorOut,
    ObservationPage,
    PairingDetail,
    PairingPage,
    PairingTree,
    RegionOut,
    RegionPage,
    RegionSearch,
    UnitPage,
)
from counterpart.geo.models import Region
from counterpart.indicators.models import Indicator, Observation, Status
from counterpart.pairings.models import Pairing, Unit, subtree
from counterpart.sources.models import SourceDocument

router = Router()

# GB/T 2260 codes nest by prefix: a province's divisions start with its first two digits, and so on down.
PREFIX = {1: 2, 2: 4, 3: 6, 4: 9, 5: 12}
TREE_LIMIT = 5000
DIMS = Query(None, description="a dimension as name=value, repeatable")


def region_prefix(adcode: str, field: str) -> str:
    r = Region.objects.filter(adcode=adcode).first()
    if r is None:
        raise error(400, _("There is no region with code %(c)s.") % {"c": adcode}, field)
    return r.adcode[:PREFIX.get(r.level, len(r.adcode))]


@router.get("/regions", response={200: RegionPage, 400: Errors}, tags=["gazetteer"])
def regions(request, parent: str | None = None, level: int | None = None, cursor: str | None = None,
            limit: int | None = None):
    """Administrative divisions (GB/T 2260), by parent code and level."""
    qs = Region.objects.select_related("parent")
    if parent:
        qs = qs.filter(parent__adcode=parent)
    if level is not None:
        qs = qs.filter(level=level)
    return page_by_id(qs, cursor, limit, lambda rows: [serialise.region(r) for r in rows])


@router.get("/regions/search", response={200: RegionSearch, 400: Errors}, tags=["gazetteer"])
def region_search(request, q: str, context: str | None = None):
    """A place name (Chinese or English) resolved by the gazetteer, as the entry forms resolve it."""
    from counterpart.geo.resolve import resolve_region

    q = q.strip()
    if not q or len(q) > 100:
        raise error(400, _("Give a place name of at most %(n)s characters.") % {"n": 100}, "q")
    found = resolve_region(q, context or None)
    return {"status": found.status, "how": found.how, "items": [serialise.region(r) for r in found.candidates]}


@router.get("/regions/{adcode}", response={200: RegionOut, 404: Errors}, tags=["gazetteer"])
def region_detail(request, adcode: str):
    r = Region.objects.select_related("parent").filter(adcode=adcode).first()
    if r is None:
        raise error(404, _("Not found."))
    return serialise.region(r)


@router.get("/units", response={200: UnitPage, 400: Errors}, tags=["pairings"])
def units(request, kind: str | None = None, region: str | None = None, q: str | None = None,
          cursor: str | None = None, limit: int | None = None):
    """Parties to cooperation: regions and the organisations located in them."""
    qs = Unit.objects.select_related("region")
    if kind:
        qs = qs.filter(kind=kind)
    if region:
        qs = qs.filter(region__adcode__startswith=region_prefix(region, "region"))
    if q:
        qs = qs.filter(Q(name_en__icontains=q) | Q(name_zh__contains=q))
    return page_by_id(qs, cursor, limit, lambda rows: [serialise.unit(u) for u in rows])


def _pairings_out(rows):
    counts = dict(Pairing.objects.filter(parent_id__in=[p.pk for p in rows]).order_by()
                  .values("parent_id").annotate(n=Count("pk")).values_list("parent_id", "n"))
    return [serialise.pairing(p, counts.get(p.pk, 0)) for p in rows]


@router.get("/pairings", response={200: PairingPage, 400: Errors}, tags=["pairings"])
def pairings(request, parent: int | None = None, roots: bool = False, level: str | None = None,
             year: int | None = None, donor_region: str | None = None, recipient_region: str | None = None,
             cursor: str | None = None, limit: int | None = None):
    """Pairings (the public list: who is paired with whom is public), filtered by parent, level, period, side."""
    qs = Pairing.objects.select_related("donor__region", "recipient__region")
    if parent is not None:
        qs = qs.filter(parent_id=parent)
    if roots:
        qs = qs.filter(parent__isnull=True)
    if level:
        qs = qs.filter(level=level)
    if year is not None:
        qs = qs.filter(start_year__lte=year).filter(Q(end_year__isnull=True) | Q(end_year__gte=year))
    if donor_region:
        qs = qs.filter(donor__region__adcode__startswith=region_prefix(donor_region, "donor_region"))
    if recipient_region:
        qs = qs.filter(recipient__region__adcode__startswith=region_prefix(recipient_region, "recipient_region"))
    return page_by_id(qs, cursor, limit, _pairings_out)


def _pairing(pk):
    p = Pairing.objects.select_related("donor__region", "recipient__region", "parent").filter(pk=pk).first()
    if p is None:
        raise error(404, _("Not found."))
    return p


@router.get("/pairings/{pk}", response={200: PairingDetail, 404: Errors}, tags=["pairings"])
def pairing_detail(request, pk: int):
    p = _pairing(pk)
    out = _pairings_out([p])[0]
    out["ancestors"] = [a.pk for a in p.ancestors()]
    out["agreements"] = [serialise.agreement(a) for a in p.agreements.all()]
    return out


@router.get("/pairings/{pk}/tree", response={200: PairingTree, 404: Errors}, tags=["pairings"])
def pairing_tree(request, pk: int):
    """The pairing and every pairing below it (at most 5,000 nodes; `truncated` says when there are more)."""
    root = _pairing(pk)
    depth = {root.pk: 0}
    nodes = []
    rows = list(subtree([root.pk]).select_related("donor", "recipient").order_by("pk")[:TREE_LIMIT + 1])
    truncated = len(rows) > TREE_LIMIT
    rows = rows[:TREE_LIMIT]
    by_id = {p.pk: p for p in rows}

    def depth_of(p):
        if p.pk not in depth:
            parent = by_id.get(p.parent_id)
            depth[p.pk] = depth_of(parent) + 1 if parent is not None else 0
        return depth[p.pk]

    for p in rows:
        nodes.append({"id": p.pk, "name_en": p.name_en, "name_zh": p.name_zh, "level": p.level,
                      "parent": p.parent_id if p.pk != root.pk else None, "depth": depth_of(p)})
    return {"root": root.pk, "nodes": nodes, "truncated": truncated}


@router.get("/indicators", response=list[IndicatorOut], tags=["indicators"])
def indicators(request):
    """The indicator catalogue: codes, labels in both languages, units, allowed dimensions."""
    return [serialise.indicator(i) for i in Indicator.objects.all()]


def visible_observations(user):
    """What the pages show the same person: everyone confirmed figures, the offices of a pairing (and the
    nation) also what awaits confirmation or is disputed there."""
    qs = Observation.objects.all()
    if access.is_national(user):
        return qs
    qs = qs.exclude(status=Status.WITHDRAWN)
    if access.is_office(user):
        return qs.filter(Q(status=Status.CONFIRMED) | Q(pairing_id__in=access.visible_pairings(user).values("pk")))
    return qs.filter(status=Status.CONFIRMED)


def pairing_scope(*, pairing=None, subtree_too=True, donor_region=None, recipient_region=None):
    """The pairing ids a figure must belong to, as a set (None: any pairing). Small enough to hold: a
    province's side has some ten thousand pairings, a subtree fewer."""
    scopes = []
    if pairing is not None:
        scopes.append(set(subtree([pairing]).values_list("pk", flat=True)) if subtree_too else {pairing})
    for side, adcode, field in (("donor", donor_region, "donor_region"),
                                ("recipient", recipient_region, "recipient_region")):
        if adcode:
            prefix = region_prefix(adcode, field)
            regions = Region.objects.filter(adcode__startswith=prefix).values("pk")
            units = Unit.objects.filter(region_id__in=regions).values("pk")
            scopes.append(set(Pairing.objects.filter(**{f"{side}_id__in": units}).values_list("pk", flat=True)))
    if not scopes:
        return None
    return set.intersection(*scopes)


def filter_observations(qs, *, indicator=None, year=None, year_from=None, year_to=None, status=None, dim=None):
    if indicator:
        ind = Indicator.objects.filter(code=indicator).first()
        if ind is None:
            raise error(400, _("There is no indicator “%(c)s”.") % {"c": indicator}, "indicator")
        qs = qs.filter(indicator_id=ind.pk)
    if year is not None:
        qs = qs.filter(year=year)
    if year_from is not None:
        qs = qs.filter(year__gte=year_from)
    if year_to is not None:
        qs = qs.filter(year__lte=year_to)
    if status:
        if status not in Status.values:
            raise error(400, _("Choose one of: %(v)s.") % {"v": ", ".join(Status.values)}, "status")
        qs = qs.filter(status=status)
    for item in dim or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not name.strip().isidentifier():
            raise error(400, _("Give a dimension as name=value, e.g. purpose=education."), "dim")
        qs = qs.filter(**{f"dims__{name.strip()}": value.strip()})
    return qs


SCAN_CHUNK = 5_000
MAX_SCAN = 200_000  # rows looked at per request; a sparse filter answers a short page and a cursor to go on


def scoped_page(qs, scope: set | None, cursor, limit):
    """A keyset page of `qs` restricted to pairings in `scope`. The database walks the rows in id order (the
    (year, id) index when a year is given) and Python keeps those of the scope: one plan whatever the
    province, where a join on the pairings let PostgreSQL collect and sort every figure of a province side
    (0.5-1 s at national scale). At most MAX_SCAN rows are looked at; `next` then continues from there."""
    from counterpart.api.core import check_limit, decode_cursor, encode_cursor

    limit = check_limit(limit)
    after = decode_cursor(cursor) or 0
    if scope is None:
        ids = list(qs.filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)[:limit + 1])
        more = len(ids) > limit
        ids = ids[:limit]
        last = ids[-1] if ids else after
    else:
        ids, scanned, last, more = [], 0, after, False
        while len(ids) <= limit and scanned < MAX_SCAN:
            chunk = list(qs.filter(pk__gt=last).order_by("pk").values_list("pk", "pairing_id")[:SCAN_CHUNK])
            scanned += len(chunk)
            for pk, pairing_id in chunk:
                if pairing_id in scope:
                    ids.append(pk)
                    if len(ids) > limit:
                        break
            if len(ids) > limit:
                more = True
                ids = ids[:limit]
                last = ids[-1]
                break
            if len(chunk) < SCAN_CHUNK:
                last = chunk[-1][0] if chunk else last
                break
            last = chunk[-1][0]
        else:
            more = scanned >= MAX_SCAN
        if not more and scanned >= MAX_SCAN:
            more = True
    return ids, (encode_cursor(last) if more else None)


@router.get("/observations", response={200: ObservationPage, 400: Errors}, tags=["observations"])
def observations(request, indicator: str | None = None, year: int | None = None, year_from: int | None = None,
                 year_to: int | None = None, pairing: int | None = None, subtree: bool = True,
                 donor_region: str | None = None, recipient_region: str | None = None, status: str | None = None,
                 dim: list[str] = DIMS, cursor: str | None = None, limit: int | None = None):
    """Figures with their provenance (the source sentence, or that a person entered it). The public and
    organisations read confirmed figures; offices also their pairings' pending and disputed ones.

    `donor_region` / `recipient_region`: a GB/T 2260 code; the pairings whose side lies in it. `pairing` with
    `subtree=false`: that pairing alone. `dim`: name=value, repeatable. Pages follow `next` (keyset)."""
    user = current_user(request)
    qs = filter_observations(visible_observations(user), indicator=indicator, year=year, year_from=year_from,
                             year_to=year_to, status=status, dim=dim)
    scope = pairing_scope(pairing=pairing, subtree_too=subtree, donor_region=donor_region,
                          recipient_region=recipient_region)
    ids, next_cursor = scoped_page(qs, scope, cursor, limit)
    rows = list(Observation.objects.filter(pk__in=ids).select_related("span").order_by("pk"))
    # Rendered directly (the shape is ObservationPage's, built above and fuzzed against it by schemathesis):
    # validating a thousand nested objects again through pydantic took a third of the request.
    from counterpart.api.api import api

    return api.create_response(request, {"items": serialise.observations(rows, user), "next": next_cursor},
                               status=200)


def reviewed_documents():
    """Documents no figure of which still waits in the review queue (curated sources have no queue)."""
    from counterpart.ingest.models import Proposal

    pending = Proposal.objects.filter(batch__document=OuterRef("pk"), status=Proposal.State.PENDING)
    return SourceDocument.objects.filter(~Exists(pending))


def visible_documents(user):
    if access.is_national(user) or access.is_office(user):
        return SourceDocument.objects.all()
    return reviewed_documents()


@router.get("/documents", response={200: DocumentPage, 400: Errors}, tags=["documents"])
def documents(request, year: int | None = None, cursor: str | None = None, limit: int | None = None):
    """Source documents; the public sees reviewed ones only."""
    qs = visible_documents(current_user(request)).defer("text")
    if year is not None:
        qs = qs.filter(year=year)
    return page_by_id(qs, cursor, limit, lambda rows: [serialise.document(d) for d in rows])


@router.get("/documents/{pk}", response={200: DocumentDetail, 404: Errors}, tags=["documents"])
def document_detail(request, pk: int):
    d = visible_documents(current_user(request)).filter(pk=pk).first()
    if d is None:
        raise error(404, _("Not found."))
    return serialise.document(d, text=True)
