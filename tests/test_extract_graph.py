"""Known entities read from the graph (read-only), against the real test Neo4j."""

import os
import subprocess
import sys
from pathlib import Path

import yaml

from clustergraph.settings import PROJECT_ROOT
from graph.extract.build import extract
from graph.extract.known import from_files, from_graph
from tests.conftest import count, run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def test_known_entities_from_the_graph_match_the_files(bundled_graph, settings):
    before = count(bundled_graph, settings, "MATCH (n) RETURN count(n)")
    graph_known = from_graph(settings)
    file_known = from_files([PROJECT_ROOT / "data"])
    assert count(bundled_graph, settings, "MATCH (n) RETURN count(n)") == before
    assert set(graph_known.entities) == set(file_known.entities)
    skywin = graph_known.get("actor", "skywin")
    assert skywin.kind == "cluster" and skywin.country == "BE"
    assert "SKYWIN WALLONIE ASBL" in skywin.aliases


def test_extract_against_the_graph_resolves_known_actors(bundled_graph, settings):
    data = extract(FIXTURES / "renewal.txt", from_graph(settings)).data
    ids = {a["id"] for a in data["actors"]}
    assert {"skywin", "aero-montreal"} <= ids
    assert data["agreements"][0]["parties"] == ["skywin", "aero-montreal"]


def test_cli_uses_the_graph_and_writes_nothing(bundled_graph, settings, tmp_path):
    before = count(bundled_graph, settings, "MATCH (n) RETURN count(n)")
    draft = tmp_path / "draft.yaml"
    result = run_cli(settings, "extract", str(FIXTURES / "mou-news.txt"), "-o", str(draft))
    assert result.returncode == 0, result.stderr
    assert "Nothing was loaded" in result.stdout
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert "aerospace-valley" in {a["id"] for a in data["actors"]}
    assert count(bundled_graph, settings, "MATCH (n) RETURN count(n)") == before


def test_cli_without_neo4j_says_so_and_exits_2(tmp_path):
    env = {**os.environ, "NEO4J_URI": "bolt://127.0.0.1:9"}
    draft = tmp_path / "draft.yaml"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "clustergraph.cli",
            "extract",
            str(FIXTURES / "renewal.txt"),
            "-o",
            str(draft),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT_ROOT,
    )
    assert result.returncode == 2
    assert "not reachable" in result.stderr and "--known" in result.stderr
    assert not draft.exists()
