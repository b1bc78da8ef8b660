"""Rebuild the reports' read model (Fact, FactAncestor, Rollup, OwnTotal) from the observations, whole.

The write actions keep the read model current as they change figures (counterpart/reports/live.py), so
no page ever builds it. `refresh()` is what `counterpart report refresh` runs, for repair and after bulk
loads (synthetic data, the demo): the facts are streamed from the observations once, and every rollup
pass and the own totals are computed by the database (INSERT … SELECT … GROUP BY), with the counting
rule ("a part whose total is in the same group is not added") reduced first to one small table of the
parts' shadows.
"""
import json
import time

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from counterpart.geo.models import Region
from counterpart.indicators.models import Indicator, Observation, Status
from counterpart.pairings.models import Pairing, PairingLevel, Unit
from counterpart.reports import live
from counterpart.reports.bulk import delete_all, without_indexes
from counterpart.reports.models import MAX_PAIRING_DEPTH, Fact, FactAncestor, OwnTotal, RefreshState, Rollup

# From this many figures at the last rebuild the plans read the rollups and keep their scores (national
# scale); below it they read the observations directly, which is fast there and needs nothing kept.
NATIONAL_SCALE = 200_000
# Dimension breakdowns worth precomputing, and the indicators that carry them.
BREAKDOWN_DIMS = {"purpose": "gov_aid_funds", "source_level": "gov_aid_funds", "form": "social_donations"}
FACT_COLUMNS = ["id", "indicator_id", "year", "pairing_id", "depth", "p0", "p1", "p2", "p3", "p4", "gov_depth",
                "confirmed", "value", "qualifier", "donor_region", "donor_r1", "donor_r2", "donor_r3",
                "recipient_region", "recipient_r1", "recipient_r2", "recipient_r3", "purpose", "source_level",
                "kind", "form", "part_of", "has_span"]


def state():
    """The last full rebuild (None before the first)."""
    return RefreshState.objects.order_by("-pk").first()


class _Trees:
    """Walks up the region tree for a fact's donor and recipient levels (the subclass reads the rows)."""

    region_parent: "_Lookup"
    region_level: "_Lookup"
    _region_path: dict
    _levels: dict

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


class _Lookup:
    """A dict-like view that reads a missing key from the database (and remembers it)."""

    def __init__(self, load):
        self._load, self._known = load, {}

    def get(self, key, default=None):
        if key is None:
            return default
        if key not in self._known:
            self._known[key] = self._load(key)
        value = self._known[key]
        return default if value is None else value

    __getitem__ = get


class LocalPaths(_Trees):
    """The pairing and region trees, read for the few pairings, units and regions a write touches."""

    def __init__(self):
        self.pairing_path = _Lookup(self._pairing_path)
        self.pairing_sides = _Lookup(lambda pk: Pairing.objects.filter(pk=pk).values_list(
            "donor_id", "recipient_id").first())
        self.unit_region = _Lookup(lambda pk: Unit.objects.filter(pk=pk).values_list("region_id", flat=True).first())
        self.region_parent = _Lookup(lambda pk: self._region(pk)[0])
        self.region_level = _Lookup(lambda pk: self._region(pk)[1])
        self._regions, self._region_path, self._levels = {}, {}, {}

    def _region(self, pk):
        if pk not in self._regions:
            self._regions[pk] = Region.objects.filter(pk=pk).values_list("parent_id", "level").first() or (None, None)
        return self._regions[pk]

    @staticmethod
    def _pairing_path(pk):
        table = connection.ops.quote_name(Pairing._meta.db_table)
        with connection.cursor() as cursor:  # one recursive query up the tree
            cursor.execute(f"WITH RECURSIVE up(id, parent_id, level, n) AS ("
                           f"SELECT id, parent_id, level, 0 FROM {table} WHERE id = %s UNION ALL "
                           f"SELECT p.id, p.parent_id, p.level, up.n + 1 FROM {table} p JOIN up ON p.id = up.parent_id "
                           f"WHERE up.n < 50) SELECT id, level FROM up ORDER BY n DESC", [pk])
            rows = cursor.fetchall()
        chain = [i for i, _level in rows]
        gov = max((i for i, (_p, level) in enumerate(rows) if level != PairingLevel.ENTERPRISE_VILLAGE), default=-1)
        return chain, gov


def _dims_sql(name):
    if connection.vendor == "postgresql":
        return f"COALESCE(o.dims->>'{name}', '')"
    return f"COALESCE(json_extract(o.dims, '$.{name}'), '')"


def fact_sql(where: str) -> str:
    """The observation columns a fact row is made from (`fact_row`), for observations matching `where`."""
    value = "CAST(o.value AS TEXT)" if connection.vendor == "sqlite" else "o.value"
    return (f"SELECT o.id, o.indicator_id, o.year, o.pairing_id, o.status, {value}, o.qualifier, o.donor_id, "
            f"{_dims_sql('purpose')}, {_dims_sql('source_level')}, {_dims_sql('kind')}, {_dims_sql('form')}, "
            f"o.part_of_id, o.span_id FROM {Observation._meta.db_table} o WHERE {where}")


class FactMaker:
    """Turns observation rows (`fact_sql`) into Fact rows, remembering what observations share: per pairing
    its path, depths and default sides; per donor its region levels."""

    def __init__(self, paths, recipients):
        self.paths, self.recipients = paths, recipients
        self.per_pairing, self.donor_levels = {}, {}

    def row(self, raw) -> tuple:
        paths = self.paths
        (pk, ind, year, pairing, status, val, qualifier, donor, purpose, source_level, kind, form,
         part_of, span) = raw
        shared = self.per_pairing.get(pairing)
        if shared is None:
            chain, gov = paths.pairing_path[pairing]
            p = (chain + [None] * MAX_PAIRING_DEPTH)[:MAX_PAIRING_DEPTH]
            donor_unit, recipient_unit = paths.pairing_sides[pairing]
            shared = self.per_pairing[pairing] = ((len(chain) - 1, *p, gov), donor_unit,
                                                  paths.levels(paths.unit_region.get(recipient_unit)))
        head, donor_unit, r = shared
        donor = donor or donor_unit
        d = self.donor_levels.get(donor)
        if d is None:
            d = self.donor_levels[donor] = paths.levels(paths.unit_region.get(donor))
        units = self.recipients.get(pk) if self.recipients else None
        if units:
            r = paths.levels(paths.common_region([paths.unit_region.get(u) for u in units]))
        if kind and kind.startswith("["):
            kind = ",".join(sorted(json.loads(kind)))
        # The value goes on as the database gave it: Decimal from PostgreSQL, exact text from SQLite.
        return (pk, ind, year, pairing, *head, status == Status.CONFIRMED, val, qualifier, *d, *r,
                str(purpose)[:200], str(source_level)[:12], str(kind)[:80], str(form)[:8], part_of,
                span is not None)


def _kind_sql() -> str:
    """dims.kind as text; a list of kinds sorted and joined with commas (as `FactMaker.row` does)."""
    if connection.vendor == "postgresql":
        return ("CASE WHEN jsonb_typeof(o.dims->'kind') = 'array' THEN COALESCE((SELECT string_agg(e.x, ',' "
                "ORDER BY e.x COLLATE \"C\") FROM jsonb_array_elements_text(o.dims->'kind') AS e(x)), '') "
                "ELSE COALESCE(o.dims->>'kind', '') END")
    return ("CASE WHEN json_type(o.dims, '$.kind') = 'array' THEN COALESCE((SELECT group_concat(value, ',') FROM "
            "(SELECT value FROM json_each(o.dims, '$.kind') ORDER BY value)), '') "
            "ELSE COALESCE(CAST(json_extract(o.dims, '$.kind') AS TEXT), '') END")


def _text_dim_sql(name) -> str:
    if connection.vendor == "postgresql":
        return _dims_sql(name)
    return f"COALESCE(CAST(json_extract(o.dims, '$.{name}') AS TEXT), '')"


_TEMP = ("reports_tmp_path", "reports_tmp_region", "reports_tmp_recipient", "reports_tmp_common")


def facts_in_sql() -> int:
    """Fact and FactAncestor from the observations in the database, the same rows `FactMaker` makes:
    pairing paths and region levels as recursive queries into temporary tables, then one INSERT … SELECT
    each. Returns the number of facts."""
    obs, pairing, unit, region = (Observation._meta.db_table, Pairing._meta.db_table, Unit._meta.db_table,
                                  Region._meta.db_table)
    through = Observation.recipients.through._meta.db_table
    big = "BIGINT"
    ev = PairingLevel.ENTERPRISE_VILLAGE
    p_next = ", ".join(f"CASE WHEN up.depth = {d - 1} THEN c.id ELSE up.p{d} END" for d in range(1, MAX_PAIRING_DEPTH))
    statements = [
        # Each pairing's path from its root: the pairing at each depth, and the deepest government one.
        (f"CREATE TEMPORARY TABLE reports_tmp_path AS WITH RECURSIVE up(id, depth, {', '.join(f'p{d}' for d in range(MAX_PAIRING_DEPTH))}, "
        f"gov, donor_id, recipient_id) AS (SELECT id, 0, id, "
        + ", ".join([f"CAST(NULL AS {big})"] * (MAX_PAIRING_DEPTH - 1))
        + f", CASE WHEN level <> '{ev}' THEN 0 ELSE -1 END, donor_id, recipient_id FROM {pairing} WHERE parent_id IS NULL "
        f"UNION ALL SELECT c.id, up.depth + 1, up.p0, {p_next}, CASE WHEN c.level <> '{ev}' THEN up.depth + 1 ELSE up.gov END, "
        f"c.donor_id, c.recipient_id FROM {pairing} c JOIN up ON c.parent_id = up.id WHERE up.depth < 50) SELECT * FROM up"),
        # Each region's province, prefecture and county (itself where it is one), and its depth.
        (f"CREATE TEMPORARY TABLE reports_tmp_region AS WITH RECURSIVE up(id, n, r1, r2, r3) AS ("
        f"SELECT id, 0, CASE WHEN level = 1 THEN id END, CASE WHEN level = 2 THEN id END, CASE WHEN level = 3 THEN id END "
        f"FROM {region} WHERE parent_id IS NULL UNION ALL SELECT g.id, up.n + 1, "
        f"CASE WHEN g.level = 1 THEN g.id ELSE up.r1 END, CASE WHEN g.level = 2 THEN g.id ELSE up.r2 END, "
        f"CASE WHEN g.level = 3 THEN g.id ELSE up.r3 END FROM {region} g JOIN up ON g.parent_id = up.id WHERE up.n < 50) "
         "SELECT * FROM up"),
        "CREATE INDEX reports_tmp_region_id ON reports_tmp_region (id)",
        "CREATE INDEX reports_tmp_path_id ON reports_tmp_path (id)",
        # Observations with recipients: their region when they all share one.
        (f"CREATE TEMPORARY TABLE reports_tmp_recipient AS SELECT t.observation_id AS obs, MIN(u.region_id) AS lo, "
        f"MAX(u.region_id) AS hi FROM {through} t JOIN {unit} u ON u.id = t.unit_id GROUP BY t.observation_id"),
        # Several regions: the deepest region above (or at) all of them.
        (f"CREATE TEMPORARY TABLE reports_tmp_common AS WITH RECURSIVE regions(obs, region) AS ("
        f"SELECT DISTINCT t.observation_id, u.region_id FROM {through} t JOIN {unit} u ON u.id = t.unit_id "
        f"JOIN reports_tmp_recipient r ON r.obs = t.observation_id WHERE r.lo <> r.hi AND u.region_id IS NOT NULL), "
        f"anc(obs, region, anc) AS (SELECT obs, region, region FROM regions UNION ALL "
        f"SELECT a.obs, a.region, g.parent_id FROM anc a JOIN {region} g ON g.id = a.anc WHERE g.parent_id IS NOT NULL), "
        f"shared(obs, anc) AS (SELECT a.obs, a.anc FROM anc a GROUP BY a.obs, a.anc "
        f"HAVING COUNT(DISTINCT a.region) = (SELECT COUNT(*) FROM regions x WHERE x.obs = a.obs)) "
        f"SELECT s.obs, s.anc AS region FROM shared s JOIN reports_tmp_region tr ON tr.id = s.anc "
        f"WHERE tr.n = (SELECT MAX(tr2.n) FROM shared s2 JOIN reports_tmp_region tr2 ON tr2.id = s2.anc WHERE s2.obs = s.obs)"),
        "CREATE INDEX reports_tmp_recipient_obs ON reports_tmp_recipient (obs)",
        "CREATE INDEX reports_tmp_common_obs ON reports_tmp_common (obs)",
    ]
    recipient_region = ("CASE WHEN rc.obs IS NULL THEN ru.region_id WHEN rc.lo = rc.hi THEN rc.lo "
                        "ELSE cm.region END")
    truncated = [f"SUBSTR({_text_dim_sql('purpose')}, 1, 200)", f"SUBSTR({_text_dim_sql('source_level')}, 1, 12)",
                 f"SUBSTR({_kind_sql()}, 1, 80)", f"SUBSTR({_text_dim_sql('form')}, 1, 8)"]
    insert_facts = (
        f"INSERT INTO {Fact._meta.db_table} ({', '.join(FACT_COLUMNS)}) SELECT o.id, o.indicator_id, o.year, "
        f"o.pairing_id, pp.depth, {', '.join(f'pp.p{d}' for d in range(MAX_PAIRING_DEPTH))}, pp.gov, "
        f"o.status = 'confirmed', o.value, o.qualifier, du.region_id, dr.r1, dr.r2, dr.r3, "
        f"{recipient_region}, rr.r1, rr.r2, rr.r3, {', '.join(truncated)}, o.part_of_id, o.span_id IS NOT NULL "
        f"FROM {obs} o JOIN reports_tmp_path pp ON pp.id = o.pairing_id "
        f"LEFT JOIN {unit} du ON du.id = COALESCE(o.donor_id, pp.donor_id) "
        f"LEFT JOIN reports_tmp_region dr ON dr.id = du.region_id "
        f"LEFT JOIN reports_tmp_recipient rc ON rc.obs = o.id LEFT JOIN reports_tmp_common cm ON cm.obs = o.id "
        f"LEFT JOIN {unit} ru ON ru.id = pp.recipient_id "
        f"LEFT JOIN reports_tmp_region rr ON rr.id = ({recipient_region}) "
        f"WHERE o.status <> 'withdrawn'")
    insert_ancestors = (
        f"INSERT INTO {FactAncestor._meta.db_table} (part_id, total_id, distance) "
        f"WITH RECURSIVE up(part, total, distance) AS (SELECT id, part_of_id, 1 FROM {obs} WHERE part_of_id IS NOT NULL "
        f"UNION ALL SELECT up.part, o.part_of_id, up.distance + 1 FROM up JOIN {obs} o ON o.id = up.total "
        f"WHERE o.part_of_id IS NOT NULL AND up.distance < 50) SELECT part, total, distance FROM up")
    with connection.cursor() as c:
        for table in _TEMP:
            c.execute(f"DROP TABLE IF EXISTS {table}")
        for sql in statements:
            c.execute(sql)
        if connection.vendor == "postgresql":
            for table in _TEMP:
                c.execute(f"ANALYZE {table}")
        c.execute(insert_facts)
        n = c.rowcount
        c.execute(insert_ancestors)
        for table in _TEMP:
            c.execute(f"DROP TABLE {table}")
    return n


def rollup_rows(basis, depth, dim=""):
    """Totals per scope (the pairing at `depth`, or the nation for -1), year, indicator [, dim value], asked
    through `aggregation.totals()`: the rule as the reports ask it, which `rollup_sql` must reproduce."""
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


def _prefix_sql(depth=MAX_PAIRING_DEPTH - 1) -> str:
    """How deep the pairing paths of fact f and its total t agree (-1: not even the root)."""
    sql = str(depth)
    for d in range(depth, -1, -1):
        sql = f"CASE WHEN t.p{d} = f.p{d} THEN {sql} ELSE {d - 1} END"
    return sql


SHADOW = "reports_shadow"


def _shadow_sql() -> str:
    """For each part: the deepest rollup level at which one of its totals is in the same group (so the part
    is not added there, nor at any level above: paths share their prefix). Per basis, and per breakdown
    (nation -1 or top pairing 0). Parts only: a figure with no total is added everywhere."""
    prefix = _prefix_sql()
    level = f"CASE WHEN t.gov_depth < {prefix} THEN t.gov_depth ELSE {prefix} END"
    top = "CASE WHEN t.p0 = f.p0 AND t.gov_depth >= 0 THEN 0 ELSE -1 END"
    dims = ", ".join(f"MAX(CASE WHEN t.confirmed AND f.{d} <> '' AND t.{d} = f.{d} THEN {top} END) AS ex_{d}"
                     for d in BREAKDOWN_DIMS)
    return (f"SELECT a.part_id AS id, MAX(CASE WHEN t.confirmed THEN {level} END) AS ex_confirmed, "
            f"MAX({level}) AS ex_reported, {dims} "
            f"FROM {FactAncestor._meta.db_table} a JOIN {Fact._meta.db_table} f ON f.id = a.part_id "
            f"JOIN {Fact._meta.db_table} t ON t.id = a.total_id "
            f"WHERE t.year = f.year AND t.indicator_id = f.indicator_id GROUP BY a.part_id")


def rollup_sql(basis: str, depth: int, dim: str = "", indicator_id: int | None = None) -> str:
    """One rollup pass as INSERT … SELECT … GROUP BY over the facts and the parts' shadow table."""
    scope = f"f.p{depth}" if depth >= 0 else "NULL"
    where = [] if basis == "reported" else ["f.confirmed"]
    if depth >= 0:
        where.append(f"f.gov_depth >= {depth}")
    if dim:
        where += [f"f.indicator_id = {int(indicator_id)}", f"f.{dim} <> ''"]
    shadow = f"s.ex_{dim or basis}"
    where.append(f"({shadow} IS NULL OR {shadow} < {depth})")
    group = ["f.year", "f.indicator_id"] + ([scope] if depth >= 0 else []) + ([f"f.{dim}"] if dim else [])
    counts = ", ".join(f"SUM(CASE WHEN {c} THEN 1 ELSE 0 END)" for c in (
        "f.qualifier = 'at_least'", "f.qualifier = 'approx'", "f.qualifier = 'at_most'", "NOT f.confirmed"))
    dim_value = f"f.{dim}" if dim else "''"
    return (f"INSERT INTO {Rollup._meta.db_table} ({', '.join(ROLLUP_COLUMNS)}) "
            f"SELECT '{basis}', {scope}, {depth}, f.year, f.indicator_id, '{dim}', {dim_value}, "
            f"SUM(f.value), COUNT(*), {counts} "
            f"FROM {Fact._meta.db_table} f LEFT JOIN {SHADOW} s ON s.id = f.id "
            f"WHERE {' AND '.join(where)} GROUP BY {', '.join(group)}")


def rollups_in_sql() -> int:
    """Every rollup pass as one INSERT … SELECT each, in the database; returns the number of passes."""
    deepest = Fact.objects.aggregate(m=Max("gov_depth"))["m"]
    deepest = -1 if deepest is None else min(deepest, MAX_PAIRING_DEPTH - 1)
    breakdown = dict(Indicator.objects.filter(code__in=set(BREAKDOWN_DIMS.values())).values_list("code", "pk"))
    # Every total by year and indicator for the nation and each government pairing, in both bases;
    # breakdowns by dimension for the nation and the top pairings (what the national overview shows).
    passes = [(b, d, "") for b in ("confirmed", "reported") for d in range(-1, deepest + 1)]
    passes += [("confirmed", d, dim) for d in range(-1, min(deepest, 0) + 1) for dim in BREAKDOWN_DIMS
               if BREAKDOWN_DIMS[dim] in breakdown]
    with connection.cursor() as c:
        c.execute(f"DROP TABLE IF EXISTS {SHADOW}")
        c.execute(f"CREATE TEMPORARY TABLE {SHADOW} AS {_shadow_sql()}")
        c.execute(f"CREATE INDEX {SHADOW}_id ON {SHADOW} (id)")
        if connection.vendor == "postgresql":
            c.execute(f"ANALYZE {SHADOW}")
        for basis, depth, dim in passes:
            c.execute(rollup_sql(basis, depth, dim, breakdown.get(BREAKDOWN_DIMS.get(dim))))
        c.execute(f"DROP TABLE {SHADOW}")
    return len(passes)


def own_totals():
    """OwnTotal from the facts, in the database: one grouped INSERT … SELECT."""
    table, fact = OwnTotal._meta.db_table, Fact._meta.db_table
    with connection.cursor() as c, without_indexes(table):
        c.execute(f"INSERT INTO {table} (pairing_id, indicator_id, year, value, n) "
                  f"SELECT pairing_id, indicator_id, year, SUM(value), COUNT(*) FROM {fact} "
                  f"WHERE confirmed AND part_of IS NULL GROUP BY pairing_id, indicator_id, year")


ROLLUP_COLUMNS = ["basis", "scope", "scope_depth", "year", "indicator_id", "dim", "dim_value", "value", "n",
                  "n_at_least", "n_approx", "n_at_most", "n_unconfirmed"]


def _plans_rebuilt(facts: int) -> None:
    from django.apps import apps

    if apps.is_installed("counterpart.plans"):
        from counterpart.plans import progress, scores

        scores.reports_rebuilt()
        progress.reports_rebuilt(facts)


def refresh(progress=False) -> RefreshState:
    """Rebuild the read model in one transaction; readers see the old one until it commits. (`progress` is
    kept for the commands' signature: the statements run in the database and report nothing meanwhile.)"""
    started = time.perf_counter()
    timings = {}
    with transaction.atomic():
        live.lock()  # no write action changes the read model meanwhile
        if connection.vendor == "sqlite":
            with connection.cursor() as c:
                # A large page cache: joins, GROUP BYs and index builds over millions of rows re-read the same
                # pages otherwise (default: 2 MB; measured 59 GB read at national scale). This connection only.
                c.execute("PRAGMA cache_size = -1000000")
        delete_all(FactAncestor, Rollup, OwnTotal, Fact)
        with without_indexes(Fact._meta.db_table, FactAncestor._meta.db_table):
            facts = facts_in_sql()
        with connection.cursor() as c:  # fresh statistics, or the planner guesses badly on the rollup queries
            if connection.vendor == "sqlite":
                c.execute("ANALYZE")
            else:
                c.execute("ANALYZE reports_fact")
                c.execute("ANALYZE reports_factancestor")
        timings["facts"] = time.perf_counter() - started
        with without_indexes(Rollup._meta.db_table):
            rollups_in_sql()
        timings["rollups"] = time.perf_counter() - started - timings["facts"]
        own_totals()
        if connection.vendor == "postgresql":
            with connection.cursor() as c:
                c.execute("ANALYZE reports_rollup")
                c.execute("ANALYZE reports_owntotal")
        RefreshState.objects.all().delete()
        result = RefreshState.objects.create(refreshed_at=timezone.now(), signature="full rebuild", facts=facts,
                                             seconds=time.perf_counter() - started)
        from counterpart.web.cache import bump_version

        bump_version()  # pages show the new totals
        _plans_rebuilt(facts)
    result.timings = timings
    return result
