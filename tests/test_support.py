"""Support on agreements (issue 13 item 9): who funded or supported an agreement, for which period,
on whose word — through the loader (YAML and CSV), the API and the workbench. The bundled case is
002 lines 145-146: the Wallonia-Brussels–Québec Joint Committee supported the first phase of the
Skywin–Aéro Montréal collaboration (2013-2015); the Walloon government now funds it."""

import pytest

from clustergraph.errors import LoadValidationError
from graph.loaders.pipeline import load, validate
from tests.conftest import count, get_ok, ids

MOU = "mou-aero-montreal-skywin"
COMMITTEE = "wallonia-brussels-quebec-joint-committee"


def test_an_agreement_says_who_supported_it_and_when(client):
    mou = get_ok(client, f"/agreements/{MOU}")
    (committee,) = mou["supported_by"]
    assert committee["id"] == COMMITTEE and committee["relation"] == "supported_by"
    assert (committee["period_from"], committee["period_to"]) == ("2013", "2015")
    assert committee["sources"][0] == {
        "document": "eccp-canada-2019",
        "locator": committee["sources"][0]["locator"],
    }
    assert committee["sources"][0]["locator"].startswith("line 145")
    (walloon,) = mou["funded_by"]
    assert walloon["id"] == "walloon-government" and walloon["period_from"] is None
    assert walloon["sources"][0]["locator"].startswith("line 146")
    # The rows of the list carry it too.
    rows = get_ok(client, "/agreements", actor="skywin", limit=100)["items"]
    row = next(g for g in rows if g["id"] == MOU)
    assert ids(row["supported_by"]) == [COMMITTEE] and ids(row["funded_by"]) == [
        "walloon-government"
    ]


def test_a_supporter_lists_what_it_supports(client):
    committee = get_ok(client, f"/actors/{COMMITTEE}")
    assert [(s["type"], s["id"], s["relation"]) for s in committee["supports"]] == [
        ("agreement", MOU, "supported_by")
    ]
    assert committee["supports"][0]["period_to"] == "2015"
    walloon = {
        (s["type"], s["id"]) for s in get_ok(client, "/actors/walloon-government")["supports"]
    }
    assert ("agreement", MOU) in walloon
    # The older support links (on partnerships and actors) show from the supporter's side too.
    dg = get_ok(client, "/actors/dg-enterprise-industry")["supports"]
    assert ("partnership", "wiintech", "funded_by") in {
        (s["type"], s["id"], s["relation"]) for s in dg
    }


def test_the_pages_show_support_with_period_and_source(client):
    html = client.get(f"/explore/agreements/{MOU}").text
    assert 'id="supporters"' in html
    assert f'href="/explore/actors/{COMMITTEE}"' in html and "(2013–2015)" in html
    assert "line 145" in html and "line 146" in html
    html = client.get(f"/explore/actors/{COMMITTEE}").text
    assert 'id="supports"' in html and f'href="/explore/agreements/{MOU}"' in html
    assert "supports the agreement" in html and "(2013–2015)" in html
    funder = client.get("/explore/actors/walloon-government").text
    assert "funds the agreement" in funder


SUPPORT_YAML = """format: clustergraph/v1
document: {id: support-news, title: Support news}
actors:
  - {id: a-one, name: Cluster One, kind: cluster, country: FR, source: l1}
  - {id: a-two, name: Cluster Two, kind: cluster, country: CA, source: l2}
  - {id: fund-one, name: Fund One, kind: agency, source: l3}
  - {id: ministry, name: The Ministry, kind: government, source: l4}
partnerships:
  - {id: p-one, name: "P-ONE - A partnership", kind: escp-4i, source: l5}
agreements:
  - id: mou-one-two
    kind: mou
    parties: [a-one, Cluster Two]
    history: [{date: "2013", event: signed, source: l6}]
    support:
      - {actor: Fund One, relation: supported_by, from: "2013", to: "2015-06", source: l7}
    source: l6
events:
  - {id: e-one, name: E, kind: mission, status: held, organisers: [a-one], source: l8}
"""

SUPPORT_CSV = """type,record,relation,actor,from,to,source
agreement,mou-one-two,funded_by,The Ministry,2016,,l10
partnership,P-ONE - A partnership,funded_by,ministry,,,l11
event,e-one,supported_by,fund-one,,,l12
"""


def test_support_in_yaml_and_csv_loads_idempotently(clean_db, settings, tmp_path):
    (tmp_path / "news.yaml").write_text(SUPPORT_YAML, encoding="utf-8")
    (tmp_path / "support.csv").write_text(SUPPORT_CSV, encoding="utf-8")
    files = [tmp_path / "news.yaml", tmp_path / "support.csv"]
    load(clean_db, settings, files, quiet=True)
    again = load(clean_db, settings, files, quiet=True)
    assert again.stats.nodes_created == again.stats.relationships_created == 0
    q = (
        "MATCH (:Agreement {id: 'mou-one-two'})-[r:SUPPORTED_BY]->(:Actor {id: 'fund-one'}) "
        "WHERE r.period_from = '2013' AND r.period_to = '2015-06' "
        "AND r.sources = ['support-news|l7'] RETURN count(r)"
    )
    assert count(clean_db, settings, q) == 1
    q = (
        "MATCH (:Agreement {id: 'mou-one-two'})-[r:FUNDED_BY]->(:Actor {id: 'ministry'}) "
        "WHERE r.period_from = '2016' AND r.period_to IS NULL RETURN count(r)"
    )
    assert count(clean_db, settings, q) == 1
    q = "MATCH (:Partnership {id: 'p-one'})-[:FUNDED_BY]->(:Actor {id: 'ministry'}) RETURN 1"
    assert count(clean_db, settings, q) == 1
    q = "MATCH (:Event {id: 'e-one'})-[:SUPPORTED_BY]->(:Actor {id: 'fund-one'}) RETURN 1"
    assert count(clean_db, settings, q) == 1
    # A support table naming a record already in the database loads on its own.
    (tmp_path / "later.csv").write_text(
        "type,record,relation,actor,source\nagreement,mou-one-two,supported_by,a-two,l13\n",
        encoding="utf-8",
    )
    load(clean_db, settings, [tmp_path / "later.csv"], quiet=True)
    q = "MATCH (:Agreement {id: 'mou-one-two'})-[r:SUPPORTED_BY]->(:Actor) RETURN count(r)"
    assert count(clean_db, settings, q) == 2


@pytest.mark.parametrize(
    ("csv_text", "expected"),
    [
        (
            "type,record,relation,actor,source\nagreement,no-such-mou,funded_by,a-one,l1\n",
            "unknown agreement 'no-such-mou'",
        ),
        (
            "type,record,relation,actor,source\nevent,mou-one-two,funded_by,Nobody,l1\n",
            "unknown actor 'Nobody'",
        ),
        (
            "type,record,relation,actor,from,to,source\n"
            "agreement,mou-one-two,funded_by,a-one,2016,2015,l1\n",
            "is after `to`",
        ),
        (
            "type,record,relation,actor,source\ntreaty,mou-one-two,funded_by,a-one,l1\n",
            "'agreement' or 'event'",
        ),
    ],
)
def test_bad_support_rows_are_refused_naming_the_line(tmp_path, csv_text, expected):
    (tmp_path / "news.yaml").write_text(SUPPORT_YAML, encoding="utf-8")
    (tmp_path / "bad.csv").write_text(csv_text, encoding="utf-8")
    with pytest.raises(LoadValidationError) as excinfo:
        validate([tmp_path / "news.yaml", tmp_path / "bad.csv"])
    problems = excinfo.value.problems
    assert any(expected in p.message and p.line == 2 for p in problems), problems


def test_maps_draw_support_with_its_period(client):
    data = get_ok(client, "/maps/actor/skywin", format="json")
    edges = {(e["source"], e["target"], e["relation"]): e for e in data["edges"]}
    committee = edges[(f"agreement:{MOU}", f"actor:{COMMITTEE}", "supported_by")]
    assert committee["label"] == "2013–2015"
    assert committee["sources"][0].startswith("eccp-canada-2019, line 145")
    assert (f"agreement:{MOU}", "actor:walloon-government", "funded_by") in edges
    assert "funding or support link(s)" in data["description"]
    # Only for what the map shows: the agreement left out as of 2005, its supporters too.
    early = get_ok(client, "/maps/actor/skywin", format="json", as_of="2005")
    assert not any(e["relation"] in {"funded_by", "supported_by"} for e in early["edges"])
    html = client.get("/maps/country/CA").text
    assert "supported by" in html and "funded by" in html  # legend entries
    wiintech = get_ok(client, "/maps/partnership/wiintech", format="json")
    assert any(
        e["relation"] == "funded_by" and e["target"] == "actor:dg-enterprise-industry"
        for e in wiintech["edges"]
    )
