"""`counterpart extract FILE...`: JSON Lines on stdout; a bad file is reported on stderr and the rest go on."""
import io
import json

import pytest
from django.core.management import call_command

from .helpers import SAMPLES


def run(*files):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("extract", *map(str, files), stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_it_prints_facts_as_json_lines():
    code, out, err = run(SAMPLES / "tianjin_gansu_2017.txt")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and err == ""
    assert {r["type"] for r in rows} == {"pairing", "event", "observation"}
    assert all(r["doc"] == "tianjin_gansu_2017.txt" for r in rows)


def test_it_reports_a_failing_file_and_goes_on(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 500)
    code, out, err = run(bad, SAMPLES / "tianjin_gansu_2017.txt", tmp_path / "absent.txt")
    assert code == 1
    assert "bad.txt" in err and "binary" in err and "absent.txt" in err
    assert any(json.loads(line)["doc"] == "tianjin_gansu_2017.txt" for line in out.splitlines())


@pytest.mark.parametrize("name", ["fujian_ningxia_2018.html", "zhejiang_sichuan_2019.docx"])
def test_it_reads_html_and_docx(name):
    code, out, _ = run(SAMPLES / name)
    assert code == 0
    assert any(json.loads(line)["type"] == "observation" for line in out.splitlines())


def test_it_runs_without_a_secret_key_or_development_mode(tmp_path):
    """The scorer and a researcher run `counterpart extract` on a machine with no server set up: it signs
    nothing, so it needs no SECRET_KEY (a server or `counterpart check` still refuses to start without one)."""
    import os
    import subprocess
    import sys

    report = tmp_path / "r.txt"
    report.write_text("2011年,青岛市向安顺市拨付财政帮扶资金1200万元。\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE")}
    env["COUNTERPART_VAR"] = str(tmp_path / "var")
    out = subprocess.run([sys.executable, "-m", "counterpart.cli", "extract", str(report)], capture_output=True,
                         text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    facts = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(f["indicator"], f["value"]) for f in facts if f["type"] == "observation"] == [
        ("gov_aid_funds", "12000000")]
    refused = subprocess.run([sys.executable, "-m", "counterpart.cli", "check"], capture_output=True, text=True,
                             env=env, timeout=300)
    assert refused.returncode == 1 and "SECRET_KEY is not set" in refused.stderr
