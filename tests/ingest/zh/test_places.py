"""Chinese place names, their sides and the report's own units."""
from counterpart.ingest.extract.zh.places import ZhPlaceFinder, side_by_region, zh_norm


def names(text, context=()):
    f = ZhPlaceFinder()
    f.set_context(context)
    return [(m.info.name, m.info.adcode) for m in f.find(text, 0, len(text))]


def test_a_unit_written_after_its_parent_is_the_narrower_unit():
    assert names("安顺市平坝区·青岛市市南区东西部协作") == [("平坝区", "520403"), ("市南区", "370202")]
    assert names("天津港保税区与甘肃省张家川回族自治县签署协议") == [("天津港保税区", None),
                                                                   ("张家川回族自治县", "620525")]


def test_a_list_under_one_parent_keeps_the_parent():
    got = names("南京市栖霞、浦口、高淳等7个区县")
    assert got[0] == ("南京市", "320100") and [n for n, _ in got[1:]] == ["栖霞", "浦口", "高淳"]


def test_bare_county_names_only_in_the_reports_regions():
    assert names("宁南地区") == []
    assert names("帮助平坝实施项目", context=("52",)) == [("平坝", "520403")]
    assert names("携手奔小康县市全覆盖") == []


def test_a_township_after_a_city_is_not_the_district_of_that_name():
    assert names("徐州市援建铜川王益乡川口村道路") == [("徐州市", "320300"), ("铜川", "610200")]


def test_sides_and_keys():
    f = ZhPlaceFinder()
    (east,), (west,) = f.find("东莞市", 0, 3), f.find("河池市", 0, 3)
    assert side_by_region(east.info) == "donor" and side_by_region(west.info) == "recipient"
    assert zh_norm("黔东南州") == "黔东南" and zh_norm("天津港保税区管委会") == zh_norm("天津港保税区")
