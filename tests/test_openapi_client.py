"""A client generated from the served OpenAPI document with openapi-python-client, as a user of
the API would make one, calls every read operation and gets answers its models parse.

The document is fetched from a real server (uvicorn on a free port) and the client is generated
into a temporary directory at test time, so a change that breaks generated clients (duplicate
schema titles, undocumented statuses or fields, wrong media types) fails here.
"""

import importlib
import inspect
import json
import pkgutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
import uvicorn

from api.main import create_app
from tests.conftest import VALID_PARAMS

PACKAGE = "cg_generated_client"
GENERATOR = Path(sys.executable).parent / "openapi-python-client"


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(), host="127.0.0.1", port=port, log_level="warning", ws="none"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def spec(base_url) -> dict[str, Any]:
    return httpx.get(f"{base_url}/openapi.json").json()


@pytest.fixture(scope="module")
def generated(spec, tmp_path_factory) -> Iterator[ModuleType]:
    """The client package, generated from the served document without a warning."""
    work = tmp_path_factory.mktemp("client")
    (work / "openapi.json").write_text(json.dumps(spec))
    (work / "config.yaml").write_text("post_hooks: []\n")
    run = subprocess.run(
        [
            str(GENERATOR),
            *("generate", "--path", "openapi.json", "--meta", "none"),
            *("--output-path", PACKAGE, "--config", "config.yaml"),
        ],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    # The generator skips (and only warns about) what it cannot model: nothing may be skipped.
    assert "Warning" not in output and "Unable" not in output, output
    sys.path.insert(0, str(work))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(work))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def _operations(package: ModuleType) -> dict[str, ModuleType]:
    api = importlib.import_module(f"{package.__name__}.api")
    found = {}
    for info in pkgutil.walk_packages(api.__path__, f"{api.__name__}."):
        module = importlib.import_module(info.name)
        if hasattr(module, "sync_detailed"):
            found[info.name.rsplit(".", 1)[1]] = module
    return found


def _get_operations(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        op["operationId"]: op
        for ops in spec["paths"].values()
        for method, op in ops.items()
        if method == "get"
    }


def _undeclared(value: Any, where: str = "answer") -> list[str]:
    """Fields the server sent that the document does not declare (the generated models keep
    them aside in `additional_properties`)."""
    out = []
    if isinstance(value, list):
        for i, item in enumerate(value):
            out += _undeclared(item, f"{where}[{i}]")
    elif hasattr(value, "additional_properties") and hasattr(value, "__attrs_attrs__"):
        fields = [f.name for f in value.__attrs_attrs__ if f.name != "additional_properties"]
        # A model without fields is a free-form map in the document (e.g. counts by key).
        if fields and value.additional_properties:
            out.append(f"{where} ({type(value).__name__}): {sorted(value.additional_properties)}")
        for name in fields:
            out += _undeclared(getattr(value, name), f"{where}.{name}")
    return out


def test_operation_ids_and_model_names_are_unique(spec):
    ids = [op["operationId"] for ops in spec["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids))
    schemas = spec["components"]["schemas"]
    assert not [name for name in schemas if "__" in name]  # FastAPI's sign of a name clash
    titles = [s.get("title", name) for name, s in schemas.items()]
    assert len(titles) == len(set(titles))


def test_every_read_operation_answers_what_the_generated_models_parse(
    generated, spec, base_url, bundled_graph
):
    with generated.Client(base_url=base_url, raise_on_unexpected_status=True) as client:
        _call_every_read_operation(generated, spec, client)


def _call_every_read_operation(generated: ModuleType, spec: dict[str, Any], client: Any) -> None:
    modules = _operations(generated)
    gets = _get_operations(spec)
    assert set(gets) <= set(modules), "operations the generator left out"
    for operation_id, op in sorted(gets.items()):
        call = modules[operation_id].sync_detailed
        required = [
            p.name
            for p in inspect.signature(call).parameters.values()
            if p.default is p.empty and p.name != "client"
        ]
        missing = [name for name in required if name not in VALID_PARAMS]
        assert not missing, f"{operation_id}: give a value for {missing} in VALID_PARAMS"
        args = {name: VALID_PARAMS[name] for name in required}
        response = call(client=client, **args)
        assert response.status_code == 200, (operation_id, response.content[:300])
        declared = op["responses"]["200"].get("content", {})
        if "schema" in declared.get("application/json", {}) and len(declared) == 1:
            assert response.parsed is not None, operation_id
            assert not _undeclared(response.parsed), (operation_id, _undeclared(response.parsed))
        else:  # a page or a file (maps): what the document lists as its media types
            media_type = response.headers["content-type"].split(";")[0]
            assert media_type in declared, (operation_id, media_type)
            assert response.content


def test_errors_parse_into_the_documented_error_model(generated, base_url, bundled_graph):
    with generated.Client(base_url=base_url) as client:
        _check_errors(generated, client)


def _check_errors(generated: ModuleType, client: Any) -> None:
    modules = _operations(generated)
    error_model = importlib.import_module(f"{generated.__name__}.models").ErrorPublic

    missing = modules["get_actor"].sync_detailed(client=client, actor_id="no-such-actor")
    assert missing.status_code == 404
    assert isinstance(missing.parsed, error_model)
    assert missing.parsed.error.code == "not_found"

    bad = modules["get_actor"].sync_detailed(client=client, actor_id="Not A Slug")
    assert bad.status_code == 422
    assert isinstance(bad.parsed, error_model)
    assert bad.parsed.error.code == "invalid_parameters"

    backwards = modules["list_agreements"].sync_detailed(client=client, from_="2019", to="2018")
    assert backwards.status_code == 422
    assert backwards.parsed.error.code == "invalid_request"

    for operation, args in (
        ("get_actor_map", {"actor_id": "no-such-actor"}),
        ("get_partnership", {"partnership_id": "no-such-partnership"}),
        ("get_country", {"code": "ZZ"}),
    ):
        answer = modules[operation].sync_detailed(client=client, **args)
        assert answer.status_code == 404, operation
        assert answer.headers["content-type"] == "application/json", operation
        assert isinstance(answer.parsed, error_model), operation
