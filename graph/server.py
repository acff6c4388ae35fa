"""The managed Neo4j server: fetch its jars, configure it, start, stop and inspect it.

Neo4j's own jars come from Maven Central (the tarball is not published there), so the server
runs as `java -cp "LIB/*" org.neo4j.server.CommunityEntryPoint` with a config generated from
the settings. When `NEO4J_URI` is set, geokg uses that server instead and launches nothing.

These functions never print: they return a `ServerStatus` or raise `Neo4jServerError` with a
message meant for the user.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import NoReturn

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired
from pydantic import BaseModel

from geokg.settings import Settings

NEO4J_VERSION = "5.26.30"
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"
MIN_JAVA_MAJOR = 17

INSTALL_MARKER = ".geokg-complete"
PID_FILE = "geokg-neo4j.pid"
NEO4J_PID_FILE = "neo4j.pid"
CONSOLE_LOG = "console.log"
NEO4J_LOG = "neo4j.log"
LOG_TAIL_LINES = 20
STOP_TIMEOUT = 60.0
POLL_INTERVAL = 0.5

# JVM options the neo4j launcher script would normally add; we start java ourselves.
JVM_OPTIONS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
]

# Servers started by this Python process; kept so that they are reaped when they exit
# (otherwise a dead child stays a zombie and still looks alive to os.kill(pid, 0)).
_children: dict[int, subprocess.Popen] = {}


class Neo4jServerError(Exception):
    """A problem with the Neo4j server, worded for the user."""


class ServerStatus(BaseModel):
    running: bool
    managed: bool
    pid: int | None = None
    bolt_uri: str
    browser_url: str | None = None
    home: Path | None = None
    version: str | None = None
    edition: str | None = None


# ---------------------------------------------------------------------------------------------
# Installation


def install_dir(settings: Settings) -> Path:
    return settings.cache_dir / f"neo4j-{NEO4J_VERSION}"


def lib_dir(settings: Settings) -> Path:
    return install_dir(settings) / "lib"


def read_pom() -> str:
    return resources.files("graph").joinpath("neo4j/pom.xml").read_text(encoding="utf-8")


def is_neo4j_installed(settings: Settings) -> bool:
    return (lib_dir(settings) / INSTALL_MARKER).is_file()


def ensure_neo4j_installed(settings: Settings) -> Path:
    """Return the directory of Neo4j's jars, fetching them through Maven the first time."""
    lib = lib_dir(settings)
    if is_neo4j_installed(settings):
        return lib
    check_java(find_java())
    mvn = shutil.which("mvn")
    if mvn is None:
        raise Neo4jServerError(
            "Maven (`mvn`) is needed once to fetch Neo4j's jars from Maven Central, and it is not on PATH. "
            "Install Maven, or set NEO4J_URI to use an existing server."
        )
    settings.cache_dir.mkdir(parents=True, exist_ok=True)
    # The download lands in a temporary directory on the same file system, then is renamed
    # into place, so an interrupted download never looks complete.
    with tempfile.TemporaryDirectory(dir=settings.cache_dir, prefix=".neo4j-download-") as tmp:
        staging = Path(tmp) / "lib"
        download_jars(mvn, Path(tmp), staging)
        (staging / INSTALL_MARKER).write_text(f"neo4j {NEO4J_VERSION}\n", encoding="utf-8")
        move_into_place(staging, lib)
    return lib


def download_jars(mvn: str, workdir: Path, output: Path) -> None:
    pom = workdir / "pom.xml"
    pom.write_text(read_pom(), encoding="utf-8")
    command = [mvn, "-q", "-B", "-f", str(pom), "dependency:copy-dependencies", f"-DoutputDirectory={output}"]
    try:
        result = subprocess.run(command, cwd=workdir, capture_output=True, text=True, check=False)
    except OSError as error:
        raise Neo4jServerError(f"Could not run Maven ({mvn}): {error}") from error
    if result.returncode != 0 or not any(output.glob("*.jar")):
        raise Neo4jServerError(
            f"Maven could not fetch Neo4j {NEO4J_VERSION}'s jars (exit code {result.returncode}). "
            "Check the network access to Maven Central (and ~/.m2/settings.xml proxies). Maven said:\n"
            + last_lines(result.stdout + result.stderr)
        )


def move_into_place(staging: Path, lib: Path) -> None:
    if (lib / INSTALL_MARKER).is_file():
        # Another process finished the same download meanwhile, and may be running from it.
        return
    if lib.exists():
        # A leftover without the marker: an earlier copy that did not finish.
        shutil.rmtree(lib)
    lib.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(staging, lib)
    except OSError:
        # Another process finished the same download first; its copy is as good as ours.
        if not (lib / INSTALL_MARKER).is_file():
            raise


# ---------------------------------------------------------------------------------------------
# Java


def find_java() -> str | None:
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        candidate = Path(java_home) / "bin" / "java"
        if candidate.is_file():
            return str(candidate)
    return shutil.which("java")


def parse_java_major(version_output: str) -> int | None:
    """The major version in `java -version` output: 'version "17.0.15"' → 17, '"1.8.0_311"' → 8."""
    match = re.search(r'version "(\d+)(?:\.(\d+))?', version_output)
    if match is None:
        return None
    major = int(match.group(1))
    if major == 1 and match.group(2) is not None:
        return int(match.group(2))
    return major


def check_java(java: str | None) -> str:
    """Return the java executable when it is 17 or newer, raise otherwise."""
    if java is None:
        raise_java_error("no `java` on PATH or in JAVA_HOME")
    try:
        result = subprocess.run([java, "-version"], capture_output=True, text=True, check=False, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise_java_error(f"`{java} -version` failed: {error}")
    output = result.stderr + result.stdout
    major = parse_java_major(output)
    if major is None or major < MIN_JAVA_MAJOR:
        first_line = output.strip().splitlines()[0] if output.strip() else "no version output"
        raise_java_error(f"{java}: {first_line}")
    return java


def raise_java_error(found: str) -> NoReturn:
    raise Neo4jServerError(
        f"Java {MIN_JAVA_MAJOR} or newer is required to run the managed Neo4j (found {found}). "
        "Install a JDK 17+, or set NEO4J_URI to use an existing server."
    )


def to_jvm_size(value: str) -> str:
    """Neo4j's memory sizes as the JVM spells them: '1g', '512m', '1GiB' → '1g'."""
    match = re.fullmatch(r"\s*(\d+)\s*([kmg])(?:i?b)?\s*", value, flags=re.IGNORECASE)
    if match is None:
        raise Neo4jServerError(f"Invalid memory size {value!r}: use a number with k, m or g, such as 512m or 1g.")
    return f"{match.group(1)}{match.group(2).lower()}"


# ---------------------------------------------------------------------------------------------
# Configuration


def home_dir(settings: Settings) -> Path:
    # Absolute, because Neo4j reads relative directories in its config against its own home.
    return settings.home.expanduser().absolute()


def conf_dir(settings: Settings) -> Path:
    return home_dir(settings) / "conf"


def render_neo4j_config(settings: Settings, extra: dict[str, str] | None = None) -> str:
    """The text of neo4j.conf for these settings; `extra` adds or overrides settings."""
    home = home_dir(settings)
    values = {
        "server.default_listen_address": "127.0.0.1",
        "server.default_advertised_address": "127.0.0.1",
        "server.bolt.enabled": "true",
        "server.bolt.listen_address": f"127.0.0.1:{settings.bolt_port}",
        # Without an advertised address the discovery document advertises 7687 whatever the port.
        "server.bolt.advertised_address": f"127.0.0.1:{settings.bolt_port}",
        "server.http.enabled": "true",
        "server.http.listen_address": f"127.0.0.1:{settings.http_port}",
        "server.http.advertised_address": f"127.0.0.1:{settings.http_port}",
        "server.https.enabled": "false",
        "dbms.usage_report.enabled": "false",
        "dbms.security.auth_enabled": "true",
        "server.memory.heap.initial_size": to_jvm_size(settings.neo4j_heap),
        "server.memory.heap.max_size": to_jvm_size(settings.neo4j_heap),
        "server.memory.pagecache.size": to_jvm_size(settings.neo4j_pagecache),
        "server.directories.data": (home / "data").as_posix(),
        "server.directories.logs": (home / "logs").as_posix(),
        "server.directories.run": (home / "run").as_posix(),
        "server.directories.plugins": (home / "plugins").as_posix(),
        "server.directories.import": (home / "import").as_posix(),
    }
    # Hook for later features: Browser settings such as `browser.post_connect_cmd` and
    # `browser.remote_content_hostname_whitelist` arrive through `extra`.
    values.update(extra or {})
    header = [
        "# Generated by geokg at each start of the managed Neo4j, from the GEOKG_* settings.",
        "# Edits here are overwritten: change the settings instead.",
    ]
    return "\n".join(header + [f"{key}={value}" for key, value in values.items()]) + "\n"


def write_neo4j_config(settings: Settings, extra: dict[str, str] | None = None) -> Path:
    path = conf_dir(settings) / "neo4j.conf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_neo4j_config(settings, extra), encoding="utf-8")
    return path


def create_home_dirs(settings: Settings) -> None:
    for name in ("conf", "data", "logs", "run", "plugins", "import"):
        (home_dir(settings) / name).mkdir(parents=True, exist_ok=True)


# ---------------------------------------------------------------------------------------------
# Authentication


def is_first_start(settings: Settings) -> bool:
    # The system database holds the users; it exists once the server has started once.
    return not (home_dir(settings) / "data" / "databases" / "system").exists()


def set_initial_password(settings: Settings, java: str, lib: Path) -> None:
    """Set the password of the `neo4j` user; Neo4j only applies it at the very first start."""
    password = settings.neo4j_password.get_secret_value()
    command = [java, "-cp", classpath(lib), ADMIN_CLASS, "dbms", "set-initial-password", password]
    env = {**os.environ, "NEO4J_HOME": str(home_dir(settings)), "NEO4J_CONF": str(conf_dir(settings))}
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False, timeout=300)
    except subprocess.TimeoutExpired as error:
        raise Neo4jServerError("neo4j-admin did not set the initial password within 5 minutes.") from error
    if result.returncode != 0:
        output = (result.stdout + result.stderr).replace(password, "********")
        raise Neo4jServerError(
            "Could not set the initial Neo4j password from GEOKG_NEO4J_PASSWORD "
            "(Neo4j requires at least 8 characters). neo4j-admin said:\n" + last_lines(output)
        )


def check_initial_user(settings: Settings) -> None:
    if settings.neo4j_user != "neo4j":
        raise Neo4jServerError(
            f"The managed Neo4j has a single user, `neo4j`, but GEOKG_NEO4J_USER is {settings.neo4j_user!r}. "
            "Unset it, or set NEO4J_URI to use a server with that user."
        )


# ---------------------------------------------------------------------------------------------
# Processes


def classpath(lib: Path) -> str:
    return str(lib / "*")


def pid_path(settings: Settings) -> Path:
    return home_dir(settings) / "run" / PID_FILE


def read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None


def read_command_line(pid: int) -> list[str] | None:
    proc = Path("/proc") / str(pid) / "cmdline"
    if proc.parent.is_dir():
        try:
            return proc.read_bytes().decode(errors="replace").split("\0")
        except OSError:
            return None
    # Systems without /proc (macOS); a home with spaces is not told apart there.
    result = subprocess.run(["ps", "-o", "command=", "-p", str(pid)], capture_output=True, text=True, check=False)
    return result.stdout.split() or None


def is_server_process(pid: int, settings: Settings) -> bool:
    """Whether pid is alive and is this home's Neo4j: a pid file can outlive its process."""
    child = _children.get(pid)
    if child is not None and child.poll() is not None:
        del _children[pid]
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    arguments = read_command_line(pid)
    return arguments is not None and MAIN_CLASS in arguments and f"--home-dir={home_dir(settings)}" in arguments


def running_pid(settings: Settings) -> int | None:
    # Ours is written at launch; Neo4j writes its own once started, which still finds the
    # server if ours was deleted.
    for path in (pid_path(settings), home_dir(settings) / "run" / NEO4J_PID_FILE):
        pid = read_pid(path)
        if pid is not None and is_server_process(pid, settings):
            return pid
    return None


def launch_server(settings: Settings, java: str, lib: Path) -> subprocess.Popen:
    logs = home_dir(settings) / "logs"
    console = logs / CONSOLE_LOG
    if console.exists():
        console.replace(logs / f"{CONSOLE_LOG}.1")
    heap = to_jvm_size(settings.neo4j_heap)
    command = [
        java,
        f"-Xms{heap}",
        f"-Xmx{heap}",
        *JVM_OPTIONS,
        "-cp",
        classpath(lib),
        MAIN_CLASS,
        f"--home-dir={home_dir(settings)}",
        f"--config-dir={conf_dir(settings)}",
    ]
    with console.open("ab") as output:
        # A new session keeps the server alive after the command that started it exits,
        # and away from the terminal's Ctrl-C.
        process = subprocess.Popen(
            command,
            cwd=home_dir(settings),
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    _children[process.pid] = process
    pid_path(settings).write_text(f"{process.pid}\n", encoding="utf-8")
    return process


def signal_process(pid: int, sig: signal.Signals) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def wait_for_exit(pid: int, settings: Settings, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not is_server_process(pid, settings):
            return True
        time.sleep(POLL_INTERVAL)
    return not is_server_process(pid, settings)


def kill_server(pid: int, settings: Settings) -> None:
    """SIGTERM for a clean shutdown, SIGKILL only when that does not finish in time."""
    signal_process(pid, signal.SIGTERM)
    if not wait_for_exit(pid, settings, STOP_TIMEOUT):
        signal_process(pid, signal.SIGKILL)
        wait_for_exit(pid, settings, 10.0)


# ---------------------------------------------------------------------------------------------
# Ports


def is_port_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # Neo4j binds with SO_REUSEADDR too, so sockets in TIME_WAIT do not count as taken.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def check_ports_free(settings: Settings) -> None:
    for name, port, variable in (
        ("Bolt", settings.bolt_port, "GEOKG_BOLT_PORT"),
        ("HTTP", settings.http_port, "GEOKG_HTTP_PORT"),
    ):
        if not is_port_free(port):
            raise Neo4jServerError(
                f"Port {port} ({name}) on 127.0.0.1 is already in use by another program, maybe another Neo4j. "
                f"Stop it, choose another port with {variable}, or set NEO4J_URI to use that server."
            )


# ---------------------------------------------------------------------------------------------
# Bolt


def auth(settings: Settings) -> tuple[str, str]:
    return settings.neo4j_user, settings.neo4j_password.get_secret_value()


def query_components(settings: Settings, timeout: float = 5.0) -> tuple[str, str]:
    """Version and edition of the server, which also proves Bolt answers with these credentials."""
    # Auto-commit queries in plain sessions: execute_query would retry with back-off for up
    # to 30 s, hiding the moment the server becomes ready.
    with GraphDatabase.driver(settings.bolt_uri, auth=auth(settings), connection_timeout=timeout) as driver:
        with driver.session(database="system") as session:
            record = session.run(
                "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition"
            ).single(strict=True)
        with driver.session() as session:
            session.run("RETURN 1").consume()
    return record["version"], record["edition"]


def query_data_directory(settings: Settings, timeout: float = 5.0) -> Path:
    with GraphDatabase.driver(settings.bolt_uri, auth=auth(settings), connection_timeout=timeout) as driver:
        with driver.session(database="system") as session:
            record = session.run(
                "SHOW SETTINGS YIELD name, value WHERE name = 'server.directories.data' RETURN value"
            ).single(strict=True)
    return Path(record["value"])


def check_serves_home(settings: Settings) -> None:
    """Make sure the server that answers is the one of this home, not another on the same port.

    Another Neo4j started at the same moment can win the port and accept the same password
    (two test sessions side by side do exactly that).
    """
    data = query_data_directory(settings)
    if data.resolve() != (home_dir(settings) / "data").resolve():
        raise Neo4jServerError(
            f"Another Neo4j (data in {data}) answers on {settings.bolt_uri}, not the one of {home_dir(settings)}. "
            "Stop it, choose other ports with GEOKG_BOLT_PORT and GEOKG_HTTP_PORT, "
            "or set NEO4J_URI to use that server."
        )


def describe_auth_error(settings: Settings, error: AuthError) -> Neo4jServerError:
    hint = (
        "The managed Neo4j keeps the password it had at its first start; "
        "use that one, or delete the data under GEOKG_HOME to start afresh."
        if settings.managed
        else "Check NEO4J_USER and NEO4J_PASSWORD."
    )
    reason = (error.message or "authentication failure").rstrip(".")
    return Neo4jServerError(
        f"Neo4j at {settings.bolt_uri} refused the credentials of user {settings.neo4j_user!r} ({reason}). {hint}"
    )


def wait_until_ready(
    settings: Settings, is_alive: Callable[[], bool], timeout: float, log_start: int = 0
) -> tuple[str, str]:
    deadline = time.monotonic() + timeout
    last_error = "no answer yet"
    while True:
        try:
            components = query_components(settings, timeout=2.0)
            check_serves_home(settings)
            return components
        except AuthError as error:
            raise describe_auth_error(settings, error) from error
        except (ServiceUnavailable, SessionExpired, Neo4jError, OSError) as error:
            # Not listening yet, or listening while the databases are still starting.
            last_error = str(error).splitlines()[0] if str(error) else type(error).__name__
        if not is_alive():
            raise Neo4jServerError(
                "Neo4j exited during start-up. Its last log lines:\n" + server_log_tail(settings, log_start)
            )
        if time.monotonic() >= deadline:
            raise Neo4jServerError(
                f"Neo4j did not answer on {settings.bolt_uri} within {timeout:.0f} s ({last_error}), "
                "so it was stopped. Raise GEOKG_NEO4J_START_TIMEOUT on a slow machine. Its last log lines:\n"
                + server_log_tail(settings, log_start)
            )
        time.sleep(POLL_INTERVAL)


# ---------------------------------------------------------------------------------------------
# Logs


def last_lines(text: str, count: int = LOG_TAIL_LINES) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return "\n".join(lines[-count:]) if lines else "(no output)"


def neo4j_log_size(settings: Settings) -> int:
    path = home_dir(settings) / "logs" / NEO4J_LOG
    return path.stat().st_size if path.is_file() else 0


def server_log_tail(settings: Settings, neo4j_log_start: int = 0) -> str:
    """The end of the console log and of neo4j.log from `neo4j_log_start` on (this start's part)."""
    logs = home_dir(settings) / "logs"
    parts = []
    for path, start in ((logs / CONSOLE_LOG, 0), (logs / NEO4J_LOG, neo4j_log_start)):
        if path.is_file():
            with path.open("rb") as log:
                log.seek(start)
                text = log.read().decode("utf-8", errors="replace")
            parts.append(f"--- {path} ---\n" + last_lines(text))
    return "\n".join(parts) if parts else f"(no logs in {logs})"


# ---------------------------------------------------------------------------------------------
# Start, stop, status


def start_neo4j(settings: Settings, extra_config: dict[str, str] | None = None) -> ServerStatus:
    """Start the managed Neo4j and wait until Bolt answers; return at once when it already runs.

    With NEO4J_URI set nothing is launched: the external server is only checked.
    """
    if not settings.managed:
        return check_external_server(settings)
    pid = running_pid(settings)
    if pid is not None:
        wait_until_ready(settings, lambda: is_server_process(pid, settings), settings.neo4j_start_timeout)
        return neo4j_status(settings)

    check_initial_user(settings)
    lib = ensure_neo4j_installed(settings)
    java = check_java(find_java())
    check_ports_free(settings)
    create_home_dirs(settings)
    write_neo4j_config(settings, extra_config)
    if is_first_start(settings):
        set_initial_password(settings, java, lib)

    log_start = neo4j_log_size(settings)
    process = launch_server(settings, java, lib)
    try:
        wait_until_ready(settings, lambda: process.poll() is None, settings.neo4j_start_timeout, log_start)
    except Neo4jServerError:
        stop_neo4j(settings)
        raise
    return neo4j_status(settings)


def check_external_server(settings: Settings) -> ServerStatus:
    try:
        version, edition = query_components(settings)
    except AuthError as error:
        raise describe_auth_error(settings, error) from error
    except (Neo4jError, ServiceUnavailable, SessionExpired, OSError, ValueError) as error:
        raise Neo4jServerError(
            f"The Neo4j server at NEO4J_URI={settings.bolt_uri} does not answer: {error}. "
            "Check that it runs and that the URI is right, or unset NEO4J_URI to use the managed Neo4j."
        ) from error
    return ServerStatus(running=True, managed=False, bolt_uri=settings.bolt_uri, version=version, edition=edition)


def stop_neo4j(settings: Settings) -> ServerStatus:
    """Stop the managed Neo4j (SIGTERM, then SIGKILL after a minute); fine when it is not running.

    With NEO4J_URI set the external server is left alone.
    """
    if not settings.managed:
        return neo4j_status(settings)
    pid = running_pid(settings)
    if pid is not None:
        kill_server(pid, settings)
    pid_path(settings).unlink(missing_ok=True)
    return neo4j_status(settings)


def neo4j_status(settings: Settings) -> ServerStatus:
    if not settings.managed:
        try:
            return check_external_server(settings)
        except Neo4jServerError:
            return ServerStatus(running=False, managed=False, bolt_uri=settings.bolt_uri)
    pid = running_pid(settings)
    version = edition = None
    if pid is not None:
        try:
            version, edition = query_components(settings, timeout=2.0)
        except (Neo4jError, ServiceUnavailable, SessionExpired, OSError):
            # Still starting, or the password differs: running, without a version to show.
            pass
    return ServerStatus(
        running=pid is not None,
        managed=True,
        pid=pid,
        bolt_uri=settings.bolt_uri,
        browser_url=settings.browser_url,
        home=home_dir(settings),
        version=version,
        edition=edition,
    )
