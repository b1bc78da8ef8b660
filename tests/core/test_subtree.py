"""One subtree walk (counterpart/pairings/models.subtree), and descendant_ids built on it."""
from counterpart.pairings.models import subtree
from tests.helpers import pairing


def test_it_walks_a_pairings_tree_down_and_keeps_the_pairing_first(db):
    top = pairing("370200", "520000", "city_province", 2011)
    mid = pairing("370202", "520400", "other", 2011, parent=top)
    low = pairing("370202", "520403", "county_county", 2011, parent=mid)
    other = pairing("440100", "451000", "city_city", 2011)
    assert set(subtree([top.pk]).values_list("pk", flat=True)) == {top.pk, mid.pk, low.pk}
    assert set(subtree([mid.pk, other.pk]).values_list("pk", flat=True)) == {mid.pk, low.pk, other.pk}
    assert top.descendant_ids()[0] == top.pk and sorted(top.descendant_ids()) == sorted([top.pk, mid.pk, low.pk])
    assert low.descendant_ids() == [low.pk]
