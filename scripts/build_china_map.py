"""Build counterpart/web/static/counterpart/map/china-provinces.geojson from Apache ECharts' china.json.

The source is `map/json/china.json` of the npm package echarts@4.9.0 (Apache-2.0), which stores the
province outlines in ECharts' compact "UTF8Encoding" (zigzag + delta coded characters). This script
decodes it into plain GeoJSON rounded to 0.01 degrees (about 1 km, plenty for a national map) so the
app needs no JavaScript library to draw it. Run once; the output is committed:

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
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                              separators=(",", ":")), encoding="utf-8")
    print(f"{len(features)} provinces -> {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main(sys.argv[1])
