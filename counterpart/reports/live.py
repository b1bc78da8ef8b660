"""Keeping the reports' read model current from the write actions (reads never write).

`observations_changed(ids)` is called by every write action, inside its transaction, after it created,
changed (value, status, year, pairing, parties, part_of) or deleted the observations with these ids
(deleted ids included). Before it returns, the read model matches the observations as they now are,
exactly as `counterpart report refresh` would build it:

- Fact and FactAncestor rows of these observations and of every part below them (whose counting may
  depend on them) are rebuilt from the observations;
- each rollup key those facts fall under (nation and every government pairing on the path, both bases,
  the national overview's breakdowns) moves by the difference between what the facts counted before
  and what they count now, under the counting rule of counterpart/reports/aggregation.py, computed for
  these facts only against their own totals ("counted once" is local: a figure is left out of a group
  when one of its totals is in it);
- OwnTotal moves the same way;
- the plans' kept scores of the plans these figures reach are scored again, and their daily progress
  is dropped for the affected pairings, indicators and years (then read from the observations).

The cost grows with the number of changed figures and their parts, never with the size of the database.
On PostgreSQL the read model is changed under one transaction-scoped advisory lock: every change of a
figure adds to the nation's rows, so writers wait for each other there anyway, and taking the lock first
means two writers never insert the same new rollup row or lock rows in opposite orders.
"""
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db import connection

from counterpart.indicators.models import Indicator, Observation
from counterpart.reports.models import MAX_PAIRING_DEPTH, Fact, FactAncestor, OwnTotal, Rollup

LOCK_KEY = 0x43505254  # "CPRT": pg_advisory_xact_lock key shared with summary.refresh()
STATS = ("value", "n", "n_at_least", "n_approx", "n_at_most", "n_unconfirmed")


def lock() -> None:
    """Serialise changes of the read model (PostgreSQL; SQLite has one writer at a time already)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def observations_changed(observation_ids: Iterable[int]) -> None:
    ids = {int(i) for i in observation_ids if i is not None}
    if not ids:
        return
    if not connection.in_atomic_block:
        raise RuntimeError("observations_changed() belongs inside the write action's transaction")
    lock()
    affected = ids | _parts_below(ids)
    old = _facts(affected)
    old_totals = _facts(_ancestor_ids(old))
    old_links = _links(affected)
    before_rollups, before_own = contributions(old, old_links, {**old_totals, **old})

    _delete(affected)
    new = _build(affected)
    new_links = _links(affected)
    new_totals = _facts({t for ts in new_links.values() for t in ts} - set(new))
    after_rollups, after_own = contributions(new, new_links, {**new_totals, **new})

    _apply(Rollup, _difference(after_rollups, before_rollups))
    _apply(OwnTotal, _difference(after_own, before_own))
    _plans_changed([*old.values(), *new.values()])


def _parts_below(ids: set[int]) -> set[int]:
    """Observations whose part_of chain passes through these, now (observations) or before (facts)."""
    below = set(FactAncestor.objects.filter(total_id__in=ids).values_list("part_id", flat=True).order_by())
    frontier = set(ids)
    while frontier:
        frontier = set(Observation.objects.filter(part_of_id__in=frontier).values_list("pk", flat=True)
                       .order_by()) - below - ids
        below |= frontier
    return below


def _facts(ids) -> dict[int, dict]:
    return {f["id"]: f for f in Fact.objects.filter(pk__in=list(ids)).values()} if ids else {}


def _links(part_ids) -> dict[int, set[int]]:
    links = defaultdict(set)
    for part, total in FactAncestor.objects.filter(part_id__in=list(part_ids)).values_list("part_id", "total_id"):
        links[part].add(total)
    return links


def _ancestor_ids(facts) -> set[int]:
    return set(FactAncestor.objects.filter(part_id__in=list(facts)).values_list("total_id", flat=True)
               .order_by()) - set(facts)


def _delete(ids) -> None:
    ids = sorted(ids)
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:  # in SQL: the ORM would fetch the rows first to send signals
        cursor.execute(f"DELETE FROM {FactAncestor._meta.db_table} WHERE part_id IN ({marks})", ids)
        cursor.execute(f"DELETE FROM {Fact._meta.db_table} WHERE id IN ({marks})", ids)


def _build(ids) -> dict[int, dict]:
    """Fact and FactAncestor rows for these observations, written; the new facts returned."""
    from counterpart.reports.bulk import insert_rows
    from counterpart.reports.summary import FACT_COLUMNS, FactMaker, LocalPaths, fact_sql

    ids = sorted(ids)
    marks = ", ".join(["%s"] * len(ids))
    recipients = defaultdict(list)
    through = Observation.recipients.through
    for obs, unit in through.objects.filter(observation_id__in=ids).values_list("observation_id", "unit_id"):
        recipients[obs].append(unit)
    maker = FactMaker(LocalPaths(), recipients)
    with connection.cursor() as cursor:
        cursor.execute(fact_sql(f"o.status <> 'withdrawn' AND o.id IN ({marks})"), ids)
        rows = [maker.row(raw) for raw in cursor.fetchall()]
        # Every part's chain of totals, withdrawn or not, as the full refresh keeps them.
        part_of = {}
        frontier = set(ids)
        while frontier:
            cursor.execute(f"SELECT id, part_of_id FROM {Observation._meta.db_table} WHERE id IN "
                           f"({', '.join(['%s'] * len(frontier))})", list(frontier))
            found = dict(cursor.fetchall())
            part_of.update(found)
            frontier = {t for t in found.values() if t is not None and t not in part_of}
    links = []
    for part in ids:
        node, distance = part_of.get(part), 1
        while node is not None and distance <= 50:
            links.append((part, node, distance))
            node, distance = part_of.get(node), distance + 1
    insert_rows(Fact._meta.db_table, FACT_COLUMNS, rows)
    insert_rows(FactAncestor._meta.db_table, ["part_id", "total_id", "distance"], links)
    return {row[0]: {**dict(zip(FACT_COLUMNS, row)), "value": Decimal(str(row[FACT_COLUMNS.index("value")]))}
            for row in rows}


def _breakdown_indicators() -> dict[str, int | None]:
    from counterpart.reports.summary import BREAKDOWN_DIMS

    ids = dict(Indicator.objects.filter(code__in=set(BREAKDOWN_DIMS.values())).values_list("code", "pk"))
    return {dim: ids.get(code) for dim, code in BREAKDOWN_DIMS.items()}


def rollup_keys(fact: dict, breakdown: dict[str, int | None]):
    """(key, test) for each rollup group the fact falls under; `test(total)` says whether a total of the
    fact is in the same group (and so the fact is not added there). Keys as Rollup's columns: basis, scope,
    scope_depth, year, indicator_id, dim, dim_value. Mirrors summary.rollup_rows()."""
    year, ind = fact["year"], fact["indicator_id"]

    def same(t):
        return t["year"] == year and t["indicator_id"] == ind

    for basis in ("confirmed", "reported"):
        if basis == "confirmed" and not fact["confirmed"]:
            continue

        def ok(t, basis=basis):
            return same(t) and (basis == "reported" or t["confirmed"])

        yield (basis, None, -1, year, ind, "", ""), ok
        for d in range(min(fact["gov_depth"], MAX_PAIRING_DEPTH - 1) + 1):
            scope = fact[f"p{d}"]
            if scope is None:
                continue
            yield ((basis, scope, d, year, ind, "", ""),
                   lambda t, ok=ok, d=d, scope=scope: ok(t) and t[f"p{d}"] == scope and t["gov_depth"] >= d)
    if not fact["confirmed"]:
        return
    for dim, indicator_id in breakdown.items():
        value = fact[dim]
        if indicator_id != ind or not value:
            continue

        def in_dim(t, dim=dim, value=value):
            return same(t) and t["confirmed"] and t[dim] == value

        yield ("confirmed", None, -1, year, ind, dim, value), in_dim
        if fact["gov_depth"] >= 0 and fact["p0"] is not None:
            yield (("confirmed", fact["p0"], 0, year, ind, dim, value),
                   lambda t, in_dim=in_dim: in_dim(t) and t["p0"] == fact["p0"] and t["gov_depth"] >= 0)


def contributions(facts: dict[int, dict], links: dict[int, set[int]], known: dict[int, dict]):
    """What these facts add to the rollups and own totals, each counted once: {key: [stats]}."""
    breakdown = _breakdown_indicators() if facts else {}
    rollups, own = defaultdict(lambda: [Decimal(0), 0, 0, 0, 0, 0]), defaultdict(lambda: [Decimal(0), 0])
    for fact in facts.values():
        totals = [known[t] for t in links.get(fact["id"], ()) if t in known]
        stats = (fact["value"], 1, fact["qualifier"] == "at_least", fact["qualifier"] == "approx",
                 fact["qualifier"] == "at_most", not fact["confirmed"])
        for key, test in rollup_keys(fact, breakdown):
            if any(test(t) for t in totals):
                continue
            acc = rollups[key]
            for i, v in enumerate(stats):
                acc[i] += v
        if fact["confirmed"] and fact["part_of"] is None:
            acc = own[(fact["pairing_id"], fact["indicator_id"], fact["year"])]
            acc[0] += fact["value"]
            acc[1] += 1
    return rollups, own


def _difference(after, before) -> list[tuple]:
    out = []
    for key in sorted(set(after) | set(before), key=repr):  # one order for every writer
        a, b = after.get(key), before.get(key)
        zero = [0] * len(a or b)
        delta = [x - y for x, y in zip(a or zero, b or zero)]
        if any(delta):
            out.append((key, delta))
    return out


def _apply(model, deltas) -> None:
    """Add the differences to the rows (inserted when new, deleted when they no longer count anything)."""
    if model is Rollup:
        key_cols = ["basis", "scope", "scope_depth", "year", "indicator_id", "dim", "dim_value"]
        stat_cols = list(STATS)
    else:
        key_cols, stat_cols = ["pairing_id", "indicator_id", "year"], ["value", "n"]
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        for key, delta in deltas:
            where = " AND ".join(f"{c} IS NULL" if v is None else f"{c} = %s" for c, v in zip(key_cols, key))
            params = [v for v in key if v is not None]
            sets = ", ".join(f"{c} = {c} + %s" for c in stat_cols)
            cursor.execute(f"UPDATE {table} SET {sets} WHERE {where}", [*map(_param, delta), *params])
            if cursor.rowcount == 0:
                cursor.execute(f"INSERT INTO {table} ({', '.join(key_cols + stat_cols)}) VALUES "
                               f"({', '.join(['%s'] * (len(key_cols) + len(stat_cols)))})",
                               [*key, *map(_param, delta)])
            elif delta[1] < 0:
                cursor.execute(f"DELETE FROM {table} WHERE {where} AND n <= 0", params)


def _param(v):
    return int(v) if isinstance(v, bool) else v


def _plans_changed(facts) -> None:
    """The plans' derived figures that these facts reach: every pairing on their paths, in their years."""
    if not facts:
        return
    from django.apps import apps

    if not apps.is_installed("counterpart.plans"):
        return
    from counterpart.plans import progress, scores

    reached = defaultdict(set)  # year -> pairings
    indicators = defaultdict(set)  # year -> indicators
    for f in facts:
        reached[f["year"]] |= {f["pairing_id"], *(f[f"p{d}"] for d in range(MAX_PAIRING_DEPTH))} - {None}
        indicators[f["year"]].add(f["indicator_id"])
    for year, pairings in reached.items():
        progress.forget(year, pairings, indicators[year])
        scores.figures_changed(year, pairings)
