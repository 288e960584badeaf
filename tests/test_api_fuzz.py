"""Hostile API input: schemathesis against /openapi.json, every operation, in process (ASGI).

Valid and invalid (negative) requests are generated from the OpenAPI document; no answer may be a
500, every answer must match the documented status codes, content types and schemas, and invalid
requests must be refused. Writes are disabled here (no API keys), so the graph cannot change.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from api.main import create_app
from graph.snapshot import dump

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
# Loaded at collection so that every operation is its own test; the app's driver connects lazily.
SCHEMA = schemathesis.openapi.from_asgi("/openapi.json", create_app())
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.label)
def test_no_server_errors_and_every_answer_matches_the_schema(operation, bundled_graph, settings):
    before = dump(bundled_graph, settings.neo4j_database)
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )

    @hypothesis_settings(
        max_examples=10, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(case=cases)
    def check(case):
        case.call_and_validate(checks=CHECKS)

    check()
    assert dump(bundled_graph, settings.neo4j_database) == before
