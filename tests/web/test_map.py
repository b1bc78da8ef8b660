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
