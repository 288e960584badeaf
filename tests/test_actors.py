"""GET /actors, /actors/{id} and /actors/{id}/neighbours against the bundled dataset."""

import pytest

from tests.conftest import get_ok as _get
from tests.conftest import ids as _ids


def test_aerospace_valley_coordinates_space2id_and_chairs_space4globe(client):
    # SPACE2ID Key Achievements, line 10 "AEROSPACE VALLEY- COORDINATOR (FR)"; line 27 Space4Globe
    # "is chaired by Aerospace Valley".
    actor = _get(client, "/actors/aerospace-valley")
    assert (actor["name"], actor["kind"], actor["country"]) == ("Aerospace Valley", "cluster", "FR")
    assert actor["country_name"] == "France"
    roles = {p["id"]: p["role"] for p in actor["partnerships"]}
    assert roles["space2id"] == "coordinator"
    assert roles["space4globe"] == "chair"
    assert actor["partnerships"][0]["role"] == "coordinator"  # strongest role first
    space2id = next(p for p in actor["partnerships"] if p["id"] == "space2id")
    assert space2id["sources"] == [
        {"document": "space2id-key-achievements", "locator": "line 10, Partners"}
    ]
    assert {"aerospace", "space"} <= {s["id"] for s in actor["sectors"]}
    assert actor["sources"] and actor["targets_of"] == []


def test_aerospace_valley_agreements_with_quebec(client):
    # ECCP Canada 2019, lines 80-81: MoUs with Aéro Montréal and with CRIAQ.
    agreements = {g["id"]: g for g in _get(client, "/actors/aerospace-valley")["agreements"]}
    mou = agreements["mou-aero-montreal-aerospace-valley"]
    assert (mou["kind"], mou["status"]) == ("mou", "signed")
    assert {p["id"] for p in mou["parties"]} == {"aero-montreal", "aerospace-valley"}
    assert {p["id"] for p in agreements["mou-criaq-aerospace-valley"]["parties"]} == {
        "criaq",
        "aerospace-valley",
    }
    assert all(g["sources"] for g in agreements.values())


def test_medteq_agreements_events_and_targeting(client):
    # ECCP Canada 2019, §3.2 (lines 161-177): partnership agreement BioValley France - MEDTEQ
    # signed on 31 January 2017 during the MEDTEQ annual forum; line 222: MoU MEDTEQ - MEDICEN
    # on behalf of LASER-GO GLOBAL (June 2018), which lists MEDTEQ among its contacts.
    actor = _get(client, "/actors/medteq")
    assert (actor["kind"], actor["country"], actor["region"]) == ("consortium", "CA", "Québec")
    agreements = {g["id"]: g for g in actor["agreements"]}
    biovalley = agreements["partnership-biovalley-france-medteq"]
    assert {p["id"] for p in biovalley["parties"]} == {"biovalley-france", "medteq"}
    assert biovalley["date"] == "2017-01-31"
    medicen = agreements["mou-medteq-medicen"]
    assert {p["id"] for p in medicen["parties"]} == {"medteq", "medicen"}
    assert (medicen["date"], medicen["partnership"]["id"]) == ("2018-06", "laser-go-global")
    assert [g["date"] for g in actor["agreements"]] == ["2017-01-31", "2018-06"]
    events = {e["id"]: e for e in actor["events"]}
    forum = events["medteq-annual-forum-2017"]
    assert (forum["date"], forum["roles"]) == ("2017-01-31", ["organiser"])
    assert forum["sources"][0]["document"] == "eccp-canada-2019"
    (target,) = actor["targets_of"]
    assert (target["id"], target["status"]) == ("laser-go-global", "contacted")
    assert target["sources"] == [
        {"document": "eccp-canada-2019", "locator": "line 222, §4 LASER-GO Global"}
    ]


def test_scored_target_shows_the_partnership_and_its_score(client):
    # WIINTECH strategy 2012, line 365 (Table 11, India clusters): Indian Chemical Council 700.
    actor = _get(client, "/actors/indian-chemical-council")
    assert actor["country"] == "IN"
    (target,) = actor["targets_of"]
    assert (target["id"], target["score"], target["status"]) == ("wiintech", 700.0, "selected")


def test_skywin_keeps_its_verbatim_name_as_alias(client):
    # SPACE2ID Key Achievements, line 14: "SKYWIN WALLONIE ASBL (BE)", a partner.
    actor = _get(client, "/actors/skywin")
    assert "SKYWIN WALLONIE ASBL" in actor["aliases"]
    assert {p["id"]: p["role"] for p in actor["partnerships"]}["space2id"] == "partner"
    # ECCP Canada 2019, line 82: MoU with Aéro Montréal, first signed in 2007 and renewed.
    mou = next(g for g in actor["agreements"] if g["id"] == "mou-aero-montreal-skywin")
    assert (mou["status"], mou["date"]) == ("renewed", "2007")


def test_list_members_of_space2id(client):
    # SPACE2ID Key Achievements, lines 9-17: nine partners.
    page = _get(client, "/actors", partnership="space2id", limit=100)
    assert page["total"] == 9 == len(page["items"])
    ids = _ids(page["items"])
    assert {"aerospace-valley", "skywin", "logistics-in-wallonia", "mpae", "tern"} <= set(ids)
    names = [a["name"].casefold() for a in page["items"]]
    assert names == sorted(names)


def test_list_filters_country_sector_with_subsectors_and_kind(client):
    # Aéro Montréal and CRIAQ (ECCP Canada 2019, lines 80-84) are Canadian aerospace actors;
    # aerospace is a sub-sector of transport, so they count for `sector=transport`.
    aerospace = _get(client, "/actors", country="ca", sector="aerospace", limit=100)
    assert {"aero-montreal", "criaq"} <= set(_ids(aerospace["items"]))
    assert all(a["country"] == "CA" for a in aerospace["items"])
    transport = _get(client, "/actors", country="CA", sector="transport", limit=100)
    assert set(_ids(aerospace["items"])) <= set(_ids(transport["items"]))
    consortia = _get(client, "/actors", kind="consortium", limit=100)
    assert {"medteq", "criaq"} <= set(_ids(consortia["items"]))
    assert {a["kind"] for a in consortia["items"]} == {"consortium"}


def test_list_pagination(client):
    everything = _get(client, "/actors", limit=100)
    assert everything["total"] > 100
    page = _get(client, "/actors", limit=5, offset=10)
    assert (page["limit"], page["offset"], page["total"]) == (5, 10, everything["total"])
    assert _ids(page["items"]) == _ids(everything["items"])[10:15]


def test_unknown_actor_is_404_with_the_error_format(client):
    response = client.get("/actors/no-such-actor")
    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "code": "not_found",
            "message": "No actor with id 'no-such-actor'. Use GET /search?q=... to find ids.",
            "detail": {"kind": "actor", "id": "no-such-actor"},
        }
    }
    assert client.get("/actors/no-such-actor/neighbours").status_code == 404


def test_unknown_filter_ids_are_404(client):
    response = client.get("/actors", params={"partnership": "no-such-partnership"})
    assert response.status_code == 404
    assert response.json()["error"]["detail"] == {
        "kind": "partnership",
        "id": "no-such-partnership",
    }


@pytest.mark.parametrize(
    "url, params, field",
    [
        ("/actors/Aero Montreal", {}, "actor_id"),
        ("/actors", {"kind": "cluster-organisation"}, "kind"),
        ("/actors", {"country": "FRA"}, "country"),
        ("/actors", {"limit": 101}, "limit"),
        ("/actors/skywin/neighbours", {"depth": 0}, "depth"),
        ("/actors/skywin/neighbours", {"depth": 4}, "depth"),
        ("/actors/skywin/neighbours", {"via": "country"}, "via"),
        ("/actors/skywin/neighbours", {"via": "agreement,sector"}, "via"),
        ("/actors/skywin/neighbours", {"max_nodes": 1}, "max_nodes"),
    ],
)
def test_invalid_parameters_are_422(client, url, params, field):
    response = client.get(url, params=params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_parameters"
    assert [p["field"] for p in error["detail"]] == [field]


def test_neighbours_through_agreements(client):
    # ECCP Canada 2019, lines 80, 82, 84: Aéro Montréal signed MoUs with Aerospace Valley,
    # Skywin and Aviation Valley. CRIAQ, also a Québec aerospace actor, is no neighbour: a shared
    # country or sector is never a link.
    hood = _get(client, "/actors/aero-montreal/neighbours", via="agreement")
    assert (hood["center"], hood["depth"], hood["via"]) == ("aero-montreal", 1, ["agreement"])
    assert set(_ids(hood["nodes"])) == {
        "aero-montreal",
        "aerospace-valley",
        "skywin",
        "aviation-valley",
    }
    assert hood["nodes"][0] == {
        "id": "aero-montreal",
        "name": "Aéro Montréal",
        "type": "actor",
        "country": "CA",
        "depth": 0,
    }
    edge = next(e for e in hood["edges"] if "skywin" in (e["source"], e["target"]))
    assert {edge["source"], edge["target"]} == {"aero-montreal", "skywin"}
    assert edge["relation"] == "agreement"
    assert edge["evidence"] == {
        "id": "mou-aero-montreal-skywin",
        "name": "MoU between Skywin and Aéro Montréal",
        "type": "agreement",
    }
    assert edge["sources"][0]["document"] == "eccp-canada-2019"
    assert len(hood["edges"]) == 3 and not hood["truncated"]


def test_neighbours_at_depth_two_reach_criaq_through_skywin(client):
    # CRIAQ signed MoUs with Skywin and Aerospace Valley (ECCP Canada 2019, lines 81, 83).
    hood = _get(client, "/actors/aero-montreal/neighbours", via="agreement", depth=2)
    depths = {n["id"]: n["depth"] for n in hood["nodes"]}
    assert depths["criaq"] == 2 and depths["skywin"] == 1
    relations = {e["relation"] for e in hood["edges"]}
    assert relations == {"agreement"}
    node_ids = set(depths)
    assert all(e["source"] in node_ids and e["target"] in node_ids for e in hood["edges"])


def test_neighbours_through_memberships_and_events(client):
    # Skywin's SPACE2ID partners (SPACE2ID Key Achievements, lines 9-17).
    hood = _get(client, "/actors/skywin/neighbours", via="membership")
    assert {"aerospace-valley", "logistics-in-wallonia", "tern"} <= set(_ids(hood["nodes"]))
    assert {e["relation"] for e in hood["edges"]} == {"membership"}
    assert {e["evidence"]["type"] for e in hood["edges"]} == {"partnership"}
    assert "space2id" in {e["evidence"]["id"] for e in hood["edges"]}
    default = _get(client, "/actors/skywin/neighbours")
    assert default["via"] == ["agreement", "membership", "event"]
    assert {"agreement", "membership", "event"} <= {e["relation"] for e in default["edges"]}


def test_neighbours_through_targeting(client):
    # ECCP Canada 2019, line 222: LASER-GO Global (Optence, Opticsvalley, Human.technology
    # Styria, LITEK) contacted MEDTEQ.
    hood = _get(client, "/actors/medteq/neighbours", via="targeting")
    assert {"opticsvalley", "litek", "optence", "human-technology-styria"} <= set(
        _ids(hood["nodes"])
    )
    edges = {e["source"]: e for e in hood["edges"] if e["target"] == "medteq"}
    assert edges["opticsvalley"]["relation"] == "targeting"
    assert edges["opticsvalley"]["evidence"]["id"] == "laser-go-global"
    # without `targeting`, MEDTEQ's agreements link it to BioValley France and MEDICEN
    plain = _get(client, "/actors/medteq/neighbours")
    assert {"biovalley-france", "medicen"} <= set(_ids(plain["nodes"]))
    assert "opticsvalley" not in _ids(plain["nodes"])


def test_neighbours_node_cap(client):
    hood = _get(client, "/actors/skywin/neighbours", depth=3, max_nodes=5)
    assert len(hood["nodes"]) == 5 and hood["truncated"] is True
    node_ids = set(_ids(hood["nodes"]))
    assert all(e["source"] in node_ids and e["target"] in node_ids for e in hood["edges"])


def test_neighbourhood_cut_by_the_answer_row_cap_says_so(client, settings, monkeypatch):
    # Discovery pages and the edge rows obey CLUSTERGRAPH_MAX_ROWS; a cut answer is marked.
    full = _get(client, "/actors/aerospace-valley/neighbours", depth=2, max_nodes=500)
    monkeypatch.setattr(settings, "max_rows", 3)
    cut = _get(client, "/actors/aerospace-valley/neighbours", depth=2, max_nodes=500)
    assert not full["truncated"] and cut["truncated"]
    assert set(_ids(cut["nodes"])) == set(_ids(full["nodes"]))  # discovery pages past the cap
    assert 0 < len(cut["edges"]) < len(full["edges"])
