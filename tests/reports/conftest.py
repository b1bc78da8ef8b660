import pytest


@pytest.fixture
def demo_facts(demo):
    """The demo data with the reports' read model rebuilt."""
    from counterpart.reports.summary import refresh

    refresh()
    return demo


def find(name):
    from counterpart.pairings.actions import find_pairing

    return find_pairing(name)
