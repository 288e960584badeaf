"""Write the draft file: the loader's YAML, with a header saying what it is and how to use it."""

from pathlib import Path
from typing import Any

import yaml

HEADER = """\
# Draft written by `clustergraph extract` from {file}: nothing here is loaded yet.
# Every record is inferred (certainty, basis = the sentence, confidence); check each one
# against its source line, correct or delete it, then `clustergraph validate` and `load`.
# Known entities: {known}.
"""


def render(data: dict[str, Any], known_origin: str) -> str:
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return HEADER.format(file=data["document"].get("file", "?"), known=known_origin) + body


def write_draft(path: Path, data: dict[str, Any], known_origin: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(data, known_origin), encoding="utf-8")
