"""Placeholders (issue 13 item 8: parties a report counts but does not name) are kept out of
counts, paths, analytics, recommendations and neighbourhoods unless asked for with
`include_placeholders=true`; the counts say how many were kept apart."""

import pytest

from graph.loaders.pipeline import load
from tests.conftest import get_ok, ids

# Two named clusters linked only through an unnamed SME group, a third linked to the first.
DATA = """format: clustergraph/v1
document: {id: news, title: Cooperation news}
actors:
  - {id: c-one, name: Cluster One, kind: cluster, country: FR, source: l1}
  - {id: c-two, name: Cluster Two, kind: cluster, country: CA, source: l2}
  - {id: c-three, name: Cluster Three, kind: cluster, country: DE, source: l3}
  - {id: smes, name: SMEs still to be identified, kind: company, certainty: placeholder,
     source: l4}
agreements:
  - {id: g-one, kind: business, parties: [c-one, smes], date: "2020", status: signed, source: l5}
  - {id: g-two, kind: business, parties: [smes, c-two], date: "2021", status: signed, source: l6}
  - {id: g-three, kind: mou, parties: [c-one, c-three], date: "2019", status: signed, source: l7}
"""


@pytest.fixture
def small(clean_db, settings, tmp_path):
    """The app over the small graph above (the bundled data is reloaded by later tests)."""
    from fastapi.testclient import TestClient

    from api.main import create_app

    path = tmp_path / "news.yaml"
    path.write_text(DATA, encoding="utf-8")
    load(clean_db, settings, [path], quiet=True)
    with TestClient(create_app()) as test_client:
        yield test_client


def test_placeholders_are_counted_apart(small):
    stats = get_ok(small, "/stats")
    assert stats["counts"]["actors"] == 3
    assert stats["placeholders"]["actors"] == 1
    html = small.get("/").text
    assert "1 placeholder record" in html


def test_paths_do_not_pass_through_placeholders(small):
    assert get_ok(small, "/paths", source="c-three", target="c-two")["paths"] == []
    body = get_ok(small, "/paths", source="c-three", target="c-two", include_placeholders="true")
    route = [n["id"] for n in body["paths"][0]["nodes"]][::2]
    assert route == ["c-three", "c-one", "smes", "c-two"]


def test_analytics_leave_placeholders_out(small):
    brokers = get_ok(small, "/analytics/brokers")
    assert ids(brokers["items"]) == ["c-one", "c-three"] and brokers["total"] == 2
    with_them = get_ok(small, "/analytics/brokers", include_placeholders="true")
    assert with_them["include_placeholders"] is True
    assert set(ids(with_them["items"])) == {"c-one", "c-two", "c-three", "smes"}
    assert with_them["items"][0]["id"] in ("c-one", "smes")  # the bridges
    communities = get_ok(small, "/analytics/communities")
    members = {m["id"] for c in communities["items"] for m in c["members"]}
    assert members == {"c-one", "c-three"} and communities["actors"] == 2
    everyone = get_ok(small, "/analytics/communities", include_placeholders="true")
    assert {m["id"] for c in everyone["items"] for m in c["members"]} >= {"smes", "c-two"}


def test_recommendations_leave_placeholders_out(small):
    # c-three's partner c-one shares g-one with the placeholder: not a recommendation...
    assert "smes" not in ids(get_ok(small, "/recommendations/c-three")["items"])
    asked = get_ok(small, "/recommendations/c-three", include_placeholders="true")
    assert "smes" in ids(asked["items"]) and asked["include_placeholders"] is True
    # ... and the placeholder is no common partner: c-two is recommended to c-one only through it.
    assert "c-two" not in ids(get_ok(small, "/recommendations/c-one")["items"])
    through = get_ok(small, "/recommendations/c-one", include_placeholders="true")
    assert "c-two" in ids(through["items"])


def test_neighbourhoods_leave_placeholders_out(small):
    near = get_ok(small, "/actors/c-one/neighbours", depth=2)
    assert {n["id"] for n in near["nodes"]} == {"c-one", "c-three"}
    asked = get_ok(small, "/actors/c-one/neighbours", depth=2, include_placeholders="true")
    assert {n["id"] for n in asked["nodes"]} == {"c-one", "c-three", "smes", "c-two"}
    drawn = get_ok(small, "/maps/actor/c-one", depth=2, format="json")
    assert {n["id"] for n in drawn["nodes"] if n["type"] == "actor"} == {
        "actor:c-one",
        "actor:c-three",
    }
    asked_map = get_ok(
        small, "/maps/actor/c-one", depth=2, format="json", include_placeholders="true"
    )
    assert {"actor:smes", "actor:c-two"} <= {n["id"] for n in asked_map["nodes"]}
