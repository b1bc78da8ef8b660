"""counterpart/ingest/extract/items.py: a sentence's figures as list items sharing their run's verb."""
from counterpart.ingest.extract import extract_facts
from counterpart.ingest.extract.items import items
from counterpart.ingest.extract.numbers import find_quantities


def _items(sentence):
    qs = find_quantities(sentence)
    return [(sentence[i.start:i.end if i.end >= 0 else len(sentence)].strip(),
             sentence[i.run_start:i.run_end if i.run_end >= 0 else len(sentence)].strip()) for i in
            items(sentence, len(sentence), 0, qs)]


def _obs(body):
    text = "Hunan - Guizhou Pairing-off Poverty Alleviation\n\n" + body
    return [(r["indicator"], r["value"]) for r in extract_facts(text, "t.txt") if r["type"] == "observation"]


def test_a_list_shares_the_verb_at_its_head():
    got = _items("It rebuilt 14 villages, 8 schools and 3 clinics.")
    assert [i for i, _ in got] == ["It rebuilt 14 villages", "8 schools", "3 clinics."]
    assert all(run == "It rebuilt 14 villages, 8 schools and 3 clinics." for _, run in got)


def test_a_new_verb_starts_a_new_item_and_run():
    got = _items("It found jobs for 900 people and trained 1,300 herdsmen.")
    assert got[0] == ("It found jobs for 900 people", "It found jobs for 900 people")
    assert got[1][0] == "trained 1,300 herdsmen."
    assert got[1][1] == got[1][0]


def test_a_comma_inside_parentheses_does_not_cut_an_item():
    got = _items("Grants of 6 million Yuan went to 5 counties (cities, districts) of the prefecture, and 20 "
                 "villages were rebuilt.")
    assert got[1][0].startswith("counties (cities, districts) of the prefecture") is False
    assert "5 counties (cities, districts) of the prefecture" in got[1][0]


def test_each_figure_takes_the_cue_of_its_own_item():
    assert _obs("In 2015, Hunan found jobs for 900 people and trained 1,300 herdsmen.") == [
        ("labor_transferred", "900"), ("trainees", "1300")]


def test_outputs_after_the_verb_of_their_run_are_read_with_it():
    assert _obs("In 2015, Hunan newly built 14 villages, 8 schools and 3 clinics.") == [
        ("villages_supported", "14"), ("schools_built", "8"), ("health_facilities_built", "3")]


def test_the_head_noun_may_stand_before_the_figure():
    assert _obs("In 2015, Hunan paved rural highroads of 31 kilometers and terraced farmland of 2,100 mu.") == [
        ("roads_built_km", "31"), ("farmland_mu", "2100")]


def test_the_activity_before_for_decides_person_times():
    assert _obs("In 2015, Hunan organized cadre exchanges for 75 person-times and labor export for "
                "6,200 person-times.") == [("cadres_exchanged", "75"), ("labor_transferred", "6200")]
