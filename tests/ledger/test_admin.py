"""The admin is no side door: ledger records, observations and confirmations are read-only there."""
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client

from counterpart.audit.models import Change
from counterpart.confirmations.actions import confirmation_for
from counterpart.indicators.models import Observation
from counterpart.ledger.kinds import RECORD_MODELS
from tests.world import make_world, report_fund


@pytest.fixture
def admin_client(db):
    client = Client()
    client.force_login(User.objects.create_superuser("root", password="pw-root-12345"))
    return client


def test_it_shows_but_never_saves_a_record_its_figures_or_its_confirmation(admin_client):
    """Issue 12: an admin edit changed a fund allocation's amount but not its figure, wrote no audit row,
    and an admin edit of an observation's status put any value into the public total."""
    world = make_world()
    record = report_fund(world, amount="14000000")
    obs = Observation.objects.get()
    confirmation = confirmation_for(record)
    changes = Change.objects.count()
    assert admin_client.get(f"/admin/ledger/fundallocation/{record.pk}/change/").status_code == 200
    attempts = [
        (f"/admin/ledger/fundallocation/{record.pk}/change/", {"pairing": world.qd_gz.pk, "year": "2024",
                                                              "amount": "1", "qualifier": "exact"}),
        ("/admin/ledger/fundallocation/add/", {"pairing": world.qd_gz.pk, "year": "2024", "amount": "1"}),
        (f"/admin/ledger/fundallocation/{record.pk}/delete/", {"post": "yes"}),
        (f"/admin/indicators/observation/{obs.pk}/change/", {"value": "999", "status": "confirmed"}),
        (f"/admin/confirmations/confirmation/{confirmation.pk}/change/", {"state": "confirmed"}),
    ]
    for path, data in attempts:
        assert admin_client.post(path, data).status_code == 403, path
    record.refresh_from_db()
    obs.refresh_from_db()
    assert record.amount == Decimal(14000000) and obs.value == Decimal(14000000) and obs.status == "reported"
    assert confirmation_for(record).state == "pending" and Change.objects.count() == changes


def test_it_offers_no_add_change_or_delete_for_any_record_kind(admin_client):
    from django.contrib import admin

    for model in [*RECORD_MODELS, Observation]:
        model_admin = admin.site._registry[model]
        request = type("R", (), {"user": User.objects.get(username="root")})()
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)
