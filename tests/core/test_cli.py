"""The `counterpart` command: every bad argument ends with a message naming it and exit status 1, never a
traceback; messages follow the locale (Chinese by default)."""
import os
import subprocess
import sys

import pytest

from counterpart import cli


def run(capsys, *argv, lang="en"):
    saved = {k: os.environ.pop(k, None) for k in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    os.environ["COUNTERPART_LANG"] = lang
    code = 0
    try:
        cli.main(list(argv))
    except SystemExit as exc:
        code = exc.code
    finally:
        del os.environ["COUNTERPART_LANG"]
        os.environ.update({k: v for k, v in saved.items() if v is not None})
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_port_out_of_range_is_named(capsys):
    code, _, err = run(capsys, "serve", "--port", "99999")
    assert code == 1 and "--port" in err and "65535" in err and "Traceback" not in err


def test_a_usage_error_is_status_1(capsys):
    code, _, err = run(capsys, "serve", "--port", "abc")
    assert code == 1 and "--port" in err


def test_messages_are_chinese_by_default(capsys):
    code, _, err = run(capsys, "serve", "--port", "0", lang="")
    assert code == 1 and "端口" in err


@pytest.mark.django_db
def test_a_report_into_a_missing_folder_is_refused_before_work(capsys, tmp_path):
    code, _, err = run(capsys, "report", "annual", "--pairing", "1", "--year", "2011",
                       "-o", str(tmp_path / "missing" / "x.pdf"))
    assert code == 1 and "-o/--output" in err and "missing" in err


@pytest.mark.django_db
def test_facts_export_of_an_unknown_document_says_so(capsys):
    code, _, err = run(capsys, "facts", "export", "--doc", "99999")
    assert code == 1 and "--doc" in err and "99999" in err


def test_extracting_an_empty_file_says_it_has_no_text(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, _, err = run(capsys, "extract", str(empty))
    assert code == 1 and "empty.txt" in err and "no text" in err


def test_extract_leaves_no_keyless_permission_behind_for_later_processes(capsys, tmp_path, monkeypatch):
    """A keyless extract must not let a server or `counterpart check` started later from this process run
    without SECRET_KEY (the CI once saw exactly that: the variable leaked into every later subprocess)."""
    import os

    monkeypatch.delenv("COUNTERPART_SIGNS_NOTHING", raising=False)
    report = tmp_path / "r.txt"
    report.write_text("2011年,青岛市向安顺市拨付财政帮扶资金1200万元。\n", encoding="utf-8")
    code, _, _ = run(capsys, "extract", str(report))
    assert code == 0 and "COUNTERPART_SIGNS_NOTHING" not in os.environ


def test_a_damaged_docx_is_explained_without_library_class_names(capsys, tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 this is not a word document")
    code, _, err = run(capsys, "extract", str(bad))
    assert code == 1 and "bad.docx" in err and ".docx" in err
    assert "PackageNotFoundError" not in err and "BadZipFile" not in err and "Error" not in err.split(":", 2)[-1]


@pytest.mark.django_db
def test_synth_without_the_catalogue_loads_it_before_building(capsys, monkeypatch):
    from counterpart.indicators.models import Indicator
    from counterpart.reports.management.commands import synth

    seen = {}

    def build(scale, seed, progress):  # the build itself is tested in tests/reports; here, what it finds
        seen["catalogue"] = Indicator.objects.filter(code="gov_aid_funds").exists()
        return {"rows": 1, "government_pairings": 0, "enterprise_village_pairings": 0, "observations": 0}

    monkeypatch.setattr(synth, "build", build)
    Indicator.objects.all().delete()
    code, _out, err = run(capsys, "synth", "--scale", "tiny", "--quiet", "--no-refresh")
    assert code == 0, err
    assert seen == {"catalogue": True}


def test_any_unexpected_failure_is_one_line_without_traceback(capsys, monkeypatch):
    from django.core.management import call_command  # noqa: F401  (Django is set up)

    def explode(*a, **kw):
        raise KeyError("gov_aid_funds")

    monkeypatch.setattr("django.core.management.execute_from_command_line", explode)
    code, _, err = run(capsys, "synth")
    assert code == 1 and "KeyError" in err and "--traceback" in err and "Traceback" not in err


def test_the_installed_command_exits_1_without_traceback(tmp_path):
    env = {**os.environ, "COUNTERPART_VAR": str(tmp_path), "COUNTERPART_LANG": "en"}
    env.pop("DATABASE_URL", None)
    out = subprocess.run([sys.executable, "-m", "counterpart.cli", "serve", "--port", "99999"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 1 and "Traceback" not in out.stderr and "--port" in out.stderr
