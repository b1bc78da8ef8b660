"""Database-side place resolution: the pure gazetteer resolver, answered with Region rows."""
from __future__ import annotations

from dataclasses import dataclass, field

from .gazetteer import Resolution, get_gazetteer
from .models import Region


@dataclass(frozen=True)
class ResolvedRegion:
    status: str  # 'unique' | 'ambiguous' | 'none'
    region: Region | None = None
    candidates: list[Region] = field(default_factory=list)
    how: str = ""


def resolve_region(name: str, context: str | list[str] | None = None) -> ResolvedRegion:
    """Resolve an English or Chinese place name to Region rows (see Gazetteer.resolve)."""
    resolution: Resolution = get_gazetteer().resolve(name, context)
    if not resolution.candidates:
        return ResolvedRegion(resolution.status, how=resolution.how)
    codes = [p.adcode for p in resolution.candidates]
    found = Region.objects.select_related("parent").in_bulk(codes, field_name="adcode")
    # A database loaded before the gazetteer grew (or not loaded at all) still answers.
    regions = [found.get(code) or ensure_region(code) for code in codes]
    region = regions[0] if resolution.region is not None else None
    return ResolvedRegion(resolution.status, region, regions, resolution.how)


def ensure_region(adcode: str) -> Region:
    """The Region for a gazetteer adcode, creating it and its missing ancestors if needed."""
    gazetteer = get_gazetteer()
    place = gazetteer.get(adcode)
    if place is None:
        raise Region.DoesNotExist(f"{adcode} is not in the gazetteer")
    region = Region.objects.filter(adcode=place.adcode).first()
    if region is not None:
        return region
    parent = ensure_region(place.parent_adcode) if place.parent_adcode else None
    region, _ = Region.objects.get_or_create(
        adcode=place.adcode,
        defaults={
            "name_zh": place.name_zh, "name_en": place.name_en, "type_en": place.type_en,
            "name_pinyin": gazetteer.row(place.adcode)["name_pinyin"], "level": place.level,
            "aliases": "\n".join(gazetteer.aliases(place.adcode)), "parent": parent,
        },
    )
    return region
