"""IATI 2.03 files: both seed pairings' exports pass the XSD and every rule; each rule catches a broken file."""
import copy
import datetime
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.test import Client
from lxml import etree

from counterpart.opendata.iati import build, rules
from counterpart.pairings.actions import find_pairing


@pytest.fixture
def qingdao(demo):
    return find_pairing("Qingdao-Guizhou")


def _tree(pairing):
    return build.activities_tree(pairing)


@pytest.mark.parametrize("name", ["Qingdao-Guizhou", "Guangdong-Guangxi"])
def test_it_exports_each_seed_pairing_as_a_valid_activity_file(demo, name):
    pairing = find_pairing(name)
    root = etree.fromstring(build.activity_file(pairing))
    assert rules.problems(root) == []
    first = root.find("iati-activity")
    assert first.findtext("iati-identifier").startswith(first.find("reporting-org").get("ref"))
    assert {p.get("role") for p in first.findall("participating-org")} == {"1", "3", "4"}
    assert {n.get(rules.XML_LANG) for n in first.find("title")} == {"en", "zh"}
    assert first.find("recipient-country").get("code") == "CN"
    assert "GB/T 2260" in first.find("location").get("ref")
    values = [t.find("value") for t in first.iter("transaction")]
    assert values and all(v.get("currency") == "CNY" for v in values)
    assert {t.find("transaction-type").get("code") for t in first.iter("transaction")} <= {"2", "3"}


def test_it_writes_the_qingdao_guizhou_funds_of_2011(qingdao):
    root = _tree(qingdao)
    budget = root.find("iati-activity/budget")
    assert budget.find("period-start").get("iso-date") == "2011-01-01"
    assert budget.findtext("value") == "31250000"


def test_it_writes_results_from_the_annual_plans(demo):
    root = _tree(find_pairing("Guangdong-Guangxi"))
    results = root.findall("iati-activity/result")
    assert results
    period = results[0].find("indicator/period")
    assert period.find("target").get("value") and period.find("actual").get("value")


def test_it_exports_a_donor_offices_organisation_file(qingdao):
    root = etree.fromstring(build.organisation_file(qingdao.donor))
    assert rules.problems(root, "organisations") == []
    assert root.find("iati-organisation/total-budget/value").text == "31250000"


def test_it_limits_the_file_to_a_year_range(qingdao):
    assert _tree(qingdao).find("iati-activity/budget") is not None
    assert build.activities_tree(qingdao, "2012-2015").find("iati-activity/budget") is None


def _broken(qingdao, breaker):
    root = copy.deepcopy(_tree(qingdao))
    breaker(root.find("iati-activity"))
    return root


def _set(path, attr, value):
    return lambda a: a.find(path).set(attr, value)


BROKEN = {
    "check_identifiers": lambda a: setattr(a.find("iati-identifier"), "text", "XX-123"),
    "check_dates": lambda a: etree.SubElement(a.find("activity-date").getparent(), "activity-date"),
    "check_budget_periods": _set("budget/period-end", "iso-date", "2012-06-30"),
    "check_sector_percentages": _set("sector", "percentage", "60"),
    "check_activity_or_transaction_level": lambda a: etree.SubElement(a.find("transaction"), "sector",
                                                                      vocabulary="1", code="43010"),
    "check_currencies": lambda a: a.find("transaction/value").attrib.pop("currency"),
    "check_narratives": lambda a: a.find("title/narrative").attrib.pop(rules.XML_LANG),
    "check_codes": _set("activity-status", "code", "9"),
}


@pytest.mark.parametrize("rule", list(BROKEN))
def test_each_rule_catches_a_broken_file(qingdao, rule):
    check = getattr(rules, rule)
    assert check(_tree(qingdao)) == []
    if rule == "check_dates":
        def breaker(a):
            d = a.find("activity-date")
            d.set("iso-date", (datetime.date.today() + datetime.timedelta(days=30)).isoformat())
        root = _broken(qingdao, breaker)
    else:
        root = _broken(qingdao, BROKEN[rule])
    assert check(root), rule
    with pytest.raises(rules.IatiProblems):
        rules.validate(root)


def test_it_catches_an_end_before_the_start(qingdao):
    def breaker(a):
        etree.SubElement(a, "activity-date", type="4", **{"iso-date": "1990-01-01"})
    assert rules.check_dates(_broken(qingdao, breaker))


def test_the_schema_check_catches_a_missing_element(qingdao):
    root = _broken(qingdao, lambda a: a.remove(a.find("title")))
    assert rules.check_schema(root)


def test_it_refuses_to_serve_a_file_that_fails_its_checks(qingdao, monkeypatch):
    monkeypatch.setattr(build, "SECTOR", "99999")
    r = Client().get(f"/iati/pairings/{qingdao.pk}.xml", HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 422
    assert "99999" in r.content.decode()


def test_it_serves_the_files_under_iati(qingdao):
    c = Client()
    r = c.get(f"/iati/pairings/{qingdao.pk}.xml")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/xml")
    assert etree.fromstring(r.content).tag == "iati-activities"
    assert c.get("/iati/organisations/370200.xml").status_code == 200
    index = c.get("/iati/").content.decode()
    assert f"/iati/pairings/{qingdao.pk}.xml" in index


def test_the_command_writes_a_valid_file(qingdao, tmp_path):
    out = tmp_path / "qg.xml"
    call_command("iati", pairing="Qingdao-Guizhou", years="2011-2015", output=str(out))
    assert rules.problems(etree.parse(str(out)).getroot()) == []


def test_the_command_says_what_is_wrong_without_a_traceback(tmp_path):
    # Its own SQLite file, not the test database; development mode, as a command at an office's desk runs.
    env = {"COUNTERPART_VAR": str(tmp_path), "PATH": "/usr/bin", "DEBUG": "1"}
    subprocess.run([sys.executable, "-m", "counterpart.cli", "migrate", "-v0"], env=env, check=True)
    r = subprocess.run([sys.executable, "-m", "counterpart.cli", "iati", "--pairing", "Nowhere-Else"],
                       check=False, capture_output=True, text=True, env=env)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr and "pairing" in r.stderr.lower()
