"""The home page at national scale: an office's own pairings first, a search by name (either side or
"A—B"), level, year and region on either side, a page at a time; no error on any query."""
import pytest
from django.test import Client

from counterpart.web import pairing_list
from tests.helpers import pairing
from tests.world import make_world


@pytest.fixture
def world(db):
    return make_world()


def _page(client, query=""):
    response = client.get(f"/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_an_office_sees_its_own_pairings_first(world):
    from counterpart.accounts.models import Role
    from tests.helpers import unit
    from tests.world import make_user

    client = Client()
    client.force_login(make_user("pingba", Role.OFFICE, unit("520403")))
    html = _page(client)
    mine = html.split('id="my-pairings"')[1].split("</table>")[0]
    assert mine.index("市南区") < mine.index("青岛市")  # its own county pairing before the city's
    assert "广州" not in mine
    assert 'href="/confirmations/"' in html


def test_it_finds_a_pairing_by_both_names_in_chinese_or_english(world):
    client = Client()
    for query in ("?q=市南区-平坝区", "?q=市南区—平坝区", "?q=Shinan-Pingba", "?q=平坝"):
        results = _page(client, query).split('id="search-results"')[1].split("</table>")[0]
        assert f"/pairings/{world.shinan_pingba.pk}/" in results, query
        assert f"/pairings/{world.gz_bs.pk}/" not in results, query


def test_it_filters_by_region_on_either_side_with_its_subtree(world):
    found = set(pairing_list.search_pairings(region=pairing_list.region_named("贵州")).values_list("pk", flat=True))
    assert found == {world.qd_gz.pk, world.shinan_pingba.pk}
    found = set(pairing_list.search_pairings(region=pairing_list.region_named("山东")).values_list("pk", flat=True))
    assert found == {world.qd_gz.pk, world.shinan_pingba.pk}  # the donor side, Qingdao and Shinan lie in it
    html = _page(Client(), "?region=不存在的地方")
    assert "没有名为" in html and "没有符合条件的结对" in html


def test_it_filters_by_level_and_year_and_lists_government_pairings_first(world):
    late = pairing("330100", "520100", "city_city", 2016)
    assert list(pairing_list.search_pairings(level="county_county")) == [world.shinan_pingba]
    in_2012 = set(pairing_list.search_pairings(year=2012).values_list("pk", flat=True))
    assert late.pk not in in_2012 and world.qd_gz.pk in in_2012
    ordered = [p.level for p in pairing_list.search_pairings()]
    assert ordered.index("city_province") < ordered.index("county_county")


def test_it_pages_long_results_and_shrugs_off_bad_parameters(world):
    from counterpart.geo.models import Region

    counties = Region.objects.filter(level=3, adcode__startswith="52").exclude(adcode="520403").order_by("adcode")[:60]
    for county in counties:
        pairing("330102", county.adcode, "county_county", 2016)
    client = Client()
    first = _page(client, "?region=贵州")
    assert first.count('<a href="/pairings/') >= pairing_list.PAGE_SIZE
    assert "下一页" in first and "第 1 页" in first
    second = _page(client, "?region=贵州&page=2")
    assert "上一页" in second
    for bad in ("?page=abc", "?page=99999999999999999999", "?year=abc", "?year=-1", "?level=<script>",
                "?q=" + "长" * 5000, "?region=%00"):
        _page(client, bad)


def test_every_page_names_its_icon_and_the_icon_is_shipped(world):
    from pathlib import Path

    page = Client().get("/").content.decode()
    assert '<link rel="icon" href="/static/counterpart/favicon.svg" type="image/svg+xml">' in page
    icon = Path(__file__).resolve().parents[2] / "counterpart/web/static/counterpart/favicon.svg"
    assert icon.read_text().startswith("<svg")
