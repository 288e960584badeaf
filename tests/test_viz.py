"""viz: NetworkMap -> offline HTML, on maps built by hand from facts of the seed reports."""

import json
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from viz import MapEdge, MapNode, NetworkMap, render_map, write_map
from viz.render import build_network, vis_assets
from viz.style import EDGE_STYLES, HIGHLIGHT, NODE_STYLES

# A remote resource: any src/href/url()/@import naming a host, or a protocol-relative URL.
REMOTE = re.compile(
    r"""(?:\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)|(?:@import\s+["']?(?:https?:)?//)""",
    re.IGNORECASE,
)
TAGS = re.compile(r"<(?:script|link|img|iframe)\b[^>]*>", re.IGNORECASE)


def remote_refs(html: str) -> list[str]:
    """Remote references in tags (the inlined vis-network script mentions URLs in comments)."""
    return [tag for tag in TAGS.findall(html) if REMOTE.search(tag)] + [
        m.group(0) for m in re.finditer(r"url\(\s*[\"']?\s*(?:https?:)?//[^)]*\)", html)
    ]


def space2id_map() -> NetworkMap:
    """SPACE2ID (space2id-key-achievements, lines 9-27): coordinator, a partner, a target."""
    cite = "space2id-key-achievements, line {}, Partners".format
    return NetworkMap(
        title="SPACE2ID: partnership map",
        description="Members and one priority target country.",
        nodes=[
            MapNode(
                id="partnership:space2id",
                label="SPACE2ID",
                type="partnership",
                kind="escp-4i",
                focus=True,
                sources=["space2id-key-achievements, line 5"],
            ),
            MapNode(
                id="actor:aerospace-valley",
                label="Aerospace Valley",
                type="actor",
                kind="cluster",
                country="FR",
                eu=True,
                sources=[cite(10)],
            ),
            MapNode(
                id="actor:skywin",
                label="Skywin",
                type="actor",
                kind="cluster",
                country="BE",
                eu=True,
                sources=[cite(14)],
            ),
            MapNode(id="country:CA", label="Canada", type="country", country="CA"),
        ],
        edges=[
            MapEdge(
                source="actor:aerospace-valley",
                target="partnership:space2id",
                relation="member_of",
                label="coordinator",
                sources=[cite(10)],
            ),
            MapEdge(
                source="actor:skywin",
                target="partnership:space2id",
                relation="member_of",
                label="partner",
                sources=[cite(14)],
            ),
            MapEdge(
                source="partnership:space2id",
                target="country:CA",
                relation="targets_country",
                label="priority",
                sources=["space2id-key-achievements, line 26"],
            ),
        ],
    )


def vis_data(html: str) -> tuple[list[dict], list[dict]]:
    """The vis-network nodes and edges embedded in a map page."""
    found = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S)
    assert found
    data = json.loads(found.group(1))
    return data["nodes"], data["edges"]


def test_map_contains_labels_legend_and_data():
    html = render_map(space2id_map())
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>SPACE2ID: partnership map</title>" in html
    for label in ("SPACE2ID", "Aerospace Valley", "Skywin", "Canada"):
        assert f"<td>{label}</td>" in html  # the table of entities under the map
    nodes, edges = vis_data(html)
    assert {n["label"] for n in nodes} == {"SPACE2ID", "Aerospace Valley", "Skywin", "Canada"}
    assert {(e["from"], e["to"], e["label"]) for e in edges} == {
        ("actor:aerospace-valley", "partnership:space2id", "coordinator"),
        ("actor:skywin", "partnership:space2id", "partner"),
        ("partnership:space2id", "country:CA", "priority"),
    }
    # Legend: only what is on the map.
    assert "EU cluster or actor" in html and "Partnership" in html and "Country" in html
    assert "Research centre" not in html and "Agreement</li>" not in html
    assert "member of" in html and "targets country" in html


def test_map_is_offline():
    html = render_map(space2id_map())
    assert remote_refs(html) == []
    assert "cdn" not in " ".join(TAGS.findall(html)).lower()
    assert not re.search(r"<script[^>]*\bsrc=", html, re.I)
    assert re.findall(r"<link\b[^>]*>", html, re.I) == ['<link rel="icon" href="data:,">']
    assert "sourceMappingURL" not in html
    script, css = vis_assets()
    assert str(script)[:200] in html and "vis-network" in str(css)
    assert "default-src 'none'" in html  # the browser refuses remote loads too


def test_stock_pyvis_in_line_template_would_not_be_offline():
    """Why viz renders its own page: pyvis's in-line template still links Bootstrap."""
    net = build_network(space2id_map())
    assert net.cdn_resources == "in_line"
    assert any("cdn.jsdelivr.net" in ref for ref in remote_refs(net.generate_html()))


def test_styles_per_type_eu_and_links():
    nodes, edges = vis_data(render_map(space2id_map()))
    by_id = {n["id"]: n for n in nodes}
    assert by_id["actor:skywin"]["color"] == NODE_STYLES["eu_actor"].color
    assert by_id["actor:skywin"]["shape"] == "dot"
    assert by_id["partnership:space2id"]["shape"] == NODE_STYLES["partnership"].shape
    assert by_id["country:CA"]["shape"] == NODE_STYLES["country"].shape
    # Size grows with links (3 on the map for SPACE2ID, 1 for Canada); the subject is drawn
    # larger still, with a thick border.
    assert by_id["partnership:space2id"]["size"] > by_id["country:CA"]["size"]
    assert by_id["partnership:space2id"]["borderWidth"] == 3
    member = next(e for e in edges if e["label"] == "partner")
    assert member["color"]["color"] == EDGE_STYLES["member_of"].color and not member["dashes"]
    partners = NetworkMap(
        title="t",
        nodes=[
            MapNode(id="a", label="Aéro Montréal", type="actor", country="CA", eu=False, links=9),
            MapNode(id="b", label="Skywin", type="actor", country="BE", eu=True, links=1),
            MapNode(id="c", label="X", type="actor"),
            MapNode(id="s", label="MoU", type="agreement", kind="mou"),
            MapNode(id="p", label="Plan", type="agreement", kind="mou"),
        ],
        edges=[
            MapEdge(source="a", target="s", relation="party_to", status="signed"),
            MapEdge(source="b", target="p", relation="party_to", status="planned"),
        ],
    )
    html = render_map(partners)
    nodes, edges = vis_data(html)
    assert [n["color"] for n in nodes[:3]] == [
        NODE_STYLES["third_actor"].color,
        NODE_STYLES["eu_actor"].color,
        NODE_STYLES["actor"].color,
    ]
    assert nodes[0]["shape"] != nodes[1]["shape"]
    assert nodes[0]["size"] > nodes[1]["size"]  # 9 cooperation links in the graph against 1
    signed, planned = edges
    assert not signed["dashes"] and planned["dashes"]
    assert "Third-country partner" in html and "EU cluster or actor" in html
    assert "party to a signed agreement" in html and "party to a planned agreement" in html


def test_tooltips_show_name_type_country_and_sources():
    nodes, edges = vis_data(render_map(space2id_map()))
    skywin = next(n for n in nodes if n["id"] == "actor:skywin")
    assert skywin["title"].splitlines() == [
        "Skywin",
        "Type: actor · cluster",
        "Country: BE (EU)",
        "Cooperation links: 1",
        "Sources:",
        "• space2id-key-achievements, line 14, Partners",
    ]
    coordinator = next(e for e in edges if e["label"] == "coordinator")
    assert coordinator["title"].startswith("member of a partnership (coordinator)\nSources:")


def test_text_is_escaped():
    evil = "<script>alert(1)</script><img src=x onerror=alert(1)>"
    html = render_map(
        NetworkMap(
            title=evil,
            description=evil,
            nodes=[MapNode(id="x", label=evil, type="actor", title=evil, sources=[evil])],
        )
    )
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    nodes, _ = vis_data(html)
    # Intact as data (the JSON is inert inside its script element); the page shows it as text.
    assert nodes[0]["label"] == evil and evil in nodes[0]["title"]
    assert "textContent = line" in html and "innerHTML" not in html.split("map-data")[-1]


def test_long_labels_are_never_cut():
    name = "SPACE2ID - Space Clusters International Industrial Diversification"
    nodes, _ = vis_data(
        render_map(NetworkMap(title="t", nodes=[MapNode(id="p", label=name, type="partnership")]))
    )
    assert nodes[0]["label"] == name  # the page's label budget shows it whole, or not at all
    assert nodes[0]["title"].startswith(name)


def test_network_map_validation():
    with pytest.raises(ValidationError, match="missing from the map: actor:nowhere"):
        NetworkMap(
            title="t",
            nodes=[MapNode(id="a", label="A", type="actor")],
            edges=[MapEdge(source="a", target="actor:nowhere", relation="party_to")],
        )
    with pytest.raises(ValidationError):
        MapNode(id="a", label="A", type="planet")
    twice = NetworkMap(
        title="t",
        nodes=[
            MapNode(id="a", label="A", type="actor"),
            MapNode(id="a", label="B", type="actor"),
            MapNode(id="b", label="B", type="agreement"),
        ],
        edges=[MapEdge(source="a", target="b", relation="party_to")] * 2,
    )
    assert [n.label for n in twice.nodes] == ["A", "B"] and len(twice.edges) == 1


def test_write_map(tmp_path: Path):
    path = write_map(space2id_map(), tmp_path / "maps" / "space2id")
    assert path == tmp_path / "maps" / "space2id.html"
    html = path.read_text(encoding="utf-8")
    assert "Skywin" in html and remote_refs(html) == []


def test_parallel_edges_are_kept_and_drawn_apart():
    """Skywin and Aéro Montréal drawn with two agreements between them as direct links."""
    nodes = [
        MapNode(id="actor:skywin", label="Skywin", type="actor"),
        MapNode(id="actor:aero-montreal", label="Aéro Montréal", type="actor"),
    ]
    edges = [
        MapEdge(source="actor:skywin", target="actor:aero-montreal", relation="party_to", id=i)
        for i in ("mou-2016", "cooperation-2018")
    ]
    edges.append(edges[0])  # the same fact twice is one edge
    network_map = NetworkMap(title="t", nodes=nodes, edges=edges)
    assert [e.id for e in network_map.edges] == ["mou-2016", "cooperation-2018"]
    _, drawn = vis_data(render_map(network_map))
    assert len(drawn) == 2 and len({e["id"] for e in drawn}) == 2
    assert "smooth" not in drawn[0] and drawn[1]["smooth"]["type"] == "curvedCW"


def test_rendering_writes_no_lib_folder(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    render_map(space2id_map())
    write_map(space2id_map(), tmp_path / "m.html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.html"]


def big_map(n_actors: int, *, omitted: int = 0) -> NetworkMap:
    """A generated map: n actors, agreement i between actor i and actor 7i mod n."""
    nodes = [MapNode(id=f"a{i}", label=f"A{i}", type="actor") for i in range(n_actors)]
    nodes += [MapNode(id=f"g{i}", label=f"G{i}", type="agreement") for i in range(n_actors)]
    edges = [
        MapEdge(source=f"a{j}", target=f"g{i}", relation="party_to")
        for i in range(n_actors)
        for j in dict.fromkeys((i, 7 * i % n_actors))
    ]
    return NetworkMap(
        title="big", nodes=nodes, edges=edges, omitted=omitted, cap=2 * n_actors or None
    )


def test_large_maps_are_laid_out_on_the_server():
    small_nodes, _ = vis_data(render_map(big_map(100)))
    assert all(isinstance(n["x"], float) for n in small_nodes)  # every map: no physics to wait
    assert small_nodes == vis_data(render_map(big_map(100)))[0]  # the same picture every time
    network_map = big_map(400, omitted=37)
    html = render_map(network_map)
    nodes, edges = vis_data(html)
    assert len(nodes) == 800 and len(edges) == len(network_map.edges) > 790
    positions = {(n["x"], n["y"]) for n in nodes}
    assert len(positions) == 800  # every node placed, no two on the same spot
    options = json.loads(re.search(r'id="map-data">(.*?)</script>', html, re.S).group(1))
    assert options["options"]["physics"]["enabled"] is False
    assert "37 nodes left out: the map is capped at 800 nodes." in html


def test_highlighted_path_fades_the_rest():
    network_map = space2id_map()
    network_map.nodes[1].highlight = True
    network_map.edges[0].highlight = True
    nodes, edges = vis_data(render_map(network_map))
    by_id = {n["id"]: n for n in nodes}
    assert by_id["actor:aerospace-valley"]["color"]["border"] == HIGHLIGHT
    assert "opacity" not in by_id["actor:aerospace-valley"]
    assert by_id["actor:skywin"]["opacity"] < 1
    assert edges[0]["color"]["color"] == HIGHLIGHT and edges[0]["width"] == 5
    assert edges[1]["color"]["opacity"] < 1


def test_formats_carry_the_same_subgraph():
    import csv
    import io
    import zipfile

    import networkx as nx

    from viz.export import to_csv, to_csv_zip, to_graphml, to_json

    network_map = space2id_map()
    data = json.loads(to_json(network_map))
    assert [n["id"] for n in data["nodes"]] == [n.id for n in network_map.nodes]
    graph = nx.read_graphml(io.BytesIO(to_graphml(network_map)))
    assert set(graph.nodes) == {n.id for n in network_map.nodes}
    assert graph.number_of_edges() == len(network_map.edges)
    assert graph.nodes["actor:skywin"]["label"] == "Skywin"
    assert graph.nodes["actor:skywin"]["sources"] == "space2id-key-achievements, line 14, Partners"
    with zipfile.ZipFile(io.BytesIO(to_csv_zip(network_map))) as archive:
        assert sorted(archive.namelist()) == ["edges.csv", "nodes.csv"]
        nodes_csv = archive.read("nodes.csv")
    assert nodes_csv == to_csv(network_map, "nodes")
    rows = list(csv.DictReader(io.StringIO(nodes_csv.decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == [n.id for n in network_map.nodes]
    edges = list(csv.DictReader(io.StringIO(to_csv(network_map, "edges").decode("utf-8-sig"))))
    assert [(e["source"], e["target"], e["relation"]) for e in edges] == [
        (e.source, e.target, e.relation) for e in network_map.edges
    ]
