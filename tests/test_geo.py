"""The geographic map (GET /maps/geo, `clustergraph map geo`) on the bundled data: its counts
against Cypher written here independently, its filters, its SVG, PNG and HTML forms, its errors."""

import io
import re
import struct
from html import unescape

import pytest

from tests.conftest import count, get_ok, run_cli

# Independent of queries/maps/geo.py: agreements with a party in each of two countries.
AGREEMENTS_BETWEEN = """
MATCH (g:Agreement)
WHERE EXISTS { (:Actor {country: $a})-[:PARTY_TO]->(g) }
  AND EXISTS { (:Actor {country: $b})-[:PARTY_TO]->(g) }
RETURN count(g)
"""
PARTNERSHIPS_SHARED = """
MATCH (p:Partnership)
WHERE EXISTS { (:Actor {country: $a})-[:MEMBER_OF]->(p) }
  AND EXISTS { (:Actor {country: $b})-[:MEMBER_OF]->(p) }
RETURN count(p)
"""
TARGETING_FROM = """
MATCH (p:Partnership)-[:TARGETS_COUNTRY]->(:Country {code: $b})
WHERE EXISTS { (:Actor {country: $a})-[:MEMBER_OF]->(p) }
RETURN count(p)
"""
ACTORS_IN = "MATCH (a:Actor {country: $a}) RETURN count(a)"


def _link(body: dict, a: str, b: str, kind: str) -> dict | None:
    found = [
        link
        for link in body["links"]
        if link["kind"] == kind and {link["source"], link["target"]} == {a, b}
        and (kind != "target" or link["source"] == a)
    ]  # fmt: skip
    assert len(found) <= 1
    return found[0] if found else None


def _n(body: dict, a: str, b: str, kind: str) -> int:
    link = _link(body, a, b, kind)
    return link["count"] if link else 0


def test_counts_match_cypher(client, driver, settings):
    body = get_ok(client, "/maps/geo", format="json")
    for a, b in (("FR", "CA"), ("BE", "CA"), ("ES", "PL"), ("DE", "FR"), ("IT", "JP")):
        expected = count(driver, settings, AGREEMENTS_BETWEEN, a=a, b=b)
        assert _n(body, a, b, "agreement") == expected, (a, b)
        assert _n(body, a, b, "membership") == count(
            driver, settings, PARTNERSHIPS_SHARED, a=a, b=b
        )
    assert _n(body, "FR", "CA", "agreement") >= 5  # the bundled data's Canada MoUs
    for a, b in (("FR", "CA"), ("SE", "CA"), ("IT", "US"), ("FR", "JP")):
        assert _n(body, a, b, "target") == count(driver, settings, TARGETING_FROM, a=a, b=b)
    countries = {c["code"]: c for c in body["countries"]}
    for code in ("FR", "CA", "DE", "MT"):
        assert countries[code]["actors"] == count(driver, settings, ACTORS_IN, a=code)
    assert body["filters"] == {
        "partnership": None,
        "sector": None,
        "country": None,
        "from": None,
        "to": None,
        "include_planned": True,
        "as_of": None,
    }
    # every link's documents are among the footnote's documents
    docs = {d["id"] for d in body["documents"]}
    assert {d for link in body["links"] for d in link["documents"]} == docs
    fr_ca = _link(body, "FR", "CA", "agreement")
    assert fr_ca is not None and "mou-aero-montreal-aerospace-valley" in fr_ca["via"]
    assert "eccp-canada-2019" in fr_ca["documents"]


def test_filters_change_the_arcs(client, driver, settings):
    everything = get_ok(client, "/maps/geo", format="json")
    canada = get_ok(client, "/maps/geo", country="ca", format="json")
    assert canada["filters"]["country"] == "CA"
    assert canada["links"] and all("CA" in (x["source"], x["target"]) for x in canada["links"])
    assert len(canada["links"]) < len(everything["links"])
    assert _n(canada, "FR", "CA", "agreement") == _n(everything, "FR", "CA", "agreement")

    space = get_ok(client, "/maps/geo", sector="space", format="json")
    in_sector = """
    MATCH (s:Sector)-[:SUBSECTOR_OF*0..]->(:Sector {id: 'space'})
    WITH collect(s) AS sectors
    MATCH (g:Agreement)
    WHERE EXISTS { MATCH (x:Actor {country: $a})-[:PARTY_TO]->(g), (x)-[:ACTIVE_IN]->(s)
                   WHERE s IN sectors }
      AND EXISTS { MATCH (y:Actor {country: $b})-[:PARTY_TO]->(g), (y)-[:ACTIVE_IN]->(s)
                   WHERE s IN sectors }
    RETURN count(g)
    """
    for a, b in (("FR", "CA"), ("BE", "ES"), ("FR", "IT")):
        assert _n(space, a, b, "agreement") == count(driver, settings, in_sector, a=a, b=b)
    assert space["totals"]["actors"] < everything["totals"]["actors"]

    # years: agreements dated in 2019 only (as the periods stored with their precision)
    dated = """
    MATCH (g:Agreement) WHERE g.date.year = 2019
      AND EXISTS { (:Actor {country: $a})-[:PARTY_TO]->(g) }
      AND EXISTS { (:Actor {country: $b})-[:PARTY_TO]->(g) }
    RETURN count(g)
    """
    in_2019 = get_ok(client, "/maps/geo", **{"from": "2019", "to": "2019", "format": "json"})
    assert in_2019["filters"]["from"] == "2019"
    for a, b in (("FR", "CA"), ("BE", "CA"), ("ES", "PL")):
        assert _n(in_2019, a, b, "agreement") == count(driver, settings, dated, a=a, b=b)
    assert in_2019["totals"]["agreement"] < everything["totals"]["agreement"]


def test_partnership_reach(client, driver, settings):
    body = get_ok(client, "/maps/geo", partnership="space2id", format="json")
    countries = {c["code"]: c for c in body["countries"]}
    targets = driver.execute_query(
        "MATCH (:Partnership {id: 'space2id'})-[t:TARGETS_COUNTRY]->(c) RETURN c.code, t.status",
        database_=settings.neo4j_database,
    ).records
    assert targets
    assert {code: c["target_status"] for code, c in countries.items() if c["target_status"]} == {
        r[0]: r[1] for r in targets
    }
    members = driver.execute_query(
        "MATCH (a:Actor)-[:MEMBER_OF]->(:Partnership {id: 'space2id'}) "
        "RETURN a.country AS code, count(a) AS n",
        database_=settings.neo4j_database,
    ).records
    assert {c for c, v in countries.items() if v["member"]} == {r["code"] for r in members}
    assert {c: v["actors"] for c, v in countries.items() if v["actors"]} == {
        r["code"]: r["n"] for r in members
    }
    # arcs from every member country to every target country, and nothing else
    arcs = {(x["source"], x["target"]) for x in body["links"] if x["kind"] == "target"}
    assert arcs == {(m["code"], t[0]) for m in members for t in targets if m["code"] != t[0]}
    assert not [x for x in body["links"] if x["kind"] == "membership"]
    assert body["title"].startswith("Reach of SPACE2ID")


def test_svg_has_labels_arcs_legend_and_sources(client):
    answer = client.get("/maps/geo", params={"format": "svg"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("image/svg+xml")
    svg = answer.text
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    labels = set(re.findall(r'data-label="([A-Z]{2})">([^<]+)<', svg))
    for code, name in (("FR", "France"), ("CA", "Canada"), ("US", "United States")):
        assert (code, name) in labels
    for kind in ("agreement", "membership", "target"):
        assert f'class="arc arc-{kind}"' in svg
    assert "Sources: D3.5 Discussion paper" in svg
    assert "Natural Earth" in svg
    assert 'href="../explore/countries/FR"' in svg
    tips = [unescape(t) for t in re.findall(r'class="arc arc-agreement" data-ends="[^"]*CA[^"]*"'
                                            r' data-tip="([^"]*)"', svg)]  # fmt: skip
    assert any("Agreements: " in t and "Memberships: " in t and "Targets: " in t for t in tips)
    # nothing outside the document: no http(s) reference anywhere
    assert not re.search(r'(?:href|src)="https?:', svg)


def test_png_for_reports(client):
    answer = client.get("/maps/geo", params={"partnership": "space2id", "format": "png"})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "image/png"
    png = answer.content
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (2560, 1440)
    from PIL import Image  # cairosvg's dependency

    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert len(image.resize((128, 72)).getcolors(maxcolors=100_000)) > 20  # not a blank page


def test_html_page_is_offline(client):
    answer = client.get("/maps/geo")
    assert answer.status_code == 200
    html = answer.text
    assert "<svg" in html and "data-tip" in html
    assert not re.search(r'(?:href|src)="(?:https?:)?//', html)
    assert 'href="?format=svg"' in html and 'href="?format=png"' in html


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"country": "FRA"}, "country"),
        ({"country": "F1"}, "country"),
        ({"sector": "Not A Slug"}, "sector"),
        ({"partnership": "x" * 200}, "partnership"),
        ({"from": "2019-13"}, "from"),
        ({"to": "20x9"}, "to"),
        ({"format": "gif"}, "format"),
    ],
)
def test_bad_parameters_are_422_json(client, params, field):
    answer = client.get("/maps/geo", params=params)
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["code"] == "invalid_parameters"
    assert field in [p["field"] for p in error["detail"]]


def test_unknown_ids_and_reversed_dates(client):
    answer = client.get("/maps/geo", params={"partnership": "no-such-partnership"})
    assert answer.status_code == 404
    assert answer.json()["error"]["detail"] == {"kind": "partnership", "id": "no-such-partnership"}
    assert client.get("/maps/geo", params={"country": "ZZ"}).status_code == 404
    answer = client.get("/maps/geo", params={"from": "2020", "to": "2019"})
    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == "invalid_request"


def test_cli_writes_every_format(bundled_graph, settings, tmp_path):
    for suffix in ("html", "svg", "png", "json"):
        out = tmp_path / f"geo.{suffix}"
        result = run_cli(settings, "map", "geo", "--partnership", "space2id", "-o", str(out))
        assert result.returncode == 0, result.stderr
        assert out.stat().st_size > 1000
    assert out.read_text().count('"kind": "target"') > 0
    assert "Reach of SPACE2ID" in (tmp_path / "geo.svg").read_text()
    html = (tmp_path / "geo.html").read_text()
    assert "Download:" not in html  # a file has no server to ask for the other forms
    result = run_cli(settings, "map", "geo", "--from", "2019-13", "-o", str(tmp_path / "x.svg"))
    assert result.returncode == 1 and "2019-13" in result.stderr
    result = run_cli(settings, "map", "geo", "-o", str(tmp_path / "x.gif"))
    assert result.returncode == 2 and ".svg" in result.stderr
