"""Names in the reader's language (counterpart/locale_names.py)."""
from types import SimpleNamespace

from django.utils import translation

from counterpart.locale_names import display_name, in_lang, is_chinese, name_in, unit_label


def test_it_reads_every_spelling_of_chinese_and_the_active_language():
    assert is_chinese("zh-hans") and is_chinese("zh_Hans") and is_chinese("ZH") and not is_chinese("en")
    with translation.override("en"):
        assert not is_chinese()
    with translation.override("zh-hans"):
        assert is_chinese()


def test_it_picks_the_readers_name_and_falls_back_to_the_other():
    region = SimpleNamespace(name_zh="安顺市", name_en="Anshun", full_name_en="Anshun City")
    assert name_in(region, "zh-hans") == "安顺市" and name_in(region, "en") == "Anshun"
    assert display_name(region, "en") == "Anshun City" and display_name(region, "zh") == "安顺市"
    only_en = SimpleNamespace(name_zh="", name_en="Red Star Co")
    assert name_in(only_en, "zh-hans") == "Red Star Co"


def test_it_leaves_a_unit_of_measure_empty_rather_than_in_the_other_language():
    count = SimpleNamespace(unit_zh="人", unit_en="")
    assert unit_label(count, "en") == "" and unit_label(count, "zh-hans") == "人"
    assert in_lang("zh", "。", ".") == "。" and in_lang("en", "。", ".") == "."
