"""The browsing pages of the foundation: pairings, their figures with sources, documents."""
from django.urls import reverse

from counterpart.indicators.models import Observation, Status
from counterpart.pairings.models import Pairing


def qingdao(demo_pairings=None):
    return next(p for p in Pairing.objects.select_related("donor", "recipient") if p.name_en == "Qingdao–Guizhou")


def test_it_lists_the_seed_pairings_and_their_sub_pairings(client, demo):
    page = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for name in ("Guangdong–Guangxi", "Qingdao–Guizhou"):  # the top of each tree
        assert name in page
    assert "Shinan–Pingba" not in page  # its parent's page lists it, and a search finds it
    assert "Shinan–Pingba" in client.get(reverse("pairing", args=[qingdao().pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    found = client.get(reverse("home") + "?level=city_city", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for name in ("Guangzhou–Baise", "Dongguan–Hechi"):
        assert name in found


def test_it_shows_every_figure_with_its_source_sentence(client, demo):
    p = qingdao()
    page = client.get(reverse("pairing", args=[p.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for obs in Observation.objects.filter(pairing_id__in=p.descendant_ids()).select_related("span"):
        assert obs.span.text.replace("“", "&ldquo;")[:40] in page or obs.span.text[:40] in page


def test_it_shows_the_public_only_confirmed_figures(client, demo, django_user_model):
    p = qingdao()
    obs = Observation.objects.filter(pairing=p, indicator__code="twinned_units").get()
    obs.status = Status.REPORTED
    obs.save()
    page = client.get(reverse("pairing", args=[p.pk])).content.decode()
    assert 'data-indicator="twinned_units"' not in page
    from counterpart.accounts.models import Profile, Role

    national = django_user_model.objects.create(username="nat")
    Profile.objects.create(user=national, role=Role.NATIONAL)
    client.force_login(national)
    page = client.get(reverse("pairing", args=[p.pk])).content.decode()
    assert 'data-indicator="twinned_units"' in page


def test_it_highlights_the_evidence_in_the_document(client, demo):
    obs = Observation.objects.select_related("span__document").first()
    page = client.get(reverse("document", args=[obs.span.document_id])).content.decode()
    assert f'<mark id="s{obs.span.start}-{obs.span.end}">' in page


def test_it_answers_404_for_a_pairing_that_does_not_exist(client, db):
    assert client.get(reverse("pairing", args=[999999])).status_code == 404


def test_it_shows_the_interface_in_chinese(client, demo):
    client.cookies["django_language"] = "zh-hans"
    page = client.get(reverse("pairing", args=[qingdao().pk]), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "青岛市—贵州省" in page or "青岛—贵州" in page
