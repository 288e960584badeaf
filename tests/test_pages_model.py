"""The workbench shows what the reports say beyond who meets whom (issue 13, items 1-9), each
with its source: plans, partnerships acting and relating, scores on their scales, agreement
histories, regions, measures, certainty with its basis, and support."""

import re
from html import unescape

from fastapi.testclient import TestClient

from graph.loaders.pipeline import load
from tests.conftest import get_ok
from tests.test_report_model import PARTY_YAML

TAG = re.compile(r"<[^>]+>")


def text_of(client, url: str) -> str:
    """The page's visible text, one space between words."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.text[:300])
    assert response.headers["content-type"].startswith("text/html")
    return " ".join(unescape(TAG.sub(" ", response.text)).split())


def section(text: str, start: str, end: str) -> str:
    """The text from heading `start` up to `end`."""
    assert start in text, start
    return text.split(start, 1)[1].split(end, 1)[0]


def test_plans_say_so_on_actor_event_country_and_timeline_pages(client):
    # 003 lines 409, 429: NEPIC's conference and ReTECH are action-plan rows, not attendance.
    events = section(text_of(client, "/explore/actors/nepic"), "Events (", "Potential partners")
    assert re.search(r"NEPIC International Bioresources Conference.*? planned — organiser", events)
    held = "Workshop 1 (strategy workshop), Sophia Antipolis workshop · Sophia Antipolis · FR —"
    assert held in events  # a held event says nothing more
    event = text_of(client, "/explore/events/elca-mission-michigan")
    assert "planned planned, not held yet" in event
    us = text_of(client, "/explore/countries/US")
    us = section(us, "Events in United States", "clustergraph")
    assert "ReTECH Conference, Washington DC conference · Washington DC planned" in us
    html = client.get("/explore/timeline", params={"partnership": "elca"}).text
    # An event's status is explained as an event's (not as an agreement's "not signed yet").
    assert 'class="status status-planned" title="planned, not held yet"' in html


def test_related_partnerships_with_their_sources(client):
    page = text_of(client, "/explore/partnerships/elbe-plus")
    related = section(page, "Related partnerships", "Members (")
    assert "succeeds ELBE - Europe Leading Blue Energy" in related
    assert "elca-cross-fertilisation line 184" in related
    elbe = section(text_of(client, "/explore/partnerships/elbe"), "Related partnerships", "Members")
    assert "succeeded by ELBE Plus" in elbe and "cooperates with ELCA" in elbe


def test_scores_show_their_scale_metric_and_rank(client):
    wiintech = text_of(client, "/explore/partnerships/wiintech")
    targets = section(wiintech, "Targeted actors", "Agreements signed")
    assert re.search(r"Indian Chemical Council .*? 700 / 1000, rank 1 target-cluster", targets)
    assert "490 / 1000, rank 3" in targets  # PlastIndia, after the two at 700
    countries = section(wiintech, "Target countries", "Targeted actors")
    assert "75.55, rank 1 synthetic country index" in countries  # the USA: another metric
    actor = text_of(client, "/explore/actors/indian-chemical-council")
    assert "700 / 1000, rank 1 target-cluster score" in actor
    assert "wiintech-strategy-2012 line 179" in actor
    # The criteria are in the score's tooltip.
    html = client.get("/explore/actors/indian-chemical-council").text
    assert "target-cluster score: fit for programme 7.0, size 10.0, interaction 10.0" in html


def test_agreement_history_with_a_source_per_step(client):
    page = text_of(client, "/explore/agreements/mou-aero-montreal-skywin")
    history = section(page, "History", "Parties")
    assert "signed 2007 source: eccp-canada-2019 line 134" in history
    assert "renewed 2013 source: eccp-canada-2019 line 134" in history


def test_regions_on_country_and_event_pages(client):
    ca = text_of(client, "/explore/countries/CA")
    assert "Regions: Québec (a region of Canada) , North America (Canada is part of it)" in ca
    assert "· Michigan · United States" in text_of(client, "/explore/events/elca-mission-michigan")


def test_measures_with_sources(client):
    biovalley = text_of(client, "/explore/actors/biovalley-france")
    assert "members: 147 source: eccp-canada-2019 line 166" in biovalley
    assert "SME members: 94" in biovalley
    space2id = text_of(client, "/explore/partnerships/space2id")
    assert "projects mapped: 176 source: space2id-key-achievements line 25" in space2id


def test_certainty_inferred_with_basis_and_placeholders_marked(client):
    ocean = text_of(client, "/explore/actors/ocean-supercluster")
    assert "Certainty inferred Basis: Line 43 names the five superclusters" in ocean
    html = client.get("/explore/actors/ocean-supercluster").text
    assert 'class="badge certainty certainty-inferred"' in html
    smes = text_of(client, "/explore/agreements/business-elca-smes-michigan")
    assert "SMEs of the ELCA COSME consortium (still to be identified) placeholder" in smes
    # A stated record says nothing about certainty.
    assert "Certainty" not in text_of(client, "/explore/actors/skywin")


def test_funding_and_support(client):
    wiintech = text_of(client, "/explore/partnerships/wiintech")
    assert "Funded by European Commission, DG Enterprise and Industry" in wiintech
    initiative = text_of(client, "/explore/actors/cleantech-initiative-east-germany")
    assert "Supported by Federal Ministry of Economy (Germany)" in initiative
    html = client.get("/explore/actors/cleantech-initiative-east-germany").text
    assert 'href="/explore/entities/federal-ministry-of-economy-de"' in html


def test_partnerships_as_parties_with_their_signatories(clean_db, settings, tmp_path):
    path = tmp_path / "news.yaml"
    path.write_text(PARTY_YAML, encoding="utf-8")
    load(clean_db, settings, [path], quiet=True)
    from api.main import create_app

    with TestClient(create_app()) as client:
        html = client.get("/explore/agreements/mou-p-one-a-two").text
        assert 'href="/explore/partnerships/p-one"' in html  # a party links to its own page
        page = text_of(client, "/explore/agreements/mou-p-one-a-two")
        assert "Signed for the partnership by Cluster One (FR)" in page
        assert "P-ONE - A partnership ESCP-4i (a partnership, as a whole)" in page
        assert "signed May 2020 source: mou-news l4" in page
        partnership = text_of(client, "/explore/partnerships/p-one")
        assert "mou-p-one-a-two" in client.get("/explore/partnerships/p-one").text
        assert re.search(r"E mission .*?planned", partnership)


def test_country_page_scores_on_their_scales(client):
    india = get_ok(client, "/countries/IN")
    council = next(a for a in india["actors"] if a["id"] == "indian-chemical-council")
    detail = council["targeted_by"][0]["score_detail"]
    assert detail["metric"] == "target-cluster score" and detail["text"] == "700 / 1000, rank 1"
    page = text_of(client, "/explore/countries/IN")
    targeted = section(page, "Targeted actors", "Actors in")
    assert re.search(r"Indian Chemical Council .*? 700 / 1000, rank 1 target-cluster", targeted)
    usa = get_ok(client, "/countries/US")["partnerships_targeting"]
    wiintech = next(p for p in usa if p["id"] == "wiintech")
    assert wiintech["score_detail"]["metric"] == "synthetic country index"
    assert "75.55, rank 1 synthetic country index" in text_of(client, "/explore/countries/US")
