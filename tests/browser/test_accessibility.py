"""Accessibility, as a screen-reader or keyboard user meets it: axe-core (vendored) on every page type, in
Chinese and in English, for the public and for the national office. No serious or critical violation."""
import json
from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser
AXE = Path(__file__).with_name("vendor") / "axe.min.js"
SEVERE = ("serious", "critical")


def _pages(demo):
    """One address per page type the demo data can show."""
    from counterpart.ledger.models import FundAllocation
    from counterpart.pairings.actions import find_pairing
    from counterpart.web.forms import slug_of

    qd = find_pairing("Qingdao-Guizhou")
    record = FundAllocation.objects.filter(pairing=qd).order_by("pk").first()
    public = ["/public/", f"/public/pairings/{qd.pk}/", "/reports/", "/reports/national/2011/",
              "/reports/regions/", "/reports/regions/520000/", "/accounts/login/"]
    office = ["/", f"/pairings/{qd.pk}/", "/dashboard/", f"/pairings/{qd.pk}/dashboard/",
              f"/pairings/{qd.pk}/records/", f"/records/{slug_of(record)}/{record.pk}/",
              f"/pairings/{qd.pk}/records/{slug_of(record)}/new/", "/confirmations/", "/import/", "/review/", "/plans/weights/",
              f"/reports/annual/{qd.pk}/2011/", "/plans/2011/", "/accounts/users/"]
    return public, office


def _violations(page, url):
    page.goto(url)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return [v for v in result if v["impact"] in SEVERE]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_no_page_type_has_a_serious_or_critical_accessibility_violation(live_server, browser, demo, reference_data,
                                                                        language):
    from counterpart.accounts.models import Role
    from tests.world import PASSWORD, make_user

    make_user("axe-national", Role.NATIONAL)
    public, office = _pages(demo)
    locale = "zh-CN" if language.startswith("zh") else "en-US"
    found = {}
    # bypass_csp: axe is injected as a script the pages' own policy (rightly) refuses.
    anonymous = browser.new_context(locale=locale, bypass_csp=True).new_page()
    for url in public:
        found[url] = _violations(anonymous, live_server.url + url)
    signed_in = browser.new_context(locale=locale, bypass_csp=True).new_page()
    signed_in.goto(f"{live_server.url}/accounts/login/")
    signed_in.fill("#id_username", "axe-national")
    signed_in.fill("#id_password", PASSWORD)
    signed_in.click("button[type=submit]")
    signed_in.wait_for_load_state()
    for url in office:
        found[url] = _violations(signed_in, live_server.url + url)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"axe-{language}.json").write_text(json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8")
    bad = {url: v for url, v in found.items() if v}
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=1)
