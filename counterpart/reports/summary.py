"""Rebuild the reports' read model (Fact, FactAncestor, Rollup) from the observations.

`refresh()` is what `counterpart report refresh` runs: heavy aggregates are computed here once so
pages and reports read them cheaply. Small databases refresh themselves when they are stale
(`ensure_fresh`); at national scale the command runs after imports (the pages say when).
"""
import json
import time
from collections import defaultdict

from django.db import connection, transaction
from django.db.models import Count, Max, Sum
from django.utils import timezone

from counterpart.geo.models import Region
from counterpart.indicators.models import Indicator, Observation, Status
from counterpart.pairings.models import Pairing, PairingLevel, Unit
from counterpart.reports.bulk import delete_all, insert_rows, without_indexes
from counterpart.reports.models import MAX_PAIRING_DEPTH, Fact, FactAncestor, OwnTotal, RefreshState, Rollup

AUTO_REFRESH_LIMIT = 200_000  # below this many observations a stale read model rebuilds itself
# Dimension breakdowns worth precomputing, and the indicators that carry them.
BREAKDOWN_DIMS = {"purpose": "gov_aid_funds", "source_level": "gov_aid_funds", "form": "social_donations"}
FACT_COLUMNS = ["id", "indicator_id", "year", "pairing_id", "depth", "p0", "p1", "p2", "p3", "p4", "gov_depth",
                "confirmed", "value", "qualifier", "donor_region", "donor_r1", "donor_r2", "donor_r3",
                "recipient_region", "recipient_r1", "recipient_r2", "recipient_r3", "purpose", "source_level",
                "kind", "form", "part_of", "has_span"]


def signature() -> str:
    """Changes whenever an observation is added, removed, re-valued or changes status."""
    agg = Observation.objects.aggregate(n=Count("pk"), top=Max("pk"), total=Sum("value"),
                                        last=Max("created_at"))
    by_status = dict(Observation.objects.values_list("status").annotate(c=Count("pk")).order_by())
    return f"{agg['n']}:{agg['top']}:{agg['total']}:{sorted(by_status.items())}"[:200]


def state():
    return RefreshState.objects.order_by("-pk").first()


def ensure_fresh(progress=False):
    """Refresh a small database whose read model is stale; at scale trust the last refresh."""
    current = state()
    if current is not None and current.facts > AUTO_REFRESH_LIMIT:
        return current
    if current is None or current.signature != signature():
        refresh(progress=progress)
    return state()


class _Paths:
    """In-memory pairing and region trees: a few hundred thousand small tuples at national scale."""

    def __init__(self):
        parents, levels, sides = {}, {}, {}
        for pk, parent, level, donor, recipient in Pairing.objects.values_list(
                "pk", "parent_id", "level", "donor_id", "recipient_id").iterator(chunk_size=50000):
            parents[pk], levels[pk], sides[pk] = parent, level, (donor, recipient)
        self.pairing_sides = sides
        self.pairing_path = {}
        for pk in parents:
            chain, node = [], pk
            while node is not None and len(chain) <= 50:
                chain.append(node)
                node = parents[node]
            chain.reverse()
            gov = max((i for i, p in enumerate(chain) if levels[p] != PairingLevel.ENTERPRISE_VILLAGE), default=-1)
            self.pairing_path[pk] = (chain, gov)
        self.unit_region = dict(Unit.objects.values_list("pk", "region_id").iterator(chunk_size=50000))
        self.region_parent, self.region_level = {}, {}
        for pk, parent, level in Region.objects.values_list("pk", "parent_id", "level").iterator(chunk_size=50000):
            self.region_parent[pk], self.region_level[pk] = parent, level
        self._region_path, self._levels = {}, {}

    def region_path(self, region_id):
        """Region ids from the province down to the region itself."""
        if region_id is None:
            return ()
        path = self._region_path.get(region_id)
        if path is None:
            chain, node = [], region_id
            while node is not None and len(chain) < 8:
                chain.append(node)
                node = self.region_parent.get(node)
            path = self._region_path[region_id] = tuple(reversed(chain))
        return path

    def levels(self, region_id):
        """(region, province, prefecture, county) ids."""
        cached = self._levels.get(region_id)
        if cached is not None:
            return cached
        by_level = {self.region_level.get(r): r for r in self.region_path(region_id)}
        cached = self._levels[region_id] = (region_id, by_level.get(1), by_level.get(2), by_level.get(3))
        return cached

    def common_region(self, region_ids):
        paths = [self.region_path(r) for r in region_ids if r is not None]
        if not paths:
            return None
        common = None
        for items in zip(*paths):
            if len(set(items)) != 1:
                break
            common = items[0]
        return common


def _dims_sql(name):
    if connection.vendor == "postgresql":
        return f"COALESCE(o.dims->>'{name}', '')"
    return f"COALESCE(json_extract(o.dims, '$.{name}'), '')"


def _fact_rows(paths, recipients, progress):
    """Streams observations with a raw cursor: the ORM's per-value converters cost more than the rest."""
    from tqdm import tqdm

    total = Observation.objects.exclude(status=Status.WITHDRAWN).count()
    value = "CAST(o.value AS TEXT)" if connection.vendor == "sqlite" else "o.value"
    sql = (f"SELECT o.id, o.indicator_id, o.year, o.pairing_id, o.status, {value}, o.qualifier, o.donor_id, "
           f"{_dims_sql('purpose')}, {_dims_sql('source_level')}, {_dims_sql('kind')}, {_dims_sql('form')}, "
           f"o.part_of_id, o.span_id FROM {Observation._meta.db_table} o WHERE o.status <> %s")
    levels, unit_region = paths.levels, paths.unit_region
    # Per pairing, what every one of its observations shares: path, depths, default sides.
    per_pairing, donor_levels = {}, {}
    # A server-side cursor on PostgreSQL: five million rows are streamed, not held.
    with connection.chunked_cursor() as cursor, tqdm(total=total, disable=not progress, desc="facts", unit="obs") as bar:
        cursor.execute(sql, [Status.WITHDRAWN])
        while True:
            chunk = cursor.fetchmany(20000)
            if not chunk:
                break
            bar.update(len(chunk))
            for (pk, ind, year, pairing, status, val, qualifier, donor, purpose, source_level, kind, form,
                 part_of, span) in chunk:
                shared = per_pairing.get(pairing)
                if shared is None:
                    chain, gov = paths.pairing_path[pairing]
                    p = (chain + [None] * MAX_PAIRING_DEPTH)[:MAX_PAIRING_DEPTH]
                    donor_unit, recipient_unit = paths.pairing_sides[pairing]
                    shared = per_pairing[pairing] = ((len(chain) - 1, *p, gov), donor_unit,
                                                     levels(unit_region.get(recipient_unit)))
                head, donor_unit, r = shared
                donor = donor or donor_unit
                d = donor_levels.get(donor)
                if d is None:
                    d = donor_levels[donor] = levels(unit_region.get(donor))
                units = recipients.get(pk) if recipients else None
                if units:
                    r = levels(paths.common_region([unit_region.get(u) for u in units]))
                if kind and kind.startswith("["):
                    kind = ",".join(sorted(json.loads(kind)))
                # The value goes on as the database gave it: Decimal from PostgreSQL, exact text from SQLite.
                yield (pk, ind, year, pairing, *head, status == Status.CONFIRMED, val, qualifier, *d, *r,
                       str(purpose)[:200], str(source_level)[:12], str(kind)[:80], str(form)[:8], part_of,
                       span is not None)


def _ancestor_rows():
    part_of = dict(Observation.objects.filter(part_of__isnull=False).values_list("pk", "part_of_id").order_by())
    for part, total in part_of.items():
        node, distance = total, 1
        while node is not None and distance <= 50:
            yield (part, node, distance)
            node, distance = part_of.get(node), distance + 1


def rollup_rows(basis, depth, dim=""):
    """Totals per scope (the pairing at `depth`, or the nation for -1), year, indicator [, dim value]."""
    from counterpart.reports.aggregation import totals

    scope = f"p{depth}" if depth >= 0 else None
    extra = {}
    by = ["year", "indicator_id"]
    if scope:
        by.insert(0, scope)
        extra = {f"{scope}__isnull": False, "gov_depth__gte": depth}
    if dim:
        by.append(dim)
        extra[f"{dim}__gt"] = ""
        extra["indicator_id__in"] = list(Indicator.objects.filter(code=BREAKDOWN_DIMS[dim]).values_list("pk", flat=True))
        extra["year__in"] = list(Fact.objects.order_by().values_list("year", flat=True).distinct())
    for key, fig in totals(by=by, basis=basis, where=extra, raw=True).items():
        if not scope:
            key = (None, *key)
        yield (basis, key[0], depth, key[1], key[2], dim, key[3] if dim else "", fig.value, fig.n,
               fig.n_at_least, fig.n_approx, fig.n_at_most, fig.unconfirmed)


def own_totals():
    """OwnTotal from the facts, in the database: one grouped INSERT … SELECT."""
    table, fact = OwnTotal._meta.db_table, Fact._meta.db_table
    with connection.cursor() as c, without_indexes(table):
        c.execute(f"INSERT INTO {table} (pairing_id, indicator_id, year, value) "
                  f"SELECT pairing_id, indicator_id, year, SUM(value) FROM {fact} "
                  f"WHERE confirmed AND part_of IS NULL GROUP BY pairing_id, indicator_id, year")


ROLLUP_COLUMNS = ["basis", "scope", "scope_depth", "year", "indicator_id", "dim", "dim_value", "value", "n",
                  "n_at_least", "n_approx", "n_at_most", "n_unconfirmed"]


def refresh(progress=False) -> RefreshState:
    """Rebuild the read model in one transaction; readers see the old one until it commits."""
    from tqdm import tqdm

    started = time.perf_counter()
    timings = {}
    sig = signature()
    with transaction.atomic():
        delete_all(FactAncestor, Rollup, OwnTotal, Fact)
        paths = _Paths()
        recipients = defaultdict(list)
        through = Observation.recipients.through
        for obs, unit in through.objects.values_list("observation_id", "unit_id").iterator(chunk_size=50000):
            recipients[obs].append(unit)
        with without_indexes(Fact._meta.db_table, FactAncestor._meta.db_table):
            facts = insert_rows(Fact._meta.db_table, FACT_COLUMNS, _fact_rows(paths, recipients, progress))
            insert_rows(FactAncestor._meta.db_table, ["part_id", "total_id", "distance"], _ancestor_rows())
        with connection.cursor() as c:  # fresh statistics, or the planner guesses badly on the rollup queries
            if connection.vendor == "sqlite":
                c.execute("ANALYZE")
            else:
                c.execute("ANALYZE reports_fact")
                c.execute("ANALYZE reports_factancestor")
        deepest = Fact.objects.aggregate(m=Max("gov_depth"))["m"]
        deepest = -1 if deepest is None else deepest
        # Every total by year and indicator for the nation and each government pairing, in both bases;
        # breakdowns by dimension for the nation and the top pairings (what the national overview shows).
        passes = [(b, d, "") for b in ("confirmed", "reported") for d in range(-1, deepest + 1)]
        passes += [("confirmed", d, dim) for d in range(-1, min(deepest, 0) + 1) for dim in BREAKDOWN_DIMS]
        timings["facts"] = time.perf_counter() - started
        for basis, depth, dim in tqdm(passes, disable=not progress, desc="rollups", unit="pass"):
            insert_rows(Rollup._meta.db_table, ROLLUP_COLUMNS, rollup_rows(basis, depth, dim))
        timings["rollups"] = time.perf_counter() - started - timings["facts"]
        own_totals()
        if connection.vendor == "postgresql":
            with connection.cursor() as c:
                c.execute("ANALYZE reports_rollup")
                c.execute("ANALYZE reports_owntotal")
        RefreshState.objects.all().delete()
        result = RefreshState.objects.create(refreshed_at=timezone.now(), signature=sig, facts=facts,
                                             seconds=time.perf_counter() - started)
    result.timings = timings
    return result
