"""The public portal: confirmed figures only, in every page and download format."""
import io
import json

import pytest
from django.test import Client
from lxml import etree
from openpyxl import load_workbook

from counterpart.confirmations.actions import confirmation_for, do_confirm
from tests.world import make_world, report_fund

PENDING, CONFIRMED = "4444321", "1234567"


@pytest.fixture
def world(db):
    world = make_world()
    report_fund(world, amount=PENDING, year=2023)
    do_confirm(world.users["anshun"], confirmation_for(report_fund(world, amount=CONFIRMED, year=2023)))
    return world


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_it_leaves_a_pending_figure_out_of_every_download_and_page(world):
    c = Client()
    p = world.qd_gz.pk
    csv_text = _body(c.get(f"/public/data/observations.csv?pairing={p}")).decode("utf-8-sig")
    assert "1234567" in csv_text and "4444321" not in csv_text
    lines = [json.loads(line) for line in _body(c.get("/public/data/observations.jsonl")).decode().splitlines()]
    assert [line["value"] for line in lines] == ["1234567"]
    assert lines[0]["type"] == "observation" and lines[0]["entered"] is True
    book = load_workbook(io.BytesIO(_body(c.get("/public/data/observations.xlsx"))), read_only=True)
    cells = {str(v) for row in book["observations"].iter_rows(values_only=True) for v in row}
    assert "1234567" in cells and "4444321" not in cells
    assert "CC BY 4.0" in " ".join(str(v) for row in book["about"].iter_rows(values_only=True) for v in row)
    for url in ("/public/", f"/public/pairings/{p}/", "/public/figures/", f"/public/figures/?pairing={p}",
                "/public/figures/?year=2023&donor_province=370000", "/api/v1/observations"):
        page = _body(c.get(url, HTTP_ACCEPT_LANGUAGE="en")).decode()
        assert "4,444,321" not in page and "4444321" not in page and "4.4443 million" not in page, url
    figures = c.get(f"/public/figures/?pairing={p}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1.2346 million yuan" in figures
    xml = etree.fromstring(_body(c.get(f"/iati/pairings/{p}.xml")))
    values = [v.text for v in xml.iter("value")]
    assert "1234567" in values and "4444321" not in values


def test_it_filters_by_province_on_either_side(world):
    c = Client()
    csv_donor = _body(c.get("/public/data/observations.csv?donor_province=370000")).decode("utf-8-sig")
    csv_other = _body(c.get("/public/data/observations.csv?donor_province=440000")).decode("utf-8-sig")
    csv_recipient = _body(c.get("/public/data/observations.csv?recipient_province=520000")).decode("utf-8-sig")
    assert "1234567" in csv_donor and "1234567" in csv_recipient and "1234567" not in csv_other


def test_it_links_each_figure_to_its_source_sentence(demo):
    from counterpart.pairings.actions import find_pairing

    p = find_pairing("Qingdao-Guizhou")
    page = Client().get(f"/public/figures/?pairing={p.pk}&year=2011&indicator=gov_aid_funds",
                        HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "31.25 million yuan" in page
    assert 'class="source" href="/documents/' in page


def test_it_states_the_licence_and_how_to_cite(db):
    page = Client().get("/public/data/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "CC BY 4.0" in page and 'id="citation"' in page and "/iati/" in page
