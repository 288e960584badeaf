"""GET /paths against the bundled dataset: routes between clusters named in different reports."""

import pytest


def _paths(client, **params):
    response = client.get("/paths", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _route(path):
    return [path["steps"][0]["from"], *(s["to"] for s in path["steps"])]


def test_aviation_valley_to_aerospace_valley_through_aero_montreal_mous(client):
    # eccp-canada-2019 lines 80 and 84: Aéro Montréal signed MoUs with Aerospace Valley and with
    # Aviation Valley; Aviation Valley is also an ELCA contact (elca-cross-fertilisation).
    body = _paths(client, source="aviation-valley", target="aerospace-valley")
    assert body["source"] == {"id": "aviation-valley", "name": "Aviation Valley", "type": "actor"}
    assert body["via"] == ["agreement", "membership", "event"]
    best = body["paths"][0]
    assert best["length"] == 2
    assert _route(best) == ["aviation-valley", "aero-montreal", "aerospace-valley"]
    assert [n["id"] for n in best["nodes"]] == [
        "aviation-valley",
        "mou-aero-montreal-aviation-valley",
        "aero-montreal",
        "mou-aero-montreal-aerospace-valley",
        "aerospace-valley",
    ]
    assert [n["type"] for n in best["nodes"]] == [
        "actor",
        "agreement",
        "actor",
        "agreement",
        "actor",
    ]
    first = best["steps"][0]
    assert (first["from"], first["from_name"]) == ("aviation-valley", "Aviation Valley")
    assert (first["to"], first["to_name"]) == ("aero-montreal", "Aéro Montréal")
    assert first["relation"] == "agreement"
    assert first["evidence"] == {
        "id": "mou-aero-montreal-aviation-valley",
        "type": "agreement",
        "name": "MoU between Aéro Montréal and Aviation Valley Association",
    }
    assert {"document": "eccp-canada-2019"}.items() <= first["sources"][0].items()
    assert first["sources"][0]["locator"].startswith("line 84")
    assert best["explanation"] == (
        "Aviation Valley signed a MoU with Aéro Montréal, which signed a MoU with Aerospace Valley."
    )
    # shortest first, at most k (3) distinct routes, none longer than max_hops (4)
    lengths = [p["length"] for p in body["paths"]]
    assert lengths == sorted(lengths) and len(lengths) == 3 and max(lengths) <= 4
    assert len({tuple(_route(p)) for p in body["paths"]}) == 3


def test_elca_partner_reaches_aero_montreal_via_aviation_valley_or_hegan(client):
    # ELCA: BIC plans a cooperation agreement with Aviation Valley, MAV one with HEGAN (lines
    # 141-143); HEGAN and Aviation Valley signed one (eccp-canada-2019 line 101, footnote 7).
    body = _paths(client, source="mav", target="aero-montreal")
    routes = [_route(p) for p in body["paths"]]
    assert ["mav", "hegan", "aviation-valley", "aero-montreal"] in routes
    via_hegan = body["paths"][routes.index(["mav", "hegan", "aviation-valley", "aero-montreal"])]
    assert via_hegan["explanation"] == (
        "MAV plans a cooperation agreement with HEGAN, which signed a cooperation agreement with "
        "Aviation Valley, which signed a MoU with Aéro Montréal."
    )
    assert [s["evidence"]["id"] for s in via_hegan["steps"]] == [
        "coop-elca-hegan",
        "coop-aviation-valley-hegan",
        "mou-aero-montreal-aviation-valley",
    ]
    # the MAV-HEGAN meeting (ELCA) is another piece of evidence for the first hop
    assert "elca-mav-hegan-meeting-2021" in {a["id"] for a in via_hegan["steps"][0]["alternatives"]}

    bic = _paths(client, source="bic", target="aero-montreal", k=1)["paths"]
    assert [_route(p) for p in bic] == [["bic", "aviation-valley", "aero-montreal"]]


def test_skywin_and_medteq_are_not_connected(client):
    # Skywin (SPACE2ID, Canada paper) cooperates within the aerospace group; MEDTEQ only with
    # BioValley France and MEDICEN (eccp-canada-2019 §3.2, §4 LASER-GO): no chain links them.
    assert _paths(client, source="skywin", target="medteq", max_hops=6)["paths"] == []
    everything = "agreement,membership,event,targeting"
    assert (
        _paths(client, source="skywin", target="medteq", max_hops=6, via=everything)["paths"] == []
    )
    # ... while MEDTEQ is reachable from Optonique, through Opticsvalley's LASER-GO Global
    medteq = _paths(client, source="optonique", target="medteq", via=everything)["paths"]
    assert (
        "Optonique signed a MoU with Opticsvalley, which used LASER-GO Global to target MEDTEQ."
        in [p["explanation"] for p in medteq]
    )


def test_via_restricts_the_kind_of_link(client):
    # Skywin and Aerospace Valley: the Space4Globe partnership agreement, both members of
    # SPACE2ID and of Space4Globe, both at the SPACE2ID final meeting.
    default = _paths(client, source="skywin", target="aerospace-valley")["paths"][0]
    assert default["length"] == 1
    assert default["steps"][0]["evidence"]["id"] == "partnership-agreement-space4globe"
    assert {a["id"] for a in default["steps"][0]["alternatives"]} >= {"space2id", "space4globe"}

    events = _paths(client, source="skywin", target="aerospace-valley", via="event")["paths"]
    assert [p["steps"][0]["relation"] for p in events] == ["event"] * len(events)
    assert events[0]["steps"][0]["evidence"]["id"] == "space2id-final-meeting"
    assert events[0]["explanation"].startswith("Skywin met Aerospace Valley at ")

    members = _paths(client, source="skywin", target="aerospace-valley", via="membership")
    assert members["via"] == ["membership"]
    assert members["paths"][0]["explanation"].startswith("Skywin is a fellow member of ")
    # no path of shared events alone from Aviation Valley to Aerospace Valley within 4 hops
    assert (
        _paths(client, source="aviation-valley", target="aerospace-valley", via="event")["paths"]
        == []
    )


def test_partnership_endpoints(client):
    body = _paths(client, source="space2id", target="aero-montreal")
    assert body["source"]["type"] == "partnership"
    best = body["paths"][0]
    assert _route(best) == ["space2id", "aerospace-valley", "aero-montreal"]
    assert best["steps"][0]["relation"] == "membership"
    assert best["explanation"] == (
        "Aerospace Valley, a member of SPACE2ID, signed a MoU with Aéro Montréal."
    )


def test_max_hops_too_small_gives_no_paths(client):
    body = _paths(client, source="aviation-valley", target="aerospace-valley", max_hops=1)
    assert body["paths"] == [] and body["max_hops"] == 1


def test_k_bounds_the_number_of_routes(client):
    assert (
        len(_paths(client, source="aviation-valley", target="aerospace-valley", k=1)["paths"]) == 1
    )


def test_unknown_ids_are_404(client):
    response = client.get(
        "/paths", params={"source": "no-such-cluster", "target": "aerospace-valley"}
    )
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "not_found" and error["detail"]["id"] == "no-such-cluster"
    response = client.get("/paths", params={"source": "skywin", "target": "no-such-cluster"})
    assert response.status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"source": "skywin", "target": "skywin"},
        {"source": "skywin", "target": "aerospace-valley", "max_hops": 7},
        {"source": "skywin", "target": "aerospace-valley", "max_hops": 0},
        {"source": "skywin", "target": "aerospace-valley", "k": 11},
        {"source": "skywin", "target": "aerospace-valley", "via": "country"},
        {"source": "skywin", "target": "aerospace-valley", "via": "sector,agreement"},
        {"source": "skywin", "target": "Aerospace Valley"},
        {"source": "skywin"},
    ],
)
def test_invalid_requests_are_422(client, params):
    response = client.get("/paths", params=params)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] in {"invalid_parameters", "invalid_request"}
