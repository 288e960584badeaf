"""The maps as files for reports and for Gephi, networkx, igraph and Excel, from the real app over
the bundled data: SVG and PNG with the expected labels, GraphML with named and typed keys, GEXF
with positions, CSV without a byte-order mark, stable edge ids, grouped overviews."""

import csv
import io
import struct
import xml.etree.ElementTree as ET

import igraph as ig
import networkx as nx
import pytest

from tests.conftest import count
from viz.svg import HEAD, MAP_HEIGHT, WIDTH

MAPS = [
    "/maps/country/CA",
    "/maps/actor/aerospace-valley",
    "/maps/path?source=aviation-valley&target=aerospace-valley",
    "/maps/overview?group=country",
]


def _get(client, url: str, fmt: str, **extra):
    sep = "&" if "?" in url else "?"
    more = "".join(f"&{k}={v}" for k, v in extra.items())
    response = client.get(f"{url}{sep}format={fmt}{more}")
    assert response.status_code == 200, response.text[:300]
    return response


@pytest.mark.parametrize("url", MAPS)
def test_graphml_is_read_by_networkx_and_igraph_with_names_as_labels(client, url, tmp_path):
    data = _get(client, url, "json").json()
    body = _get(client, url, "graphml").content
    names = {n["id"]: n["label"] for n in data["nodes"]}
    graph = nx.read_graphml(io.BytesIO(body), force_multigraph=True)
    assert graph.number_of_nodes() == len(data["nodes"])
    assert graph.number_of_edges() == len(data["edges"])
    assert {n: a["label"] for n, a in graph.nodes(data=True)} == names
    # Typed attributes with defaults: eu is a tri-state string, never a silent false.
    root = ET.fromstring(body)
    keys = {k.get("attr.name"): k for k in root if k.tag.endswith("key") and k.get("for") == "node"}
    assert keys["label"].get("id") == "n_label" and keys["eu"].get("attr.type") == "string"
    assert keys["eu"][0].text == "unknown" and keys["links"].get("attr.type") == "int"
    eus = {a.get("eu") for _, a in graph.nodes(data=True)}
    assert eus <= {"true", "false", "unknown"}
    (tmp_path / "map.graphml").write_bytes(body)  # igraph reads files, not buffers
    igraph = ig.Graph.Read_GraphML(str(tmp_path / "map.graphml"))
    assert igraph.vcount() == len(data["nodes"]) and igraph.ecount() == len(data["edges"])
    assert sorted(igraph.vs["label"]) == sorted(names.values())
    assert set(igraph.vs["eu"]) <= {"true", "false", "unknown"}


def test_edge_ids_are_made_of_relation_and_ends_and_stay_the_same(client):
    url = "/maps/country/CA"
    first = _get(client, url, "json").json()
    again = _get(client, url, "json").json()
    ids = [e["id"] for e in first["edges"]]
    assert ids == [e["id"] for e in again["edges"]] and len(set(ids)) == len(ids)
    for e in first["edges"]:
        assert e["id"].startswith(f"{e['relation']}:{e['source']}->{e['target']}")
    # Positions are part of the data, and the same on every request.
    assert [(n["x"], n["y"]) for n in first["nodes"]] == [(n["x"], n["y"]) for n in again["nodes"]]
    assert all(isinstance(n["x"], float) for n in first["nodes"])


@pytest.mark.parametrize("url", MAPS[:2])
def test_gexf_is_read_by_networkx_with_positions_colours_and_sizes(client, url):
    data = _get(client, url, "json").json()
    body = _get(client, url, "gexf").content
    graph = nx.read_gexf(io.BytesIO(body), version="1.3")
    assert graph.number_of_nodes() == len(data["nodes"])
    assert graph.number_of_edges() == len(data["edges"])
    by_id = {n["id"]: n for n in data["nodes"]}
    node_id, attrs = next(iter(graph.nodes(data=True)))
    assert attrs["label"] == by_id[node_id]["label"]
    assert attrs["viz"]["position"]["x"] == pytest.approx(by_id[node_id]["x"])
    assert attrs["viz"]["position"]["y"] == pytest.approx(-by_id[node_id]["y"])
    assert {"r", "g", "b"} <= attrs["viz"]["color"].keys() and attrs["viz"]["size"] > 0


def test_csv_has_no_byte_order_mark_unless_asked_for_excel(client):
    plain = _get(client, "/maps/country/CA", "csv", part="nodes").content
    assert not plain.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(plain.decode("utf-8"))))
    assert rows[0]["id"] == "country:CA" or any(r["id"] == "country:CA" for r in rows)
    assert {"x", "y", "label", "type"} <= rows[0].keys()
    excel = _get(client, "/maps/country/CA", "csv", part="nodes", excel="true").content
    assert excel.startswith(b"\xef\xbb\xbf") and excel[3:] == plain


def _svg_texts(body: bytes) -> list[str]:
    root = ET.fromstring(body)
    return [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]


def test_svg_holds_title_legend_labels_and_sources(client):
    url = "/maps/path?source=aviation-valley&target=aerospace-valley"
    data = _get(client, url, "json").json()
    response = _get(client, url, "svg")
    assert response.headers["content-type"].startswith("image/svg+xml")
    texts = _svg_texts(response.content)
    assert data["title"] in texts
    assert {"Aviation Valley", "Aerospace Valley"} <= set(texts)  # the path's ends, whole
    assert "LEGEND" in texts and "the path" in texts
    footnote = next(t for t in texts if "Sources:" in t or t.startswith("Sources"))
    cited = {s.split(", ")[0] for e in data["edges"] for s in e["sources"]}
    assert cited and all(doc in " ".join(texts) for doc in cited)
    assert footnote
    # Node labels (the 13 px texts) are whole names of nodes on the map, never cut with "…".
    names = {n["label"] for n in data["nodes"]}
    root = ET.fromstring(response.content)
    labels = [
        t.text
        for t in root.iter("{http://www.w3.org/2000/svg}text")
        if t.get("font-size") == "13.0"
    ]
    assert len(labels) >= 3 and set(labels) <= names


def test_png_is_the_svg_rendered_twice_as_large(client):
    svg = ET.fromstring(_get(client, "/maps/country/CA", "svg").content)
    response = _get(client, "/maps/country/CA", "png")
    png = response.content
    assert response.headers["content-type"] == "image/png" and len(png) > 10_000
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert width == 2 * WIDTH == 2 * int(svg.get("width"))
    assert height == 2 * int(svg.get("height")) and height > 2 * (HEAD + MAP_HEIGHT)


def test_grouped_overview_by_country_and_one_country_opened(client, bundled_graph, settings):
    grouped = _get(client, "/maps/overview?group=country", "json").json()
    types = {n["type"] for n in grouped["nodes"]}
    assert types == {"country"} and len(grouped["nodes"]) > 10
    relations = {e["relation"] for e in grouped["edges"]}
    assert {"agreements", "memberships", "targets"} <= relations
    assert all(e["weight"] >= 1 for e in grouped["edges"])
    by_id = {n["id"]: n for n in grouped["nodes"]}
    located = "MATCH (a:Actor)-[:LOCATED_IN]->(:Country {code: $code}) RETURN count(a)"
    for code in ("FR", "CA", "DE"):  # sized by their actors
        assert by_id[f"country:{code}"]["links"] == count(
            bundled_graph, settings, located, code=code
        )
    opened = _get(client, "/maps/overview?group=country&expand=FR", "json").json()
    ids = {n["id"] for n in opened["nodes"]}
    assert "country:FR" not in ids and "actor:aerospace-valley" in ids
    assert "country:CA" in ids
    # The country filter keeps the links of that country only.
    ca = _get(client, "/maps/overview?group=country&country=CA", "json").json()
    assert ca["edges"] and all("country:CA" in (e["source"], e["target"]) for e in ca["edges"])
    by_p = _get(client, "/maps/overview?group=partnership", "json").json()
    assert {n["type"] for n in by_p["nodes"]} == {"partnership"}
    assert {e["relation"] for e in by_p["edges"]} == {"members"}


def test_events_and_planned_agreements_can_be_left_out(client):
    full = _get(client, "/maps/overview", "json").json()
    lean = _get(client, "/maps/overview", "json", events="false", planned="false").json()
    assert any(n["type"] == "event" for n in full["nodes"])
    assert not any(n["type"] == "event" for n in lean["nodes"])
    assert not any(n.get("status") == "planned" for n in lean["nodes"])
    assert any(n.get("status") == "planned" for n in full["nodes"])


def test_cli_writes_svg_png_and_gexf(bundled_graph, settings, tmp_path):
    from tests.conftest import run_cli

    for suffix in ("svg", "png", "gexf"):
        out = tmp_path / f"ca.{suffix}"
        proc = run_cli(settings, "map", "country", "CA", "-o", str(out))
        assert proc.returncode == 0, proc.stderr
        assert out.stat().st_size > 1000
    assert "Canada" in _svg_texts((tmp_path / "ca.svg").read_bytes())
    assert (tmp_path / "ca.png").read_bytes()[:4] == b"\x89PNG"
    graph = nx.read_gexf(tmp_path / "ca.gexf", version="1.3")
    assert graph.nodes["country:CA"]["label"] == "Canada"
    proc = run_cli(
        settings, "map", "overview", "--group", "country", "-o", str(tmp_path / "o.json")
    )
    assert proc.returncode == 0, proc.stderr
    assert '"type": "country"' in (tmp_path / "o.json").read_text(encoding="utf-8")
