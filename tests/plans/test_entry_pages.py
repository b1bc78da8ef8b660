"""Entering agreements (sections, targets) and annual plans on pages: who may, what bad input says (naming
the field, in the user's language), progress against the plan, and the audit trail."""
import pytest
from django.test import Client

from counterpart.audit.models import Change
from counterpart.pairings.actions import do_create_agreement
from counterpart.plans.actions import do_add_target
from counterpart.plans.models import AgreementSection, AnnualPlan, PlanItem, Target
from tests.plans.helpers import obs
from tests.world import make_world


def login(world, who, lang="en"):
    c = Client()
    c.cookies["django_language"] = lang
    if who:
        c.force_login(world.users[who])
    return c


def framework(world):
    return do_create_agreement(world.qd_gz, "Framework agreement 2021-2025", 2021, 2025, kind="framework")


def changes(model_name):
    return Change.objects.filter(object_type__model=model_name)


@pytest.mark.django_db
class TestAgreementPages:
    def test_an_office_enters_an_agreement_its_sections_and_targets(self):
        world = make_world()
        c = login(world, "qingdao")
        assert c.get(f"/plans/pairings/{world.qd_gz.pk}/").status_code == 200
        response = c.post(f"/plans/pairings/{world.qd_gz.pk}/agreements/new/", {
            "title_en": "Framework agreement 2021-2025", "title_zh": "2021—2025年框架协议", "kind": "framework",
            "period_start": "2021", "period_end": "2025"})
        assert response.status_code == 302
        a = world.qd_gz.agreements.get()
        assert c.post(f"/plans/agreements/{a.pk}/sections/", {
            "kind": "goals", "text_en": "Lift every village out of poverty."}).status_code == 302
        assert c.post(f"/plans/agreements/{a.pk}/targets/new/", {
            "indicator": "gov_aid_funds", "value": "20000000", "qualifier": "exact", "year": "2022",
            "pairing": str(world.shinan_pingba.pk)}).status_code == 302
        target = Target.objects.get()
        assert (target.pairing, target.year, target.value, target.entered_by) == (
            world.shinan_pingba, 2022, 20000000, world.users["qingdao"])
        html = c.get(f"/plans/agreements/{a.pk}/").content.decode()
        assert "Lift every village out of poverty." in html and "20 million yuan" in html
        assert AgreementSection.objects.get().kind == "goals"
        # Every change is in the audit trail, with who made it.
        for model in ("agreement", "agreementsection", "target"):
            assert changes(model).get().user == world.users["qingdao"], model

    def test_a_target_for_an_unknown_indicator_is_refused_naming_the_field(self, english):
        world = make_world()
        a = framework(world)
        response = login(world, "anshun").post(f"/plans/agreements/{a.pk}/targets/new/", {
            "indicator": "happiness_index", "value": "10", "qualifier": "exact", "year": "2022"})
        assert response.status_code == 400
        html = response.content.decode()
        assert "Indicator: “happiness_index” is not an indicator of the catalogue." in html
        assert Target.objects.count() == 0 and not changes("target").exists()

    def test_bad_input_reads_in_chinese_for_a_chinese_user(self):
        world = make_world()
        a = framework(world)
        response = login(world, "qingdao", "zh-hans").post(f"/plans/agreements/{a.pk}/targets/new/", {
            "indicator": "aid_projects", "value": "ten", "qualifier": "exact", "year": "2030"})
        assert response.status_code == 400
        html = response.content.decode()
        assert "“ten”不是数字" in html and "指标" in html
        assert Target.objects.count() == 0

    def test_a_target_outside_the_period_names_the_year(self, english):
        world = make_world()
        a = framework(world)
        response = login(world, "qingdao").post(f"/plans/agreements/{a.pk}/targets/new/", {
            "indicator": "aid_projects", "value": "10", "qualifier": "exact", "year": "2030"})
        assert response.status_code == 400
        assert "Year: 2030 lies outside the agreement&#x27;s period 2021–2025." in response.content.decode()

    def test_an_agreement_without_a_title_is_refused(self, english):
        world = make_world()
        response = login(world, "qingdao").post(f"/plans/pairings/{world.qd_gz.pk}/agreements/new/", {
            "title_en": "", "kind": "framework", "period_start": "2021", "period_end": "2025"})
        assert response.status_code == 400 and "An agreement needs a title." in response.content.decode()

    @pytest.mark.parametrize("who", ["guangzhou", "enterprise", "norole", None])
    def test_others_cannot_enter_targets(self, who):
        world = make_world()
        a = framework(world)
        c = login(world, who)
        assert c.get(f"/plans/pairings/{world.qd_gz.pk}/").status_code == 404
        assert c.post(f"/plans/agreements/{a.pk}/targets/new/", {
            "indicator": "aid_projects", "value": "10", "qualifier": "exact", "year": "2022"}).status_code == 404
        assert c.post(f"/plans/agreements/{a.pk}/sections/", {"kind": "goals", "text_en": "x"}).status_code == 404
        assert Target.objects.count() == 0 and AgreementSection.objects.count() == 0
        assert "target-form" not in c.get(f"/plans/agreements/{a.pk}/").content.decode()


@pytest.mark.django_db
class TestPlanPages:
    def test_a_plan_is_derived_from_the_agreements_targets_in_one_click(self):
        world = make_world()
        a = framework(world)
        do_add_target(a, "gov_aid_funds", "20000000", year=2022)
        do_add_target(a, "aid_projects", "12", year=2022, pairing=world.shinan_pingba)
        do_add_target(a, "aid_projects", "50", year=2023)
        response = login(world, "national").post(f"/plans/agreements/{a.pk}/derive/", {"year": "2022"})
        plan = AnnualPlan.objects.get()
        assert response.status_code == 302 and response["Location"] == f"/plans/annual/{plan.pk}/"
        assert (plan.year, plan.derived_from) == (2022, a)
        assert sorted(plan.items.values_list("indicator__code", "value")) == [("aid_projects", 12),
                                                                               ("gov_aid_funds", 20000000)]
        assert changes("annualplan").get().user == world.users["national"]
        assert changes("planitem").count() == 2

    def test_deriving_a_year_without_targets_says_so(self, english):
        world = make_world()
        a = framework(world)
        response = login(world, "qingdao").post(f"/plans/agreements/{a.pk}/derive/", {"year": "2024"})
        assert response.status_code == 400
        assert "Year: The agreement sets no targets for 2024." in response.content.decode()
        assert AnnualPlan.objects.count() == 0  # nothing half saved

    def test_an_office_enters_a_plan_and_sees_its_progress(self, english):
        world = make_world()
        c = login(world, "anshun")
        response = c.post(f"/plans/pairings/{world.qd_gz.pk}/plans/new/", {"year": "2024"})
        plan = AnnualPlan.objects.get()
        assert response.status_code == 302 and response["Location"] == f"/plans/annual/{plan.pk}/"
        assert c.post(f"/plans/annual/{plan.pk}/items/new/", {
            "indicator": "gov_aid_funds", "value": "4000000", "qualifier": "exact"}).status_code == 302
        obs(world.shinan_pingba, "gov_aid_funds", "1000000", year=2024)  # confirmed, in the subtree
        obs(world.qd_gz, "gov_aid_funds", "9000000", year=2024, status="reported")  # not confirmed: not counted
        html = c.get(f"/plans/annual/{plan.pk}/").content.decode()
        row = html.split('data-indicator="gov_aid_funds"')[1].split("</tr>")[0]
        assert "4 million yuan" in row and "1 million yuan" in row and "25 %" in row
        assert changes("planitem").get().user == world.users["anshun"]

    def test_a_bad_plan_item_is_refused_naming_the_field(self, english):
        world = make_world()
        c = login(world, "qingdao")
        c.post(f"/plans/pairings/{world.qd_gz.pk}/plans/new/", {"year": "2024"})
        plan = AnnualPlan.objects.get()
        response = c.post(f"/plans/annual/{plan.pk}/items/new/", {
            "indicator": "aid_projects", "value": "-3", "qualifier": "exact"})
        assert response.status_code == 400
        assert "Value: A figure cannot be negative (got -3)." in response.content.decode()
        response = c.post(f"/plans/pairings/{world.qd_gz.pk}/plans/new/", {"year": "2024"})
        assert response.status_code == 400 and "already has a plan for 2024" in response.content.decode()
        assert PlanItem.objects.count() == 0 and AnnualPlan.objects.count() == 1

    def test_an_adjustment_on_the_plan_page_shows_planned_and_adjusted_side_by_side(self, english):
        world = make_world()
        c = login(world, "qingdao")
        c.post(f"/plans/pairings/{world.qd_gz.pk}/plans/new/", {"year": "2024"})
        plan = AnnualPlan.objects.get()
        c.post(f"/plans/annual/{plan.pk}/items/new/", {"indicator": "aid_projects", "value": "10",
                                                       "qualifier": "exact"})
        item = PlanItem.objects.get()
        response = c.post(f"/plans/items/{item.pk}/adjust/", {
            "value": "6", "reason_kind": "disaster", "reason": "floods closed the roads", "approved_by": "Qingdao City",
            "approved_on": "2024-07-01", "date_precision": "day", "next": "plan"})
        assert response.status_code == 302 and response["Location"] == f"/plans/annual/{plan.pk}/"
        html = c.get(f"/plans/annual/{plan.pk}/").content.decode()
        row = html.split('data-indicator="aid_projects"')[1].split("</tr>")[0]
        assert row.index("10 projects") < row.index("6 projects")
        assert "floods closed the roads" in html
        assert changes("adjustment").get().user == world.users["qingdao"]
        item.refresh_from_db()
        assert item.value == 10  # the original plan stays

    @pytest.mark.parametrize("who", ["guangzhou", "enterprise", None])
    def test_others_cannot_enter_or_see_the_plan_workspace(self, who):
        world = make_world()
        plan = AnnualPlan.objects.create(pairing=world.qd_gz, year=2024)
        c = login(world, who)
        assert c.post(f"/plans/pairings/{world.qd_gz.pk}/plans/new/", {"year": "2025"}).status_code == 404
        assert c.get(f"/plans/annual/{plan.pk}/").status_code == 404
        assert c.post(f"/plans/annual/{plan.pk}/items/new/", {
            "indicator": "aid_projects", "value": "3", "qualifier": "exact"}).status_code == 404
        assert AnnualPlan.objects.count() == 1 and PlanItem.objects.count() == 0

    def test_the_index_leads_an_office_to_its_pairings(self):
        world = make_world()
        c = login(world, "qingdao")
        html = c.get("/plans/").content.decode()
        assert f"/plans/pairings/{world.qd_gz.pk}/" in html and f"/plans/pairings/{world.gz_bs.pk}/" not in html
        response = c.get("/plans/", {"pairing": str(world.qd_gz.pk)})
        assert response.status_code == 302 and response["Location"] == f"/plans/pairings/{world.qd_gz.pk}/"
