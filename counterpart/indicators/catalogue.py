"""The indicator catalogue shipped as data (counterpart/indicators/data/catalogue.json)."""
import json
from functools import lru_cache
from pathlib import Path

CATALOGUE_FILE = Path(__file__).parent / "data" / "catalogue.json"


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict]:
    """Code -> entry, in catalogue order; pure, no database."""
    with open(CATALOGUE_FILE, encoding="utf-8") as fh:
        return {row["code"]: row for row in json.load(fh)}


def load_catalogue() -> int:
    """Create or update the Indicator rows; idempotent. Returns the number of indicators."""
    from counterpart.indicators.models import Indicator

    existing = {i.code: i for i in Indicator.objects.all()}
    fields = ["label_en", "label_zh", "unit", "unit_en", "unit_zh", "category", "description", "dimensions",
              "position"]
    new, changed = [], []
    for code, row in catalogue().items():
        ind = existing.get(code)
        if ind is None:
            new.append(Indicator(code=code, **{f: row[f] for f in fields}))
        elif any(getattr(ind, f) != row[f] for f in fields):
            for f in fields:
                setattr(ind, f, row[f])
            changed.append(ind)
    Indicator.objects.bulk_create(new)
    if changed:
        Indicator.objects.bulk_update(changed, fields)
    return len(catalogue())
