"""counterpart/ingest/extract/money.py: the kind of money from its source, its noun and its giver."""
from counterpart.ingest.extract import extract_facts
from counterpart.ingest.extract.money import kind_of_noun, kind_of_source


def _obs(body):
    text = "Hunan - Guizhou Pairing-off Poverty Alleviation\n\n" + body
    return [(r["indicator"], r["value"]) for r in extract_facts(text, "t.txt") if r["type"] == "observation"]


def test_nouns_and_sources_have_kinds():
    assert kind_of_noun("anti-poverty funds") == "gov_aid_funds"
    assert kind_of_noun("material donations") == "social_donations"
    assert kind_of_noun("investment") == "enterprise_investment"
    assert kind_of_source("the provincial finance") == "gov_aid_funds"
    assert kind_of_source("enterprises and individuals") == "social_donations"
    assert kind_of_source("prefecture-level cities and enterprises") == "mixed"
    assert kind_of_source("the weather") is None


def test_a_government_that_donates_gives_aid_and_its_parts_follow_their_sources():
    assert _obs("In 2015, Hunan Provincial Government donated 30 million Yuan to Guizhou, of which 22 million Yuan "
                "came from the provincial finance and 8 million Yuan from the cities.") == [
        ("gov_aid_funds", "30000000"), ("gov_aid_funds", "22000000"), ("gov_aid_funds", "8000000")]


def test_society_that_donates_gives_donations():
    assert _obs("In 2015, entrepreneurs of Hunan donated 3 million Yuan to Guizhou.") == [
        ("social_donations", "3000000")]


def test_enterprises_that_invest_make_investment():
    assert _obs("In 2015, 12 enterprises of Hunan invested 400 million Yuan in Guizhou.")[-1] == (
        "enterprise_investment", "400000000")


def test_investment_in_aid_projects_is_not_enterprise_investment():
    got = _obs("In 2015, Hunan implemented 40 projects with investment of 25 million Yuan.")
    assert ("aid_projects", "40") in got
    assert ("enterprise_investment", "25000000") not in got


def test_labour_income_and_a_bare_sum_that_continues_the_money_before():
    got = _obs("In 2015, Hunan allocated 10 million Yuan of aid funds to Guizhou. In addition, 2 million Yuan went "
               "to Lhasa of Tibet. The transferred workers earned a net income of 90 million Yuan.")
    assert got == [("gov_aid_funds", "10000000"), ("gov_aid_funds", "2000000"), ("labor_service_income", "90000000")]
