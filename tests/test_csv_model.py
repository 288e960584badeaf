"""Every addition of issue 13 can be written in CSV as well as YAML (docs/data-format.md, "CSV
tables"): measures, funding and support, agreement histories, scored targets (actors and
countries, with a region), regions, events in a region; each row is its own source."""

import re

import pytest
from fastapi.testclient import TestClient

from clustergraph.errors import LoadValidationError
from graph.loaders.pipeline import load, validate
from tests.conftest import count

TABLES = {
    "actors.csv": """id,name,kind,country,measures,funded_by,source
c-one,Cluster One,cluster,FR,members=147; budget=2.5 MEUR,Funder Agency,line 3
funder-agency,Funder Agency,agency,FR,,,line 4
""",
    "regions.csv": """id,name,kind,countries,aliases
bretagne,Bretagne,subnational,FR,Brittany
""",
    "partnerships.csv": """id,name,kind,measures,funded_by,source
p-one,P-ONE - A partnership,escp-4i,SMEs involved=208,Funder Agency,line 7
""",
    "targets.csv": """partnership,actor,status,score,metric,scale_min,scale_max,criteria,source
p-one,Cluster One,selected,700,target-cluster score,0,1000,fit for programme=7; size=10,line 9
""",
    "target_countries.csv": """partnership,country,status,region,score,metric,rank,source
p-one,FR,selected,bretagne,75.5,synthetic country index,1,line 11
""",
    "agreements.csv": """id,kind,parties,history,source
mou-one,mou,P-ONE - A partnership;Cluster One,signed 2007; renewed 2013,line 13
""",
    "events.csv": """id,name,kind,status,region,organisers,measures,supported_by,source
e-one,Mission to Bretagne,mission,planned,bretagne,p-one,participants=12,Funder Agency,line 15
""",
}


def _files(tmp_path) -> list:
    paths = []
    for name, text in TABLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    return paths


def test_every_issue_13_item_loads_from_csv(clean_db, settings, tmp_path):
    files = _files(tmp_path)
    load(clean_db, settings, files, quiet=True)
    again = load(clean_db, settings, files, quiet=True)
    assert again.stats.nodes_created == again.stats.relationships_created == 0
    q = "MATCH (:Region {id: 'bretagne'})-[:REGION_OF]->(:Country {code: 'FR'}) RETURN count(*)"
    assert count(clean_db, settings, q) == 1
    q = "MATCH (:Event {id: 'e-one'})-[:IN_REGION]->(:Region {id: 'bretagne'}) RETURN count(*)"
    assert count(clean_db, settings, q) == 1
    from api.main import create_app

    with TestClient(create_app()) as client:
        actor = client.get("/actors/c-one").json()
        assert {(m["metric"], m["value"], m["unit"]) for m in actor["measures"]} == {
            ("members", 147, None),
            ("budget", 2.5, "MEUR"),
        }
        assert actor["measures"][0]["sources"] == [{"document": "actors", "locator": "line 3"}]
        assert [x["id"] for x in actor["funded_by"]] == ["funder-agency"]
        target = actor["targets_of"][0]["score_detail"]
        assert target["text"] == "700 / 1000, rank 1"
        assert target["criteria"] == [
            {"name": "fit for programme", "value": 7.0},
            {"name": "size", "value": 10.0},
        ]
        p = client.get("/partnerships/p-one").json()
        assert p["measures"][0]["metric"] == "SMEs involved"
        assert [x["id"] for x in p["funded_by"]] == ["funder-agency"]
        fr = p["target_countries"][0]
        assert (fr["region"], fr["rank"], fr["score_detail"]["text"]) == (
            "bretagne",
            1,
            "75.5, rank 1",
        )
        assert fr["sources"] == [{"document": "target-countries", "locator": "line 11"}]
        g = client.get("/agreements/mou-one").json()
        assert [(h["event"], h["date"]) for h in g["history"]] == [
            ("signed", "2007"),
            ("renewed", "2013"),
        ]
        assert g["status"] == "renewed"
        assert {x["type"] for x in g["parties"]} == {"actor", "partnership"}
        assert fr["region_name"] == "Bretagne"
        page = re.sub(r"<[^>]+>", "", client.get("/explore/partnerships/p-one").text)
        assert "France (Bretagne)" in page
        # The partnership map draws the agreement it signs and the event it organises as a whole.
        body = client.get("/maps/partnership/p-one", params={"format": "json"}).json()
        links = {(e["relation"], e["target"], e["status"]) for e in body["edges"]}
        assert ("party_to", "agreement:mou-one", "renewed") in links
        assert ("organised", "event:e-one", "planned") in links
        assert ("funded_by", "actor:funder-agency", None) in links
        page = client.get("/explore/events/e-one").text
        assert "Bretagne" in page and "participants" in page and "Funder Agency" in page


def test_a_score_column_without_a_score_is_an_error_naming_it(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text(
        "partnership,actor,status,metric,source\np-one,Cluster One,selected,index,l\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadValidationError) as excinfo:
        validate([path])
    problem = excinfo.value.problems[0]
    assert problem.field == "metric" and problem.line == 2
