"""The plan pages: ranking, scorecard (planned, adjusted, actual side by side), weights, adjustments."""
import pytest
from django.contrib.auth.models import User
from django.test import Client

from counterpart.pairings.actions import find_pairing
from counterpart.plans.models import Adjustment, AssessmentWeights, PlanItem

OFFICES = {"national": None, "qingdao": "370200", "guangzhou": "440100"}


def office_user(username):
    """A demo-like account without hashing a password (hashing is the slow part of creating users)."""
    from counterpart.accounts.models import Profile, Role
    from tests.helpers import unit

    user = User.objects.get_or_create(username=username)[0]  # the demo loader makes the offices' accounts
    region = OFFICES[username]
    Profile.objects.update_or_create(user=user, defaults={
        "role": Role.NATIONAL if region is None else Role.OFFICE, "unit": unit(region) if region else None})
    return user


def client(lang="en", username=None):
    c = Client()
    c.cookies["django_language"] = lang
    if username:
        c.force_login(office_user(username))
    return c


@pytest.mark.django_db
class TestPages:
    def test_the_ranking_lists_both_seed_pairings_with_the_weights_version(self, demo):
        html = client().get("/plans/2011/").content.decode()
        assert "Qingdao–Guizhou" in html and "Guangdong–Guangxi" in html and "Weights version 1" in html

    def test_the_scorecard_shows_planned_adjusted_and_actual_side_by_side(self, demo):
        qd = find_pairing("Qingdao-Guizhou")
        html = client().get(f"/plans/2011/pairings/{qd.pk}/").content.decode()
        row = html.split('data-indicator="gov_aid_funds"')[1].split("</tr>")[0]
        assert row.index("16.4 million yuan") < row.index("31.25 million yuan")
        assert row.count("31.25 million yuan") == 2  # adjusted and actual
        assert "drought" in html and "Qingdao City" in html
        assert "a total of 31.25 million Yuan was allocated" in html  # the evidence's source sentence

    def test_the_pages_read_in_chinese(self, demo):
        qd = find_pairing("Qingdao-Guizhou")
        html = client("zh-hans").get(f"/plans/2011/pairings/{qd.pk}/").content.decode()
        assert "1640万元" in html and "3125万元" in html and "青岛" in html

    @pytest.mark.parametrize("fmt,ctype", [("xlsx", "spreadsheetml"), ("csv", "text/csv"), ("pdf", "pdf"),
                                           ("docx", "wordprocessingml"), ("json", "json")])
    def test_the_exports_download(self, demo, fmt, ctype):
        response = client().get(f"/plans/2011/export.{fmt}?lang=zh-hans")
        assert response.status_code == 200 and ctype in response["Content-Type"]
        assert "assessment-2011-zh" in response["Content-Disposition"]

    def test_a_year_without_plans_says_so(self, demo):
        html = client().get("/plans/2019/").content.decode()
        assert "No pairing has a plan for 2019" in html

    def test_the_agreement_page_keeps_its_sections_and_invents_no_targets(self, demo):
        outline = find_pairing("Guangdong-Guangxi").agreements.get()
        html = client().get(f"/plans/agreements/{outline.pk}/").content.decode()
        assert "development-oriented poverty reduction" in html
        assert "The sources state no targets" in html


@pytest.mark.django_db
class TestAdjustingAndWeighting:
    def funds_item(self):
        return PlanItem.objects.get(indicator__code="gov_aid_funds", plan__year=2011)

    def post_adjustment(self, c, **changes):
        data = {"value": "30000000", "reason_kind": "cost", "reason": "cheaper wells", "approved_by": "Qingdao City",
                "approved_on": "2011-10-01", "date_precision": "day", **changes}
        return c.post(f"/plans/items/{self.funds_item().pk}/adjust/", data)

    def test_an_office_of_the_pairing_adjusts_its_plan(self, demo):
        response = self.post_adjustment(client(username="qingdao"))
        assert response.status_code == 302
        assert Adjustment.objects.count() == 2

    def test_an_adjustment_without_a_reason_is_refused_on_the_page(self, demo):
        response = self.post_adjustment(client(username="qingdao"), reason="")
        assert response.status_code == 400
        assert "needs its reason explained" in response.content.decode()
        assert Adjustment.objects.count() == 1

    def test_others_cannot_adjust_someone_elses_plan(self, demo):
        assert self.post_adjustment(client(username="guangzhou")).status_code == 404
        assert self.post_adjustment(client()).status_code == 404
        assert Adjustment.objects.count() == 1

    def test_the_national_office_sets_new_weights_as_a_new_version(self, demo):
        c = client(username="national")
        response = c.post("/plans/weights/", {"w_gov_aid_funds": "60", "w_aid_projects": "40",
                                              "lag_margin": "0.05"})
        assert response.status_code == 302
        assert AssessmentWeights.objects.order_by("-version").first().version == 2

    def test_weights_that_do_not_add_up_are_refused_on_the_page(self, demo):
        response = client(username="national").post("/plans/weights/", {
            "w_gov_aid_funds": "60", "w_aid_projects": "30", "lag_margin": "0.1"})
        assert response.status_code == 400 and "add up to 0.9 (90 %)" in response.content.decode()
        assert AssessmentWeights.objects.count() == 1

    def test_weights_are_a_form_per_indicator_in_the_readers_language(self, demo):
        latest = AssessmentWeights.objects.order_by("-version").first()
        page = client("zh-hans", username="national").get("/plans/weights/").content.decode()
        assert "财政帮扶资金" in page and "gov_aid_funds" not in page.split('name="w_gov_aid_funds"')[0].split(
            "<form")[-1].replace('for="id_w_gov_aid_funds"', "")
        for code, weight in latest.weights.items():
            shown = format((__import__("decimal").Decimal(weight) * 100).normalize(), "f")
            assert f'name="w_{code}" value="{shown}"' in page
        assert "权重（%）" in page and "合计" in page

    def test_a_bad_weight_is_named_by_its_indicator_and_nothing_is_saved(self, demo):
        response = client("zh-hans", username="national").post("/plans/weights/", {
            "w_gov_aid_funds": "六十", "w_aid_projects": "140", "lag_margin": "0.1"})
        page = response.content.decode()
        assert response.status_code == 400 and "财政帮扶资金: " in page and "帮扶项目" in page
        assert AssessmentWeights.objects.count() == 1

    def test_only_the_national_office_sets_weights(self, demo):
        response = client(username="qingdao").post("/plans/weights/", {"w_aid_projects": "100",
                                                                        "lag_margin": "0.1"})
        assert response.status_code == 403 and AssessmentWeights.objects.count() == 1


@pytest.mark.django_db
class TestRankingPage:
    def _three(self):
        from tests.helpers import pairing
        from tests.plans.helpers import obs, plan, weights

        weights(aid_projects="1")
        a = pairing("370200", "520000", "city_province", 2011)
        b = pairing("440100", "451000", "city_city", 2011)
        c = pairing("441900", "451200", "city_city", 2011)
        idle = pairing("370202", "520403", "county_county", 2011, parent=a)
        for p, done in ((a, "5"), (b, "10"), (c, "10")):
            plan(p, aid_projects="10")
            obs(p, "aid_projects", done)
        return a, b, c, idle

    def test_ties_are_marked_and_pairings_without_a_plan_are_listed(self):
        a, b, c, idle = self._three()
        html = client("zh-hans").get("/plans/2013/").content.decode()
        row = lambda p: html.split(f'<tr data-pairing="{p.pk}">')[1].split("</tr>")[0]
        assert '<td class="rank">并列1</td>' in row(b) and '<td class="rank">并列1</td>' in row(c)
        assert '<td class="rank">3</td>' in row(a) and '<td class="rank-in-level">1</td>' in row(a)
        missing = html.split('id="without-plan"')[1]
        assert "2013年未制定计划的结对关系：1 个" in missing and f'data-pairing="{idle.pk}"' in missing
        assert "市南区" in missing.split(f'data-pairing="{idle.pk}"')[1].split("</li>")[0]

    def test_the_missing_list_follows_the_level_filter(self):
        _a, _b, _c, idle = self._three()
        html = client("en").get("/plans/2013/?level=city_city").content.decode()
        assert "0 pairings without a plan for 2013" in html and f'data-pairing="{idle.pk}"' not in html
