"""`counterpart year status|close|reopen`: the same actions from the console, clear errors, no tracebacks."""
import pytest
from django.core.management import CommandError, call_command

from counterpart.closing.actions import do_sign_off
from counterpart.closing.models import Revision

pytestmark = pytest.mark.usefixtures("english")


def test_it_closes_reports_and_reopens_a_year(demo_world, capsys):
    users, qd_gz = demo_world["users"], demo_world["qd_gz"]
    do_sign_off(users["qingdao"], qd_gz, 2011, "donor")
    do_sign_off(users["anshun"], qd_gz, 2011, "recipient")
    call_command("year", "status", "--year", "2011", "--pairing", "Qingdao-Guizhou")
    out = capsys.readouterr().out
    assert "2011: open" in out and "signed off by: donor, recipient" in out
    call_command("year", "close", "--year", "2011", "--as", "national")
    assert "2011 closed: revision 1" in capsys.readouterr().out
    call_command("year", "status", "--year", "2011")
    out = capsys.readouterr().out
    assert "closed on" in out and "revision 1: closed" in out and "not signed off: " in out
    call_command("year", "reopen", "--year", "2011", "--reason", "audit", "--as", "national")
    assert Revision.objects.get().reopen_reason == "audit"


@pytest.mark.parametrize("args,message", [
    (["status", "--year", "twenty"], "is not a year"),
    (["status", "--year", "2011", "--pairing", "Nowhere-Land"], "There is no pairing called"),
    (["close", "--year", "2011", "--pairing", "Qingdao-Guizhou"], "for every pairing at once"),
    (["close", "--year", "2011", "--as", "qingdao"], "is not an active national-office account"),
    (["reopen", "--year", "2011", "--as", "national"], "reason"),
    (["reopen", "--year", "2011", "--reason", "x", "--as", "national"], "2011 is not closed"),
    (["close", "--year", "1990", "--as", "national"], "no figures for 1990"),
])
def test_it_explains_bad_requests(demo_world, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("year", *args)
    assert not Revision.objects.exists()
