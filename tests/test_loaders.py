"""Loading user files: validation errors that name their place, atomicity, idempotency, aliases."""

import textwrap
from pathlib import Path

import pytest

from clustergraph.errors import LoadValidationError
from graph.loaders.pipeline import load, validate
from graph.loaders.writer import label_counts, write_plan
from graph.schema.names import normalise
from graph.snapshot import dump
from tests.conftest import PROJECT_ROOT, count, run_cli

GOOD = """\
format: clustergraph/v1
document: {id: test-doc, title: A test document}
actors:
  - {id: alpha-cluster, name: Alpha Cluster, kind: cluster, country: FR, sectors: [aerospace],
     source: "line 1"}
  - {id: beta-network, name: Béta Network, aliases: [BETA NET], kind: business_network,
     country: CA, source: "line 2"}
agreements:
  - {id: mou-alpha-beta, kind: mou, parties: [alpha-cluster, beta-network], status: signed,
     date: "2020-05", source: "line 3"}
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _problems(excinfo) -> str:
    return "\n".join(str(p) for p in excinfo.value.problems)


def test_loading_twice_changes_nothing(clean_db, settings):
    load(clean_db, settings, quiet=True)
    first = dump(clean_db, settings.neo4j_database)
    report = load(clean_db, settings, quiet=True)
    assert dump(clean_db, settings.neo4j_database) == first
    assert report.stats.nodes_created == 0
    assert report.stats.relationships_created == 0
    assert report.before == report.after


def test_invalid_record_names_file_line_record_and_field(clean_db, settings, tmp_path):
    load(clean_db, settings, quiet=True)
    before = dump(clean_db, settings.neo4j_database)
    good = _write(tmp_path, "good.yaml", GOOD)
    bad = _write(
        tmp_path,
        "bad.yaml",
        """\
        format: clustergraph/v1
        document: {id: bad-doc, title: Bad}
        actors:
          - {id: ok-one, name: OK, kind: cluster, country: FR, source: "line 1"}
          - id: broken-one
            name: Broken
            kind: cluster
            country: XX
            source: "line 2"
        """,
    )
    with pytest.raises(LoadValidationError) as excinfo:
        load(clean_db, settings, [good, bad], quiet=True)
    text = _problems(excinfo)
    assert f"{bad}:8" in text
    assert "actors[1] (id broken-one)" in text
    assert "'country'" in text
    assert "unknown country 'XX'" in text
    assert "nothing was written" in str(excinfo.value)
    assert dump(clean_db, settings.neo4j_database) == before


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("format: clustergraph/v1\nactors: [\n", "is not valid YAML"),
        ("format: clustergraph/v2\n", "field 'format'"),
        (
            "format: clustergraph/v1\ndocument: {id: d, title: t}\nactors:\n"
            "  - {id: a, name: A, kind: cluster, colour: red, source: l}\n",
            "colour",
        ),
        (
            "format: clustergraph/v1\ndocument: {id: d, title: t}\nactors:\n"
            "  - {id: a, name: A, kind: spaceship, source: l}\n",
            "field 'kind'",
        ),
        (
            "format: clustergraph/v1\ndocument: {id: d, title: t}\nagreements:\n"
            "  - {id: g, kind: mou, parties: [nobody-at-all], status: signed, source: l}\n",
            "unknown actor or partnership 'nobody-at-all'",
        ),
        (
            "format: clustergraph/v1\ndocument: {id: d, title: t}\nevents:\n"
            "  - {id: e, name: E, kind: workshop, date: '2021-13', source: l}\n",
            "field 'date'",
        ),
        (
            "format: clustergraph/v1\nactors:\n  - {id: a, name: A, kind: cluster, source: l}\n",
            "needs a `document:`",
        ),
    ],
)
def test_error_messages_say_what_and_where(tmp_path, body, expected):
    path = _write(tmp_path, "input.yaml", body)
    with pytest.raises(LoadValidationError) as excinfo:
        validate([path])
    text = _problems(excinfo)
    assert str(path) in text
    assert expected in text


def test_unknown_actor_suggests_the_closest_id(tmp_path):
    path = _write(
        tmp_path,
        "typo.yaml",
        """\
        format: clustergraph/v1
        document: {id: d, title: t}
        agreements:
          - {id: g, kind: mou, parties: [aero-montreall], status: signed, source: l}
        """,
    )
    with pytest.raises(LoadValidationError) as excinfo:
        validate([PROJECT_ROOT / "data", path])
    assert "did you mean 'aero-montreal'?" in _problems(excinfo)


def test_csv_names_resolve_through_aliases_case_and_accents(bundled_graph, settings, tmp_path):
    csv_file = _write(
        tmp_path,
        "agreements.csv",
        """\
        id,kind,parties,status,date,source
        mou-test-aliases,mou,AERO Montreal;skywin wallonie asbl,signed,2021-03,row 2
        """,
    )
    report = load(bundled_graph, settings, [csv_file], quiet=True)
    records, _, _ = bundled_graph.execute_query(
        """
        MATCH (g:Agreement {id: 'mou-test-aliases'})<-[:PARTY_TO]-(a:Actor)
        RETURN collect(a.id) AS parties, g.sources AS sources""",
        database_=settings.neo4j_database,
    )
    assert set(records[0]["parties"]) == {"aero-montreal", "skywin"}
    assert records[0]["sources"] == ["agreements|row 2"]
    assert report.after["Agreement"] == report.before["Agreement"] + 1
    bundled_graph.execute_query(
        "MATCH (g:Agreement {id: 'mou-test-aliases'}) DETACH DELETE g",
        database_=settings.neo4j_database,
    )
    bundled_graph.execute_query(
        "MATCH (d:Document {id: 'agreements'}) DETACH DELETE d", database_=settings.neo4j_database
    )


def test_csv_errors_name_line_and_column(tmp_path):
    csv_file = _write(
        tmp_path,
        "members.csv",
        """\
        partnership,actor,role
        space2id,skywin,partner
        space2id,Nobody Known,partner
        space2id,skywin,boss
        """,
    )
    with pytest.raises(LoadValidationError) as excinfo:
        validate([PROJECT_ROOT / "data", csv_file])
    text = _problems(excinfo)
    assert f"{csv_file}:4" in text and "field 'role'" in text
    csv_file.write_text(csv_file.read_text().replace("boss", "lead"))
    with pytest.raises(LoadValidationError) as excinfo:
        validate([PROJECT_ROOT / "data", csv_file])
    text = _problems(excinfo)
    assert f"{csv_file}:3" in text and "unknown actor 'Nobody Known'" in text
    assert "field 'actor'" in text


def test_likely_duplicates_are_reported_not_merged(tmp_path):
    path = _write(
        tmp_path,
        "dup.yaml",
        """\
        format: clustergraph/v1
        document: {id: d, title: t}
        actors:
          - {id: aeromontreal-inc, name: Aero-Montréal, kind: cluster, country: CA, source: l}
        """,
    )
    plan = validate([PROJECT_ROOT / "data", path])
    pairs = {(d.a, d.b) for d in plan.duplicates}
    assert ("aero-montreal", "aeromontreal-inc") in pairs
    assert any(r["id"] == "aeromontreal-inc" for r in plan.rows["actors"])


def test_contradicting_files_are_refused(tmp_path):
    one = _write(tmp_path, "one.yaml", GOOD)
    two = _write(
        tmp_path,
        "two.yaml",
        GOOD.replace("test-doc", "other-doc").replace("country: FR", "country: DE"),
    )
    with pytest.raises(LoadValidationError) as excinfo:
        validate([one, two])
    assert "contradicts 'FR'" in _problems(excinfo)


def test_write_failure_rolls_back_everything(clean_db, settings, tmp_path):
    plan = validate([_write(tmp_path, "good.yaml", GOOD)])
    before = dump(clean_db, settings.neo4j_database)
    with clean_db.session(database=settings.neo4j_database) as session:
        tx = session.begin_transaction()
        write_plan(tx, plan.rows, batch_size=2)
        assert tx.run("MATCH (a:Actor) RETURN count(a) AS n").single()["n"] == 2
        tx.rollback()
    assert dump(clean_db, settings.neo4j_database) == before


def test_reset_reloads_from_scratch(clean_db, settings, tmp_path):
    load(clean_db, settings, [_write(tmp_path, "good.yaml", GOOD)], quiet=True)
    assert count(clean_db, settings, "MATCH (a:Actor) RETURN count(a)") == 2
    report = load(clean_db, settings, quiet=True, reset=True)
    assert count(clean_db, settings, "MATCH (a:Actor {id: 'alpha-cluster'}) RETURN count(a)") == 0
    assert report.stats.nodes_deleted > 0


def test_normalise_is_case_accent_and_punctuation_insensitive():
    assert normalise("Aéro Montréal") == normalise("AERO-MONTREAL") == "aero montreal"
    assert normalise("  Pôle  Mer\tMéditerranée ") == "pole mer mediterranee"


def test_cli_load_exits_non_zero_and_names_the_place(clean_db, settings, tmp_path):
    load(clean_db, settings, quiet=True)
    before = dump(clean_db, settings.neo4j_database)
    bad = _write(tmp_path, "bad.yaml", GOOD.replace("kind: mou", "kind: treaty"))
    proc = run_cli(settings, "load", str(bad))
    assert proc.returncode == 2
    assert f"{bad}:9" in proc.stderr
    assert "agreements[0] (id mou-alpha-beta)" in proc.stderr
    assert dump(clean_db, settings.neo4j_database) == before
    ok = run_cli(settings, "load", "--quiet")
    assert ok.returncode == 0, ok.stderr
    assert "Actor" in ok.stdout and "unchanged" in ok.stdout


@pytest.mark.parametrize("reset", [False, True])
def test_reported_counts_are_the_database_counts(clean_db, settings, tmp_path, reset):
    load(clean_db, settings, [_write(tmp_path, "good.yaml", GOOD)], quiet=True)
    report = load(clean_db, settings, quiet=True, reset=reset)  # the bundled data on top
    with clean_db.session(database=settings.neo4j_database) as session:
        counted = session.execute_read(label_counts)
    assert report.after == counted
    # without reset the two test actors stay beside the bundled ones; with it they are gone
    kept = count(clean_db, settings, "MATCH (a:Actor {id: 'alpha-cluster'}) RETURN count(a)")
    assert kept == (0 if reset else 1)
