"""Property-based: a file with one thing wrong gives exit 2, one error naming the file, record
and field, and a database exactly as before (compared by a full dump, not by counts)."""

import contextlib
import io
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from clustergraph import cli
from graph.snapshot import describe_difference, dump
from reliability.broken_inputs import BASE, STRATEGIES, Broken

PROPERTY_SETTINGS = settings(
    max_examples=10,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def run_load(path: Path) -> tuple[int, str]:
    """`clustergraph load PATH` as the user runs it, in this process (exit code, stderr)."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(["load", "--quiet", str(path)])
    return code, err.getvalue()


def check_rejected(case: Broken, folder: Path) -> None:
    path = case.write(folder)
    code, err = run_load(path)
    assert code == 2, f"{case.kind}: exit {code}\n{err}"
    assert "1 problem(s) in the input; nothing was written" in err, err
    problem = next(line for line in err.splitlines() if line.startswith("  - "))
    assert problem.startswith(f"  - {path}"), problem
    if case.record:
        assert f"record {case.record}" in problem, problem
    if case.field:
        assert f"field {case.field!r}" in problem, problem
    assert case.message in problem, problem


@pytest.fixture(scope="module")
def folder():
    path = Path(tempfile.mkdtemp(prefix="clustergraph-props-"))
    yield path
    shutil.rmtree(path)


def test_the_base_file_is_valid(bundled_graph, settings, folder):
    import yaml

    path = folder / "base.yaml"
    path.write_text(yaml.safe_dump(BASE, allow_unicode=True), encoding="utf-8")
    from graph.loaders.pipeline import _known, build_plan, expand_paths, parse_files

    plan = build_plan(parse_files(expand_paths([path])), _known(bundled_graph, settings))
    assert plan.count("actors") >= 2


@pytest.mark.parametrize("kind", sorted(STRATEGIES))
def test_broken_input_is_refused_and_the_database_is_unchanged(
    kind, bundled_graph, settings, folder
):
    before = dump(bundled_graph, settings.neo4j_database)

    @PROPERTY_SETTINGS
    @given(case=STRATEGIES[kind])
    def check(case: Broken) -> None:
        check_rejected(case, folder)
        after = dump(bundled_graph, settings.neo4j_database)
        assert after == before, describe_difference(before, after)

    check()


def test_a_utf8_bom_is_accepted(clean_db, settings, tmp_path):
    """A byte-order mark from Excel is not an error (the encoding is still UTF-8)."""
    from graph.loaders.pipeline import load

    load(clean_db, settings, quiet=True)
    path = tmp_path / "actors.csv"
    path.write_bytes("id,name,kind,country\ngamma-cluster,Gamma,cluster,DE\n".encode("utf-8-sig"))
    report = load(clean_db, settings, [path], quiet=True)
    assert report.after["Actor"] == report.before["Actor"] + 1
