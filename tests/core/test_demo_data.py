from decimal import Decimal

from counterpart.demo.loading import load_demo
from counterpart.indicators.models import Observation
from counterpart.ledger.kinds import RECORD_MODELS
from counterpart.pairings.models import Pairing
from counterpart.sources.models import SourceDocument


def counts():
    return (Observation.objects.count(), Pairing.objects.count(), SourceDocument.objects.count(),
            sum(m.objects.count() for m in RECORD_MODELS))


def test_it_loads_both_seed_pairings_with_their_sub_pairings(demo):
    names = {p.name_en for p in Pairing.objects.select_related("donor", "recipient")}
    assert {"Guangdong–Guangxi", "Guangzhou–Baise", "Dongguan–Hechi", "Qingdao–Guizhou"} <= names
    qd = next(p for p in Pairing.objects.all() if p.name_en == "Qingdao–Guizhou")
    assert {c.donor.region.adcode for c in qd.children.all()} == {"370202", "370212", "370214"}
    assert {u.region.adcode for u in qd.focus.all()} == {"520400", "520600"}


def test_it_loads_twice_without_changing_anything(demo):
    before = counts()
    results = load_demo()
    assert all(r["skipped"] for r in results)
    assert counts() == before


def test_it_links_the_qingdao_funds_as_a_total_with_its_parts(demo):
    total = Observation.objects.get(indicator__code="gov_aid_funds", value=Decimal(31250000))
    parts = sorted(p.value for p in total.parts.all())
    assert parts == [Decimal(1850000), Decimal(13000000), Decimal(16400000)]
    planned = total.parts.get(value=Decimal(16400000))
    assert sorted(p.value for p in planned.parts.all()) == [Decimal(2400000), Decimal(14000000)]
    assert sum(parts) == total.value


def test_every_figure_cites_its_sentence(demo):
    for obs in Observation.objects.select_related("span__document"):
        assert obs.span is not None
        assert obs.span.text.strip() and obs.span.text == obs.span.document.text[obs.span.start:obs.span.end]


def test_records_yield_their_observations(demo):
    from counterpart.ledger.models import Donation

    computers = Donation.objects.get(item="computers")
    obs = {o.indicator.code: o.value for o in Observation.objects.filter(record_id=computers.pk, slot__in=["amount", "items"],
                                                                          record_type__model="donation")}
    assert obs == {"social_donations": Decimal(100000), "donated_items": Decimal(30)}


def test_the_demo_logins_are_printed_with_the_address_make_run_serves_on(db, monkeypatch):
    import io

    from django.core.management import call_command

    monkeypatch.setenv("HOST", "0.0.0.0")
    monkeypatch.setenv("PORT", "8123")
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "http://0.0.0.0:8123/accounts/login/" in out.getvalue()
