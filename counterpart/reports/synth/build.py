"""Synthetic national data over the real gazetteer: province–city–county government pairings, enterprise–
village pairings below them, ten years of fund allocations and observations (totals with parts, some
unconfirmed, a few inconsistent so the checks have work). Bulk inserts with ids assigned here.

Deterministic for a seed. Values are plausible, not real: every figure says so in its note.
"""
import json
import random
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from counterpart.geo.models import Region
from counterpart.indicators.models import Indicator, Observation
from counterpart.ledger.models import FundAllocation
from counterpart.pairings.models import Pairing, Unit
from counterpart.reports.bulk import insert_rows, next_id, reset_sequences, without_indexes


@dataclass(frozen=True)
class Scale:
    provinces: int
    cities: int  # city pairings per province pairing
    counties: int  # county pairings per city pairing
    villages: int  # enterprise–village pairings per county pairing
    years: int


SCALES = {
    "tiny": Scale(2, 2, 2, 3, 3),
    "small": Scale(4, 4, 4, 10, 5),
    "medium": Scale(8, 8, 6, 30, 10),
    "national": Scale(12, 14, 8, 118, 10),  # 994 government pairings, 100,536 enterprise–village
}
# East–West pairs of provinces (donor, recipient), GB/T 2260 codes; the real arrangement's shape.
PROVINCE_PAIRS = [("440000", "450000"), ("370000", "520000"), ("330000", "510000"), ("320000", "610000"),
                  ("350000", "640000"), ("210000", "630000"), ("130000", "620000"), ("340000", "530000"),
                  ("360000", "150000"), ("410000", "650000"), ("420000", "540000"), ("230000", "220000")]
LAST_YEAR = 2020
PURPOSES = ["industry", "infrastructure", "education", "health", "drinking water", "housing", "disaster relief"]
SYLLABLES = ["an", "bai", "chang", "da", "dong", "feng", "gao", "he", "hong", "hua", "jin", "kang", "le", "li",
             "long", "ma", "nan", "ping", "qing", "shan", "shi", "tai", "tian", "wang", "xin", "yang", "yun", "zhong"]
NOTE = "synthetic"


_JSON = {}


def _json(dims) -> str:
    if not dims:
        return "{}"
    key = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in dims.items())
    text = _JSON.get(key)
    if text is None:
        text = _JSON[key] = json.dumps(dims, ensure_ascii=False)
    return text


def _cycled(donors, recipients, limit):
    """(donor, recipient) for the first `limit` recipients, donors taken in turn."""
    if not donors:
        return []
    return [(donors[i % len(donors)], rk) for i, rk in enumerate(recipients[:limit])]


def _name(rng):
    return (rng.choice(SYLLABLES) + rng.choice(SYLLABLES)).capitalize()


class Builder:
    def __init__(self, scale: Scale, seed: int, progress=False):
        self.s, self.rng, self.progress = scale, random.Random(seed), progress
        self.now = connection.ops.adapt_datetimefield_value(timezone.now()) if connection.vendor == "sqlite" else timezone.now()
        self.rows = 0

    def run(self) -> dict:
        if Pairing.objects.exists():
            raise ValidationError({"database": f"synth builds a data set in a database without pairings; this one has "
                                               f"{Pairing.objects.count()}. Use a fresh database."})
        if not Region.objects.filter(level=1).exists():
            raise ValidationError({"database": "the gazetteer is not loaded (counterpart load-gazetteer)."})
        with transaction.atomic():
            self.user = User.objects.get_or_create(username="synth", defaults={"first_name": "Synthetic data"})[0]
            self.user_pk = self.user.pk  # read once: it goes into five million rows
            self.ind = dict(Indicator.objects.values_list("code", "pk"))
            self.fund_ct = ContentType.objects.get_for_model(FundAllocation).pk
            self.ids = {m: next_id(m) for m in (Region, Unit, Pairing, Observation, FundAllocation)}
            tables = [m._meta.db_table for m in (Region, Unit, Pairing, Observation, FundAllocation)]
            with without_indexes(*tables):
                self._regions()
                self._pairings()
                self._observations()
            # Foreign keys switched off for the load (see build) are checked here, once per table.
            connection.check_constraints(table_names=tables)
            reset_sequences(Region, Unit, Pairing, Observation, FundAllocation)
            if connection.vendor == "postgresql":
                with connection.cursor() as c:  # planner statistics for the freshly loaded tables
                    for table in tables:
                        c.execute(f"ANALYZE {table}")
        return {"rows": self.rows, "government_pairings": len(self.gov), "enterprise_village_pairings": self.n_ev,
                "observations": self.n_obs, "years": self.s.years}

    def _take(self, model):
        pk = self.ids[model]
        self.ids[model] += 1
        return pk

    def _insert(self, model, columns, rows):
        n = insert_rows(model._meta.db_table, columns, rows)
        self.rows += n
        return n

    def _regions(self):
        """Region units for the gazetteer regions used; villages made on demand under recipient counties."""
        regions = list(Region.objects.filter(level__lte=3).values_list("pk", "adcode", "parent_id", "level", "name_en", "name_zh"))
        self.region = {r[0]: r for r in regions}
        self.by_code = {r[1]: r[0] for r in regions}
        self.children = {}
        for r in regions:
            self.children.setdefault(r[2], []).append(r[0])
        for kids in self.children.values():
            kids.sort(key=lambda pk: self.region[pk][1])
        existing = dict(Unit.objects.filter(kind="region").values_list("region_id", "pk"))
        new = []
        for pk in self.region:
            if pk not in existing:
                existing[pk] = self._take(Unit)
                new.append((existing[pk], "region", self.region[pk][4], self.region[pk][5], pk))
        self._insert(Unit, ["id", "kind", "name_en", "name_zh", "region_id"], new)
        self.unit = existing

    def _below(self, region, level):
        return [c for c in self.children.get(region, []) if self.region[c][3] == level]

    def _pairings(self):
        s, rng = self.s, self.rng
        first = LAST_YEAR - s.years + 1
        rows, self.gov, self.ev = [], [], []  # gov: (pairing id, donor unit, depth); ev: (id, enterprise unit, village unit, start)
        villages, enterprises = [], []

        def add(donor_region, recipient_region, level, parent):
            pk = self._take(Pairing)
            rows.append((pk, self.unit[donor_region], self.unit[recipient_region], level, 1996 if parent is None else
                         first, None, parent, NOTE))
            return pk

        for d_code, r_code in PROVINCE_PAIRS[:s.provinces]:
            d, r = self.by_code.get(d_code), self.by_code.get(r_code)
            if d is None or r is None:
                continue
            top = add(d, r, "province_province", None)
            self.gov.append((top, self.unit[d], 0))
            # Every recipient city and county gets a donor, as in the real arrangement: where the donor
            # province has fewer cities (or a donor city fewer counties), one donor helps several.
            for dc, rc in _cycled(self._below(d, 2), self._below(r, 2), s.cities):
                city = add(dc, rc, "city_city", top)
                self.gov.append((city, self.unit[dc], 1))
                for dk, rk in _cycled(self._below(dc, 3), self._below(rc, 3), s.counties):
                    county = add(dk, rk, "county_county", city)
                    self.gov.append((county, self.unit[dk], 2))
                    for i in range(s.villages):
                        v_region = self._take(Region)
                        code = f"{self.region[rk][1]}{900 + i // 1000:03d}{i % 1000:03d}"
                        name = _name(rng)
                        villages.append((v_region, code, f"{name}村", f"{name} Village", "", "Village", 5, rk, "", True))
                        v_unit, e_unit = self._take(Unit), self._take(Unit)
                        enterprises.append((v_unit, "region", f"{name} Village", f"{name}村", v_region))
                        enterprises.append((e_unit, "enterprise", f"{_name(rng)} {self.region[dk][4]} Enterprise {e_unit}",
                                            "", dk))
                        pk = self._take(Pairing)
                        start = rng.randint(first, first + max(s.years // 3, 0))
                        rows.append((pk, e_unit, v_unit, "enterprise_village", start, None, county, NOTE))
                        self.ev.append((pk, e_unit, v_unit, start))
        self._insert(Region, ["id", "adcode", "name_zh", "name_en", "name_pinyin", "type_en", "level", "parent_id",
                              "aliases", "active"], villages)
        self._insert(Unit, ["id", "kind", "name_en", "name_zh", "region_id"], enterprises)
        self._insert(Pairing, ["id", "donor_id", "recipient_id", "level", "start_year", "end_year", "parent_id", "note"], rows)
        self.n_ev = len(self.ev)

    def _obs(self, code, value, year, pairing, donor, dims=None, part_of=None, record=None, slot="", qualifier="exact"):
        r = self.rng.random()
        status = "confirmed" if r < 0.9 else ("reported" if r < 0.98 else "disputed")
        pk = self._take(Observation)
        self.n_obs += 1
        # Values go as int (counts and whole yuan); dims as JSON text (both databases take it).
        return pk, (pk, self.ind[code], value, qualifier, year, pairing, donor, _json(dims), part_of, None,
                    self.user_pk, self.fund_ct if record else None, record, slot, True, status, NOTE, self.now)

    def _observation_rows(self, funds):
        from tqdm import tqdm

        rng, first = self.rng, LAST_YEAR - self.s.years + 1
        counts = ["labor_transferred", "trainees", "training_courses", "cadres_exchanged", "exchange_visits",
                  "cooperation_projects", "villages_supported", "aid_projects", "professionals_sent", "schools_built"]
        bar = tqdm(total=len(self.gov) + len(self.ev), disable=not self.progress, desc="synth", unit="pairing")
        for pairing, donor, depth in self.gov:
            scale = 10 ** (2 - depth)  # provinces give most, counties least
            for year in range(first, LAST_YEAR + 1):
                # Whole yuan in int arithmetic: exact like Decimal, and the drivers take ints without an adapter.
                growth = 100 + 4 * (year - first)  # per cent
                parts = [rng.randint(5, 60) * 100000 * scale * growth // 100 // 10000 * 10000 for _ in range(rng.randint(3, 6))]
                skew = 105 if rng.random() < 0.02 else 100  # a few aggregates disagree with their detail (per cent)
                total_pk, row = self._obs("gov_aid_funds", sum(parts) * skew // 100, year, pairing, donor)
                yield row
                for amount in parts:
                    level = ("province", "prefecture", "county")[min(depth + rng.randint(0, 1), 2)]
                    purpose = rng.choice(PURPOSES)
                    record = self._take(FundAllocation)
                    funds.append((record, pairing, year, donor, None, self.user_pk, None, "exact", NOTE, self.now, amount,
                                  level, rng.choice(["regular", "supplementary"]), purpose))
                    yield self._obs("gov_aid_funds", amount, year, pairing, donor,
                                    {"source_level": level, "purpose": purpose}, part_of=total_pk, record=record,
                                    slot="amount")[1]
                _pk, row = self._obs("enterprise_investment", rng.randint(10, 900) * 1000000 * scale // 10, year, pairing, donor)
                yield row
                for code in counts:
                    yield self._obs(code, rng.randint(1, 50) * (scale if code != "training_courses" else 1), year,
                                    pairing, donor, qualifier="at_least" if rng.random() < 0.05 else "exact")[1]
            bar.update()
        for pairing, enterprise, _village, start in self.ev:
            for year in range(start, LAST_YEAR + 1):
                # A year's donations as a total with its cash and (often) in-kind parts.
                parts = [("cash", rng.randint(1, 200) * 1000)]
                if rng.random() < 0.6:
                    parts.append(("in_kind", rng.randint(1, 50) * 1000))
                total_pk, row = self._obs("social_donations", sum(v for _f, v in parts), year, pairing, enterprise)
                yield row
                for form, amount in parts:
                    yield self._obs("social_donations", amount, year, pairing, enterprise, {"form": form},
                                    part_of=total_pk)[1]
                yield self._obs("beneficiaries", rng.randint(20, 800), year, pairing, enterprise)[1]
                yield self._obs("aid_projects", rng.randint(1, 3), year, pairing, enterprise, {"kind": ["industry"]})[1]
                if rng.random() < 0.5:
                    yield self._obs("students_supported", rng.randint(1, 30), year, pairing, enterprise)[1]
                if rng.random() < 0.4:
                    yield self._obs("labor_transferred", rng.randint(1, 20), year, pairing, enterprise)[1]
            bar.update()
        bar.close()

    def _observations(self):
        self.n_obs = 0
        funds = []
        cols = ["id", "indicator_id", "value", "qualifier", "year", "pairing_id", "donor_id", "dims", "part_of_id",
                "span_id", "entered_by_id", "record_type_id", "record_id", "slot", "stated", "status", "note", "created_at"]
        self._insert(Observation, cols, self._observation_rows(funds))
        self._insert(FundAllocation, ["id", "pairing_id", "year", "donor_id", "span_id", "entered_by_id", "source_ref",
                                      "qualifier", "note", "created_at", "amount", "source_level", "kind", "purpose"], funds)


def build(scale: str, seed: int, progress=False) -> dict:
    if scale not in SCALES:
        raise ValidationError({"scale": f"“{scale}” is not a scale (choose {', '.join(SCALES)})."})
    builder = Builder(SCALES[scale], seed, progress)
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        # SQLite can only stop checking each row's foreign keys outside a transaction; `run` checks them
        # all before committing. (PostgreSQL drops and re-adds its foreign keys instead.)
        with connection.constraint_checks_disabled():
            return builder.run()
    return builder.run()
