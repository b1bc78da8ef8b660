import pytest
from django.core.exceptions import ValidationError

from counterpart.geo.actions import do_add_locality
from counterpart.geo.models import Level, Region


@pytest.mark.django_db
def test_it_adds_a_village_under_its_county_once():
    puding = Region.objects.get(adcode="520422")
    village = do_add_locality(puding, name_zh="试验村", name_en="Shiyan Village")
    again = do_add_locality(puding, name_zh="试验村")
    assert village.pk == again.pk and village.parent == puding and village.level == Level.VILLAGE
    assert village.adcode.startswith("520422L")


@pytest.mark.django_db
def test_it_refuses_a_township_directly_under_a_province():
    with pytest.raises(ValidationError) as exc:
        do_add_locality(Region.objects.get(adcode="520000"), name_zh="某镇", level=Level.TOWNSHIP)
    assert "parent" in exc.value.message_dict


@pytest.mark.django_db
def test_it_refuses_a_code_outside_the_parent():
    with pytest.raises(ValidationError) as exc:
        do_add_locality(Region.objects.get(adcode="520422"), name_zh="某村", adcode="370202001001")
    assert "adcode" in exc.value.message_dict
