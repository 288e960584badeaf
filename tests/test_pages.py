"""The workbench's pages over HTTP (the real app, the bundled dataset): every page of every
entity answers 200 with nothing loaded from outside the machine, every link to a workbench page
leads somewhere, and bad ids and parameters answer pages (404 with suggestions, 422 with the
message beside the field), never JSON."""

import csv
import io
import re
from urllib.parse import quote, urlsplit

import pytest

from tests.conftest import get_ok, ids

URL = re.compile(r"https?://[^\s\"'<>)]+")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "testserver"}
LINK = re.compile(r"""href="(/explore/[^"#]*)""")


def all_items(client, path: str, **params) -> list[dict]:
    items, offset = [], 0
    while True:
        page = get_ok(client, path, limit=100, offset=offset, **params)
        items += page["items"]
        offset += 100
        if offset >= page["total"]:
            return items


@pytest.fixture(scope="module")
def entities(client_module) -> dict[str, list[str]]:
    client = client_module
    stats = get_ok(client, "/stats")
    return {
        "actors": ids(all_items(client, "/actors")),
        "partnerships": ids(all_items(client, "/partnerships")),
        "agreements": ids(all_items(client, "/agreements")),
        "events": ids(all_items(client, "/timeline", type="event")),
        "countries": [c["code"] for c in all_items(client, "/countries", active="true")],
        "sectors": [s["id"] for s in stats["by_sector"]],
        "documents": ids(all_items(client, "/documents")),
        "document_urls": [d["url"] for d in stats["documents"] if d.get("url")],
    }


@pytest.fixture(scope="module")
def client_module(driver, settings):
    from fastapi.testclient import TestClient

    from api.main import create_app
    from tests.conftest import _STATE

    if not _STATE["bundled"]:
        from graph.loaders.pipeline import load

        load(driver, settings, reset=True, quiet=True)
        _STATE["bundled"] = True
    with TestClient(create_app()) as test_client:
        yield test_client


def html_of(response, status: int = 200) -> str:
    assert response.status_code == status, (response.url, response.text[:500])
    assert response.headers["content-type"].startswith("text/html"), response.url
    assert '{"error"' not in response.text
    return response.text


def remote_urls(html: str, allowed: list[str]) -> list[str]:
    """Absolute URLs to another machine; the documents' own addresses (plain text) excepted."""
    return [
        u for u in URL.findall(html) if urlsplit(u).hostname not in LOCAL_HOSTS and u not in allowed
    ]


def entity_pages(entities: dict[str, list[str]]) -> list[str]:
    pages = ["/", "/explore/search?q=aero", "/explore/agreements", "/explore/countries",
             "/explore/partnerships", "/explore/timeline", "/explore/brokers",
             "/explore/communities", "/explore/documents", "/explore/paths",
             "/explore/paths?source=Aviation+Valley&target=Aerospace+Valley"]  # fmt: skip
    for kind, path in (
        ("actors", "/explore/actors/{}"),
        ("actors", "/explore/recommendations/{}"),
        ("partnerships", "/explore/partnerships/{}"),
        ("agreements", "/explore/agreements/{}"),
        ("events", "/explore/events/{}"),
        ("countries", "/explore/countries/{}"),
        ("sectors", "/explore/sectors/{}"),
        ("documents", "/explore/documents/{}"),
    ):
        pages += [path.format(quote(i, safe="")) for i in entities[kind]]
    return pages


def test_every_page_of_every_entity_answers_offline_and_links_lead_somewhere(
    client_module, entities
):
    client = client_module
    assert len(entities["actors"]) > 100 and len(entities["events"]) > 50
    pages = entity_pages(entities)
    seen: set[str] = set()
    links: set[str] = set()
    for url in pages:
        html = html_of(client.get(url))
        assert remote_urls(html, entities["document_urls"]) == [], url
        assert "<h1" in html, url
        seen.add(url)
        links |= {m.replace("&amp;", "&") for m in LINK.findall(html)}
    # No dead ends: every workbench page a page links to answers too (of the lists filtered
    # by an entity, one per kind of filter: the entities themselves were all visited above).
    kinds: dict[tuple, str] = {}
    for url in sorted(links - seen):
        path, _, query = url.partition("?")
        kinds.setdefault((path, tuple(sorted(p.split("=")[0] for p in query.split("&")))), url)
    for url in kinds.values():
        response = client.get(url, follow_redirects=True)
        assert response.status_code == 200, (url, response.text[:300])


def test_actor_page_shows_facts_with_sources_and_its_map(client_module):
    html = html_of(client_module.get("/explore/actors/aerospace-valley?depth=2"))
    assert 'src="/maps/actor/aerospace-valley?depth=2"' in html
    assert 'href="/explore/partnerships/space2id"' in html
    assert 'href="/explore/documents/space2id-key-achievements"' in html  # a source
    assert '<option value="2" selected>' in html
    assert "Potential partners" in html


def test_agreements_table_by_country_name_equals_the_api_and_its_csv(client_module):
    client = client_module
    api = get_ok(client, "/agreements", country="CA", **{"from": "2018", "to": "2018"})
    assert api["total"] > 0
    for country in ("Canada", "CA", "ca"):
        html = html_of(client.get(f"/explore/agreements?country={country}&from=2018&to=2018"))
        table = html.split('id="agreements-table"')[1].split("</table>")[0]
        shown = re.findall(r'href="/explore/agreements/([^"]+)"', table)
        assert shown == ids(api["items"]), country
    answer = client.get("/explore/agreements.csv?country=Canada&from=2018&to=2018")
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [r["id"] for r in rows] == ids(api["items"])
    assert all("CA" in r["party_countries"] for r in rows)


def test_agreements_undated_and_planned_are_said_as_such(client_module):
    html = html_of(client_module.get("/explore/agreements?status=planned"))
    api = get_ok(client_module, "/agreements", status="planned", limit=100)
    assert api["total"] > 0
    undated = [g for g in api["items"] if g["date"] is None]
    assert html.count("planned, no date") >= len(undated)
    html = html_of(client_module.get("/explore/agreements?sort=-date&page=1"))
    assert "date, newest first" in html


def test_country_page_lists_targeted_actors_with_status_and_who(client_module):
    client = client_module
    assert (
        client.get("/explore/countries/Canada", follow_redirects=False).headers["location"]
        == "/explore/countries/CA"
    )
    html = html_of(client.get("/explore/countries/Canada"))
    country = get_ok(client, "/countries/CA")
    targeted = [a for a in country["actors"] if a["targeted_by"]]
    assert targeted
    table = html.split('id="targeted-actors"')[1].split("</table>")[0]
    for actor in targeted:
        assert f'href="/explore/actors/{actor["id"]}"' in table
        for t in actor["targeted_by"]:
            assert f'href="/explore/partnerships/{t["id"]}"' in table
            assert f"status-{t['status']}" in table
    assert 'src="/maps/country/CA"' in html


def test_path_finder_resolves_names_and_its_map_takes_the_same_ids(client_module):
    html = html_of(
        client_module.get("/explore/paths?source=Aviation+Valley&target=Aerospace+Valley&k=1")
    )
    api = get_ok(client_module, "/paths", source="aviation-valley", target="aerospace-valley", k=1)
    assert api["paths"][0]["explanation"].replace("'", "&#39;") in html
    assert "/maps/path?source=aviation-valley&amp;target=aerospace-valley" in html


@pytest.mark.parametrize(
    ("url", "field", "text"),
    [
        ("/explore/paths?source=Aviaton+Valey&target=aerospace-valley", "source",
         "Did you mean"),
        ("/explore/paths?source=mou-aero-montreal-skywin&target=skywin", "source",
         "is an agreement"),
        ("/explore/paths?source=skywin&target=skywin", "target", "same"),
        ("/explore/paths?source=skywin&target=aerospace-valley&max_hops=99", "max_hops",
         "from 1 to"),
        ("/explore/agreements?country=Canda", "country", "Did you mean"),
        ("/explore/agreements?country=XX", "country", "No country"),
        ("/explore/agreements?from=20x", "from", "A year"),
        ("/explore/agreements?kind=treaty", "kind", "not one of"),
        ("/explore/agreements?from=2019&to=2018", "to", "before"),
        ("/explore/actors/skywin?depth=9", "depth", "from 1 to"),
        ("/explore/actors/skywin?as_of=2010-13", "as_of", "A year"),
        ("/explore/countries/CA?as_of=soon", "as_of", "A year"),
        ("/explore/timeline?country=Atlantis", "country", "No country"),
        ("/explore/search?q=aero&type=planet", "type", "not one of"),
        ("/explore/brokers?via=friendship", "via", "Unknown kind"),
        ("/explore/recommendations/skywin?limit=0", "limit", "from 1 to"),
    ],
)  # fmt: skip
def test_a_bad_parameter_gives_the_page_with_the_message_beside_the_field(
    client_module, url, field, text
):
    html = html_of(client_module.get(url), 422)
    message = re.search(rf'id="{field}-error"[^>]*>([^<]*)<', html)
    assert message and text in message.group(1), (url, message)
    assert f'aria-describedby="{field}-error"' in html or field == "via"


@pytest.mark.parametrize(
    ("url", "suggested"),
    [
        ("/explore/actors/Aerospace%20Valle", "/explore/actors/aerospace-valley"),
        ("/explore/actors/aerospace-valey", "/explore/actors/aerospace-valley"),
        ("/explore/recommendations/skywinn", "/explore/actors/skywin"),
        ("/explore/partnerships/space2idd", "/explore/partnerships/space2id"),
        ("/explore/agreements/mou-aero-montreal-skywinn", "/explore/agreements/"),
        ("/explore/events/nowhere-conference", None),
        ("/explore/countries/XX", None),
        ("/explore/countries/Canadaa", "/explore/countries/CA"),
        ("/explore/documents/eccp-canada", None),
        ("/explore/sectors/aerospac", "/explore/sectors/aerospace"),
        ("/explore/nothing/here", None),
    ],
)
def test_an_unknown_id_gives_a_404_page_with_suggestions(client_module, url, suggested):
    html = html_of(client_module.get(url), 404)
    if suggested:
        assert f'href="{suggested}' in html.split('id="suggestions"')[1]


def test_old_explorer_docs_and_static_assets(client_module):
    client = client_module
    assert client.get("/explorer", follow_redirects=False).headers["location"] == "/"
    for path in ("/docs", "/redoc"):
        html = html_of(client.get(path))
        scripts = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert scripts and remote_urls(html, []) == [], scripts
        for asset in scripts:
            if asset.startswith("/"):
                answer = client.get(asset)
                assert answer.status_code == 200, asset
                assert b"cdn.redoc.ly" not in answer.content, asset  # its logo: our favicon
    assert client.get("/favicon.ico").headers["content-type"].startswith("image/svg")
    paths = get_ok(client, "/openapi.json")["paths"]
    assert not [p for p in paths if p.startswith("/explore") or p in ("/", "/explorer")]


def test_pages_answer_503_pages_when_neo4j_is_down(monkeypatch):
    from tests.test_neo4j_down import DEAD_URI, app_at

    with app_at(monkeypatch, NEO4J_URI=DEAD_URI, CLUSTERGRAPH_API_RETRY_TIME="0") as client:
        for url in ("/", "/explore/actors/skywin", "/explore/agreements?country=Canada"):
            html = html_of(client.get(url), 503)
            assert DEAD_URI in html
