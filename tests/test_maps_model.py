"""The maps show what the reports say beyond who meets whom (issue 13): planned events drawn
apart, scores on their scales, partnerships succeeding, cooperating and being funded, inferred
records and placeholders said as such, regions in the tooltips; each with its source."""

from fastapi.testclient import TestClient

from graph.loaders.pipeline import load
from tests.conftest import get_ok
from tests.test_report_model import PARTY_YAML


def edges_of(body: dict, relation: str) -> list[dict]:
    return [e for e in body["edges"] if e["relation"] == relation]


def node_of(body: dict, node_id: str) -> dict:
    return next(n for n in body["nodes"] if n["id"] == node_id)


def test_planned_events_are_drawn_apart_with_a_legend_entry(client):
    body = get_ok(client, "/maps/actor/nepic", format="json")
    assert node_of(body, "event:nepic-bioresources-conference-2012")["status"] == "planned"
    assert node_of(body, "event:wiintech-workshop-1-2012")["status"] == "held"
    organised = edges_of(body, "organised")
    planned = [e for e in organised if e["target"] == "event:nepic-bioresources-conference-2012"]
    assert planned and planned[0]["status"] == "planned"
    html = client.get("/maps/actor/nepic").text
    assert "Planned event (not held yet)" in html  # the legend
    assert "plans to organise an event" in html
    assert "Status: planned (not held yet)" in html  # the node's tooltip


def test_scores_on_their_scale_and_lineage_and_support_on_partnership_maps(client):
    wiintech = get_ok(client, "/maps/partnership/wiintech", format="json")
    icc = next(
        e
        for e in edges_of(wiintech, "targets_actor")
        if e["target"] == "actor:indian-chemical-council"
    )
    assert icc["label"] == "selected, score 700 / 1000"
    assert icc["sources"][0].startswith("wiintech-strategy-2012, line 179")
    funded = edges_of(wiintech, "funded_by")
    assert [e["target"] for e in funded] == ["actor:dg-enterprise-industry"]
    assert funded[0]["sources"]
    elbe_plus = get_ok(client, "/maps/partnership/elbe-plus", format="json")
    succeeds = edges_of(elbe_plus, "succeeds")
    assert [(e["source"], e["target"]) for e in succeeds] == [
        ("partnership:elbe-plus", "partnership:elbe")
    ]
    assert "line 184" in succeeds[0]["sources"][0]
    elbe = get_ok(client, "/maps/partnership/elbe", format="json")
    assert ("partnership:elbe-plus", "partnership:elbe") in {
        (e["source"], e["target"]) for e in edges_of(elbe, "succeeds")
    }
    assert "succeeds (partnership lineage)" in client.get("/maps/partnership/elbe").text


def test_certainty_and_regions_in_map_tooltips(client):
    body = get_ok(client, "/maps/partnership/innovation-superclusters-initiative", format="json")
    assert node_of(body, "actor:ocean-supercluster")["title"].startswith("inferred: Line 43")
    elca = get_ok(client, "/maps/partnership/elca", format="json")
    assert "placeholder" in node_of(elca, "actor:elca-consortium-smes")["title"]
    assert "Michigan" in node_of(elca, "event:elca-mission-michigan")["title"]


def test_agreement_histories_and_measures_in_the_tooltips(client):
    skywin = get_ok(client, "/maps/actor/skywin", format="json")
    mou = node_of(skywin, "agreement:mou-aero-montreal-skywin")
    assert "signed 2007, renewed 2013" in mou["title"]
    space2id = get_ok(client, "/maps/partnership/space2id", format="json")
    assert (
        "SMEs involved 208; projects mapped 176"
        in node_of(space2id, "partnership:space2id")["title"]
    )
    elca = get_ok(client, "/maps/partnership/elca", format="json")
    assert (
        "SME cooperation agreements (target) 20 (M6-M18)"
        in node_of(elca, "partnership:elca")["title"]
    )


def test_a_partnership_acting_as_a_whole_is_on_its_partners_maps(clean_db, settings, tmp_path):
    path = tmp_path / "news.yaml"
    path.write_text(PARTY_YAML, encoding="utf-8")
    load(clean_db, settings, [path], quiet=True)
    from api.main import create_app

    with TestClient(create_app()) as client:
        # Cluster Two (CO) signed with the partnership P-ONE as a whole, not with its members.
        two = get_ok(client, "/maps/actor/a-two", format="json")
        parties = {e["source"] for e in edges_of(two, "party_to")}
        assert parties == {"actor:a-two", "partnership:p-one"}
        colombia = get_ok(client, "/maps/country/CO", format="json")
        assert "partnership:p-one" in {n["id"] for n in colombia["nodes"]}
        # One of its members signed on its behalf; the event it organises is on its map.
        one = get_ok(client, "/maps/actor/a-one", format="json")
        assert "agreement:mou-p-one-a-two" in {n["id"] for n in one["nodes"]}
        organised = get_ok(client, "/maps/partnership/p-one", format="json")
        assert "event:e-one" in {n["id"] for n in organised["nodes"]}
