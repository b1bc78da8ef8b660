"""The map: simplified outlines built once and sent compressed; lines only for the pairings a reader can
take in (the nation: province and city pairings; a pairing: its government tree)."""
import gzip

from django.test import Client

from counterpart.web import maps
from tests.helpers import pairing
from tests.world import make_world


def test_it_simplifies_the_outlines_and_sends_them_compressed(db):
    svg = maps.base_svg()
    assert svg.startswith("<svg") and svg.count('class="province"') >= 34
    assert len(svg) < 40_000  # Douglas–Peucker at under a pixel: the shipped GeoJSON is 240 KB
    client = Client()
    response = client.get("/map/china.svg", HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert response["Content-Encoding"] == "gzip" and "max-age" in response["Cache-Control"]
    assert gzip.decompress(response.content).decode() == svg
    assert client.get("/map/china.svg").content.decode() == svg
    again = client.get("/map/china.svg", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_it_draws_province_and_city_pairings_on_the_national_map(db):
    world = make_world()
    root = pairing("330000", "520000", "province_province", 2016)
    city = pairing("330100", "520100", "city_city", 2016, parent=root)
    ev = pairing("330102", "520102", "county_county", 2016, parent=city)  # depth 2
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.users["national"])
    page = client.get("/dashboard/").content.decode()
    national_map = page.split('id="china-map"')[1].split("</svg>")[0]
    assert f"/pairings/{world.qd_gz.pk}/dashboard/" in national_map
    assert f"/pairings/{world.shinan_pingba.pk}/dashboard/" in national_map
    assert f"/pairings/{ev.pk}/dashboard/" not in national_map  # depth 2: on its parents' maps
    page = client.get(f"/pairings/{world.qd_gz.pk}/dashboard/").content.decode()
    assert f"/pairings/{ev.pk}/dashboard/" not in page.split('id="china-map"')[1]  # another tree
    page = client.get(f"/pairings/{root.pk}/dashboard/").content.decode()
    root_map = page.split('id="china-map"')[1].split("</svg>")[0]
    assert f"/pairings/{ev.pk}/dashboard/" in root_map and f"/pairings/{city.pk}/dashboard/" in root_map


def test_it_shows_the_south_china_sea_islands_inset_on_every_national_map(db):
    svg = maps.base_svg()
    assert 'data-adcode="nanhai"' in svg and "南海诸岛" in svg
    inset = next(f for f in maps._geojson()["features"] if f["properties"].get("inset"))
    lons = [x for poly in inset["geometry"]["coordinates"] for ring in poly for x, _y in ring]
    lats = [y for poly in inset["geometry"]["coordinates"] for ring in poly for _x, y in ring]
    assert min(lons) > maps.LON0 and max(lons) < maps.LON1 and min(lats) > maps.LAT0 and max(lats) < maps.LAT1
    assert len(inset["geometry"]["coordinates"]) == 12  # the frame, the coast and ten dashes


def _link(donor, recipient, depth=0, pk=1):
    return {"pk": pk, "depth": depth, "href": "/x/", "title": "t", "donor_adcode": donor,
            "recipient_adcode": recipient, "donor_name": f"d{donor}", "recipient_name": f"r{recipient}"}


def test_it_colours_provinces_by_their_figure_with_a_legend():
    from decimal import Decimal

    values = {"52": (Decimal(31250000), "贵州省：3125万元", "3125万元"),
              "45": (Decimal(35000000), "广西：3500万元", "3500万元"),
              "54": (Decimal(1000), "西藏：1000元", "1000元")}
    svg = str(maps.china_map([], title="t", values=values, legend="2011年"))
    shades = svg.split('<g class="shades">')[1].split("</g>")[0]
    assert shades.count("<path") == 3 and maps.SHADES[-1] in shades and "贵州省：3125万元" in shades
    assert "2011年" in svg and "1000元" in svg and "3500万元" in svg  # legend from the least to the most
    assert maps.shade_steps({"a": 1, "b": 2, "c": 0}) == {"a": maps.SHADES[0], "b": maps.SHADES[-1]}


def test_it_zooms_a_pairings_map_to_its_own_area_and_marks_project_villages():
    svg = str(maps.china_map([_link("370200", "520400"), _link("370200", "520600", pk=2)], zoom=True,
                             villages=[("520421", "平坝项目")]))
    x0, y0, w, h = (float(v) for v in svg.split('viewBox="')[1].split('"')[0].split())
    assert w < maps.WIDTH / 2 and abs(w / h - maps.WIDTH / maps.HEIGHT) < 0.01
    qingdao, anshun = maps.project(*maps.point_for("370200")), maps.project(*maps.point_for("520400"))
    for x, y in (qingdao, anshun):
        assert x0 <= x <= x0 + w and y0 <= y <= y0 + h
    assert 'class="site"' in svg and "平坝项目" in svg
    assert '<g class="outlines"' in svg  # finer outlines drawn in the page, not the enlarged base file


def test_it_keeps_a_crowded_places_labels_apart():
    links = [_link("440100", "450100", pk=1), _link("440300", "450200", pk=2), _link("440400", "450300", pk=3)]
    svg = str(maps.china_map(links))
    texts = svg.split('<g class="labels"')[1].split("</g>")[0]
    boxes = []
    import re

    for x, y, name in re.findall(r'<text x="([\d.]+)" y="([\d.]+)">([^<]+)</text>', texts):
        box = maps._label_box(float(x) - 5, float(y) + 4, name, maps.LABEL_SIZE)
        assert not maps._overlaps(box, boxes), f"{name} overlaps another label"
        boxes.append(box)
    assert boxes
