"""Partnerships that relate (issue 13 item 3) as a `via` kind of paths: actor -> partnership ->
(succeeds / cooperates with) -> partnership -> actor, explained in words with sources, in
`/paths`, the path finder page and the path map. Not in the default `via`."""

from tests.conftest import get_ok


def test_a_path_through_cooperating_partnerships(client):
    # RISE coordinates E-LASS, which cooperates with ELCA (004 line 183), whose leader is MAV.
    body = get_ok(client, "/paths", source="rise", target="mav", via="membership,related", k=1)
    assert body["via"] == ["membership", "related"]
    path = body["paths"][0]
    assert [n["id"] for n in path["nodes"]] == ["rise", "e-lass", "elca", "mav"]
    related = [s for s in path["steps"] if s["relation"] == "related"]
    assert len(related) == 1
    assert related[0]["from"] == "e-lass" and related[0]["to"] == "elca"
    assert related[0]["sources"][0]["locator"].startswith("line 183")
    assert "E-LASS, which cooperates with ELCA, which" in path["explanation"]
    # Without `related` (and by default) no path goes from one partnership to the other.
    default = get_ok(client, "/paths", source="rise", target="mav", k=3)
    assert "related" not in default["via"]
    for other in default["paths"]:
        assert all(s["relation"] != "related" for s in other["steps"])


def test_lineage_between_two_partnerships(client):
    body = get_ok(client, "/paths", source="space2idgo", target="space2id", via="related")
    path = body["paths"][0]
    assert path["length"] == 1 and path["steps"][0]["relation"] == "related"
    assert path["explanation"] == "SPACE2IDGO succeeds SPACE2ID."
    back = get_ok(client, "/paths", source="space2id", target="space2idgo", via="related")
    assert back["paths"][0]["explanation"] == "SPACE2ID is succeeded by SPACE2IDGO."


def test_path_map_and_page_draw_the_related_link(client):
    drawn = get_ok(
        client, "/maps/path", source="rise", target="mav", via="membership,related", format="json"
    )
    highlighted = {
        (e["relation"], e["source"], e["target"]) for e in drawn["edges"] if e["highlight"]
    }
    assert ("cooperates_with", "partnership:elca", "partnership:e-lass") in highlighted
    html = client.get("/maps/path", params={"source": "rise", "target": "mav",
                                             "via": "membership,related"}).text  # fmt: skip
    assert "cooperates with (partnerships)" in html  # the legend
    page = client.get(
        "/explore/paths", params={"source": "rise", "target": "mav", "via": "membership,related"}
    )
    assert page.status_code == 200
    assert "which cooperates with ELCA" in page.text
    assert 'value="related"' in page.text  # the page offers the kind of link
