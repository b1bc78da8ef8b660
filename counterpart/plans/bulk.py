"""The national assessment in bulk: every plan's score from grouped queries, then ranks from the scores.

With a hundred thousand enterprise–village plans, scoring item by item in Python costs seconds; here the
database sums each item's actual, finds its target in force and weighs the capped completion rates per
plan, under the same rules as counterpart/plans/assessment.py:

- a leaf pairing's actual is the sum of its own confirmed figures that are nobody's part, read by the
  query (at national scale at year end, from the reports' per-pairing sums, reports.OwnTotal); its parts
  (rare), and every actual of a pairing with sub-pairings, come from counterpart/plans/actuals.py (the
  rollups or daily progress at national scale) and join the query as a list of values;
- target in force: the latest adjustment approved by the date, else the plan;
- an indicator planned for the pairing itself is scored on its own item, else on its sub-pairings' summed
  actuals over their summed targets; each counts at most 100 %; the score is renormalised over the
  weighted indicators the pairing planned, rounded to 0.01.

Items are filled in per scorecard when shown or exported (`Assessment.load`).
"""
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection, transaction

from counterpart.indicators.models import Indicator, Observation, Status
from counterpart.pairings.models import Pairing
from counterpart.plans import actuals as actuals_mod
from counterpart.plans.models import PlanItem

ZERO, HUNDRED, CENT = Decimal(0), Decimal(100), Decimal("0.01")

# `it`: each item of the year, its weight, target in force and actual, and whether it is planned for the
# plan's own pairing; materialized, and filtered after, because a filter on two columns of two tables inside
# the joins makes PostgreSQL expect one row and loop. Then per plan, the weighted capped rates earned and the
# weights counted: from its own items (one per indicator, plans_item_once, each scored on its own), and from
# its sub-pairings' items for an indicator with no own item (few; scored on their summed actuals over their
# summed targets). A plan may have rows of both kinds.
SCORE_SQL = """
WITH extra(item_id, value, whole) AS (VALUES {extra}),
ex AS (SELECT item_id, SUM(value) AS value, MAX(whole) AS whole FROM extra GROUP BY item_id),
adj AS (
    SELECT item_id, value FROM (
        SELECT a.item_id, a.value, ROW_NUMBER() OVER (PARTITION BY a.item_id
                                                      ORDER BY a.approved_on DESC, a.id DESC) AS n
          FROM plans_adjustment a JOIN plans_planitem pi ON pi.id = a.item_id
          JOIN plans_annualplan ap ON ap.id = pi.plan_id
         WHERE ap.year = %(year)s {adj_cut}) latest
     WHERE n = 1),
{own_cte}
it AS MATERIALIZED (  -- weights as a CASE, not a join: planners misjudge a join with a short VALUES list
    SELECT pi.plan_id, pi.indicator_id, CASE pi.indicator_id {weights} ELSE 0 END AS w,
           CASE WHEN pi.pairing_id = ap.pairing_id THEN 1 ELSE 0 END AS own,
           COALESCE(adj.value, pi.value) AS target,
           CASE WHEN ex.whole = 1 THEN 0 ELSE COALESCE(f.value, 0) END + COALESCE(ex.value, 0) AS actual
      FROM plans_planitem pi JOIN plans_annualplan ap ON ap.id = pi.plan_id
      LEFT JOIN adj ON adj.item_id = pi.id
      {own_join}
      LEFT JOIN ex ON ex.item_id = pi.id
     WHERE ap.year = %(year)s AND pi.indicator_id IN ({weighted})),  -- an unweighted indicator never scores
own_part AS (
    SELECT plan_id, SUM(w * CASE WHEN actual >= target THEN 1 ELSE 1.0 * actual / target END) AS earned,
           SUM(w) AS weight
      FROM it WHERE own = 1 AND target > 0 AND w > 0 GROUP BY plan_id),
sub_groups AS (
    SELECT plan_id, MAX(w) AS w, SUM(target) AS target, SUM(actual) AS actual FROM it s
     WHERE own = 0 AND NOT EXISTS (SELECT 1 FROM it o WHERE o.own = 1 AND o.plan_id = s.plan_id
                                                        AND o.indicator_id = s.indicator_id)
     GROUP BY plan_id, indicator_id),
sub_part AS (
    SELECT plan_id, SUM(w * CASE WHEN actual >= target THEN 1 ELSE 1.0 * actual / target END) AS earned,
           SUM(w) AS weight
      FROM sub_groups WHERE target > 0 AND w > 0 GROUP BY plan_id),
parts AS (SELECT plan_id, earned, weight FROM own_part UNION ALL SELECT plan_id, earned, weight FROM sub_part),
per_plan AS (SELECT plan_id, SUM(earned) AS earned, SUM(weight) AS weight FROM parts GROUP BY plan_id)
SELECT ap.id, ap.pairing_id, p.level, ROUND(100.0 * pp.earned / pp.weight, 2)
  FROM plans_annualplan ap JOIN pairings_pairing p ON p.id = ap.pairing_id
  LEFT JOIN per_plan pp ON pp.plan_id = ap.id AND pp.weight > 0
 WHERE ap.year = %(year)s
"""
# A leaf pairing's own figures (f.value): summed from the observations per item (small databases, and
# replays as of a date) ...
OWN_FROM_OBSERVATIONS = ("""own_figures AS (  -- "part_of_id IS NULL" would lure SQLite onto the part_of index
    SELECT pi.id AS item_id, SUM(o.value) AS value
      FROM plans_planitem pi JOIN plans_annualplan ap ON ap.id = pi.plan_id
      JOIN indicators_observation o ON o.indicator_id = pi.indicator_id AND o.year = ap.year
                                   AND o.pairing_id = pi.pairing_id
     WHERE ap.year = %(year)s AND o.status = %(status)s AND COALESCE(o.part_of_id, 0) = 0 {obs_cut}
     GROUP BY pi.id),""", "LEFT JOIN own_figures f ON f.item_id = pi.id")
# ... or, at national scale at year end, the sums the reports' refresh keeps (reports.OwnTotal): one row
# per item instead of probing millions of observations.
OWN_FROM_TOTALS = ("", ("LEFT JOIN reports_owntotal f ON f.year = ap.year AND f.indicator_id = pi.indicator_id "
                        "AND f.pairing_id = pi.pairing_id AND f.indicator_id IN ({weighted})"))


def _num(value) -> str:
    """A Decimal as an SQL literal (values come from the database or the weights, never from a request)."""
    return format(Decimal(value), "f")


def _extra_actuals(year, as_of_cut) -> list[tuple[int, Decimal, int]]:
    """(item id, value, whole): the whole actual of items whose pairing has sub-pairings, and the counted
    parts of leaf pairings' items (added to the query's sum of their figures that are nobody's part)."""
    with_children = set(Pairing.objects.filter(parent__isnull=False).values_list("parent_id", flat=True)
                        .distinct().order_by())
    year_items = PlanItem.objects.filter(plan__year=year).order_by()
    inner = list(year_items.filter(pairing_id__in=with_children).values_list("pk", "pairing_id", "indicator_id"))
    got = actuals_mod.subtree_actuals(year, {(pid, ind) for _pk, pid, ind in inner}, as_of_cut) if inner else {}
    out = [(pk, got[(pid, ind)], 1) for pk, pid, ind in inner]
    # Leaf pairings' parts (rare): a part counts unless a counted total of it lies in the same pairing.
    qs = Observation.objects.filter(year=year, status=Status.CONFIRMED, part_of__isnull=False).order_by()
    if as_of_cut is not None:
        qs = qs.filter(created_at__lte=as_of_cut)
    parts = [r for r in qs.values_list("pk", "pairing_id", "indicator_id", "value", "part_of_id")
             if r[1] not in with_children]
    if not parts:
        return out
    leaf_items = defaultdict(list)
    for pk, pid, ind in year_items.filter(pairing_id__in={r[1] for r in parts}).values_list(
            "pk", "pairing_id", "indicator_id"):
        leaf_items[(pid, ind)].append(pk)
    parts = [r for r in parts if (r[1], r[2]) in leaf_items]
    if parts:
        for _pk, pid, ind, value, totals in actuals_mod._linked(year, {r[2] for r in parts}, as_of_cut, rows=parts):
            if pid not in totals:
                out.extend((item_pk, value, 0) for item_pk in leaf_items[(pid, ind)])
    return out


def assess_in_bulk(year, as_of, weights):
    from counterpart.plans.assessment import Assessment, Scorecard, _rank, cutoff, expected_progress
    from counterpart.reports.models import OwnTotal

    cut = cutoff(as_of)
    indicators = {i.pk: i for i in Indicator.objects.all()}
    by_code = {i.code: pk for pk, i in indicators.items()}
    extra = _extra_actuals(year, cut)
    w_rows = [(by_code[c], Decimal(w)) for c, w in weights.weights.items() if c in by_code and Decimal(w) > 0]
    source = actuals_mod.rollup_source() if cut is None else None
    # (A read model refreshed before OwnTotal existed has no rows in it: read the observations then.)
    if source is not None and OwnTotal.objects.exists():
        own_cte, own_join = OWN_FROM_TOTALS
    else:
        own_cte, own_join = OWN_FROM_OBSERVATIONS
        own_cte = own_cte.format(obs_cut="AND o.created_at <= %(cut)s" if cut is not None else "")
    weighted = ", ".join(str(pk) for pk, _w in w_rows) or "0"
    fill = {"weighted": weighted, "extra": ", ".join(f"({pk}, {_num(v)}, {whole})" for pk, v, whole in [(0, ZERO, 0), *extra]),
            "weights": " ".join(f"WHEN {pk} THEN {_num(w)}" for pk, w in w_rows or [(0, ZERO)]),
            "adj_cut": "AND a.approved_on <= %(as_of)s" if as_of is not None else "",
            "own_cte": own_cte, "own_join": own_join.format(weighted=weighted)}
    params = {"year": year, "status": Status.CONFIRMED, "as_of": as_of, "cut": cut}
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Sorting and grouping a few hundred thousand items in memory, not in temporary files; no JIT
            # compilation, which costs a tenth of a second here and saves nothing on plain sums.
            cursor.execute("SET LOCAL work_mem = '64MB'")
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(SCORE_SQL.format(**fill), params)
        rows = cursor.fetchall()
    expected = expected_progress(year, as_of)
    threshold = (expected - weights.lag_margin) * HUNDRED
    cards = []
    for plan_id, pairing_id, level, score in rows:
        card = Scorecard(plan_id, pairing_id, level, None)
        if score is not None:
            # PostgreSQL's ROUND gives the Decimal; SQLite's a float, exact once rounded to 0.01.
            card.score = score if isinstance(score, Decimal) else Decimal(str(score)).quantize(CENT, ROUND_HALF_UP)
            card.lagging = card.score < threshold
        cards.append(card)
    # Ranks in Python: sorting 100 k scores here is cheaper than the database's window functions.
    return Assessment(year, as_of, expected, weights, _rank(cards), indicators, source[0] if source else None)
