"""Pairings named as people write them in a spreadsheet or a command: English or Chinese, any dash."""
import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from counterpart.pairings.actions import find_pairing
from tests.world import make_world


@pytest.mark.parametrize("name", ["Qingdao-Guizhou", "qingdao – guizhou", "青岛市—贵州省", "青岛市-贵州省",
                                  "青岛－贵州", "青岛—贵州", "Qingdao to Guizhou"])
def test_it_finds_a_pairing_by_its_english_or_chinese_name(db, name):
    world = make_world()
    assert find_pairing(name) == world.qd_gz


def test_it_finds_a_county_pairing_by_its_chinese_names(db):
    world = make_world()
    assert find_pairing("市南区-平坝区") == world.shinan_pingba
    assert find_pairing(str(world.shinan_pingba.pk)) == world.shinan_pingba


@pytest.mark.parametrize("name", ["安顺市-青岛市", "Nowhere-Never", "99999999999999999999999", "青岛市"])
def test_an_unknown_name_is_refused_in_chinese_with_a_chinese_example(db, name):
    make_world()
    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        find_pairing(name)
    message = exc.value.message_dict["pairing"][0]
    assert "结对关系" in message and "Qingdao" not in message
