"""What the reports say beyond who meets whom (issue 13): plans vs facts, partnerships as parties
and their lineage, scores on their scales, agreement histories, certainty, regions, measures,
support — through the loader, the database and the API."""

import json

import pytest
from fastapi.testclient import TestClient

from clustergraph.errors import LoadValidationError
from graph.backup import restore_files
from graph.loaders.pipeline import load, validate
from graph.schema import SCHEMA_VERSION, apply_schema
from tests.conftest import count
from tests.conftest import get_ok as _get
from tests.conftest import ids as _ids


def test_events_say_whether_they_are_plans(client):
    # ELCA's Table 1 lists "planned activities" (004 lines 96-118); SPACE2ID's report lists
    # achievements (000 line 35).
    elca = _get(client, "/partnerships/elca")
    statuses = {e["id"]: e["status"] for e in elca["events"]}
    assert statuses["elca-mission-michigan"] == "planned"
    assert statuses["elca-india-digital-meeting-2021"] == "held"
    assert all(e["planned"] == (e["status"] == "planned") for e in elca["events"])
    space2id = _get(client, "/partnerships/space2id")
    assert {e["status"] for e in space2id["events"]} == {"held"}
    # WIINTECH's action plan rows (003 lines 409, 429) are plans, not attendance.
    by_id = {e["id"]: e for e in _get(client, "/actors/nepic")["events"]}
    assert by_id["nepic-bioresources-conference-2012"]["status"] == "planned"
    assert by_id["nepic-bioresources-conference-2012"]["planned"] is True


def test_paths_say_the_tense_and_can_leave_plans_out(client):
    # MAV planned to meet RAILGRUP in September 2021 (004 line 108).
    body = _get(client, "/paths", source="mav", target="railgrup", via="event", k=1)
    step = body["paths"][0]["steps"][0]
    assert body["include_planned"] is True
    assert step["planned"] is True and step["status"] == "planned"
    assert "plans to meet" in body["paths"][0]["explanation"]
    facts = _get(
        client,
        "/paths",
        source="mav",
        target="railgrup",
        via="event",
        include_planned="false",
    )
    assert facts["include_planned"] is False
    for path in facts["paths"]:
        assert not any(s["planned"] for s in path["steps"])
        assert "plans to" not in path["explanation"]


def test_partnership_lineage_and_cooperation(client):
    elbe_plus = _get(client, "/partnerships/elbe-plus")
    assert [(r["id"], r["relation"]) for r in elbe_plus["related"]] == [("elbe", "succeeds")]
    assert elbe_plus["related"][0]["sources"][0]["locator"].startswith("line 184")
    elbe = {(r["id"], r["relation"]) for r in _get(client, "/partnerships/elbe")["related"]}
    assert {("elbe-plus", "succeeded_by"), ("elca", "cooperates_with")} <= elbe
    assert "ELBE Plus" not in _get(client, "/partnerships/elbe")["aliases"]
    elca = _get(client, "/partnerships/elca")
    cooperates = {r["id"] for r in elca["related"] if r["relation"] == "cooperates_with"}
    assert cooperates == {"e-lass", "elbe", "percy"}
    for child, parent in (("space2idgo", "space2id"), ("adpack2", "adpack")):
        related = _get(client, f"/partnerships/{child}")["related"]
        assert (parent, "succeeds") in {(r["id"], r["relation"]) for r in related}


def test_scores_keep_their_metric_and_scale(client):
    wiintech = _get(client, "/partnerships/wiintech")
    suape = next(t for t in wiintech["targets"] if t["id"] == "suape-pernambuco")
    detail = suape["score_detail"]
    assert detail["metric"] == "target-cluster score" and detail["scale_max"] == 1000
    assert detail["text"].startswith("700 / 1000")
    assert {c["name"] for c in detail["criteria"]} == {"fit for programme", "size", "interaction"}
    us = next(c for c in wiintech["target_countries"] if c["code"] == "US")
    assert us["score_detail"]["metric"] == "synthetic country index"
    assert us["score"] == us["score_detail"]["value"] == 75.55
    # Within one metric, the highest first.
    values = [t["score"] for t in wiintech["targets"] if t["score_detail"]]
    assert values == sorted(values, reverse=True)


def test_agreement_history_and_as_of(client):
    mou = _get(client, "/agreements/mou-aero-montreal-skywin")
    assert [(h["date"], h["event"]) for h in mou["history"]] == [
        ("2007", "signed"),
        ("2013", "renewed"),
    ]
    assert mou["status"] == "renewed" and mou["date"] == "2007"
    in_2010 = _ids(_get(client, "/agreements", as_of="2010", limit=100)["items"])
    assert "mou-aero-montreal-skywin" in in_2010
    assert "mou-aero-montreal-skywin" not in _ids(
        _get(client, "/agreements", as_of="2005", limit=100)["items"]
    )
    # The Cleantech Cluster Energie - Wood Pellet Association cooperation is ongoing, not signed.
    coop = _get(client, "/agreements/coop-cleantech-cluster-energie-wood-pellet-association")
    assert coop["status"] == "ongoing"


def test_placeholders_and_inferred_records(client, bundled_graph, settings):
    smes = _get(client, "/agreements/business-elca-smes-michigan")
    assert set(_ids(smes["parties"])) == {"elca-consortium-smes", "elca-mission-country-smes"}
    params = {"source": "elca-consortium-smes", "target": "elca-mission-country-smes"}
    assert _get(client, "/paths", **params, via="agreement")["paths"] == []
    asked = _get(client, "/paths", **params, via="agreement", include_placeholders="true")
    assert asked["paths"] and asked["paths"][0]["steps"][0]["relation"] == "agreement"
    inferred = count(
        bundled_graph,
        settings,
        "MATCH (a:Actor) WHERE a.id ENDS WITH 'supercluster' AND a.certainty = 'inferred' "
        "AND a.basis STARTS WITH 'Line 43' RETURN count(a)",
    )
    assert inferred == 4  # plus scale-ai, whose id does not end so


def test_regions_measures_and_support(client, bundled_graph, settings):
    assert count(
        bundled_graph,
        settings,
        "MATCH (:Region {id: 'quebec'})-[:REGION_OF]->(:Country {code: 'CA'}) RETURN count(*)",
    )
    assert count(
        bundled_graph,
        settings,
        "MATCH (:Event {id: 'elca-mission-michigan'})-[:IN_REGION]->(:Region {id: 'michigan'}) "
        "RETURN count(*)",
    )
    space2id = _get(client, "/partnerships/space2id")
    assert {(m["metric"], m["value"]) for m in space2id["measures"]} >= {
        ("projects mapped", 176),
        ("SMEs involved", 208),
    }
    assert _ids(_get(client, "/partnerships/wiintech")["funded_by"]) == ["dg-enterprise-industry"]


PARTY_YAML = """format: clustergraph/v1
document: {id: mou-news, title: MoU news}
actors:
  - {id: a-one, name: Cluster One, kind: cluster, country: FR, source: l1}
  - {id: a-two, name: Cluster Two, kind: cluster, country: CO, source: l2}
partnerships:
  - id: p-one
    name: "P-ONE - A partnership"
    kind: escp-4i
    source: l3
    members: [{actor: a-one, source: l3}]
agreements:
  - id: mou-p-one-a-two
    kind: mou
    parties: [P-ONE - A partnership, Cluster Two]
    signatories: [a-one]
    history: [{date: "2020-05", event: signed, source: l4}]
    source: l4
events:
  - {id: e-one, name: E, kind: mission, status: planned, organisers: [p-one], source: l5}
"""

LINKS_CSV = "partnership,relation,other,source\nP-ONE - A partnership,succeeds,p-zero,l9\n"
PARTNERSHIPS_CSV = "id,name,kind,source\np-zero,P-ZERO,project,l8\n"


def test_partnerships_act_in_yaml_and_csv(clean_db, settings, tmp_path):
    (tmp_path / "news.yaml").write_text(PARTY_YAML, encoding="utf-8")
    (tmp_path / "partnerships.csv").write_text(PARTNERSHIPS_CSV, encoding="utf-8")
    (tmp_path / "links.csv").write_text(LINKS_CSV, encoding="utf-8")
    files = [tmp_path / "news.yaml", tmp_path / "partnerships.csv", tmp_path / "links.csv"]
    load(clean_db, settings, files, quiet=True)
    again = load(clean_db, settings, files, quiet=True)
    assert again.stats.nodes_created == again.stats.relationships_created == 0
    q = (
        "MATCH (:Partnership {id: 'p-one'})-[:PARTY_TO]->(g:Agreement {id: 'mou-p-one-a-two'})"
        "<-[:PARTY_TO]-(:Actor {id: 'a-two'}), (:Actor {id: 'a-one'})-[:SIGNED_FOR]->(g) "
        "WHERE g.status = 'signed' RETURN count(*)"
    )
    assert count(clean_db, settings, q) == 1
    q = "MATCH (:Partnership {id: 'p-one'})-[:ORGANISED]->(e:Event {status: 'planned'}) RETURN 1"
    assert count(clean_db, settings, q) == 1
    q = "MATCH (:Partnership {id: 'p-one'})-[:SUCCEEDS]->(:Partnership {id: 'p-zero'}) RETURN 1"
    assert count(clean_db, settings, q) == 1


def test_paths_pass_through_an_agreement_a_partnership_signed(clean_db, settings, tmp_path):
    (tmp_path / "news.yaml").write_text(PARTY_YAML, encoding="utf-8")
    load(clean_db, settings, [tmp_path / "news.yaml"], quiet=True)
    from api.main import create_app

    with TestClient(create_app()) as client:
        # Cluster Two signed with P-ONE as a whole; Cluster One is a member of P-ONE.
        direct = _get(client, "/paths", source="a-two", target="p-one", via="agreement")
        (path,) = direct["paths"]
        assert [n["id"] for n in path["nodes"]] == ["a-two", "mou-p-one-a-two", "p-one"]
        assert path["steps"][0]["relation"] == "agreement"
        assert path["steps"][0]["sources"] == [{"document": "mou-news", "locator": "l4"}]
        body = _get(client, "/paths", source="a-two", target="a-one", k=1)
        ids = [n["id"] for n in body["paths"][0]["nodes"]]
        assert ids == ["a-two", "mou-p-one-a-two", "p-one", "a-one"], ids


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ("{id: x, name: X, kind: cluster, certainty: inferred, source: l}", "needs a `basis`"),
        ("{id: x, name: X, kind: cluster, certainty: maybe, source: l}", "certainty"),
    ],
)
def test_certainty_is_checked(tmp_path, record, expected):
    path = tmp_path / "bad.yaml"
    path.write_text(
        f"format: clustergraph/v1\ndocument: {{id: d, title: t}}\nactors:\n  - {record}\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadValidationError) as excinfo:
        validate([path])
    assert expected in str(excinfo.value.problems)


def test_a_version_1_database_is_upgraded_idempotently(clean_db, settings):
    clean_db.execute_query(
        "MERGE (s:SchemaInfo {id: 'clustergraph'}) SET s.version = 1 "
        "CREATE (:Event {id: 'old', name: 'Old', notes: []}) "
        "CREATE (:Actor {id: 'x', country: 'FR'})-[:PARTY_TO]->(:Agreement {id: 'g'})",
        database_=settings.neo4j_database,
    )
    for _ in range(2):
        with clean_db.session(database=settings.neo4j_database) as session:
            assert apply_schema(session) == SCHEMA_VERSION == 3
    q = "MATCH (e:Event {id: 'old'}) WHERE e.status = 'unknown' AND e.notes IS NULL RETURN count(e)"
    assert count(clean_db, settings, q) == 1
    q = "MATCH (s:SchemaInfo {id: 'clustergraph'}) RETURN s.version"
    assert count(clean_db, settings, q) == 3
    # version 3: the facts' derived countries (graph/schema/derived.py)
    q = "MATCH (g:Agreement {id: 'g'}) WHERE g.actor_countries = ['FR'] RETURN count(g)"
    assert count(clean_db, settings, q) == 1


def test_country_regions_and_actor_facts(client):
    ca = _get(client, "/countries/CA")
    assert {(g["id"], g["kind"]) for g in ca["regions"]} >= {
        ("quebec", "subnational"),
        ("north-america", "supranational"),
    }
    ocean = _get(client, "/actors/ocean-supercluster")
    assert ocean["certainty"] == "inferred" and ocean["basis"].startswith("Line 43")
    initiative = _get(client, "/actors/cleantech-initiative-east-germany")
    assert _ids(initiative["supported_by"]) == ["federal-ministry-of-economy-de"]
    biovalley = _get(client, "/actors/biovalley-france")
    assert ("members", 147) in {(m["metric"], m["value"]) for m in biovalley["measures"]}
    skywin_events = _get(client, "/actors/skywin")["events"]
    assert skywin_events and all(e["status"] == "held" for e in skywin_events)


DUPLICATES_YAML = """format: clustergraph/v1
document: {id: d, title: t}
actors:
  - {id: ohio-polymer, name: Ohio Polymer, kind: cluster, website: www.polymerohio.org,
     source: "003 line 176"}
  - {id: polymerohio, name: PolymerOhio, kind: association, source: "004 line 154"}
  - {id: cluster-energy-lyon, name: Energy Cluster Lyon, kind: cluster, source: l}
  - {id: lyon-energy, name: Lyon Energy Cluster, kind: cluster, source: l}
  - {id: sedc, name: SEDC, kind: agency, source: l}
  - {id: saxony-edc, name: Saxony Economic Development Corporation, kind: agency, source: l}
"""


def test_the_duplicate_report_catches_joined_words_websites_and_acronyms(tmp_path):
    # The two records as the WIINTECH and ELCA reports give them, before they were merged.
    path = tmp_path / "dups.yaml"
    path.write_text(DUPLICATES_YAML, encoding="utf-8")
    found = {(d.a, d.b): d.reason for d in validate([path]).duplicates}
    assert found[("ohio-polymer", "polymerohio")] in {"joined or reordered words", "website"}
    assert ("cluster-energy-lyon", "lyon-energy") in found
    assert found[("saxony-edc", "sedc")] == "acronym"
    # ... and the bundled data, where they are one actor, reports none of them.
    bundled = {(d.a, d.b) for d in validate(None).duplicates}
    assert ("ohio-polymer", "polymerohio") not in bundled


def test_a_version_1_backup_restores_into_version_2(clean_db, settings, tmp_path):
    # What `clustergraph export` wrote before version 2: an event without a status, empty notes.
    lines = [
        {
            "format": "clustergraph/export-v1",
            "exported_at": "2026-12-01T00:00:00+00:00",
            "nodes": 1,
            "relationships": 0,
        },
        {"node": "Event", "key": "old", "properties": {"id": "old", "name": "Old", "notes": []}},
    ]
    backup = tmp_path / "v1.jsonl"
    backup.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    restore_files(clean_db, settings, [backup])
    q = "MATCH (e:Event {id: 'old'}) WHERE e.status = 'unknown' AND e.notes IS NULL RETURN count(e)"
    assert count(clean_db, settings, q) == 1
