"""GET /maps/... against the real app and the bundled dataset."""

import re

from tests.conftest import count
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
    params = {"source": "aviation-valley", "target": "aerospace-valley", "max_hops": 1}
    data = client.get("/maps/path", params={**params, "format": "json"}).json()
    assert data["description"].startswith("No path within 1 hop(s)")
    # The two ends in their surroundings, nothing highlighted.
    ids = {n["id"] for n in data["nodes"]}
    assert {"actor:aviation-valley", "actor:aerospace-valley", "actor:skywin"} <= ids
    assert not any(n["highlight"] for n in data["nodes"])
    bare = client.get(
        "/maps/path", params={**params, "surroundings": "false", "format": "json"}
    ).json()
    assert [n["id"] for n in bare["nodes"]] == ["actor:aviation-valley", "actor:aerospace-valley"]
    assert bare["edges"] == []


def test_path_is_highlighted_within_its_surroundings(client):
    params = {"source": "aviation-valley", "target": "aerospace-valley", "k": 1}
    data = client.get("/maps/path", params={**params, "format": "json"}).json()
    on_path = [n["id"] for n in data["nodes"] if n["highlight"]]
    # eccp-canada-2019 lines 80 and 84: the two MoUs of Aéro Montréal.
    assert set(on_path) == {
        "actor:aviation-valley",
        "agreement:mou-aero-montreal-aviation-valley",
        "actor:aero-montreal",
        "agreement:mou-aero-montreal-aerospace-valley",
        "actor:aerospace-valley",
    }
    assert len([e for e in data["edges"] if e["highlight"]]) == 4
    around = {n["id"] for n in data["nodes"] if not n["highlight"]}
    assert "partnership:space2id" in around and "actor:skywin" in around
    nodes, edges = vis_data(is_offline_html(client.get("/maps/path", params=params)))
    assert len(nodes) == len(data["nodes"]) and len(edges) == len(data["edges"])
    assert "the path" in client.get("/maps/path", params=params).text  # legend entry


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
        ("/maps/partnership/space2id", {"format": "jpeg"}),
    ]:
        answer = client.get(url, params=params)
        assert answer.status_code == 422, (url, params, answer.text)
        assert answer.json()["error"]["code"] in {"invalid_parameters", "invalid_request"}


def test_country_map(client):
    data = client.get("/maps/country/ca", params={"format": "json"}).json()
    assert data["title"] == "Canada: cooperation map"
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["country:CA"]["focus"] and nodes["country:CA"]["eu"] is False
    edges = edges_of_all(data)
    # eccp-canada-2019: Aéro Montréal is in Canada and signed a MoU with Aerospace Valley.
    assert ("actor:aero-montreal", "country:CA", "located_in") in edges
    mou = "agreement:mou-aero-montreal-aerospace-valley"
    assert ("actor:aerospace-valley", mou, "party_to") in edges
    assert nodes["actor:aero-montreal"]["eu"] is False and nodes["actor:aerospace-valley"]["eu"]
    # space2id-key-achievements line 26: SPACE2ID targets Canada.
    assert ("partnership:space2id", "country:CA", "targets_country") in edges
    html = is_offline_html(client.get("/maps/country/CA"))
    assert "Third-country partner" in html and "EU cluster or actor" in html
    assert client.get("/maps/country/ZZ").status_code == 404
    assert client.get("/maps/country/C1").status_code == 422


def edges_of_all(data: dict) -> set[tuple[str, str, str]]:
    return {(e["source"], e["target"], e["relation"]) for e in data["edges"]}


def overview(client, **params) -> dict:
    answer = client.get("/maps/overview", params={**params, "format": "json"})
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_overview_and_its_filters(client, bundled_graph, settings):
    everything = overview(client)
    ids = {n["id"] for n in everything["nodes"]}
    linked = count(
        bundled_graph,
        settings,
        "MATCH (a:Actor) WHERE EXISTS { (a)-[:PARTY_TO|MEMBER_OF|ORGANISED|PARTICIPATED_IN]->() }"
        " RETURN count(a)",
    )
    assert len([i for i in ids if i.startswith("actor:")]) == linked
    assert everything["omitted"] == 0
    space2id = overview(client, partnership="space2id")
    members = {s for s, t, r in edges_of_all(space2id) if r == "member_of"}
    assert members == {f"actor:{a}" for a in SPACE2ID_MEMBERS}
    assert {t for s, t, r in edges_of_all(space2id)} <= {
        i for i in ids if i == "partnership:space2id" or i.startswith("event:")
    }
    canada = overview(client, country="CA")
    assert {n["country"] for n in canada["nodes"] if n["type"] == "actor"} == {"CA"}
    dated = overview(client, year_from=2016, year_to=2016)
    years = {n["title"] for n in dated["nodes"] if n["type"] in ("agreement", "event")}
    assert years and all("2016" in t for t in years)
    aerospace = overview(client, sector="aerospace")
    assert "actor:aerospace-valley" in {n["id"] for n in aerospace["nodes"]}
    assert len(aerospace["nodes"]) < len(everything["nodes"])


def test_overview_cap_says_how_many_were_left_out(client):
    data = overview(client, limit=40)
    assert len(data["nodes"]) <= 40 and data["omitted"] > 0 and data["cap"] == 40
    html = client.get("/maps/overview", params={"limit": 40}).text
    assert f"{data['omitted']} nodes left out: the map is capped at 40 nodes." in html


def test_overview_errors(client):
    assert client.get("/maps/overview", params={"sector": "no-such-sector"}).status_code == 404
    assert client.get("/maps/overview", params={"partnership": "nope"}).status_code == 404
    answer = client.get("/maps/overview", params={"year_from": 2018, "year_to": 2016})
    assert answer.status_code == 422 and "year_from" in answer.json()["error"]["message"]
    assert client.get("/maps/overview", params={"limit": 0}).status_code == 422


MAPS = [
    ("/maps/actor/aerospace-valley", {"depth": 2}),
    ("/maps/partnership/space2id", {}),
    ("/maps/country/CA", {}),
    ("/maps/path", {"source": "aviation-valley", "target": "aerospace-valley"}),
    ("/maps/overview", {"partnership": "space2id"}),
]


def test_every_map_page_holds_its_whole_subgraph(client):
    for url, params in MAPS:
        data = client.get(url, params={**params, "format": "json"}).json()
        html = is_offline_html(client.get(url, params=params))
        nodes, edges = vis_data(html)
        assert [n["id"] for n in nodes] == [n["id"] for n in data["nodes"]], url
        assert [(e["from"], e["to"]) for e in edges] == [
            (e["source"], e["target"]) for e in data["edges"]
        ], url
        assert len({e["id"] for e in edges}) == len(edges)
        assert "<h2>Legend</h2>" in html
        for node, drawn in zip(data["nodes"], nodes, strict=True):
            for source in node["sources"]:
                assert f"• {source}" in drawn["title"], (url, node["id"])
        for edge, drawn in zip(data["edges"], edges, strict=True):
            for source in edge["sources"][:8]:
                assert f"• {source}" in drawn["title"], (url, edge)
        assert any(n["sources"] for n in data["nodes"]), url


def test_formats(client):
    import csv
    import io
    import zipfile

    import networkx as nx

    for url, params in MAPS:
        data = client.get(url, params={**params, "format": "json"}).json()
        answer = client.get(url, params={**params, "format": "graphml"})
        assert answer.headers["content-type"] == "application/graphml+xml"
        assert answer.headers["content-disposition"].startswith("attachment; filename=")
        assert answer.headers["content-disposition"].endswith('.graphml"')
        graph = nx.read_graphml(io.BytesIO(answer.content), force_multigraph=True)
        assert set(graph.nodes) == {n["id"] for n in data["nodes"]}, url
        assert graph.number_of_edges() == len(data["edges"]), url
        answer = client.get(url, params={**params, "format": "csv"})
        assert answer.headers["content-type"] == "application/zip"
        with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
            nodes = list(csv.DictReader(io.StringIO(archive.read("nodes.csv").decode("utf-8-sig"))))
            edges = list(csv.DictReader(io.StringIO(archive.read("edges.csv").decode("utf-8-sig"))))
        assert [n["id"] for n in nodes] == [n["id"] for n in data["nodes"]]
        assert [(e["source"], e["target"]) for e in edges] == [
            (e["source"], e["target"]) for e in data["edges"]
        ]
        answer = client.get(url, params={**params, "format": "csv", "part": "edges"})
        assert answer.headers["content-type"] == "text/csv; charset=utf-8"
        assert answer.headers["content-disposition"].endswith('-edges.csv"')
        assert answer.content.decode("utf-8-sig") == archive_text(edges)
    answer = client.get("/maps/partnership/space2id")
    assert answer.headers["content-disposition"] == 'inline; filename="partnership-space2id.html"'


def archive_text(rows: list[dict]) -> str:
    import csv
    import io

    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return text.getvalue()


def test_old_plural_paths_redirect(client):
    for old, new in [
        ("/maps/actors/skywin?depth=2", "/maps/actor/skywin?depth=2"),
        ("/maps/partnerships/space2id", "/maps/partnership/space2id"),
        ("/maps/paths?source=skywin&target=tern", "/maps/path?source=skywin&target=tern"),
    ]:
        answer = client.get(old, follow_redirects=False)
        assert answer.status_code == 307 and answer.headers["location"] == new
        assert client.get(old).status_code == 200
    schema = client.get("/openapi.json").json()["paths"]
    assert "/maps/actor/{actor_id}" in schema and "/maps/actors/{actor_id}" not in schema
