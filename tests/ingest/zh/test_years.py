"""The report year and the time frames of Chinese reports."""
import pytest

from counterpart.ingest.extract.zh.years import TIME_RE, Frame, explicit_years, frame_of, report_year


def frame(text, doc_year=2020, current=None):
    m = TIME_RE.search(text)
    return frame_of(m, text, doc_year, current or Frame(doc_year))


@pytest.mark.parametrize("text, year, period", [
    ("帮扶4年来,累计投入", 2020, "2017-2020"),
    ("2016年以来,累计投入", 2020, "2016-2020"),
    ("截至2017年底,累计引进", 2017, None),
    ("“十二五”期间,累计投入", 2015, "2011-2015"),
    ("1996年至2014年,共投入", 2014, "1996-2014"),
    ("2018年、2019年引进12家企业", 2019, "2018-2019"),
    ("今年,安排资金", 2020, None),
    ("去年,援建学校", 2019, None),
    ("去年以来,100多名", 2020, "2019-2020"),
])
def test_time_phrases_set_the_frame(text, year, period):
    f = frame(text)
    assert (f.year, f.period) == (year, period)


def test_a_comparison_sets_no_frame():
    current = Frame(2019)
    assert frame("较去年增长25.3%", 2019, current) is current


def test_a_count_is_never_a_year():
    assert explicit_years("实施帮扶项目2046个,2019年完成") == [2019]


@pytest.mark.parametrize("text, year", [
    ("本报河池讯 5月14日,东莞市捐赠。这是东莞市连续18年对口帮扶河池市。从1996年起,两省区开始扶贫协作。", 2014),
    ("1996年,福建、宁夏两省区建立对口扶贫协作关系。19年来,东西扶贫协作不断深入。", 2015),
    ("从2013年开始,杭州和黔东南加强合作。5年来,累计实施394个项目。去年以来,……", 2018),
    ("2010年,江苏省投入资金。2010年援建学校。2009年的基础上。", 2010),
])
def test_the_report_year_without_a_page_date(text, year):
    assert report_year(text, [], explicit_years(text)) == year


def test_the_page_date_wins():
    assert report_year("2019年,……", [2020], [2019]) == 2020
