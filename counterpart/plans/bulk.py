"""The national assessment in bulk: every plan's score from one grouped query, ranks from the scores.

With a hundred thousand enterprise–village plans, scoring item by item in Python costs seconds; here the
database sums each item's actual, finds its target in force and weighs the capped completion rates per
plan, under the same rules as counterpart/plans/assessment.py:

- a leaf pairing's actual is the sum of its own confirmed figures that are nobody's part, read by the
  query; its parts (rare), and every actual of a pairing with sub-pairings, come from
  counterpart/plans/actuals.py (the rollups or daily progress at national scale) and join the query as a
  list of values;
- target in force: the latest adjustment approved by the date, else the plan;
- an indicator planned for the pairing itself is scored on its own item, else on its sub-pairings' summed
  actuals over their summed targets; each counts at most 100 %; the score is renormalised over the
  weighted indicators the pairing planned, rounded to 0.01.

Items are filled in per scorecard when shown or exported (`Assessment.load`).
"""
from collections import defaultdict
from decimal import Decimal

from django.db import connection

from counterpart.indicators.models import Indicator, Observation, Status
from counterpart.pairings.models import Pairing
from counterpart.plans import actuals as actuals_mod
from counterpart.plans.models import PlanItem

ZERO, HUNDRED, CENT = Decimal(0), Decimal(100), Decimal("0.01")

SCORE_SQL = """
WITH extra(item_id, value, whole) AS (VALUES {extra}),
ex AS (SELECT item_id, SUM(value) AS value, MAX(whole) AS whole FROM extra GROUP BY item_id),
weight(indicator_id, w) AS (VALUES {weights}),
adj AS (
    SELECT item_id, value FROM (
        SELECT a.item_id, a.value, ROW_NUMBER() OVER (PARTITION BY a.item_id
                                                      ORDER BY a.approved_on DESC, a.id DESC) AS n
          FROM plans_adjustment a JOIN plans_planitem pi ON pi.id = a.item_id
          JOIN plans_annualplan ap ON ap.id = pi.plan_id
         WHERE ap.year = %(year)s {adj_cut}) latest
     WHERE n = 1),
own_figures AS (  -- "part_of_id IS NULL" would lure SQLite onto the part_of index: not an index condition
    SELECT pi.id AS item_id, SUM(o.value) AS value
      FROM plans_planitem pi JOIN plans_annualplan ap ON ap.id = pi.plan_id
      JOIN indicators_observation o ON o.indicator_id = pi.indicator_id AND o.year = ap.year
                                   AND o.pairing_id = pi.pairing_id
     WHERE ap.year = %(year)s AND o.status = %(status)s AND COALESCE(o.part_of_id, 0) = 0 {obs_cut}
     GROUP BY pi.id),
it AS (
    SELECT pi.plan_id, pi.indicator_id, CASE WHEN pi.pairing_id = ap.pairing_id THEN 1 ELSE 0 END AS own,
           COALESCE(adj.value, pi.value) AS target,
           CASE WHEN ex.whole = 1 THEN 0 ELSE COALESCE(f.value, 0) END + COALESCE(ex.value, 0) AS actual
      FROM plans_planitem pi JOIN plans_annualplan ap ON ap.id = pi.plan_id
      LEFT JOIN adj ON adj.item_id = pi.id
      LEFT JOIN own_figures f ON f.item_id = pi.id
      LEFT JOIN ex ON ex.item_id = pi.id
     WHERE ap.year = %(year)s),
by_ind AS (
    SELECT plan_id, indicator_id, MAX(own) AS has_own,
           SUM(CASE WHEN own = 1 THEN target ELSE 0 END) AS own_target,
           SUM(CASE WHEN own = 1 THEN actual ELSE 0 END) AS own_actual,
           SUM(target) AS all_target, SUM(actual) AS all_actual
      FROM it GROUP BY plan_id, indicator_id),
scored AS (
    SELECT b.plan_id, w.w,
           CASE WHEN b.has_own = 1 THEN b.own_target ELSE b.all_target END AS target,
           CASE WHEN b.has_own = 1 THEN b.own_actual ELSE b.all_actual END AS actual
      FROM by_ind b JOIN weight w ON w.indicator_id = b.indicator_id),
per_plan AS (
    SELECT plan_id, SUM(w * CASE WHEN actual >= target THEN 1 ELSE 1.0 * actual / target END) AS earned,
           SUM(w) AS total_w
      FROM scored WHERE target > 0 AND w > 0 GROUP BY plan_id),
card AS (
    SELECT ap.id, ap.pairing_id, p.level, ROUND(100.0 * pp.earned / pp.total_w, 2) AS score
      FROM plans_annualplan ap JOIN pairings_pairing p ON p.id = ap.pairing_id
      LEFT JOIN per_plan pp ON pp.plan_id = ap.id
     WHERE ap.year = %(year)s)
SELECT id, pairing_id, level, score,
       CASE WHEN score IS NULL THEN NULL
            ELSE RANK() OVER (PARTITION BY CASE WHEN score IS NULL THEN 1 ELSE 0 END ORDER BY score DESC) END,
       CASE WHEN score IS NULL THEN NULL
            ELSE RANK() OVER (PARTITION BY CASE WHEN score IS NULL THEN 1 ELSE 0 END, level
                              ORDER BY score DESC) END
  FROM card
 ORDER BY CASE WHEN score IS NULL THEN 1 ELSE 0 END, score DESC, pairing_id
"""


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
    from counterpart.plans.assessment import Assessment, Scorecard, cutoff, expected_progress

    cut = cutoff(as_of)
    indicators = {i.pk: i for i in Indicator.objects.all()}
    by_code = {i.code: pk for pk, i in indicators.items()}
    extra = _extra_actuals(year, cut)
    w_rows = [(by_code[c], Decimal(w)) for c, w in weights.weights.items() if c in by_code and Decimal(w) > 0]
    sql = SCORE_SQL.format(
        extra=", ".join(f"({pk}, {_num(v)}, {whole})" for pk, v, whole in [(0, ZERO, 0), *extra]),
        weights=", ".join(f"({pk}, {_num(w)})" for pk, w in w_rows or [(0, ZERO)]),
        adj_cut="AND a.approved_on <= %(as_of)s" if as_of is not None else "",
        obs_cut="AND o.created_at <= %(cut)s" if cut is not None else "")
    params = {"year": year, "status": Status.CONFIRMED, "as_of": as_of, "cut": cut}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    expected = expected_progress(year, as_of)
    threshold = (expected - weights.lag_margin) * HUNDRED
    cards = []
    for plan_id, pairing_id, level, score, rank, rank_in_level in rows:
        card = Scorecard(plan_id, pairing_id, level, items=None, rank=rank, rank_in_level=rank_in_level)
        if score is not None:
            card.score = Decimal(str(score)).quantize(CENT, "ROUND_HALF_UP")
            card.lagging = card.score < threshold
        cards.append(card)
    source = actuals_mod.rollup_source() if cut is None else None
    return Assessment(year, as_of, expected, weights, cards, indicators, source[0] if source else None)
