"""The public portal lists every close of a year, and each revision stays downloadable as published."""
from django.test import Client

from counterpart.closing.actions import do_close_year, do_reopen_year, do_sign_off
from tests.closing.conftest import report_and_confirm


def test_the_portal_lists_each_revision_with_its_downloads(demo_world):
    users, qd_gz = demo_world["users"], demo_world["qd_gz"]
    anonymous = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "尚无已关账年份。" in anonymous.get("/public/data/").content.decode()
    do_sign_off(users["qingdao"], qd_gz, 2011, "donor")
    do_sign_off(users["anshun"], qd_gz, 2011, "recipient")
    do_close_year(users["national"], 2011)
    do_reopen_year(users["national"], 2011, "a missing allocation")
    report_and_confirm(users, qd_gz, "5")
    do_close_year(users["national"], 2011)

    page = anonymous.get("/public/data/").content.decode()
    listed = page.split('id="closed-years"')[1].split("</div>")[0]
    assert listed.index("第 2 版") < listed.index("第 1 版")  # the latest first
    assert listed.count("已重新开启") == 1  # revision 1 was reopened; revision 2 stands
    assert "/reports/national/2011/?revision=1&amp;format=pdf" in listed
    first = anonymous.get("/reports/national/2011/?revision=1&format=pdf")
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    assert anonymous.get("/reports/national/2011/?revision=2&format=xlsx").status_code == 200
