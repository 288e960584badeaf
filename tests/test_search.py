"""GET /search against the bundled dataset, and the Lucene query builder on its own."""

import pytest

from queries.search import escape_lucene, lucene_query


def _search(client, q: str, **params) -> dict:
    response = client.get("/search", params={"q": q, **params})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(
    "q", ["aero montreal", "Aéro Montréal", "AERO Montreal", "Aero Montreal", "aéro-montréal"]
)
def test_aero_montreal_first_whatever_the_case_and_accents(client, q):
    # ECCP Canada 2019, line 80: "MoU signed between Aéro Montréal and Aerospace Valley".
    page = _search(client, q)
    first = page["items"][0]
    assert (first["id"], first["type"], first["country"]) == ("aero-montreal", "actor", "CA")
    assert first["name"] == "Aéro Montréal"
    assert first["exact"] is True
    # its MoUs (lines 80, 82, 84) match too, after it
    ids = [item["id"] for item in page["items"]]
    assert {"mou-aero-montreal-skywin", "mou-aero-montreal-aerospace-valley"} <= set(ids)
    scores = [item["score"] for item in page["items"]]
    assert scores == sorted(scores, reverse=True)
    assert page["total"] >= len(page["items"]) >= 3


@pytest.mark.parametrize("q", ["SKYWIN WALLONIE ASBL", "skywin wallonie", "Skywin"])
def test_skywin_by_its_verbatim_partner_name(client, q):
    # SPACE2ID Key Achievements, line 14: "SKYWIN WALLONIE ASBL (BE)".
    first = _search(client, q)["items"][0]
    assert (first["id"], first["name"], first["country"]) == ("skywin", "Skywin", "BE")


def test_typo_finds_medteq(client):
    # ECCP Canada 2019, line 91: MEDTEQ, the Quebec consortium for medical technology.
    first = _search(client, "medtek")["items"][0]
    assert (first["id"], first["type"], first["country"]) == ("medteq", "actor", "CA")
    assert first["exact"] is False


def test_prefix_and_alias_match(client):
    # "SPACE2ID" is an alias of the partnership (SPACE2ID key achievements, line 5);
    # SPACE2IDGO (ECCP Canada 2019, line 245) matches as a prefix, after it.
    page = _search(client, "space2id", type="partnership")
    ids = [item["id"] for item in page["items"]]
    assert ids[:2] == ["space2id", "space2idgo"]
    assert {item["type"] for item in page["items"]} == {"partnership"}


def test_type_and_country_filters(client):
    page = _search(client, "montreal", country="ca")
    assert page["items"], page
    assert all(item["country"] == "CA" for item in page["items"])
    assert page["items"][0]["id"] == "aero-montreal"
    events = _search(client, "montreal", type="event")
    assert events["items"] and {i["type"] for i in events["items"]} == {"event"}
    # ECCP Canada 2019, line 136: Skywin attended the International Aeronautic Week, Montreal.
    assert "international-aeronautic-week-montreal-2018" in [i["id"] for i in events["items"]]
    country = _search(client, "canada", type="country")["items"][0]
    assert (country["id"], country["name"], country["type"]) == ("CA", "Canada", "country")


def test_pagination(client):
    full = _search(client, "aero", limit=100)
    assert full["total"] == len(full["items"]) > 3
    second = _search(client, "aero", limit=2, offset=2)
    assert (second["limit"], second["offset"], second["total"]) == (2, 2, full["total"])
    assert [i["id"] for i in second["items"]] == [i["id"] for i in full["items"][2:4]]


def test_no_match_is_an_empty_page(client):
    assert _search(client, "zzzzqqqxxx") == {"items": [], "total": 0, "limit": 20, "offset": 0}


@pytest.mark.parametrize(
    "q, first",
    [
        ('aero* OR "montreal" (~', "aero-montreal"),
        ("montreal:)", "aero-montreal"),
        ("AND montreal NOT", "aero-montreal"),
        ("{!}&&||montreal", "aero-montreal"),
        # both words required: the MoU between Skywin and Aéro Montréal (ECCP Canada 2019, line 82)
        ("\\montreal/ [skywin]^2", "mou-aero-montreal-skywin"),
    ],
)
def test_lucene_syntax_in_user_text_is_literal(client, q, first):
    assert _search(client, q)["items"][0]["id"] == first


def test_text_without_letters_or_digits_matches_nothing(client):
    # Admitted by the OpenAPI document, so accepted by the server: an empty page, not a 422.
    for q in ('"(*)~', " ", "_-_"):
        page = _search(client, q)
        assert (page["items"], page["total"]) == ([], 0), q


@pytest.mark.parametrize(
    "params, field",
    [
        ({}, "q"),
        ({"q": ""}, "q"),
        ({"q": "x" * 201}, "q"),
        ({"q": "aero", "type": "cluster"}, "type"),
        ({"q": "aero", "country": "CAN"}, "country"),
        ({"q": "aero", "limit": 0}, "limit"),
        ({"q": "aero", "limit": 101}, "limit"),
        ({"q": "aero", "offset": -1}, "offset"),
    ],
)
def test_invalid_parameters_are_422(client, params, field):
    response = client.get("/search", params=params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_parameters"
    assert [p["field"] for p in error["detail"]] == [field]


def test_escape_lucene_escapes_every_special_character():
    special = '+-&|!(){}[]^"~*?:\\/'
    assert escape_lucene(special) == "".join("\\" + c for c in special)
    assert escape_lucene("Aéro Montréal") == "Aéro Montréal"


def test_lucene_query_combines_exact_prefix_and_fuzzy_terms():
    assert lucene_query("Aéro  MONTRÉAL") == (
        "+(aero^3 OR aero*^2 OR aero~1) +(montreal^3 OR montreal*^2 OR montreal~1) "
        '"aero montreal"^4'
    )
    # stop words are never required (the analyzer drops them from the index)
    assert lucene_query("Department of Industrial").count("+(") == 2
    # user-typed operators are folded to lower case words or escaped, never syntax
    assert "\\:" in lucene_query("foo:bar")
    assert "+" not in lucene_query("a b", require_all=False)
