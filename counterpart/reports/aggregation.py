"""Every total a report shows comes from here: sums over observations that count each figure once.

The counting rule: within the set of figures a question selects, a figure whose total (through
part_of, at any distance) is also in the set is a breakdown and is not added. Rollups through the
pairing tree and the region tree are the same rule over a wider set, so a pairing's figure is its own
and its sub-pairings' figures, each once, and the nation's is every pairing's, each once.

Two ways in, one rule: `totals()` asks the fact table anything (any filter, any grouping);
`rollup()` reads the precomputed totals `summary.refresh()` wrote with `totals()` for the questions
reports ask every time (nation and government pairings by year, indicator and main dimensions).
"""
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Sum, When
from django.utils.translation import gettext as _

from counterpart.reports.models import MAX_PAIRING_DEPTH, Fact, FactAncestor, Rollup

BASES = ("confirmed", "reported")  # official totals / everything not withdrawn
GROUPS = {"indicator": "indicator_id", "year": "year", "pairing": "pairing_id", "purpose": "purpose",
          "source_level": "source_level", "kind": "kind", "form": "form",
          **{f"p{i}": f"p{i}" for i in range(MAX_PAIRING_DEPTH)},
          **{f"{side}_r{lvl}": f"{side}_r{lvl}" for side in ("donor", "recipient") for lvl in (1, 2, 3)}}
DIM_FIELDS = ("purpose", "source_level", "kind", "form")


@dataclass(frozen=True)
class Figure:
    """A sum with what it is made of: how many figures, how many of each kind of inexact figure."""

    value: Decimal
    n: int = 1
    n_at_least: int = 0
    n_approx: int = 0
    n_at_most: int = 0
    unconfirmed: int = 0

    @property
    def qualifier(self) -> str:
        return combine_qualifiers(self.n_at_least, self.n_approx, self.n_at_most)

    def __add__(self, other: "Figure") -> "Figure":
        return Figure(self.value + other.value, self.n + other.n, self.n_at_least + other.n_at_least,
                      self.n_approx + other.n_approx, self.n_at_most + other.n_at_most,
                      self.unconfirmed + other.unconfirmed)


ZERO = Figure(Decimal(0), 0)


def combine_qualifiers(n_at_least=0, n_approx=0, n_at_most=0) -> str:
    """'at least 400' + 100 is 'at least 500'; an estimate or bounds pulling both ways make 'about'."""
    if n_approx or (n_at_least and n_at_most):
        return "approx"
    if n_at_least:
        return "at_least"
    if n_at_most:
        return "at_most"
    return "exact"


def change(current: Figure | None, previous: Figure | None) -> Decimal | None:
    """Year-on-year change in per cent (one decimal), or None when there is nothing to compare."""
    if current is None or previous is None or not previous.value:
        return None
    return ((current.value - previous.value) * 100 / previous.value).quantize(Decimal("0.1"))


def _pairing_depth(pk: int) -> int:
    # Not cached: ids are reused after a rollback on SQLite. One recursive query, not one per level:
    # reports ask for depths several times and each round trip costs more than the walk.
    from django.db import connection

    from counterpart.pairings.models import Pairing

    table = connection.ops.quote_name(Pairing._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"WITH RECURSIVE up(id, parent_id, n) AS (SELECT id, parent_id, 0 FROM {table} WHERE id = %s "
                       f"UNION ALL SELECT p.id, p.parent_id, up.n + 1 FROM {table} p JOIN up ON p.id = up.parent_id "
                       f"WHERE up.n < 50) SELECT MAX(n) FROM up", [pk])
        depth = cursor.fetchone()[0]
    return depth or 0


def pairing_depth(pairing) -> int:
    return _pairing_depth(getattr(pairing, "pk", pairing))


def _region_filter(side: str, region) -> dict:
    from counterpart.geo.models import Region

    if not isinstance(region, Region):
        region = Region.objects.get(pk=region)
    if region.level <= 3:
        return {f"{side}_r{region.level}": region.pk}
    ids, frontier = [region.pk], [region.pk]
    while frontier:  # townships and villages: a small subtree
        frontier = list(Region.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids += frontier
    return {f"{side}_region__in": ids}


def selection(*, indicators=None, years=None, pairing=None, donor_region=None, recipient_region=None,
              dims=None) -> dict:
    """Field lookups on Fact for a question; the same lookups select the totals a figure may fall under."""
    from counterpart.indicators.models import Indicator

    where = {}
    if indicators is not None:
        codes = [indicators] if isinstance(indicators, str) else list(indicators)
        ids = dict(Indicator.objects.filter(code__in=codes).values_list("code", "pk"))
        unknown = [c for c in codes if c not in ids]
        if unknown:
            raise ValidationError({"indicator": _("“%(code)s” is not an indicator of the catalogue.")
                                   % {"code": unknown[0]}})
        where["indicator_id__in"] = list(ids.values())
    if years is not None:
        where["year__in"] = [years] if isinstance(years, int) else list(years)
    if pairing is not None:
        depth = pairing_depth(pairing)
        if depth >= MAX_PAIRING_DEPTH:
            where["pairing_id"] = getattr(pairing, "pk", pairing)
        else:
            where[f"p{depth}"] = getattr(pairing, "pk", pairing)
    if donor_region is not None:
        where.update(_region_filter("donor", donor_region))
    if recipient_region is not None:
        where.update(_region_filter("recipient", recipient_region))
    for name, value in (dims or {}).items():
        if name not in DIM_FIELDS:
            raise ValidationError({"dims": _("Reports can select by %(ok)s, not “%(d)s”.")
                                   % {"ok": ", ".join(DIM_FIELDS), "d": name}})
        where[name] = value
    return where


def totals(*, by=(), basis="confirmed", where=None, raw=False, **question) -> dict[tuple, Figure]:
    """Sums for a question, grouped `by` (names of GROUPS); each figure counted once per group.

    A figure is left out when one of its totals is in the same group of the same selection: that is
    the counting rule, applied by the database (NOT EXISTS over the part_of ancestry).
    """
    if basis not in BASES:
        raise ValidationError({"basis": _("The basis is confirmed or reported, not “%(b)s”.") % {"b": basis}})
    fields = [f if raw else GROUPS[f] for f in by]
    lookups = {**selection(**question), **(where or {})}
    if basis == "confirmed":
        lookups["confirmed"] = True
    inner = FactAncestor.objects.filter(part_id=OuterRef("pk"), **{f"total__{k}": v for k, v in lookups.items()},
                                        **{f"total__{f}": OuterRef(f) for f in fields})
    sums = {"total": Sum("value"), "n": Count("pk"), "at_least": _count_if(qualifier="at_least"),
            "approx": _count_if(qualifier="approx"), "at_most": _count_if(qualifier="at_most"),
            "unconfirmed": _count_if(confirmed=False)}
    counted = Fact.objects.filter(**lookups).filter(~Exists(inner)).order_by()
    if fields:
        rows = counted.values(*fields).annotate(**sums)
    else:  # values() without fields would group by every column
        row = counted.aggregate(**sums)
        rows = [row] if row["n"] else []
    out = {}
    for row in rows:
        key = tuple(row[f] for f in fields)
        out[key] = Figure(Decimal(row["total"]), row["n"], row["at_least"], row["approx"], row["at_most"],
                          row["unconfirmed"])
    return out


def _count_if(**condition):
    return Sum(Case(When(Q(**condition), then=1), default=0, output_field=IntegerField()))


def total(**question) -> Figure:
    """One sum (no grouping); ZERO when nothing matches."""
    return totals(**question).get((), ZERO)


def rollup(*, scope=None, years=None, basis="confirmed", dim="", indicators=None) -> dict[tuple, Figure]:
    """Precomputed totals: {(year, indicator_code, dim_value): Figure} for the nation (scope None) or
    one government pairing's tree."""
    from counterpart.indicators.models import Indicator

    codes = dict(Indicator.objects.values_list("pk", "code"))
    qs = Rollup.objects.filter(basis=basis, dim=dim)
    qs = qs.filter(scope__isnull=True) if scope is None else qs.filter(scope=getattr(scope, "pk", scope))
    if years is not None:
        qs = qs.filter(year__in=[years] if isinstance(years, int) else list(years))
    if indicators is not None:
        wanted = {pk for pk, c in codes.items() if c in set(indicators)}
        qs = qs.filter(indicator_id__in=wanted)
    return {(r.year, codes[r.indicator_id], r.dim_value):
            Figure(r.value, r.n, r.n_at_least, r.n_approx, r.n_at_most, r.n_unconfirmed) for r in qs}


def scope_rollups(scopes, *, year: int, basis="confirmed", indicators=None) -> dict[int, dict[str, Figure]]:
    """{scope: {indicator code: Figure}} for several government pairings' trees in one year, precomputed:
    one indexed read where the live question would sum a province's whole tree."""
    from counterpart.indicators.models import Indicator

    codes = dict(Indicator.objects.values_list("pk", "code"))
    qs = Rollup.objects.filter(basis=basis, dim="", year=year, scope__in=list(scopes))
    if indicators is not None:
        qs = qs.filter(indicator_id__in=[pk for pk, c in codes.items() if c in set(indicators)])
    out = {}
    for r in qs:
        out.setdefault(r.scope, {})[codes[r.indicator_id]] = Figure(r.value, r.n, r.n_at_least, r.n_approx,
                                                                    r.n_at_most, r.n_unconfirmed)
    return out


def rollup_years(scope) -> list[int]:
    """Years in which a government pairing's tree has any figure not withdrawn (the 'reported' basis)."""
    return sorted(Rollup.objects.filter(basis="reported", dim="", scope=getattr(scope, "pk", scope)).order_by()
                  .values_list("year", flat=True).distinct())


def top_pairings(year: int, indicator: str, depth: int = 0, limit: int = 10, basis="confirmed"):
    """[(pairing id, Figure)] for the pairings at `depth` that did most, from the rollups."""
    from counterpart.indicators.models import Indicator

    ind = Indicator.objects.get(code=indicator)
    rows = (Rollup.objects.filter(basis=basis, dim="", year=year, scope_depth=depth, indicator_id=ind.pk)
            .order_by("-value", "scope")[:limit])
    return [(r.scope, Figure(r.value, r.n, r.n_at_least, r.n_approx, r.n_at_most, r.n_unconfirmed)) for r in rows]


def region_totals(*, side: str, level: int = 1, basis="confirmed", **question) -> dict[int, Figure]:
    """Totals by the giving (`donor`) or receiving (`recipient`) side's region at a level (1 province,
    2 prefecture, 3 county): {region id: Figure}, each figure counted once per region."""
    if side not in ("donor", "recipient") or level not in (1, 2, 3):
        raise ValidationError({"side": _("Totals by region take a side (donor or recipient) and a level 1–3.")})
    rows = totals(by=(f"{side}_r{level}",), raw=True, basis=basis, **question)
    return {key[0]: fig for key, fig in rows.items() if key[0] is not None}
