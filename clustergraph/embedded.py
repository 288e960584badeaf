"""The embedded default: the genuine Neo4j Community 5.26 engine, fetched by Maven, on Java 17.

Maven Central does not serve the Community server tarball, so `graph/embedded/` holds a small
`pom.xml` (gathers `org.neo4j:neo4j` and its Bolt server) and `Launcher.java` (starts a
`DatabaseManagementService` with the Bolt connector on loopback). Java 11+ runs the launcher
straight from source, so there is no compile step.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from clustergraph.errors import EmbeddedServerError
from clustergraph.settings import PROJECT_ROOT, Settings

NEO4J_VERSION = "5.26.16"
EMBEDDED_DIR = PROJECT_ROOT / "graph" / "embedded"
BIND_HOST = "127.0.0.1"
# Servers started by this process, kept so they are waited for (not left as zombies or
# reported as leaked by Python when the Popen object is collected).
_CHILDREN: dict[int, subprocess.Popen] = {}
_JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:+ExitOnOutOfMemoryError",
    "-Dfile.encoding=UTF-8",
    *(
        f"--add-opens=java.base/{pkg}=ALL-UNNAMED"
        for pkg in (
            "java.lang",
            "java.lang.reflect",
            "java.io",
            "java.nio",
            "java.net",
            "java.util",
            "java.util.concurrent",
            "java.util.concurrent.atomic",
            "sun.nio.ch",
            "sun.net.dns",
        )
    ),
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
]


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    pid: int | None
    port: int
    home: Path
    detail: str


def _paths(home: Path) -> dict[str, Path]:
    return {
        "lib": home / "lib",
        "marker": home / "lib" / ".neo4j-version",
        "dbms": home / "dbms",
        "log": home / "logs" / "launcher.log",
        "pid": home / "neo4j.pid",
    }


def _require_tools() -> tuple[str, str]:
    java = shutil.which("java")
    if not java:
        raise EmbeddedServerError(
            "Java 17 or newer is needed to run the embedded Neo4j: install a JDK 17 "
            "(e.g. `apt install openjdk-17-jdk-headless`) or set NEO4J_URI to an existing Neo4j."
        )
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    match = re.search(r'version "(\d+)', out)
    if match and int(match.group(1)) < 17:
        raise EmbeddedServerError(
            f"Neo4j 5.26 needs Java 17 or newer, but `java` is version {match.group(1)}: "
            "install a JDK 17 and put it first on PATH (or set JAVA_HOME)."
        )
    mvn = shutil.which("mvn")
    if not mvn:
        raise EmbeddedServerError(
            "Maven is needed once to fetch Neo4j from Maven Central: install it "
            "(e.g. `apt install maven`) or set NEO4J_URI to an existing Neo4j."
        )
    return java, mvn


def _pid_alive(pid: int) -> bool:
    if pid in _CHILDREN:
        return _CHILDREN[pid].poll() is None
    # A server started by this very process stays a zombie (and "alive") until it is waited for.
    try:
        reaped, _ = os.waitpid(pid, os.WNOHANG)
        if reaped == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    cmdline = Path(f"/proc/{pid}/cmdline")
    # After a reboot the pid in the file may belong to an unrelated process.
    return not cmdline.exists() or b"Launcher.java" in cmdline.read_bytes()


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((BIND_HOST, port)) == 0


def _read_pid(pid_file: Path) -> int | None:
    try:
        pid = int(pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    return pid if _pid_alive(pid) else None


def fetch(settings: Settings, *, quiet: bool = False) -> Path:
    """Copy the Neo4j jars into the embedded home, once per Neo4j version."""
    paths = _paths(settings.embedded_home)
    if paths["marker"].is_file() and paths["marker"].read_text().strip() == NEO4J_VERSION:
        return paths["lib"]
    _, mvn = _require_tools()
    if paths["lib"].exists():
        shutil.rmtree(paths["lib"])
    paths["lib"].mkdir(parents=True)
    if not quiet:
        print(
            f"Fetching Neo4j Community {NEO4J_VERSION} from Maven Central "
            "(first run only, about 116 MB; later runs reuse ~/.m2)...",
            file=sys.stderr,
        )
    cmd = [
        mvn,
        "-B",
        "-q",
        "-f",
        str(EMBEDDED_DIR / "pom.xml"),
        "dependency:copy-dependencies",
        f"-Dneo4j.version={NEO4J_VERSION}",
        # Absolute: Maven resolves a relative directory against the pom's folder, so a relative
        # CLUSTERGRAPH_HOME put the jars in graph/embedded/ and the launcher found none.
        f"-DoutputDirectory={paths['lib'].resolve()}",
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        shutil.rmtree(paths["lib"], ignore_errors=True)
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
        raise EmbeddedServerError(
            f"Maven could not fetch org.neo4j:neo4j:{NEO4J_VERSION} from Maven Central "
            f"(exit {proc.returncode}). Check network access to repo.maven.apache.org or set "
            f"NEO4J_URI to an existing Neo4j.\n{tail}"
        )
    paths["marker"].write_text(NEO4J_VERSION)
    return paths["lib"]


def import_dir(settings: Settings) -> Path:
    """The only folder `LOAD CSV ... FROM 'file:///...'` may read (created on start)."""
    return settings.embedded_import_dir or settings.embedded_home / "import"


def status(settings: Settings) -> ServerStatus:
    paths = _paths(settings.embedded_home)
    pid = _read_pid(paths["pid"])
    port = settings.embedded_port
    if pid and _port_open(port):
        return ServerStatus(
            True,
            pid,
            port,
            settings.embedded_home,
            f"running (pid {pid}), bolt://{BIND_HOST}:{port}",
        )
    if pid:
        return ServerStatus(
            False,
            pid,
            port,
            settings.embedded_home,
            f"starting or stuck (pid {pid}, port {port} not answering)",
        )
    return ServerStatus(False, None, port, settings.embedded_home, "not running")


def start(settings: Settings, *, timeout_s: float = 180.0, quiet: bool = False) -> ServerStatus:
    """Start the embedded server in the background; harmless when it already runs."""
    current = status(settings)
    if current.running:
        return current
    paths = _paths(settings.embedded_home)
    if current.pid is None and _port_open(settings.embedded_port):
        raise EmbeddedServerError(
            f"Port {settings.embedded_port} on {BIND_HOST} is taken by another program: stop it, "
            "or choose another port with CLUSTERGRAPH_BOLT_PORT (and NEO4J_URI to match)."
        )
    java, _ = _require_tools()
    lib = fetch(settings, quiet=quiet)
    if current.pid is None:
        paths["log"].parent.mkdir(parents=True, exist_ok=True)
        import_dir(settings).mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "CLUSTERGRAPH_NEO4J_HOME": str(paths["dbms"]),
            "CLUSTERGRAPH_BOLT_HOST": BIND_HOST,
            "CLUSTERGRAPH_BOLT_PORT": str(settings.embedded_port),
            "CLUSTERGRAPH_PAGECACHE_MB": str(settings.embedded_pagecache_mb),
            "CLUSTERGRAPH_IMPORT_DIR": str(import_dir(settings)),
            "NEO4J_USER": settings.neo4j_user,
            "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
        }
        cmd = [
            java,
            f"-Xmx{settings.embedded_heap}",
            *_JVM_FLAGS,
            "-cp",
            f"{lib}/*",
            str(EMBEDDED_DIR / "Launcher.java"),
        ]
        with paths["log"].open("wb") as log:
            proc = subprocess.Popen(
                cmd,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        _CHILDREN[proc.pid] = proc
        paths["pid"].write_text(str(proc.pid))
        if not quiet:
            print(
                f"Starting Neo4j {NEO4J_VERSION} (pid {proc.pid}), logs in {paths['log']}",
                file=sys.stderr,
            )
        return _wait_ready(settings, timeout_s, lambda: proc.poll() is None)
    return _wait_ready(settings, timeout_s, lambda: _read_pid(paths["pid"]) is not None)


def _wait_ready(settings: Settings, timeout_s: float, alive) -> ServerStatus:
    paths = _paths(settings.embedded_home)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not alive():
            paths["pid"].unlink(missing_ok=True)
            raise EmbeddedServerError(
                f"The embedded Neo4j exited during start-up. Last lines of {paths['log']}:\n"
                + _tail(paths["log"])
            )
        if _port_open(settings.embedded_port) and "ready, bolt://" in _tail(paths["log"], 5):
            return status(settings)
        time.sleep(0.5)
    stop(settings)
    raise EmbeddedServerError(
        f"The embedded Neo4j did not answer on port {settings.embedded_port} within "
        f"{timeout_s:.0f} s and was stopped. See {paths['log']}, then try again."
    )


def stop(settings: Settings, *, timeout_s: float = 60.0) -> bool:
    """Stop the embedded server; returns False when it was not running."""
    paths = _paths(settings.embedded_home)
    pid = _read_pid(paths["pid"])
    if pid is None:
        paths["pid"].unlink(missing_ok=True)
        return False
    os.killpg(pid, signal.SIGTERM)
    child = _CHILDREN.pop(pid, None)
    if child is not None:
        try:
            child.wait(timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(pid, signal.SIGKILL)
            child.wait()
    else:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and _pid_alive(pid):
            time.sleep(0.2)
        if _pid_alive(pid):
            os.killpg(pid, signal.SIGKILL)
    paths["pid"].unlink(missing_ok=True)
    return True


def _tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log written)"
