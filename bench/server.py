"""A private embedded Neo4j for a benchmark run: its own home and port, wiped between ingests."""

import os
import shutil
import subprocess
from pathlib import Path

from clustergraph import embedded
from clustergraph.settings import PROJECT_ROOT, Settings


def bench_settings(scale: str, bolt_port: int, query_timeout_s: float = 15.0) -> Settings:
    """The environment's settings (heap, page cache, credentials) on a bench home and port."""
    base = Settings()
    return base.model_copy(
        update={
            "embedded_home": PROJECT_ROOT / ".neo4j" / f"bench-{scale}",
            "embedded_port": bolt_port,
            "embedded_import_dir": None,
            "neo4j_uri": f"bolt://127.0.0.1:{bolt_port}",
            "query_timeout_s": query_timeout_s,
            "load_timeout_s": 7200.0,
        }
    )


def env_for(settings: Settings) -> dict[str, str]:
    """Environment for a child process (loader, API) that should use this bench server."""
    return {
        **os.environ,
        "NEO4J_URI": settings.neo4j_uri,
        "CLUSTERGRAPH_BOLT_PORT": str(settings.embedded_port),
        "CLUSTERGRAPH_HOME": str(settings.embedded_home),
        "CLUSTERGRAPH_QUERY_TIMEOUT": str(settings.query_timeout_s),
        "CLUSTERGRAPH_LOAD_TIMEOUT": str(settings.load_timeout_s),
    }


def fresh(settings: Settings) -> None:
    """Stop the bench server, delete its database (never the jars), start it empty."""
    embedded.stop(settings)
    shutil.rmtree(settings.embedded_home / "dbms", ignore_errors=True)
    embedded.start(settings, quiet=True, timeout_s=300)


def start(settings: Settings) -> None:
    embedded.start(settings, quiet=True, timeout_s=300)


def stop(settings: Settings) -> None:
    embedded.stop(settings)


def neo4j_version(settings: Settings) -> str:
    return embedded.NEO4J_VERSION


def java_rss_mb(settings: Settings) -> float | None:
    """Peak resident memory of the Neo4j JVM (VmHWM), for the record."""
    pid = embedded.status(settings).pid
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except (OSError, TypeError):
        return None
    line = next((x for x in text.splitlines() if x.startswith("VmHWM")), None)
    return round(int(line.split()[1]) / 1024, 1) if line else None


def git_commit() -> str:
    out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return out.stdout.strip()
