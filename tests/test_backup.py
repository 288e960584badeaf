"""Backup and restore: `clustergraph export` then `clustergraph load` gives the identical graph."""

import json

from graph.snapshot import describe_difference, dump
from tests.conftest import run_cli, wipe


def test_export_then_load_into_an_empty_database_gives_the_identical_graph(
    bundled_graph, settings, tmp_path
):
    before = dump(bundled_graph, settings.neo4j_database)
    backup = tmp_path / "graph.jsonl"
    proc = run_cli(settings, "export", "-o", str(backup))
    assert proc.returncode == 0, proc.stderr
    header = json.loads(backup.read_text(encoding="utf-8").splitlines()[0])
    assert header["format"] == "clustergraph/export-v1"
    assert header["nodes"] == len(before["nodes"]) - 1  # SchemaInfo is recorded by the load

    wipe(bundled_graph, settings)
    assert dump(bundled_graph, settings.neo4j_database)["nodes"] == []
    proc = run_cli(settings, "load", str(backup))
    assert proc.returncode == 0, proc.stderr
    after = dump(bundled_graph, settings.neo4j_database)
    assert after == before, describe_difference(before, after)
    # Provenance came back too, not only the shape of the graph.
    actors = [n["properties"] for n in after["nodes"] if n["labels"] == ["Actor"]]
    assert all(a["sources"] for a in actors)
    mentions = [r for r in after["relationships"] if r["type"] == "MENTIONED_IN"]
    assert mentions and all(r["properties"]["locators"] for r in mentions)
    dated = [n["properties"].get("date") for n in after["nodes"] if n["labels"] == ["Agreement"]]
    assert {"$date": "2007-01-01"} in dated


def test_a_damaged_backup_is_refused_naming_the_line(bundled_graph, settings, tmp_path):
    before = dump(bundled_graph, settings.neo4j_database)
    good = tmp_path / "good.jsonl"
    assert run_cli(settings, "export", "-o", str(good)).returncode == 0
    lines = good.read_text(encoding="utf-8").splitlines()
    node = json.loads(lines[3])
    node["node"] = "Person) DETACH DELETE (n"  # not an allow-listed label
    lines[3] = json.dumps(node)
    lines[5] = lines[5][:-10]
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines), encoding="utf-8")
    proc = run_cli(settings, "load", str(bad))
    assert proc.returncode == 2
    assert f"{bad}:4: record line 4, field 'node'" in proc.stderr
    assert f"{bad}:6: is not JSON" in proc.stderr
    assert dump(bundled_graph, settings.neo4j_database) == before
