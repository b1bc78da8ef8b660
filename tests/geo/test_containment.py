"""Region within region (counterpart/geo/containment.py): the one rule pairings, forms and imports use."""
from counterpart.geo.containment import region_within, unit_within
from counterpart.geo.models import Region
from tests.helpers import unit


def r(adcode):
    return Region.objects.get(adcode=adcode)


def test_it_finds_a_region_inside_its_ancestors_and_itself(db):
    pingba = r("520403")
    assert region_within(pingba, r("520400")) and region_within(pingba, r("520000"))
    assert region_within(pingba, pingba)


def test_it_refuses_a_region_outside_or_above(db):
    assert not region_within(r("520400"), r("520403"))  # a city is not within its own county
    assert not region_within(r("370202"), r("520000"))
    assert not region_within(None, r("520000")) and not region_within(r("520000"), None)


def test_it_places_units_by_their_regions(db):
    from counterpart.pairings.actions import do_create_organisation

    assert unit_within(unit("520403"), unit("520000"))
    assert not unit_within(unit("370200"), unit("520000"))
    company = do_create_organisation("enterprise", "Red Star Co", "红星公司")
    assert unit_within(company, company) and not unit_within(company, unit("520000"))
