"""The pure gazetteer: shipped data, English names and the name resolver."""
import time

import pytest

from counterpart.geo.gazetteer import Gazetteer, get_gazetteer, split_zh_name


@pytest.fixture(scope="module")
def gaz():
    return get_gazetteer()


def resolved(gaz, name, context=None):
    result = gaz.resolve(name, context)
    assert result.status == "unique", (name, context, result)
    return result.region.adcode


# -- data ----------------------------------------------------------------------------------------


def test_it_ships_every_province_prefecture_and_county(gaz):
    levels = [p.level for p in gaz.places.values()]
    assert levels.count(1) == 34
    assert levels.count(2) == 333
    assert levels.count(3) >= 2840
    assert all(len(code) == 6 and code.isdigit() for code in gaz.places)


def test_it_links_every_unit_to_an_existing_parent_one_or_two_levels_up(gaz):
    for place in gaz.places.values():
        if place.level == 1:
            assert place.parent_adcode is None
        else:
            parent = gaz.get(place.parent_adcode)
            assert parent is not None and parent.level < place.level


def test_it_attaches_municipal_and_province_administered_districts_to_the_province(gaz):
    assert gaz.get("110105").parent_adcode == "110000"  # 朝阳区, Beijing
    assert gaz.get("500101").parent_adcode == "500000"  # 万州区, Chongqing
    assert gaz.get("429004").parent_adcode == "420000"  # 仙桃市, Hubei
    assert gaz.get("110100") is None  # the virtual 市辖区 code is not a unit


def test_it_gives_a_path_children_and_ancestors(gaz):
    guanling = gaz.get("520424")
    assert [p.name_zh for p in guanling.path(gaz)] == ["贵州省", "安顺市", "关岭布依族苗族自治县"]
    assert [p.adcode for p in gaz.ancestors("520424")] == ["520000", "520400"]
    assert "520424" in {p.adcode for p in gaz.children("520400")}
    assert gaz.get("520424000000") == guanling


@pytest.mark.parametrize("adcode, name_en, type_en", [
    ("451000", "Baise", "City"),
    ("520424", "Guanling", "Autonomous County"),
    ("450000", "Guangxi", "Autonomous Region"),
    ("150000", "Inner Mongolia", "Autonomous Region"),
    ("540000", "Tibet", "Autonomous Region"),
    ("610000", "Shaanxi", "Province"),
    ("140000", "Shanxi", "Province"),
    ("110000", "Beijing", "Municipality"),
    ("130133", "Zhaoxian", "County"),
    ("429021", "Shennongjia", "Forestry District"),
    ("140109", "Wanbailin", "District"),
    ("610100", "Xi'an", "City"),
])
def test_it_derives_english_names_without_the_generic_suffix(gaz, adcode, name_en, type_en):
    place = gaz.get(adcode)
    assert (place.name_en, place.type_en) == (name_en, type_en)


@pytest.mark.parametrize("adcode, name_en", [
    ("140400", "Changzhi"),   # 长治, not Zhangzhi
    ("211300", "Chaoyang"),   # 朝阳, not Zhaoyang
    ("110105", "Chaoyang"),
    ("610000", "Shaanxi"),    # 陕西, whose pinyin collides with 山西
    ("310105", "Changning"),  # 长宁
    ("522701", "Duyun"),      # 都匀, not Douyun
    ("341500", "Lu'an"),      # 六安
    ("340300", "Bengbu"),     # 蚌埠
    ("510682", "Shifang"),    # 什邡, not Shenfang
    ("411100", "Luohe"),      # 漯河, not Tahe
    ("421303", "Zengdu"),     # 曾都, not Cengdu
    ("310112", "Minhang"),    # 闵行
])
def test_it_fixes_polyphonic_readings(gaz, adcode, name_en):
    assert gaz.get(adcode).name_en == name_en


def test_it_splits_chinese_names_into_base_and_type():
    assert split_zh_name("关岭布依族苗族自治县") == ("关岭", "Autonomous County")
    assert split_zh_name("内蒙古自治区", 1) == ("内蒙古", "Autonomous Region")
    assert split_zh_name("博尔塔拉蒙古自治州") == ("博尔塔拉", "Autonomous Prefecture")
    assert split_zh_name("管城回族区") == ("管城", "District")
    assert split_zh_name("赵县") == ("赵县", "County")
    assert split_zh_name("北京市", 1) == ("北京", "Municipality")


def test_it_loads_fast(gaz):
    started = time.perf_counter()
    Gazetteer()
    assert time.perf_counter() - started < 0.5


# -- resolution: the seed reports ---------------------------------------------------------------


@pytest.mark.parametrize("name, adcode", [
    ("Guangdong", "440000"),
    ("Guangdong Province", "440000"),
    ("Guangxi", "450000"),
    ("Guangxi Zhuang Autonomous Region", "450000"),
    ("Guangzhou", "440100"),
    ("Baise", "451000"),
    ("Baise City", "451000"),
    ("Dongguan", "441900"),
    ("Hechi", "451200"),
    ("Hechi City", "451200"),
    ("Qingdao", "370200"),
    ("Qingdao City", "370200"),
    ("Guizhou", "520000"),
    ("Guizhou Province", "520000"),
    ("Anshun", "520400"),
    ("Anshun City", "520400"),
    ("Tongren", "520600"),
    ("Tongren City", "520600"),
    ("Shinan District", "370202"),
    ("Laoshan District", "370212"),
    ("Chengyang District", "370214"),
    ("Puding County", "520422"),
    ("Guanling County", "520424"),
])
def test_it_resolves_every_place_in_the_seed_reports(gaz, name, adcode):
    assert resolved(gaz, name) == adcode


@pytest.mark.parametrize("name, context", [
    ("Shinan District", "Qingdao"),
    ("Laoshan District", "3702"),
    ("Chengyang District", ["Qingdao", "Guizhou"]),
    ("Shinan District of Qingdao City", None),
    ("Qingdao's Shinan District", None),
])
def test_it_resolves_qingdao_districts_with_context(gaz, name, context):
    assert resolved(gaz, name, context).startswith("3702")


def test_it_resolves_the_misspelt_guangling_county_inside_anshun_or_guizhou(gaz):
    assert resolved(gaz, "Guangling County", "Anshun") == "520424"
    assert resolved(gaz, "Guangling County", ["Guizhou", "Anshun"]) == "520424"
    assert resolved(gaz, "Guangling County", "52") == "520424"
    assert resolved(gaz, "Guangling County, Guizhou Province") == "520424"


def test_it_does_not_silently_pick_guangling_county_without_context(gaz):
    result = gaz.resolve("Guangling County")
    assert result.status == "ambiguous"
    assert {p.adcode for p in result.candidates} == {"140223", "520424"}  # 广灵县 (Shanxi) or 关岭
    assert resolved(gaz, "Guangling County", "Shanxi") == "140223"


def test_it_resolves_historical_names_to_todays_units(gaz):
    pingba = gaz.resolve("Pingba County")
    assert pingba.region.adcode == "520403" and "historical" in pingba.how
    assert resolved(gaz, "Tongren Prefecture") == "520600"
    assert resolved(gaz, "Zunyi County") == "520304"  # 遵义县 → 播州区
    assert resolved(gaz, "平坝县") == "520403"
    assert resolved(gaz, "铜仁地区") == "520600"
    assert resolved(gaz, "襄樊") == "420600"


def test_it_resolves_english_exonyms(gaz):
    assert resolved(gaz, "Inner Mongolia") == "150000"
    assert resolved(gaz, "Inner Mongolia Autonomous Region") == "150000"
    assert resolved(gaz, "Tibet") == "540000"
    assert resolved(gaz, "Xizang Autonomous Region") == "540000"
    assert resolved(gaz, "Xinjiang Uygur Autonomous Region") == "650000"
    assert resolved(gaz, "Hohhot") == "150100"
    assert resolved(gaz, "Shaanxi") == "610000"
    assert resolved(gaz, "Shanxi") == "140000"
    assert resolved(gaz, "Hong Kong") == "810000"


@pytest.mark.parametrize("name, adcode", [
    ("青岛市", "370200"),
    ("青岛", "370200"),
    ("市南区", "370202"),
    ("关岭县", "520424"),
    ("关岭布依族苗族自治县", "520424"),
    ("广西", "450000"),
    ("内蒙古", "150000"),
    ("陕西", "610000"),
    ("长治", "140400"),
    ("青岛市市南区", "370202"),
])
def test_it_resolves_chinese_names(gaz, name, adcode):
    assert resolved(gaz, name) == adcode


def test_it_strips_suffixes_and_ethnic_adjectives(gaz):
    assert resolved(gaz, "Guanling Buyei and Miao Autonomous County") == "520424"
    assert resolved(gaz, "Wenshan Prefecture") == "532600"
    assert resolved(gaz, "Beijing Municipality") == "110000"
    assert resolved(gaz, "Pu'er City") == "530800"
    assert resolved(gaz, "Zhao County") == "130133"


@pytest.mark.parametrize("name, expected", [
    ("Chaoyang District", {"110105", "220104", "440513"}),
    ("Taizhou", {"321200", "331000"}),
    ("Taizhou City", {"321200", "331000"}),
])
def test_it_returns_all_candidates_for_ambiguous_names(gaz, name, expected):
    result = gaz.resolve(name)
    assert result.status == "ambiguous" and result.region is None
    assert {p.adcode for p in result.candidates} == expected


def test_it_disambiguates_with_context(gaz):
    assert resolved(gaz, "Chaoyang District", "Beijing") == "110105"
    assert resolved(gaz, "Chaoyang District", "2201") == "220104"
    assert resolved(gaz, "Taizhou", "Zhejiang") == "331000"


def test_it_prefers_the_higher_level_but_reports_the_others(gaz):
    result = gaz.resolve("Tongren City")
    assert result.region.adcode == "520600"
    assert "632301" in {p.adcode for p in result.candidates}  # 同仁市, Qinghai
    assert "level-preference" in result.how


def test_it_matches_fuzzily_only_inside_the_context(gaz):
    assert resolved(gaz, "Pudin County", "Anshun") == "520422"
    assert gaz.resolve("Pudin County").status == "none"
    # Shinan is a real district elsewhere; 思南县 in Guizhou is a County, so no near-miss wins.
    assert resolved(gaz, "Shinan District", "Guizhou") == "370202"


def test_it_returns_none_for_unknown_names_and_townships(gaz):
    assert gaz.resolve("Atlantis County").status == "none"
    assert gaz.resolve("Laoshan Subdistrict").status == "none"
    assert gaz.resolve("").status == "none"


def test_it_resolves_quickly(gaz):
    names = ["Baise City", "Shinan District", "Guangling County", "Tongren City", "Pingba County",
             "Chaoyang District", "青岛市", "关岭县", "Inner Mongolia", "Taizhou"]
    gaz.resolve("warm-up", "3702")
    started = time.perf_counter()
    for _ in range(20):
        for name in names:
            gaz._cache.clear()
            gaz.resolve(name, "3702")
    per_call = (time.perf_counter() - started) / (20 * len(names))
    assert per_call < 500e-6  # typically ~30 µs; generous for slow CI machines
