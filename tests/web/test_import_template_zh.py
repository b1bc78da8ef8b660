"""Spreadsheet entry in Chinese: the template an office downloads (Chinese headers, drop-downs, the allowed
values, a filled example) and the file it sends back, with Chinese headers, labels and pairing names."""
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from counterpart.ledger.models import FundAllocation, Project
from tests.world import make_world, signed_in


def _template(client, kind="fund_allocation"):
    response = client.get(f"/import/{kind}/template.xlsx")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def test_the_chinese_template_speaks_chinese_and_offers_drop_downs(db):
    world = make_world()
    wb = _template(signed_in(world, "qingdao", "zh-hans"))
    assert wb.sheetnames == ["财政帮扶资金", "说明", "填写示例", "可选值"]
    data = wb.worksheets[0]
    header = [c.value for c in data[1]]
    assert header[:4] == ["结对关系", "帮扶方", "受援方", "年份"] and "金额（元）" in header
    assert not [h for h in header if re.search(r"[A-Za-z]", h)], header
    allowed = wb["可选值"]
    lists = {allowed.cell(row=1, column=c).value: [allowed.cell(row=r, column=c).value
                                                   for r in range(2, allowed.max_row + 1)
                                                   if allowed.cell(row=r, column=c).value]
             for c in range(1, allowed.max_column + 1)}
    assert lists["限定"] == ["确数", "以上", "约", "至多"] and "县区" in lists["资金层级"] and "追加" in lists["类型"]
    checks = {str(dv.sqref): dv.formula1 for dv in data.data_validations.dataValidation}
    column_of = {h: chr(ord("A") + i) for i, h in enumerate(header)}
    for name in ("限定", "资金层级", "类型"):
        letter = column_of[name]
        assert any(ref.startswith(f"{letter}2:{letter}") and formula.startswith("'可选值'!")
                   for ref, formula in checks.items()), (name, checks)
    example = [c.value for c in wb["填写示例"][2]]
    assert example[0] == "青岛市—贵州省" and "120万" in example and "确数" in example
    assert all(not re.search(r"[A-Za-z]", str(v)) for v in [c.value for c in wb["说明"]["A"]] if v)


def test_a_filled_chinese_template_imports_with_chinese_names_and_labels(db):
    world = make_world()
    client = signed_in(world, "qingdao", "zh-hans")
    wb = _template(client)
    data = wb.worksheets[0]
    header = [c.value for c in data[1]]
    row = {"结对关系": "青岛市-贵州省", "帮扶方": "青岛市", "受援方": "安顺市", "年份": 2024, "限定": "确数",
           "金额（元）": "120万", "资金层级": "县区", "类型": "追加", "用途": "道路"}
    data.append([row.get(h, "") for h in header])
    sub = {"结对关系": "市南区-平坝区", "帮扶方": "市南区", "受援方": "平坝区", "年份": 2024, "限定": "约",
           "金额（元）": 35000, "资金层级": "地市", "类型": "常规"}
    data.append([sub.get(h, "") for h in header])
    body = io.BytesIO()
    wb.save(body)  # the template's other sheets (help, example, allowed values) travel with it
    response = client.post("/import/", {"kind": "fund_allocation", "dry_run": "1",
                                        "file": SimpleUploadedFile("资金.xlsx", body.getvalue())})
    ctx = response.context
    assert ctx["n_errors"] == 0, [r.errors for r in ctx["results"]]
    client.post("/import/", {"kind": "fund_allocation", "token": ctx["token"], "commit": "1"})
    got = sorted(FundAllocation.objects.values_list("pairing_id", "amount", "qualifier", "source_level", "kind"))
    assert got == sorted([(world.qd_gz.pk, 1200000, "exact", "county", "supplementary"),
                          (world.shinan_pingba.pk, 35000, "approx", "prefecture", "regular")])


def test_a_project_row_reads_chinese_kinds_and_indicator_names(db):
    world = make_world()
    client = signed_in(world, "qingdao", "zh-hans")
    csv = ("结对关系,帮扶方,受援方,年份,名称,状态,项目类型,产出指标,产出数值,预算（元）\n"
           "青岛市-贵州省,青岛市,安顺市,2024,饮水工程,在建,基础设施、卫生,帮扶村,3,50万\n")
    response = client.post("/import/", {"kind": "project", "dry_run": "1",
                                        "file": SimpleUploadedFile("p.csv", csv.encode("utf-8"))})
    ctx = response.context
    assert ctx["n_errors"] == 0, [r.errors for r in ctx["results"]]
    client.post("/import/", {"kind": "project", "token": ctx["token"], "commit": "1"})
    project = Project.objects.get()
    assert (project.state, sorted(project.kinds), project.outputs, project.budget) == (
        "underway", ["health", "infrastructure"], {"villages_supported": "3"}, 500000)


def test_an_unknown_header_or_value_is_named_as_written_in_chinese(db):
    world = make_world()
    client = signed_in(world, "qingdao", "zh-hans")
    csv = "结对关系,帮扶方,受援方,年份,金额,款项\n青岛市-贵州省,青岛市,安顺市,2024,5,x\n"
    page = client.post("/import/", {"kind": "fund_allocation", "dry_run": "1",
                                    "file": SimpleUploadedFile("f.csv", csv.encode("utf-8"))}).content.decode()
    assert "“款项”" in page and "金额（元）" in page  # the unknown column, and the headers it could have been
    csv = "结对关系,帮扶方,受援方,年份,金额（元）,类型\n青岛市-贵州省,青岛市,安顺市,2024,5,特别\n"
    ctx = client.post("/import/", {"kind": "fund_allocation", "dry_run": "1",
                                   "file": SimpleUploadedFile("f.csv", csv.encode("utf-8"))}).context
    [errors] = [r.errors for r in ctx["results"]]
    assert any("类型" in e and "特别" in e for e in errors), errors
