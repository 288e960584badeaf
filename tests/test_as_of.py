"""`?as_of=YYYY[-MM[-DD]]` on country and actor views, maps and pages (issue 13 item 5): only the
agreements in force then. Skywin–Aéro Montréal MoU: signed 2007, renewed 2013 (002 line 134);
MEDTEQ–MEDICEN MoU: signed June 2018 (002 line 222)."""

import re

from tests.conftest import get_ok, ids

SKYWIN_MOU = "mou-aero-montreal-skywin"
MEDTEQ_MOU = "mou-medteq-medicen"  # signed 2018-06, a party (MEDTEQ) in Canada


def test_country_view_as_of(client):
    every = get_ok(client, "/countries/CA")
    assert every["as_of"] is None
    assert {SKYWIN_MOU, MEDTEQ_MOU} <= set(ids(every["agreements"]))
    in_2015 = get_ok(client, "/countries/CA", as_of="2015")
    assert in_2015["as_of"] == "2015"
    assert SKYWIN_MOU in ids(in_2015["agreements"])
    assert MEDTEQ_MOU not in ids(in_2015["agreements"])
    # Counted as listed; undated agreements are not known to have been in force.
    assert in_2015["totals"]["agreements"] == len(in_2015["agreements"])
    assert in_2015["totals"]["agreements"] < every["totals"]["agreements"]
    # The month it was signed counts (a month-precise date stands for the whole month).
    assert MEDTEQ_MOU in ids(get_ok(client, "/countries/CA", as_of="2018-06-15")["agreements"])
    assert MEDTEQ_MOU not in ids(get_ok(client, "/countries/CA", as_of="2018-05")["agreements"])


def test_actor_view_as_of(client):
    assert SKYWIN_MOU in ids(get_ok(client, "/actors/skywin", as_of="2010")["agreements"])
    before = get_ok(client, "/actors/skywin", as_of="2005")
    assert before["as_of"] == "2005" and before["agreements"] == []
    medteq = get_ok(client, "/actors/medteq")
    assert MEDTEQ_MOU in ids(medteq["agreements"]) and medteq["as_of"] is None
    assert MEDTEQ_MOU not in ids(get_ok(client, "/actors/medteq", as_of="2015")["agreements"])


def test_as_of_must_be_a_date(client):
    for url in ("/actors/skywin", "/countries/CA", "/maps/actor/skywin", "/maps/overview"):
        response = client.get(url, params={"as_of": "2018-13"})
        assert response.status_code == 422, url
        assert "as_of" in response.text


def _nodes(client, url: str, **params) -> set[str]:
    data = get_ok(client, url, format="json", **params)
    return {n["id"] for n in data["nodes"]}


def _description(client, url: str, **params) -> str:
    return get_ok(client, url, format="json", **params)["description"]


def test_maps_as_of(client):
    assert f"agreement:{SKYWIN_MOU}" in _nodes(client, "/maps/actor/skywin", as_of="2010")
    assert f"agreement:{SKYWIN_MOU}" not in _nodes(client, "/maps/actor/skywin", as_of="2005")
    assert "in force as of 2010" in _description(client, "/maps/actor/skywin", as_of="2010")
    assert f"agreement:{MEDTEQ_MOU}" in _nodes(client, "/maps/country/CA")
    in_2015 = _nodes(client, "/maps/country/CA", as_of="2015")
    assert f"agreement:{MEDTEQ_MOU}" not in in_2015 and f"agreement:{SKYWIN_MOU}" in in_2015
    assert "in force as of 2015" in _description(client, "/maps/country/CA", as_of="2015")
    overview = _nodes(client, "/maps/overview", as_of="2015")
    assert f"agreement:{SKYWIN_MOU}" in overview and f"agreement:{MEDTEQ_MOU}" not in overview
    assert f"agreement:{MEDTEQ_MOU}" in _nodes(client, "/maps/overview")
    # Events and partnerships stay: only agreements have a time in force.
    assert any(n.startswith("partnership:") for n in overview)
    laser = "/maps/partnership/laser-go-global"
    assert f"agreement:{MEDTEQ_MOU}" in _nodes(client, laser)
    assert f"agreement:{MEDTEQ_MOU}" not in _nodes(client, laser, as_of="2015")
    assert "in force as of 2015" in _description(client, laser, as_of="2015")
    grouped = get_ok(client, "/maps/overview", group="country", format="json", as_of="2005")
    assert "in force as of 2005" in grouped["description"]


def test_pages_as_of(client):
    html = client.get("/explore/countries/CA", params={"as_of": "2015"}).text
    assert 'for="as_of"' in html and 'value="2015"' in html
    assert 'id="as-of"' in html and "in force as of 2015" in html
    assert f"/explore/agreements/{SKYWIN_MOU}" in html
    assert f"/explore/agreements/{MEDTEQ_MOU}" not in html
    assert re.search(r'src="/maps/country/CA\?as_of=2015', html)
    assert f"/explore/agreements/{MEDTEQ_MOU}" in client.get("/explore/countries/CA").text
    actor = client.get("/explore/actors/skywin", params={"as_of": "2005", "depth": "2"}).text
    assert 'value="2005"' in actor and f"/explore/agreements/{SKYWIN_MOU}" not in actor
    assert "/maps/actor/skywin?depth=2&amp;as_of=2005" in actor
    # A lower-case code keeps the date on its way to the upper-case page.
    moved = client.get("/explore/countries/ca?as_of=2015", follow_redirects=False)
    assert moved.headers["location"] == "/explore/countries/CA?as_of=2015"


def _geo_agreements(client, **params) -> set[str]:
    data = get_ok(client, "/maps/geo", format="json", **params)
    return {g for link in data["links"] if link["kind"] == "agreement" for g in link["via"]}


def test_geo_map_as_of(client):
    assert MEDTEQ_MOU in _geo_agreements(client)
    in_2015 = _geo_agreements(client, as_of="2015")
    assert SKYWIN_MOU in in_2015 and MEDTEQ_MOU not in in_2015
    data = get_ok(client, "/maps/geo", format="json", as_of="2015")
    assert data["filters"]["as_of"] == "2015"
    assert "in force as of 2015" in data["description"]
    svg = client.get("/maps/geo", params={"format": "svg", "as_of": "2015"})
    assert "as-of-2015" in svg.headers["content-disposition"]


def test_agreements_page_as_of(client):
    html = client.get("/explore/agreements", params={"country": "Canada", "as_of": "2015"}).text
    assert 'for="as_of"' in html and 'value="2015"' in html
    assert f"/explore/agreements/{SKYWIN_MOU}" in html
    assert f"/explore/agreements/{MEDTEQ_MOU}" not in html
    api = get_ok(client, "/agreements", country="CA", as_of="2015", limit=100)
    assert f"<strong>{api['total']} agreement" in html
    csv = client.get("/explore/agreements.csv", params={"country": "CA", "as_of": "2015"}).text
    assert SKYWIN_MOU in csv and MEDTEQ_MOU not in csv
    bad = client.get("/explore/agreements", params={"as_of": "2015-13"})
    assert bad.status_code == 422 and 'id="as_of-error"' in bad.text
