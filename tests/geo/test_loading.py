"""Loading the gazetteer into Region rows, and DB-side resolution."""
import pytest
from django.core.management import call_command

from counterpart.geo.gazetteer import get_gazetteer
from counterpart.geo.loading import load_regions
from counterpart.geo.models import Region
from counterpart.geo.resolve import ensure_region, resolve_region


@pytest.mark.django_db
def test_it_loads_every_region_idempotently_with_parents():
    load_regions(progress=False)
    assert load_regions(progress=False) == 0
    assert Region.objects.filter(level__lte=3, active=True).count() == len(get_gazetteer().places)
    guanling = Region.objects.select_related("parent__parent").get(adcode="520424")
    assert guanling.parent.adcode == "520400" and guanling.parent.parent.adcode == "520000"
    assert Region.objects.get(adcode="110105").parent.adcode == "110000"
    assert not Region.objects.filter(level=1, parent__isnull=False).exists()
    assert not Region.objects.filter(level__gt=1, parent__isnull=True).exists()


@pytest.mark.django_db
def test_it_repairs_changed_rows_and_retires_vanished_ones():
    load_regions(progress=False)
    Region.objects.filter(adcode="451000").update(name_en="Wrong", parent=None)
    gone = Region.objects.create(adcode="999999", name_zh="虚构县", name_en="Fictional", level=3)
    assert load_regions(progress=False) == 2
    baise = Region.objects.get(adcode="451000")
    assert (baise.name_en, baise.parent.adcode) == ("Baise", "450000")
    gone.refresh_from_db()
    assert gone.active is False


@pytest.mark.django_db
def test_it_stores_aliases_one_per_line():
    load_regions(progress=False)
    aliases = Region.objects.get(adcode="540000").aliases.splitlines()
    assert "Xizang" in aliases
    assert "平坝县" in Region.objects.get(adcode="520403").aliases.splitlines()


@pytest.mark.django_db
def test_it_resolves_names_to_region_rows():
    load_regions(progress=False)
    result = resolve_region("Guangling County", ["Guizhou", "Anshun"])
    assert result.status == "unique" and result.region.adcode == "520424"
    ambiguous = resolve_region("Chaoyang District")
    assert ambiguous.status == "ambiguous" and ambiguous.region is None
    assert {r.adcode for r in ambiguous.candidates} == {"110105", "220104", "440513"}
    assert resolve_region("Atlantis").status == "none"


@pytest.mark.django_db
def test_it_ensures_a_region_and_its_missing_ancestors():
    load_regions(progress=False)
    Region.objects.filter(adcode__startswith="3702", level=3).delete()
    Region.objects.filter(adcode="370200").delete()
    region = ensure_region("370202")
    assert [r.adcode for r in region.ancestors()] == ["370000", "370200"]
    assert region.parent.name_en == "Qingdao"
    assert ensure_region("370202").pk == region.pk


@pytest.mark.django_db
def test_it_prints_a_resolution_from_the_command(capsys):
    call_command("resolve_place", "Guangling County", "--context", "Anshun")
    out = capsys.readouterr().out
    assert "unique" in out and "520424" in out
