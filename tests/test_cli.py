"""The `clustergraph` command as a user runs it (a subprocess against the real database)."""

import re

from tests.conftest import run_cli


def test_map_writes_an_offline_html_file(bundled_graph, settings, tmp_path):
    out = tmp_path / "space2id.html"
    proc = run_cli(settings, "map", "partnership", "space2id", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    assert "Skywin" in html and "Aerospace Valley" in html
    assert "https://cdn" not in html


def test_map_commands_write_every_kind_of_map(bundled_graph, settings, tmp_path):
    import json

    import networkx as nx

    country = tmp_path / "canada.html"
    proc = run_cli(settings, "map", "country", "CA", "-o", str(country))
    assert proc.returncode == 0, proc.stderr
    assert "Canada: cooperation map" in country.read_text(encoding="utf-8")
    for what in ("path", "paths"):  # `paths` is the old name
        out = tmp_path / f"{what}.json"
        proc = run_cli(settings, "map", what, "aerospace-valley", "aviation-valley", "-o", str(out))
        assert proc.returncode == 0, proc.stderr
        data = json.loads(out.read_text(encoding="utf-8"))
        assert "actor:aero-montreal" in {n["id"] for n in data["nodes"] if n["highlight"]}
    overview = tmp_path / "space2id.graphml"
    proc = run_cli(settings, "map", "overview", "--partnership", "space2id", "-o", str(overview))
    assert proc.returncode == 0, proc.stderr
    assert "partnership:space2id" in nx.read_graphml(overview).nodes
    proc = run_cli(settings, "map", "path", "aerospace-valley", "-o", str(tmp_path / "x.html"))
    assert proc.returncode == 2 and "SOURCE TARGET" in proc.stderr


def test_map_of_an_unknown_id_fails_with_a_hint(bundled_graph, settings, tmp_path):
    proc = run_cli(settings, "map", "actor", "no-such-actor", "-o", str(tmp_path / "x.html"))
    assert proc.returncode == 1
    assert "No actor with id 'no-such-actor'" in proc.stderr
    assert not (tmp_path / "x.html").exists()


def test_validate_writes_nothing_and_reports_counts(settings):
    proc = run_cli(settings, "validate")
    assert proc.returncode == 0, proc.stderr
    actors = int(re.search(r"valid: (\d+) actors", proc.stdout).group(1))
    assert actors > 150


def test_db_status_names_the_state(driver, settings):
    proc = run_cli(settings, "db", "status")
    assert "embedded Neo4j:" in proc.stdout
