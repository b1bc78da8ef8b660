"""Load the shipped gazetteer CSV into the Region table (bulk upsert, idempotent)."""
from __future__ import annotations

import time

from django.db import transaction

from .gazetteer import Gazetteer, Place, get_gazetteer
from .models import Region

FIELDS = ("name_zh", "name_en", "name_pinyin", "type_en", "level", "aliases", "active")
BATCH = 500


def load_regions(progress: bool = True) -> int:
    """Create or update every province-, prefecture- and county-level Region from regions.csv.

    Returns how many rows were created or changed (0 when the table is already up to date).
    Levels 1–3 that are no longer in the gazetteer are marked inactive, never deleted, because
    other records may point at them; townships and villages added on demand are left alone.
    """
    started = time.perf_counter()
    gazetteer = get_gazetteer()
    with transaction.atomic():
        changed = sum(_load_level(gazetteer, level) for level in (1, 2, 3))
        changed += _retire_missing(gazetteer)
    if progress:
        print(f"Gazetteer: {len(gazetteer.places)} regions, {changed} created or updated "
              f"in {time.perf_counter() - started:.2f}s. "
              "Data: real-china-division (CC BY 4.0).")
    return changed


def _load_level(gazetteer: Gazetteer, level: int) -> int:
    """Parents are one level up (or the province), so loading by level always finds their ids."""
    places = [p for p in gazetteer.places.values() if p.level == level]
    parent_codes = {p.parent_adcode for p in places if p.parent_adcode}
    parent_ids = dict(Region.objects.filter(adcode__in=parent_codes).values_list("adcode", "id"))
    existing = Region.objects.in_bulk([p.adcode for p in places], field_name="adcode")
    to_create, to_update = [], []
    for place in places:
        values = _values(gazetteer, place, parent_ids)
        region = existing.get(place.adcode)
        if region is None:
            to_create.append(Region(adcode=place.adcode, **values))
        elif any(getattr(region, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(region, key, value)
            to_update.append(region)
    Region.objects.bulk_create(to_create, batch_size=BATCH)
    Region.objects.bulk_update(to_update, [*FIELDS, "parent_id"], batch_size=BATCH)
    return len(to_create) + len(to_update)


def _values(gazetteer: Gazetteer, place: Place, parent_ids: dict[str, int]) -> dict:
    row = gazetteer.row(place.adcode)
    return {
        "name_zh": place.name_zh,
        "name_en": place.name_en,
        "name_pinyin": row["name_pinyin"],
        "type_en": place.type_en,
        "level": place.level,
        # The model keeps aliases one per line for the admin search; the CSV uses '|'.
        "aliases": "\n".join(gazetteer.aliases(place.adcode)),
        "active": True,
        "parent_id": parent_ids.get(place.parent_adcode) if place.parent_adcode else None,
    }


def _retire_missing(gazetteer: Gazetteer) -> int:
    # Compared in Python: a NOT IN over 3,000 codes would hit SQLite's parameter limit.
    active = Region.objects.filter(level__lte=3, active=True).values_list("id", "adcode")
    stale = [pk for pk, adcode in active if adcode not in gazetteer.places]
    for start in range(0, len(stale), BATCH):
        Region.objects.filter(id__in=stale[start:start + BATCH]).update(active=False)
    return len(stale)
