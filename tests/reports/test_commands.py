import pytest
from django.core.management import CommandError, call_command


def test_it_writes_the_annual_report_named_by_donor_and_recipient(demo, tmp_path):
    out = tmp_path / "qd.pdf"
    call_command("report", "annual", "--pairing", "qingdao–guizhou", "--year", "2011", "--lang", "zh",
                 "--format", "pdf", "-o", str(out))
    assert out.read_bytes().startswith(b"%PDF")


def test_it_writes_the_national_overview_and_the_checks(demo, tmp_path, capsys):
    call_command("report", "national", "--year", "2011", "-o", str(tmp_path / "n.xlsx"))
    assert (tmp_path / "n.xlsx").stat().st_size > 0
    call_command("report", "checks", "--format", "csv")
    assert "Checks on the figures" in capsys.readouterr().out


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("args, message", [
    (["--pairing", "Atlantis-Guizhou", "--year", "2011"], "no pairing called"),
    (["--pairing", "Qingdao-Guizhou", "--year", "2030"], "no figures for 2030"),
    (["--pairing", "Qingdao-Guizhou", "--year", "2011", "--format", "odt"], "not a report format"),
    (["--pairing", "Qingdao-Guizhou", "--year", "2011", "--format", "pdf"], "give a file with -o"),
])
def test_it_explains_bad_requests(demo, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("report", "annual", *args)
