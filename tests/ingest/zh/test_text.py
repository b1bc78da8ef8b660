"""Script, language, furniture, title and sentences of Chinese reports."""
from counterpart.ingest.extract.zh.text import find_title, is_chinese, is_furniture, paragraphs, simplified


def test_traditional_script_is_read_character_for_character():
    trad = "浙江省紮實推進東西部扶貧協作工作,安排幫扶資金24.7億元;增派掛職幹部138名。"
    simp = simplified(trad)
    assert len(simp) == len(trad)
    assert "帮扶资金24.7亿元" in simp and "挂职干部138名" in simp


def test_full_width_digits_and_punctuation_become_ascii_in_place():
    assert simplified("投入资金１２００万元，其中") == "投入资金1200万元,其中"


def test_language():
    assert is_chinese("2019年,山东省向重庆市拨付财政援助资金6.6亿元。")
    assert not is_chinese("In 2009, Shandong helped Xinjiang construct 39 projects (山东).")


def test_page_furniture_is_recognised():
    for line in ("当前位置:首页 > 大众日报 > 县域", "热门关键词:  杏林镇  怀远县  莲花寺", "EN", "https://www.gov.cn/",
                 "2019年12月12日 10:40:01", "[责任编辑: 金鑫 ]", "中乡网", "掃一掃在手機打開當前頁"):
        assert is_furniture(simplified(line)), line
    assert not is_furniture("2010年,江苏省投入无偿援助资金3559万元。")


def test_title_skips_menus_and_stops_at_prose():
    text = "中乡网\n\n热门关键词:  杏林镇  怀远县\n\n西双版纳州92个贫困村 上海帮扶全覆盖\n\n正文,第一句。"
    title = find_title(text)
    assert text[title.start:title.end] == "西双版纳州92个贫困村 上海帮扶全覆盖"
    assert find_title("今年以来,山东省扶贫协作重庆干部管理组在省委的领导下,推动工作。\n标题") is None


def test_sentences_and_clauses_keep_brackets_whole():
    text = "该市11个镇对口帮扶河池11个县(市、区),两市并肩战斗。下一句"
    (para,) = paragraphs(text)
    first = para.sentences[0]
    assert [text[c.start:c.end] for c in first.clauses] == ["该市11个镇对口帮扶河池11个县(市、区)", "两市并肩战斗。"]
