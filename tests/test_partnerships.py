"""GET /partnerships and GET /partnerships/{id} against the bundled dataset (seed reports)."""

import pytest

from tests.conftest import get_ok as _get
from tests.conftest import ids as _ids


def test_space2id_members_with_its_coordinator(client):
    # SPACE2ID Key Achievements, lines 9-17: nine partners, "AEROSPACE VALLEY- COORDINATOR (FR)"
    # (line 10) and "SKYWIN WALLONIE ASBL (BE)" (line 14).
    p = _get(client, "/partnerships/space2id")
    assert p["name"] == "SPACE2ID - Space Clusters International Industrial Diversification"
    assert (p["kind"], p["programme"], p["strand"]) == ("escp-4i", "ESCP-4i (COSME)", "1")
    assert len(p["members"]) == 9
    coordinator = p["members"][0]  # strongest role first
    assert (coordinator["id"], coordinator["role"], coordinator["country"]) == (
        "aerospace-valley",
        "coordinator",
        "FR",
    )
    assert coordinator["sources"] == [
        {"document": "space2id-key-achievements", "locator": "line 10, Partners"}
    ]
    members = {m["id"]: m for m in p["members"]}
    assert (members["skywin"]["role"], members["skywin"]["country"]) == ("partner", "BE")
    assert {"logistics-in-wallonia", "tern", "mpae", "athena-rc"} <= set(members)
    assert all(m["role"] == "partner" for m in p["members"][1:])
    assert p["sources"][0]["document"] == "space2id-key-achievements"


def test_space2id_priority_countries_sectors_and_events(client):
    # Line 26: "5 top priority countries ... China UAE Canada Chile Colombia"; line 77: the May
    # 2016 delegation visit to Taiwan.
    p = _get(client, "/partnerships/space2id")
    priority = {t["code"] for t in p["target_countries"] if t["status"] == "priority"}
    assert priority == {"CN", "AE", "CA", "CL", "CO"}
    canada = next(t for t in p["target_countries"] if t["code"] == "CA")
    assert canada["name"] == "Canada" and canada["sources"]
    assert {"space", "energy", "logistics", "agriculture"} <= {s["id"] for s in p["sectors"]}
    events = {e["id"]: e for e in p["events"]}
    taiwan = events["space2id-taiwan-delegation-2016"]
    assert (taiwan["date"], taiwan["country"]) == ("2016-05", "TW")
    assert taiwan["sources"][0]["document"] == "space2id-key-achievements"


def test_partnerships_targeting_canada(client):
    # ECCP Canada 2019, §4: LASER-GO Global (line 222, "targeted third countries, including
    # Canada"), ELBE (line 234, trip to Canada), SPACE2IDGO (line 245, "Canada was identified as
    # a target country"); SPACE2ID Key Achievements line 26 (Canada among 5 priorities).
    page = _get(client, "/partnerships", country="CA", limit=100)
    ids = _ids(page["items"])
    assert {"laser-go-global", "elbe", "space2idgo", "space2id", "pimap"} <= set(ids)
    assert page["total"] == len(ids)
    assert "wiintech" not in ids and "elca" not in ids
    for item in page["items"]:
        assert "CA" in {t["code"] for t in item["target_countries"]}
    statuses = {
        p["id"]: next(t["status"] for t in p["target_countries"] if t["code"] == "CA")
        for p in page["items"]
    }
    assert (statuses["space2idgo"], statuses["elbe"], statuses["laser-go-global"]) == (
        "priority",
        "candidate",
        "selected",
    )
    assert _ids(_get(client, "/partnerships", country="ca", limit=100)["items"]) == ids


def test_sector_filter_includes_sub_sectors(client):
    # WIINTECH works on new materials, chemicals and plastics (WIINTECH strategy 2012); PERCY on
    # polymer recycling; ELBE on blue energy, a renewable energy (sub-sector of energy).
    materials = _ids(_get(client, "/partnerships", sector="materials", limit=100)["items"])
    plastics = _ids(_get(client, "/partnerships", sector="plastics", limit=100)["items"])
    assert {"wiintech", "percy"} <= set(plastics)
    assert set(plastics) <= set(materials)
    assert "adpack2" in materials  # active in packaging only, a sub-sector of materials
    energy = _ids(_get(client, "/partnerships", sector="energy", limit=100)["items"])
    assert {"elbe", "reina-plus", "geo-energy-europe"} <= set(energy)
    both = _ids(_get(client, "/partnerships", sector="space", country="CA", limit=100)["items"])
    assert set(both) == {"space2id", "space2idgo", "space-wave"}


def test_kind_filter_and_pagination(client):
    alliances = _get(client, "/partnerships", kind="alliance", limit=100)
    assert "space4globe" in _ids(alliances["items"])
    assert {p["kind"] for p in alliances["items"]} == {"alliance"}
    everything = _get(client, "/partnerships", limit=100)
    page = _get(client, "/partnerships", limit=3, offset=3)
    assert page["total"] == everything["total"] > 6
    assert _ids(page["items"]) == _ids(everything["items"])[3:6]
    space2id = next(p for p in everything["items"] if p["id"] == "space2id")
    assert space2id["member_count"] == 9


def test_wiintech_targets_best_score_first(client):
    # WIINTECH strategy 2012, Tables 10-14 (lines 356-365): Suape/Pernambuco 700, Indian Chemical
    # Council 700, PlastIndia 490 (out of 1000); countries scored in §C (US 75.55 first).
    p = _get(client, "/partnerships/wiintech")
    scored = [t for t in p["targets"] if t["score"] is not None]
    assert [t["score"] for t in scored] == sorted((t["score"] for t in scored), reverse=True)
    assert p["targets"][: len(scored)] == scored  # unscored targets come last
    top = {t["id"]: t for t in scored[:2]}
    assert set(top) == {"indian-chemical-council", "suape-pernambuco"}
    assert top["indian-chemical-council"]["score"] == 700.0
    assert top["indian-chemical-council"]["country"] == "IN"
    plastindia = next(t for t in p["targets"] if t["id"] == "plastindia")
    assert (plastindia["score"], plastindia["status"]) == (490.0, "selected")
    assert plastindia["sources"][0]["document"] == "wiintech-strategy-2012"
    countries = p["target_countries"]
    assert (countries[0]["code"], countries[0]["score"]) == ("US", 75.55)
    assert [c["score"] for c in countries] == sorted((c["score"] for c in countries), reverse=True)


def test_laser_go_global_agreements_and_events(client):
    # ECCP Canada 2019, line 222: two MoUs signed on behalf of the LASER-GO GLOBAL consortium
    # during the June 2018 trade mission to Québec; Opticsvalley visited Quebec in February 2017.
    p = _get(client, "/partnerships/laser-go-global")
    agreements = {g["id"]: g for g in p["agreements"]}
    assert set(agreements) == {"mou-medteq-medicen", "mou-optonique-opticsvalley"}
    assert {x["id"] for x in agreements["mou-medteq-medicen"]["parties"]} == {"medteq", "medicen"}
    assert all(g["partnership"]["id"] == "laser-go-global" for g in p["agreements"])
    assert [e["date"] for e in p["events"]] == ["2017-02", "2018-06"]
    assert {t["id"]: t["status"] for t in p["targets"]} == {
        "medteq": "contacted",
        "optonique": "contacted",
    }


def test_unknown_partnership_is_404(client):
    response = client.get("/partnerships/no-such-partnership")
    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "code": "not_found",
            "message": "No partnership with id 'no-such-partnership'. "
            "Use GET /search?q=... to find ids.",
            "detail": {"kind": "partnership", "id": "no-such-partnership"},
        }
    }


@pytest.mark.parametrize(
    "params, kind", [({"sector": "no-such-sector"}, "sector"), ({"country": "ZZ"}, "country")]
)
def test_unknown_filter_ids_are_404(client, params, kind):
    response = client.get("/partnerships", params=params)
    assert response.status_code == 404
    assert response.json()["error"]["detail"]["kind"] == kind


@pytest.mark.parametrize(
    "url, params, field",
    [
        ("/partnerships/SPACE2ID", {}, "partnership_id"),
        ("/partnerships", {"country": "Canada"}, "country"),
        ("/partnerships", {"kind": "cluster"}, "kind"),
        ("/partnerships", {"sector": "Space!"}, "sector"),
        ("/partnerships", {"limit": 0}, "limit"),
        ("/partnerships", {"offset": -5}, "offset"),
    ],
)
def test_invalid_parameters_are_422(client, url, params, field):
    response = client.get(url, params=params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_parameters"
    assert [p["field"] for p in error["detail"]] == [field]
