"""GET /maps/... and /explorer against the real app and the bundled dataset."""

import re

from tests.test_viz import remote_refs, vis_data

SPACE2ID_MEMBERS = {  # space2id-key-achievements, lines 9-17 (Partners)
    "aerospace-valley": "coordinator",
    "logistics-in-wallonia": "partner",
    "parco-tecnologico-padano": "partner",
    "asociacion-sostenibilidad-energias-renovables": "partner",
    "athena-rc": "partner",
    "skywin": "partner",
    "tern": "partner",
    "mpae": "partner",
    "klaster-inteligentnych-systemow-transportowych": "partner",
}


def is_offline_html(response) -> str:
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert remote_refs(html) == []
    assert not re.search(r"<script[^>]*\bsrc=", html, re.I)
    return html


def edges_of(data: dict) -> dict[tuple[str, str, str], dict]:
    return {(e["source"], e["target"], e["relation"]): e for e in data["edges"]}


def test_partnership_map_html(client):
    html = is_offline_html(client.get("/maps/partnership/space2id"))
    for name in ("Skywin", "Aerospace Valley", "Logistics in Wallonia", "Taiwan", "China"):
        assert f"<td>{name}</td>" in html
    nodes, edges = vis_data(html)
    coordinator = next(e for e in edges if e["from"] == "actor:aerospace-valley")
    assert coordinator["to"] == "partnership:space2id" and coordinator["label"] == "coordinator"
    skywin = next(n for n in nodes if n["id"] == "actor:skywin")
    assert "Country: BE" in skywin["title"]
    assert "space2id-key-achievements, line 14, Partners" in skywin["title"]


def test_partnership_map_data(client):
    data = client.get("/maps/partnership/space2id", params={"format": "json"}).json()
    edges = edges_of(data)
    members = {
        s.removeprefix("actor:"): e["label"]
        for (s, t, rel), e in edges.items()
        if rel == "member_of" and t == "partnership:space2id"
    }
    assert members == SPACE2ID_MEMBERS
    targets = {t: e["label"] for (s, t, rel), e in edges.items() if rel == "targets_country"}
    # line 26: the 5 top priority countries; line 77: Taiwan, a candidate.
    assert targets == {
        "country:CN": "priority",
        "country:AE": "priority",
        "country:CA": "priority",
        "country:CL": "priority",
        "country:CO": "priority",
        "country:TW": "candidate",
    }
    contacted = {
        t
        for (s, t, rel), e in edges.items()
        if rel == "targets_actor" and e["label"] == "contacted"
    }
    assert {"actor:itri", "actor:doit-taiwan", "actor:een-taiwan", "actor:ecct"} <= contacted
    # The May 2016 Taipei delegation visit belongs to SPACE2ID, with ITRI among its participants.
    visit = "event:space2id-taiwan-delegation-2016"
    assert (visit, "partnership:space2id", "part_of") in edges
    assert ("actor:itri", visit, "participated_in") in edges
    focus = [n["id"] for n in data["nodes"] if n["focus"]]
    assert focus == ["partnership:space2id"]


def test_actor_map(client):
    html = is_offline_html(client.get("/maps/actor/aerospace-valley"))
    assert "Aerospace Valley: cooperation neighbourhood" in html
    for name in ("Skywin", "Aéro Montréal", "MoU between Aéro Montréal and Aerospace Valley"):
        assert f"<td>{name}</td>" in html
    data = client.get("/maps/actor/aerospace-valley", params={"format": "json"}).json()
    edges = edges_of(data)
    # eccp-canada-2019 line 80: MoU between Aéro Montréal and Aerospace Valley.
    mou = "agreement:mou-aero-montreal-aerospace-valley"
    assert ("actor:aerospace-valley", mou, "party_to") in edges
    assert ("actor:aero-montreal", mou, "party_to") in edges
    assert edges[("actor:skywin", "partnership:space2id", "member_of")]["label"] == "partner"
    assert [n["id"] for n in data["nodes"] if n["focus"]] == ["actor:aerospace-valley"]


def test_actor_map_via_and_depth(client):
    def ids(**params) -> set[str]:
        params["format"] = "json"
        answer = client.get("/maps/actor/aerospace-valley", params=params)
        assert answer.status_code == 200, answer.text
        return {n["id"] for n in answer.json()["nodes"]}

    agreements_only = ids(via="agreement")
    assert {"actor:aero-montreal", "actor:criaq"} <= agreements_only
    assert not any(i.startswith(("partnership:", "event:")) for i in agreements_only)
    one, two = ids(), ids(depth=2)
    assert one < two
    # Two hops: Aéro Montréal's MoU with Aviation Valley (eccp-canada-2019, line 84).
    assert "actor:aviation-valley" not in one and "actor:aviation-valley" in two


def test_paths_map(client):
    params = {"source": "aviation-valley", "target": "aerospace-valley"}
    html = is_offline_html(client.get("/maps/path", params=params))
    assert "Paths from Aviation Valley to Aerospace Valley" in html
    data = client.get("/maps/path", params={**params, "format": "json"}).json()
    ids = {n["id"] for n in data["nodes"]}
    # Aviation Valley signed a MoU with Aéro Montréal, which signed one with Aerospace Valley.
    assert {
        "agreement:mou-aero-montreal-aviation-valley",
        "actor:aero-montreal",
        "agreement:mou-aero-montreal-aerospace-valley",
    } <= ids
    assert data["description"].startswith("3 shortest path(s) within 4 hop(s)")
    assert (
        "Path 1: Aviation Valley → MoU between Aéro Montréal and Aviation Valley Association"
        " → Aéro Montréal → MoU between Aéro Montréal and Aerospace Valley → Aerospace Valley."
    ) in data["description"]
    assert {n["id"] for n in data["nodes"] if n["focus"]} == {
        "actor:aviation-valley",
        "actor:aerospace-valley",
    }


def test_paths_map_without_path(client):
    data = client.get(
        "/maps/path",
        params={
            "source": "aviation-valley",
            "target": "aerospace-valley",
            "max_hops": 1,
            "format": "json",
        },
    ).json()
    assert data["description"].startswith("No path within 1 hop(s)")
    assert [n["id"] for n in data["nodes"]] == ["actor:aviation-valley", "actor:aerospace-valley"]
    assert data["edges"] == []


def test_unknown_ids_are_404(client):
    for url in (
        "/maps/actor/no-such-actor",
        "/maps/partnership/no-such-partnership",
        "/maps/partnership/skywin",
    ):
        answer = client.get(url)
        assert answer.status_code == 404, url
        assert answer.json()["error"]["code"] == "not_found"
    answer = client.get("/maps/path", params={"source": "skywin", "target": "nowhere-cluster"})
    assert answer.status_code == 404
    assert answer.json()["error"]["detail"]["id"] == "nowhere-cluster"


def test_invalid_parameters_are_422(client):
    for url, params in [
        ("/maps/actor/aerospace-valley", {"depth": 4}),
        ("/maps/actor/aerospace-valley", {"via": "country"}),
        ("/maps/actor/aerospace-valley", {"via": "agreement;MATCH (n) DETACH DELETE n"}),
        ("/maps/actor/Aerospace Valley", {}),
        ("/maps/path", {"source": "skywin", "target": "skywin"}),
        ("/maps/path", {"source": "skywin", "target": "aero-montreal", "k": 11}),
        ("/maps/path", {"source": "skywin"}),
        ("/maps/partnership/space2id", {"format": "png"}),
    ]:
        answer = client.get(url, params=params)
        assert answer.status_code == 422, (url, params, answer.text)
        assert answer.json()["error"]["code"] in {"invalid_parameters", "invalid_request"}


def test_explorer(client):
    html = is_offline_html(client.get("/explorer"))
    assert "<title>clustergraph explorer</title>" in html
    assert 'fetch("search?' in html and "maps/actors/" in html and "maps/partnerships/" in html
    # Its search box calls the real /search, which finds the id the maps take.
    hits = client.get("/search", params={"q": "skywin"}).json()["items"]
    assert hits[0]["id"] == "skywin"
