"""Hostile API input: schemathesis against /openapi.json, every operation, in process (ASGI),
with ALL of its checks.

Valid and invalid (negative) requests are generated from the OpenAPI document; no answer may be a
500, every answer must match the documented status codes, content types, headers and schemas,
invalid requests must be refused and valid ones accepted. Reads run against the bundled graph,
which must not change; writes run with a test API key and then the graph is reloaded.

Valid per the document is not always answerable: a few rules tie parameters together and cannot be
written as JSON Schema, so these operations may also answer 422 (documented on each) to valid
input: `source` equal to `target` (paths), `from` after `to`, `year_from` after `year_to`, a
partnership end without `membership` or `targeting`, and a write whose record names a country,
sector, actor or partnership that does not exist.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig

from api.main import create_app
from clustergraph.settings import get_settings
from graph.snapshot import dump
from tests.conftest import wipe

KEY = "fuzz-test-key"
CROSS_FIELD_RULES = ["/paths", "/maps/path", "/agreements", "/timeline", "/maps/overview"]
CONFIG = SchemathesisConfig.from_dict(
    {
        "operations": [
            {
                "include-path": path,
                "include-method": method,
                "checks": {
                    "positive_data_acceptance": {
                        "expected-statuses": ["2xx", "401", "403", "404", "422"]
                    }
                },
            }
            for path, method in [(p, "GET") for p in CROSS_FIELD_RULES]
            + [("/actors", "POST"), ("/agreements", "POST")]
        ]
    }
)
# Loaded at collection so that every operation is its own test; the app's driver connects lazily.
SCHEMA = schemathesis.openapi.from_asgi("/openapi.json", create_app(), config=CONFIG)
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
READS = [op for op in OPERATIONS if op.method.upper() == "GET"]
WRITES = [op for op in OPERATIONS if op.method.upper() != "GET"]


def _run(operation, headers: dict[str, str] | None = None, examples: int = 10) -> None:
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )

    @hypothesis_settings(
        max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(case=cases)
    def check(case):
        case.call_and_validate(headers=headers)  # every check schemathesis has, as configured

    check()


@pytest.mark.parametrize("operation", READS, ids=lambda op: op.label)
def test_reads_pass_every_check_and_change_nothing(operation, bundled_graph, settings):
    before = dump(bundled_graph, settings.neo4j_database)
    _run(operation)
    assert dump(bundled_graph, settings.neo4j_database) == before


@pytest.fixture
def write_key(monkeypatch):
    monkeypatch.setenv("CLUSTERGRAPH_API_KEYS", KEY)
    get_settings.cache_clear()
    yield KEY
    monkeypatch.undo()
    get_settings.cache_clear()


@pytest.mark.parametrize("operation", WRITES, ids=lambda op: op.label)
def test_writes_with_a_key_pass_every_check(operation, bundled_graph, settings, write_key):
    try:
        _run(operation, headers={"X-API-Key": write_key}, examples=15)
    finally:
        wipe(bundled_graph, settings)  # the next test that needs the bundled graph reloads it
