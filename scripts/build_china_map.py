"""Build counterpart/web/static/counterpart/map/china-provinces.geojson from Apache ECharts' china.json.

The source is `map/json/china.json` of the npm package echarts@4.9.0 (Apache-2.0), which stores the
province outlines in ECharts' compact "UTF8Encoding" (zigzag + delta coded characters). This script
decodes it into plain GeoJSON rounded to 0.01 degrees (about 1 km, plenty for a national map) so the
app needs no JavaScript library to draw it, and adds the South China Sea islands inset that ECharts draws
in code (a map of China must show the whole territory). Run once; the output is committed:

    npm pack echarts@4.9.0 && tar xzf echarts-4.9.0.tgz
    python scripts/build_china_map.py package/map/json/china.json
"""
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "counterpart/web/static/counterpart/map/china-provinces.geojson"


def decode_ring(text: str, offset, scale: float) -> list:
    # ECharts' parseGeoJson.decodePolygon: each pair of characters is a zigzag-coded delta.
    prev_x, prev_y = offset
    ring = []
    for i in range(0, len(text), 2):
        x = ord(text[i]) - 64
        y = ord(text[i + 1]) - 64
        x = (x >> 1) ^ (-(x & 1))
        y = (y >> 1) ^ (-(y & 1))
        x += prev_x
        y += prev_y
        prev_x, prev_y = x, y
        ring.append([round(x / scale, 2), round(y / scale, 2)])
    # Drop consecutive duplicates left by rounding.
    out = [ring[0]] if ring else []
    for point in ring[1:]:
        if point != out[-1]:
            out.append(point)
    return out


# The South China Sea islands inset (南海诸岛) as ECharts draws it on its China map: the frame, the coast at its
# foot and the dashed line, in a 64 x 93.1 local grid placed with its top-left corner at 126°E 25°N. Data
# points of echarts@4.9.0 src/coord/geo/fix/nanhai.js (Apache-2.0), transformed as that file does.
NANHAI_ORIGIN = (126, 25)
NANHAI = [
    [[0, 3.5], [7, 11.2], [15, 11.9], [30, 7], [42, 0.7], [52, 0.7], [56, 7.7], [59, 0.7], [64, 0.7], [64, 0],
     [5, 0], [0, 3.5]],
    [[13, 16.1], [19, 14.7], [16, 21.7], [11, 23.1], [13, 16.1]],
    [[12, 32.2], [14, 38.5], [15, 38.5], [13, 32.2], [12, 32.2]],
    [[16, 47.6], [12, 53.2], [13, 53.2], [18, 47.6], [16, 47.6]],
    [[6, 64.4], [8, 70], [9, 70], [8, 64.4], [6, 64.4]],
    [[23, 82.6], [29, 79.8], [30, 79.8], [25, 82.6], [23, 82.6]],
    [[37, 70.7], [43, 62.3], [44, 62.3], [39, 70.7], [37, 70.7]],
    [[48, 51.1], [51, 45.5], [53, 45.5], [50, 51.1], [48, 51.1]],
    [[51, 35], [51, 28.7], [53, 28.7], [53, 35], [51, 35]],
    [[52, 22.4], [55, 17.5], [56, 17.5], [53, 22.4], [52, 22.4]],
    [[58, 12.6], [62, 7], [63, 7], [60, 12.6], [58, 12.6]],
    [[0, 3.5], [0, 93.1], [64, 93.1], [64, 0], [63, 0], [63, 92.4], [1, 92.4], [1, 3.5], [0, 3.5]],
]


def nanhai_feature() -> dict:
    lon0, lat0 = NANHAI_ORIGIN
    rings = [[[round(x / 10.5 + lon0, 3), round(-y / (10.5 / 0.75) + lat0, 3)] for x, y in ring] for ring in NANHAI]
    return {"type": "Feature", "properties": {"adcode": "nanhai", "name": "南海诸岛", "cp": None, "inset": True},
            "geometry": {"type": "MultiPolygon", "coordinates": [[ring] for ring in rings]}}


def main(path: str) -> None:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    scale = data.get("UTF8Scale", 1024)
    features = []
    for feature in data["features"]:
        geom = feature["geometry"]
        if geom["type"] == "Polygon":
            polygons = [[decode_ring(r, o, scale) for r, o in zip(geom["coordinates"], geom["encodeOffsets"])]]
        else:
            polygons = [[decode_ring(r, o, scale) for r, o in zip(poly, offs)]
                        for poly, offs in zip(geom["coordinates"], geom["encodeOffsets"])]
        props = feature["properties"]
        features.append({"type": "Feature",
                         "properties": {"adcode": str(props["id"]), "name": props["name"], "cp": props.get("cp")},
                         "geometry": {"type": "MultiPolygon", "coordinates": polygons}})
    features.append(nanhai_feature())
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                              separators=(",", ":")), encoding="utf-8")
    print(f"{len(features)} provinces -> {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main(sys.argv[1])
