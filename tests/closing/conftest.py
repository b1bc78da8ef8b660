import pytest


@pytest.fixture
def demo_world(demo):
    """The demo data with the demo accounts; Qingdao–Guizhou is the walkthrough's pairing."""
    from django.contrib.auth.models import User

    from counterpart.accounts.demo_users import create_demo_users
    from counterpart.pairings.actions import find_pairing

    create_demo_users()
    users = {u.username: u for u in User.objects.all()}
    return {"users": users, "qd_gz": find_pairing("Qingdao-Guizhou")}


def report_and_confirm(users, pairing, amount, year=2011):
    """qingdao reports a fund allocation in the pairing, anshun confirms it."""
    from counterpart.confirmations.actions import confirmation_for, do_confirm, do_report_record
    from counterpart.ledger.models import FundAllocation

    record, _ = do_report_record(users["qingdao"], FundAllocation, pairing=pairing, year=year,
                                 donor=pairing.donor, amount=amount)
    do_confirm(users["anshun"], confirmation_for(record))
    return record
