"""The 2011 scorecards of the two seed pairings read against the seed reports' figures."""
from decimal import Decimal

import pytest
from django.core.management import call_command

from counterpart.pairings.actions import find_pairing
from counterpart.plans.assessment import assess
from counterpart.plans.models import Adjustment, AnnualPlan, AssessmentWeights, PlanItem


def items_by_code(result, card):
    return {result.indicators[i.indicator_id].code: i for i in card.items}


@pytest.mark.django_db
class TestSeedScorecards:
    def test_it_scores_qingdao_on_the_adjusted_plan_and_keeps_the_original(self, demo):
        result = assess(2011)
        qd = find_pairing("Qingdao-Guizhou")
        card = result.by_pairing(qd.pk)
        funds = items_by_code(result, card)["gov_aid_funds"]
        assert funds.planned == Decimal(16400000)
        assert funds.adjusted == Decimal(31250000)
        assert funds.actual == Decimal(31250000)  # the total; 16.4 million and its parts are not added
        assert funds.rate == 1
        assert items_by_code(result, card)["villages_supported"].actual == 24
        assert card.score == 100 and not card.lagging

    def test_the_drought_adjustment_carries_its_reason_and_source(self, demo):
        adj = Adjustment.objects.get(item__plan__pairing=find_pairing("Qingdao-Guizhou"))
        assert adj.reason_kind == "disaster" and "drought" in adj.reason
        assert adj.approved_when == "2011"
        assert "increased municipal financial relief funds by 13 million Yuan" in adj.span.text

    def test_it_scores_guangdong_on_the_annual_tasks(self, demo):
        result = assess(2011)
        card = result.by_pairing(find_pairing("Guangdong-Guangxi").pk)
        got = {code: (i.planned, i.actual, i.rate) for code, i in items_by_code(result, card).items()}
        assert got == {"aid_projects": (23, 23, 1), "training_courses": (2, 2, 1), "trainees": (200, 200, 1)}
        assert card.score == 100

    def test_both_seed_pairings_are_ranked_with_the_weights_version_shown(self, demo):
        result = assess(2011)
        assert result.weights.version == 1
        assert [c.rank for c in result.scorecards] == [1, 1]
        assert {c.rank_in_level for c in result.scorecards} == {1}

    def test_no_five_year_targets_are_invented_for_the_agreements(self, demo):
        from counterpart.plans.models import Target

        assert Target.objects.count() == 0
        outline = find_pairing("Guangdong-Guangxi").agreements.get()
        assert [s.kind for s in outline.sections.all()] == ["guiding_ideas"]

    def test_loading_the_demo_twice_changes_nothing(self, demo):
        from counterpart.demo.loading import load_demo

        before = (AnnualPlan.objects.count(), PlanItem.objects.count(), Adjustment.objects.count(),
                  AssessmentWeights.objects.count())
        load_demo()
        assert before == (2, 5, 1, 1)
        assert (AnnualPlan.objects.count(), PlanItem.objects.count(), Adjustment.objects.count(),
                AssessmentWeights.objects.count()) == before

    def test_the_evidence_points_at_the_seed_sentences(self, demo):
        from counterpart.plans.assessment import item_evidence

        result = assess(2011)
        qd = find_pairing("Qingdao-Guizhou")
        card = result.by_pairing(qd.pk)
        evidence = item_evidence(result, card)
        funds = items_by_code(result, card)["gov_aid_funds"]
        [obs] = evidence[funds.item_id]
        assert obs.span.text.startswith("a total of 31.25 million Yuan was allocated")


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
class TestAssessCommand:
    def test_it_prints_the_scorecards_in_english(self, demo, capsys):
        call_command("assess", "--year", "2011")
        out = capsys.readouterr().out
        assert "Qingdao–Guizhou" in out and "16.4 million yuan" in out and "31.25 million yuan" in out
        assert "Weights version 1" in out

    def test_it_prints_the_scorecards_in_chinese(self, demo, capsys):
        call_command("assess", "--year", "2011", "--lang", "zh")
        out = capsys.readouterr().out
        assert "青岛市—贵州省" in out or "青岛" in out
        assert "1640万元" in out and "3125万元" in out and "完成率" in out

    @pytest.mark.parametrize("fmt", ["csv", "xlsx", "docx", "pdf", "json", "text"])
    @pytest.mark.parametrize("lang", ["en", "zh"])
    def test_it_writes_every_format_in_both_languages(self, demo, tmp_path, fmt, lang):
        out = tmp_path / f"a.{fmt}"
        call_command("assess", "--year", "2011", "--lang", lang, "--format", fmt, "-o", str(out))
        data = out.read_bytes()
        if fmt == "xlsx":
            from openpyxl import load_workbook

            wb = load_workbook(out)
            rows = list(wb["scorecards"].iter_rows(values_only=True))
            assert rows[0][3] == ("指标" if lang == "zh" else "Indicator")
            assert any(r[6] == 31250000 and r[5] == 16400000 for r in rows[1:])  # planned, adjusted: numbers
        elif fmt == "docx":
            import docx

            text = "\n".join(c.text for t in docx.Document(out).tables for r in t.rows for c in r.cells)
            assert ("3125万元" if lang == "zh" else "31.25 million yuan") in text
        elif fmt == "pdf":
            assert data.startswith(b"%PDF") and (b"STSong-Light" in data) == (lang == "zh")
        else:
            text = data.decode("utf-8-sig")
            assert ("调整后" if lang == "zh" else "Adjusted") in text
            assert "31250000" in text or "3125万元" in text or "31.25 million" in text

    def test_it_writes_one_pairings_scorecard(self, demo, capsys):
        call_command("assess", "--year", "2011", "--pairing", "Qingdao-Guizhou")
        out = capsys.readouterr().out
        assert "Scorecard 2011: Qingdao–Guizhou" in out and "Guangdong" not in out.split("Evidence")[0]

    def test_it_says_when_no_weights_are_set(self, db):
        from django.core.management.base import CommandError

        with pytest.raises(CommandError, match="not set assessment weights"):
            call_command("assess", "--year", "2011")
