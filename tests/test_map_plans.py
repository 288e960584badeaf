"""Plans on maps (issue 13 item 1): every map takes `include_planned` (default true; `planned` is
its older name), leaves planned events and agreements out when false, and draws them apart
(dashed, lighter, in the legend, tooltips saying "planned:") — in the page and in the SVG."""

import pytest

from tests.conftest import get_ok

PLANNED = ("agreement", "event")


def _map(client, path: str, **params) -> dict:
    return get_ok(client, path, format="json", **params)


def _plans(data: dict) -> set[str]:
    return {n["id"] for n in data["nodes"] if n["type"] in PLANNED and n["status"] == "planned"}


@pytest.mark.parametrize(
    "path",
    [
        "/maps/actor/mav",
        "/maps/partnership/elca",
        "/maps/overview",
        "/maps/path?source=mav&target=railgrup&via=event",
    ],
)
def test_every_map_leaves_plans_out_when_asked(client, path):
    url, _, query = path.partition("?")
    params = dict(p.split("=") for p in query.split("&")) if query else {}
    full = _map(client, url, **params)
    assert _plans(full), path  # each of these maps holds planned events or agreements
    assert any(n["type"] == "event" and n["status"] == "planned" for n in full["nodes"]), path
    facts = _map(client, url, include_planned="false", **params)
    assert not _plans(facts), path
    assert facts["nodes"]
    # The older name still works and means the same.
    alias = _map(client, url, planned="false", **params)
    assert {n["id"] for n in alias["nodes"]} == {n["id"] for n in facts["nodes"]}


def test_path_map_searches_without_plans(client):
    # MAV planned to meet RAILGRUP (004 line 108): with plans the path goes through the plan.
    full = _map(client, "/maps/path", source="mav", target="railgrup", via="event", k=1)
    on_path = {n["id"] for n in full["nodes"] if n["highlight"]}
    assert on_path & _plans(full)
    assert "planned: " in full["description"]
    facts = _map(
        client, "/maps/path", source="mav", target="railgrup", via="event", include_planned="false"
    )
    api = get_ok(
        client, "/paths", source="mav", target="railgrup", via="event", include_planned="false"
    )
    highlighted = {n["id"] for n in facts["nodes"] if n["highlight"]}
    assert not highlighted & _plans(full)
    assert bool(highlighted) == bool(api["paths"])
    assert "leaving plans out" in facts["description"]


def test_overview_says_plans_are_left_out(client):
    facts = _map(client, "/maps/overview", include_planned="false")
    assert "no plans" in facts["description"]


def test_plans_are_drawn_apart_in_the_page(client):
    html = client.get("/maps/actor/mav").text
    assert 'data-param="include_planned"' in html and 'data-alias="planned"' in html
    assert "planned (not yet a fact)" in html  # the legend entry
    assert '"planned": true' in html and '"borderDashes"' in html
    assert "planned: " in html  # a tooltip says the tense
    unticked = client.get("/maps/actor/mav", params={"include_planned": "false"}).text
    assert 'id="show-planned" data-param="include_planned" data-alias="planned" checked' not in (
        unticked
    )


def test_plans_are_drawn_apart_in_the_svg(client):
    response = client.get("/maps/actor/mav", params={"format": "svg"})
    assert response.status_code == 200
    svg = response.text
    assert svg.count('class="planned"') == len(_plans(_map(client, "/maps/actor/mav")))
    assert "planned (not yet a fact)" in svg
    assert "plans to take part in an event" in svg or "plans to organise an event" in svg
    facts = client.get("/maps/actor/mav", params={"format": "svg", "include_planned": "false"})
    assert 'class="planned"' not in facts.text


def test_geo_map_can_leave_planned_agreements_out(client):
    planned = {g["id"] for g in get_ok(client, "/agreements", status="planned", limit=100)["items"]}
    full = get_ok(client, "/maps/geo", format="json")
    facts = get_ok(client, "/maps/geo", format="json", include_planned="false")
    assert facts["filters"]["include_planned"] is False

    def agreements(geo: dict) -> set[str]:
        return {g for link in geo["links"] if link["kind"] == "agreement" for g in link["via"]}

    def domestic(geo: dict) -> int:  # agreements with parties in one country only
        return sum(c.get("domestic_agreements") or 0 for c in geo["countries"])

    # The bundled plans have their parties in one country (or in none known).
    assert domestic(facts) < domestic(full)
    assert not agreements(facts) & planned
    assert agreements(facts) == agreements(full) - planned
    assert "Plans left out" in facts["description"]
