from decimal import Decimal

import pytest

from counterpart.indicators.models import Observation, Status
from counterpart.reports.annual import annual_data, annual_document
from counterpart.reports.document import Para, Ref, Table
from tests.reports.conftest import find


def _subtree_observations(pairing):
    return Observation.objects.filter(pairing_id__in=pairing.descendant_ids(), year=2011).exclude(
        status=Status.WITHDRAWN).select_related("span")


@pytest.mark.parametrize("name", ["Qingdao-Guizhou", "Guangdong–Guangxi"])
@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_it_carries_every_figure_of_the_seed_report_with_its_sentence(demo_facts, name, lang):
    pairing = find(name)
    doc = annual_document(annual_data(pairing, 2011), lang)
    cited = {n.n: n for n in doc.notes}
    referenced = {r.n for b in doc.blocks if isinstance(b, Para) for r in b.runs if isinstance(r, Ref)}
    for obs in _subtree_observations(pairing):
        quote = obs.span.text.strip()
        notes = [n for n in cited.values() if f"“{quote}”" in n.text]
        assert notes, f"{obs} has no note citing its sentence"
        assert notes[0].n in referenced
        assert f"#s{obs.span.start}-{obs.span.end}" in notes[0].url


def test_it_shows_the_qingdao_funds_as_a_total_with_its_parts(demo_facts):
    doc = annual_document(annual_data(find("Qingdao-Guizhou"), 2011), "en")
    funds = next(t for t in doc.tables() if t.sheet == "Funds")
    rows = [(depth, row[1]) for depth, row in zip(funds.indent, funds.rows)]
    assert (0, Decimal(31250000)) in rows
    assert (1, Decimal(16400000)) in rows and (2, Decimal(14000000)) in rows
    assert (1, Decimal(13000000)) in rows and (1, Decimal(1850000)) in rows
    figures = next(t for t in doc.tables() if t.sheet == "Figures")
    money = next(r for r in figures.rows if r[0] == "Government aid funds")
    assert money[1] == Decimal(31250000)  # not 31.25 + 16.4 + 13 + 1.85
    text = " ".join(r for b in doc.blocks if isinstance(b, Para) for r in b.runs if isinstance(r, str))
    assert "31.25 million yuan" in text and "Of which" in text


def test_it_writes_the_chinese_report_in_chinese(demo_facts):
    doc = annual_document(annual_data(find("Qingdao-Guizhou"), 2011), "zh-hans")
    text = "".join(r for b in doc.blocks if isinstance(b, Para) for r in b.runs if isinstance(r, str))
    assert "3125万元" in text and "其中" in text
    assert doc.title.startswith("青岛")


@pytest.mark.usefixtures("english")
def test_it_refuses_a_year_without_figures_and_an_unknown_pairing(demo_facts):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="no figures for 2015"):
        annual_data(find("Qingdao-Guizhou"), 2015)
    with pytest.raises(ValidationError, match="no pairing called"):
        annual_data("Atlantis-Guizhou", 2011)


def test_it_marks_unconfirmed_figures(demo_facts):
    from counterpart.reports.summary import refresh

    Observation.objects.filter(value=Decimal(98)).update(status=Status.REPORTED)
    refresh()
    doc = annual_document(annual_data(find("Qingdao-Guizhou"), 2011), "en")
    assert any("awaiting confirmation" in n.text for n in doc.notes)
    figures = next(t for t in doc.tables() if isinstance(t, Table) and t.sheet == "Figures")
    trainees = next(r for r in figures.rows if r[0] == "Trainees")
    assert trainees[1] is None and trainees[2] == Decimal(98) and trainees[-1] == 1
