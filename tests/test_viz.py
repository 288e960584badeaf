"""viz: NetworkMap -> offline HTML, on maps built by hand from facts of the seed reports."""

import json
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from viz import MapEdge, MapNode, NetworkMap, render_map, write_map
from viz.explorer import render_explorer
from viz.render import build_network, vis_assets
from viz.style import ACTOR_STYLES, TYPE_STYLES

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
                sources=[cite(10)],
            ),
            MapNode(
                id="actor:skywin",
                label="Skywin",
                type="actor",
                kind="cluster",
                country="BE",
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
    nodes = re.search(r"new vis\.DataSet\((\[.*?\])\);\s*var edges", html, re.S)
    edges = re.search(r"var edges = new vis\.DataSet\((\[.*?\])\);", html, re.S)
    assert nodes and edges
    return json.loads(nodes.group(1)), json.loads(edges.group(1))


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
    assert "Cluster organisation" in html and "Partnership" in html and "Country" in html
    assert "Research centre" not in html and "Agreement</li>" not in html
    assert "member of" in html and "targets country" in html


def test_map_is_offline():
    html = render_map(space2id_map())
    assert remote_refs(html) == []
    assert "cdn" not in " ".join(TAGS.findall(html)).lower()
    assert not re.search(r"<script[^>]*\bsrc=", html, re.I)
    assert not re.search(r"<link\b", html, re.I)
    assert "sourceMappingURL" not in html
    script, css = vis_assets()
    assert str(script)[:200] in html and "vis-network" in str(css)
    assert "default-src 'none'" in html  # the browser refuses remote loads too


def test_stock_pyvis_in_line_template_would_not_be_offline():
    """Why viz renders its own page: pyvis's in-line template still links Bootstrap."""
    net = build_network(space2id_map())
    assert net.cdn_resources == "in_line"
    assert any("cdn.jsdelivr.net" in ref for ref in remote_refs(net.generate_html()))


def test_styles_per_type_and_actor_kind():
    nodes, _ = vis_data(render_map(space2id_map()))
    by_id = {n["id"]: n for n in nodes}
    assert by_id["actor:skywin"]["color"] == ACTOR_STYLES["cluster"].color
    assert by_id["actor:skywin"]["shape"] == "dot"
    assert by_id["partnership:space2id"]["shape"] == TYPE_STYLES["partnership"].shape
    assert by_id["country:CA"]["shape"] == TYPE_STYLES["country"].shape
    # The subject of the map is drawn larger, with a thick border.
    assert by_id["partnership:space2id"]["size"] > TYPE_STYLES["partnership"].size
    assert by_id["partnership:space2id"]["borderWidth"] == 3
    agency = NetworkMap(
        title="t",
        nodes=[
            MapNode(id="a", label="ESA", type="actor", kind="agency"),
            MapNode(id="b", label="X", type="actor", kind="not-a-kind"),
        ],
    )
    nodes, _ = vis_data(render_map(agency))
    assert [n["color"] for n in nodes] == [
        ACTOR_STYLES["agency"].color,
        ACTOR_STYLES["other"].color,
    ]


def test_tooltips_show_name_type_country_and_sources():
    nodes, edges = vis_data(render_map(space2id_map()))
    skywin = next(n for n in nodes if n["id"] == "actor:skywin")
    assert skywin["title"].splitlines() == [
        "Skywin",
        "Type: actor · Cluster organisation",
        "Country: BE",
        "Sources:",
        "• space2id-key-achievements, line 14, Partners",
    ]
    coordinator = next(e for e in edges if e["label"] == "coordinator")
    assert coordinator["title"].startswith("member of (coordinator)\nSources:")


def test_text_is_escaped():
    evil = "<script>alert(1)</script>"
    html = render_map(
        NetworkMap(
            title=evil,
            description=evil,
            nodes=[MapNode(id="x", label=evil, type="actor", title=evil, sources=[evil])],
        )
    )
    assert evil not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    nodes, _ = vis_data(html)
    assert nodes[0]["label"] == evil  # intact as data; vis-network shows titles as text


def test_long_labels_are_shortened_on_the_map_only():
    name = "SPACE2ID - Space Clusters International Industrial Diversification"
    nodes, _ = vis_data(
        render_map(NetworkMap(title="t", nodes=[MapNode(id="p", label=name, type="partnership")]))
    )
    assert nodes[0]["label"].endswith("…") and len(nodes[0]["label"]) <= 42
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


def test_explorer_is_self_contained():
    html = render_explorer(
        link_kinds=["agreement", "membership", "event", "targeting"],
        default_links=["agreement", "membership", "event"],
    )
    assert remote_refs(html) == []
    assert not re.search(r"<script[^>]*\bsrc=", html, re.I)
    assert 'fetch("search?' in html and '"maps/paths?' in html
    assert 'value="targeting">' in html and 'value="agreement" checked>' in html
