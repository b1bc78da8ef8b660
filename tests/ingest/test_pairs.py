"""counterpart/ingest/extract/pairs.py: pairings stated with a predicate and a list of units."""
from counterpart.ingest.extract import extract_facts


def _pairs(text):
    return {(r["donor"]["name"], r["recipient"]["name"]) for r in extract_facts(text, "t.txt") if r["type"] == "pairing"}


def test_every_unit_of_a_list_after_the_predicate_is_paired():
    text = ("Hunan - Guizhou Pairing-off Poverty Alleviation\n\nSince 1998, Hunan Province has undertaken the task of "
            "helping 9 poor counties (cities, districts) of Zunyi and Tongren in Guizhou Province.")
    assert {("Hunan Province", "Zunyi"), ("Hunan Province", "Tongren")} <= _pairs(text)


def test_regions_that_only_locate_an_item_are_not_paired():
    text = ("Hunan - Guizhou Pairing-off Poverty Alleviation\n\nIn 2015, Hunan was twinned with Zunyi City of Guizhou "
            "Province and Nagqu of Tibet in the pairing-off work.")
    pairs = _pairs(text)
    assert ("Hunan", "Zunyi City") in pairs and ("Hunan", "Nagqu") in pairs
    assert not any(r in ("Tibet", "Guizhou Province") for _, r in pairs)


def test_designated_units_pair_with_their_objects_and_respectively_zips_lists():
    text = ("Hunan - Guizhou Pairing-off Poverty Alleviation\n\nHunan designated Changsha to support Zunyi and Zhuzhou "
            "to support Tongren. Xiangtan and Hengyang were paired respectively with Bijie in 2003 and Anshun in 2005.")
    pairs = _pairs(text)
    assert {("Changsha", "Zunyi"), ("Zhuzhou", "Tongren"), ("Xiangtan", "Bijie"), ("Hengyang", "Anshun")} <= pairs
    assert ("Changsha", "Tongren") not in pairs and ("Xiangtan", "Anshun") not in pairs



def test_an_entry_whose_title_names_no_pair_falls_back_to_the_regions_it_names_most():
    text = ("Overview of the Work in 2015\n\nIn 2015, Jiangsu allocated 30 million Yuan of aid funds to Guizhou. Jiangsu "
            "also sent 40 teachers to Guizhou, and Guizhou sent 12 cadres to Jiangsu. Sichuan was visited once.")
    facts = extract_facts(text, "t.txt")
    assert {(r["donor"]["name"], r["recipient"]["name"]) for r in facts if r["type"] == "pairing"} == {("Jiangsu", "Guizhou")}
    money = next(r for r in facts if r["type"] == "observation")
    assert (money["donor"]["name"], money["recipient"][0]["name"]) == ("Jiangsu", "Guizhou")
