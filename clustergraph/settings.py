"""One typed settings object for every entry point (CLI, API, tests, benchmarks)."""

from functools import lru_cache
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Read from the environment (and a `.env` file in the working directory).

    `NEO4J_URI` may point at the embedded server (the default), a docker-compose service, or any
    external Neo4j 5.x, cluster or Aura instance (`neo4j://`, `neo4j+s://`, `bolt://`, `bolt+s://`).
    """

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("clustergraph")
    neo4j_database: str = "neo4j"

    # Embedded server, used by `clustergraph db start` and by the tests when NEO4J_URI is unset.
    embedded_home: Path = Field(default=PROJECT_ROOT / ".neo4j", alias="CLUSTERGRAPH_HOME")
    embedded_port: int = Field(default=7687, alias="CLUSTERGRAPH_BOLT_PORT", ge=1, le=65535)
    embedded_heap: str = Field(default="1g", alias="CLUSTERGRAPH_HEAP")
    embedded_pagecache_mb: int = Field(default=256, alias="CLUSTERGRAPH_PAGECACHE_MB", ge=16)
    # The folder LOAD CSV may read (file:/// URLs resolve inside it); default: <home>/import.
    embedded_import_dir: Path | None = Field(default=None, alias="CLUSTERGRAPH_IMPORT_DIR")

    # Query limits: every query gets a timeout and a row cap.
    query_timeout_s: Annotated[float, Field(gt=0, le=600)] = Field(
        default=15.0, alias="CLUSTERGRAPH_QUERY_TIMEOUT"
    )
    max_rows: Annotated[int, Field(ge=10)] = Field(default=1000, alias="CLUSTERGRAPH_MAX_ROWS")
    # Whole-graph reads (the analytics projection, recommendation candidates) must see every row
    # or their answers are silently wrong; this cap only bounds memory, and hitting it is an error.
    projection_max_rows: Annotated[int, Field(ge=1000)] = Field(
        default=2_000_000, alias="CLUSTERGRAPH_PROJECTION_MAX_ROWS"
    )
    load_batch_size: int = Field(default=500, alias="CLUSTERGRAPH_BATCH_SIZE", ge=1)
    # The one load transaction's time limit; a load of ~1.5 million relationships needs more.
    load_timeout_s: float = Field(default=600.0, alias="CLUSTERGRAPH_LOAD_TIMEOUT", gt=0)
    # Opt-in: commit every N write statements (not all-or-nothing; graph/loaders/chunked.py).
    load_commit_batches: int | None = Field(
        default=None, alias="CLUSTERGRAPH_LOAD_COMMIT_BATCHES", ge=1
    )

    api_host: str = Field(default="127.0.0.1", alias="CLUSTERGRAPH_API_HOST")
    api_port: int = Field(default=8000, alias="CLUSTERGRAPH_API_PORT", ge=1, le=65535)

    # API access control: comma-separated keys for writes (and reads when asked), CORS, body size.
    api_keys: SecretStr = Field(default=SecretStr(""), alias="CLUSTERGRAPH_API_KEYS")
    read_requires_key: bool = Field(default=False, alias="CLUSTERGRAPH_READ_REQUIRES_KEY")
    cors_origins: str = Field(default="", alias="CLUSTERGRAPH_CORS_ORIGINS")
    max_body_bytes: int = Field(default=1_000_000, alias="CLUSTERGRAPH_MAX_BODY_BYTES", ge=1)
    # How long an API request keeps retrying a failing database before answering 503.
    api_retry_time_s: float = Field(default=5.0, alias="CLUSTERGRAPH_API_RETRY_TIME", ge=0, le=60)
    # A load's transaction is retried this often on transient errors (deadlocks, leader switch).
    load_retries: int = Field(default=5, alias="CLUSTERGRAPH_LOAD_RETRIES", ge=0, le=50)

    @property
    def auth(self) -> tuple[str, str]:
        return (self.neo4j_user, self.neo4j_password.get_secret_value())

    @property
    def api_key_list(self) -> list[str]:
        return [k.strip() for k in self.api_keys.get_secret_value().split(",") if k.strip()]

    @property
    def cors_origin_list(self) -> list[str]:
        return [o.strip() for o in self.cors_origins.split(",") if o.strip()]

    @property
    def uri_is_embedded(self) -> bool:
        """True when NEO4J_URI names the embedded server's own loopback address and port."""
        parts = urlsplit(self.neo4j_uri)
        return (
            parts.hostname in {"127.0.0.1", "localhost"}
            and (parts.port or 7687) == self.embedded_port
        )


@lru_cache
def get_settings() -> Settings:
    return Settings()
