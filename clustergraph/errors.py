"""The one exception hierarchy of clustergraph; `api/` maps it to HTTP in one place."""

from dataclasses import dataclass


class ClusterGraphError(Exception):
    """Base of every error clustergraph raises on purpose."""

    code = "error"


class DatabaseUnavailableError(ClusterGraphError):
    """Neo4j cannot be reached or refused the credentials."""

    code = "database_unavailable"


class LoadOutcomeUnknownError(DatabaseUnavailableError):
    """The connection to Neo4j was lost while a load was being committed: it may have landed."""

    code = "load_outcome_unknown"
    exit_code = (
        4  # `clustergraph load`: distinct from 1 (failed, nothing written) and 2 (bad input)
    )


class EmbeddedServerError(ClusterGraphError):
    """The embedded Neo4j could not be fetched, started or stopped."""

    code = "embedded_server"


class NotFoundError(ClusterGraphError):
    """An id that names nothing in the graph."""

    code = "not_found"

    def __init__(self, kind: str, id_: str):
        super().__init__(f"No {kind} with id {id_!r}. Use GET /search?q=... to find ids.")
        self.kind = kind
        self.id = id_


class InvalidRequestError(ClusterGraphError):
    """A request that is well-formed but cannot be answered as asked."""

    code = "invalid_request"


class QueryTimeoutError(ClusterGraphError):
    """A query ran past its timeout."""

    code = "query_timeout"


class QueryTooLargeError(ClusterGraphError):
    """A whole-graph read has more rows than it may hold in memory; it is refused, not cut."""

    code = "query_too_large"


class AuthenticationError(ClusterGraphError):
    """A request without a valid API key where one is required."""

    code = "unauthorized"


class WritesDisabledError(ClusterGraphError):
    """A write request to an API that has no API keys configured."""

    code = "writes_disabled"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as the format allows."""

    file: str
    message: str
    record: str | None = None
    field: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        place = self.file + (f":{self.line}" if self.line else "")
        what = ", ".join(
            p
            for p in (
                f"record {self.record}" if self.record else None,
                f"field {self.field!r}" if self.field else None,
            )
            if p
        )
        return f"{place}: {what + ': ' if what else ''}{self.message}"

    def as_dict(self) -> dict[str, str | int | None]:
        return {
            "file": self.file,
            "line": self.line,
            "record": self.record,
            "field": self.field,
            "message": self.message,
        }


class LoadValidationError(ClusterGraphError):
    """Input data failed validation; nothing was written."""

    code = "invalid_data"

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(
            f"{len(problems)} problem(s) in the input; nothing was written to the database.\n"
            f"{shown}{more}\nFix the places named above and run the load again."
        )
