"""A real Neo4j 5.26 Community server for tests (embedded in a small Java launcher).

Usage (import this file however the test suite imports helpers)::

    with Neo4jTestServer() as server:          # builds if needed, starts, waits for READY
        driver = GraphDatabase.driver(server.uri, auth=(server.user, server.password))
        ...
        server.kill()                          # SIGKILL, e.g. "crash in the middle of a push"
        server.restart()                       # same port + same store: Neo4j recovers it
        server.set_dynamic("db.memory.transaction.max", "16MiB")   # a dynamic setting, until restart
        server.set_dynamic("db.memory.transaction.max")            # back to its default
        server.checkpoint()                        # a checkpoint now (prunes transaction logs)
    # leaving the block stops the server and deletes its temporary directory

The launcher lives in ``Launcher.java`` next to this file and is built by
``build.sh`` (Maven; a no-op when ``target/`` is up to date).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Mapping
from pathlib import Path

__all__ = ["Neo4jServerError", "Neo4jTestServer", "build_launcher"]

HERE = Path(__file__).resolve().parent
BUILD_SCRIPT = HERE / "build.sh"
JAR = HERE / "target" / "neo4j-test-server.jar"

DEFAULT_PASSWORD = "pathways-test-password"  # Neo4j requires >= 8 characters
# C1 only: faster start and ~80 MB less RSS; test workloads are too short for C2 to pay off.
DEFAULT_JVM_ARGS = ("-Xmx1g", "-XX:TieredStopAtLevel=1")

_build_lock = threading.Lock()
_built = threading.Event()
_live: set[Neo4jTestServer] = set()


class Neo4jServerError(RuntimeError):
    """The launcher could not be built or the server did not start."""


def build_launcher(timeout: float = 900) -> None:
    """Run build.sh once per process (it is itself a cheap no-op when up to date)."""
    with _build_lock:
        if _built.is_set():
            return
        try:
            proc = subprocess.run(
                ["bash", str(BUILD_SCRIPT)],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise Neo4jServerError(f"{BUILD_SCRIPT} timed out after {timeout}s") from exc
        if proc.returncode != 0 or not JAR.is_file():
            raise Neo4jServerError(f"{BUILD_SCRIPT} failed (exit {proc.returncode}):\n{_tail(proc.stdout, 60)}")
        _built.set()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tail(text: str, lines: int) -> str:
    return "\n".join(text.splitlines()[-lines:])


def _tail_file(path: Path, lines: int = 40) -> str:
    try:
        return _tail(path.read_text(errors="replace"), lines)
    except OSError:
        return "<missing>"


class Neo4jTestServer:
    """One Neo4j server process on 127.0.0.1 with auth enabled (user ``neo4j``).

    Attributes: ``uri`` (``bolt://127.0.0.1:PORT``), ``host``, ``port``, ``user``,
    ``password``, ``auth`` (``(user, password)``), ``data_dir`` (the Neo4j home: store
    in ``data/``, Neo4j logs in ``logs/debug.log``; kept across ``kill()``/``restart()``),
    ``log_path`` (launcher stdout/stderr), ``pid``, ``running`` and ``start_seconds``
    (duration of the last start until READY).

    By default ``data_dir`` is a fresh temporary directory that ``stop()`` deletes.
    Pass ``data_dir=`` to use (and keep) your own. The password is fixed when the
    store is created; restarting on an existing store keeps its password.
    ``settings`` are Neo4j settings on top of the launcher's (``{"db.memory.transaction.max":
    "2MiB"}``), written to ``data_dir/conf/neo4j.conf`` and kept across restarts.
    """

    user = "neo4j"
    host = "127.0.0.1"

    def __init__(
        self,
        *,
        password: str | None = None,
        port: int | None = None,
        data_dir: str | os.PathLike[str] | None = None,
        startup_timeout: float = 120.0,
        jvm_args: tuple[str, ...] = DEFAULT_JVM_ARGS,
        java: str | None = None,
        settings: Mapping[str, str] | None = None,
    ) -> None:
        self.password = password or os.environ.get("NEO4J_TEST_PASSWORD") or DEFAULT_PASSWORD
        if len(self.password) < 8:
            raise ValueError("Neo4j passwords must have at least 8 characters")
        self._fixed_port = port is not None
        self.port = port if port is not None else _free_port()
        self._owns_data_dir = data_dir is None
        if data_dir is None:
            data_dir = tempfile.mkdtemp(prefix="pathways-neo4j-")
        self.data_dir = Path(data_dir).resolve()
        self.log_path = self.data_dir / "launcher.log"
        self._deleted = False
        self.startup_timeout = startup_timeout
        self.jvm_args = tuple(jvm_args)
        java_home = os.environ.get("JAVA_HOME")
        self.java = java or (str(Path(java_home) / "bin" / "java") if java_home else "java")
        self.settings = dict(settings or {})
        self._proc: subprocess.Popen[bytes] | None = None
        self.start_seconds: float | None = None  # duration of the last start, until READY

    # -- public API --------------------------------------------------------------

    @property
    def uri(self) -> str:
        return f"bolt://{self.host}:{self.port}"

    @property
    def auth(self) -> tuple[str, str]:
        return (self.user, self.password)

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> Neo4jTestServer:
        """Build if needed, start the server and wait until Bolt accepts connections."""
        if self.running:
            raise Neo4jServerError("server is already running")
        if self._deleted:
            raise Neo4jServerError("stop() deleted the temporary data dir; create a new server")
        build_launcher()
        # A free port picked by us can be taken by someone else before Java binds it;
        # retry with a new one unless the caller chose the port (or this is a restart).
        for attempt in range(3):
            try:
                self._spawn_and_wait()
                return self
            except _PortInUse:
                if self._fixed_port or attempt == 2:
                    raise Neo4jServerError(f"port {self.port} is already in use\n{self._logs()}") from None
                self.port = _free_port()
        raise AssertionError("unreachable")

    def stop(self, timeout: float = 60.0) -> None:
        """Shut down cleanly (SIGTERM; SIGKILL after ``timeout``); delete the temp dir.

        Idempotent. A ``data_dir`` passed by the caller is kept.
        """
        self._terminate(timeout)
        _live.discard(self)
        if self._owns_data_dir and not self._deleted:
            shutil.rmtree(self.data_dir, ignore_errors=True)
            self._deleted = True

    def kill(self) -> None:
        """SIGKILL the server (no clean shutdown); the store is kept for ``restart()``."""
        if self._proc is not None:
            self._signal(signal.SIGKILL)
            self._proc.wait()
            self._close_pipes()

    def restart(self) -> Neo4jTestServer:
        """Start again on the same port and store (stopping cleanly first if running)."""
        self._terminate(60.0)
        self._fixed_port = True  # clients may hold the old URI
        return self.start()

    def set_dynamic(self, name: str, value: str | None = None, timeout: float = 30.0) -> None:
        """Change the dynamic Neo4j setting ``name`` while the server runs (until it stops);
        no ``value`` gives it back its default.

        Community Neo4j has no ``dbms.setConfigValue``; the launcher applies the change itself.
        """
        self._order(f"SET {name}{'' if value is None else ' ' + value}", f"SET {name}", name, timeout)

    def checkpoint(self, timeout: float = 120.0) -> None:
        """Checkpoint the default database now, as Neo4j's periodic checkpointer would (every
        15 minutes by default), which also prunes its transaction logs by their retention policy.

        Community Neo4j has no ``db.checkpoint`` procedure; the launcher runs it itself.
        """
        self._order("CHECKPOINT", "CHECKPOINT", "CHECKPOINT", timeout)

    def _order(self, line: str, done: str, name: str, timeout: float) -> None:
        """Send the launcher ``line`` on its stdin and wait for its answer: ``done``, or
        ``ERROR name: reason`` (raised)."""
        if not self.running or self._proc is None or self._proc.stdin is None:
            raise Neo4jServerError("server is not running")
        offset = self.log_path.stat().st_size
        self._proc.stdin.write(f"{line}\n".encode())
        self._proc.stdin.flush()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            lines = self._log_since(offset).decode("utf-8", "replace").splitlines()
            if done in lines:
                return
            refused = [answer for answer in lines if answer.startswith(f"ERROR {name}:")]
            if refused:
                raise Neo4jServerError(refused[0])
            time.sleep(0.05)
        raise Neo4jServerError(f"no answer to {done} within {timeout:.0f}s\n{self._logs()}")

    def __enter__(self) -> Neo4jTestServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"<Neo4jTestServer {self.uri} {state} data_dir={self.data_dir}>"

    # -- internals ---------------------------------------------------------------

    def _spawn_and_wait(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self.settings:
            conf = self.data_dir / "conf" / "neo4j.conf"
            conf.parent.mkdir(exist_ok=True)
            conf.write_text("".join(f"{key}={value}\n" for key, value in self.settings.items()), encoding="utf-8")
        env = dict(os.environ, NEO4J_TEST_PASSWORD=self.password)
        cmd = [self.java, *self.jvm_args, "-jar", str(JAR), str(self.port), str(self.data_dir), "--watch-stdin"]
        started = time.monotonic()
        with open(self.log_path, "ab") as log:
            log.write(f"\n=== {time.strftime('%H:%M:%S')} {' '.join(cmd)}\n".encode())
            log.flush()
            offset = log.tell()
            self._proc = subprocess.Popen(
                cmd,
                stdin=subprocess.PIPE,  # the launcher exits when this pipe closes
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,  # own process group: kill the whole tree
            )
        _live.add(self)
        deadline = started + self.startup_timeout
        ready = f"READY {self.port}".encode()
        while True:
            out = self._log_since(offset)
            if ready in out:
                self.start_seconds = time.monotonic() - started
                return
            if self._proc.poll() is not None:
                code = self._proc.returncode
                self._close_pipes()
                if b"BindException" in out or b"Address already in use" in out:
                    raise _PortInUse()
                raise Neo4jServerError(f"Neo4j launcher exited with code {code} before READY\n{self._logs()}")
            if time.monotonic() > deadline:
                self.kill()
                raise Neo4jServerError(f"Neo4j not READY within {self.startup_timeout:.0f}s\n{self._logs()}")
            time.sleep(0.05)

    def _log_since(self, offset: int) -> bytes:
        """What the launcher has written to its log after byte ``offset``."""
        with open(self.log_path, "rb") as f:
            f.seek(offset)
            return f.read()

    def _terminate(self, timeout: float) -> None:
        if self._proc is None:
            return
        self._signal(signal.SIGTERM)
        try:
            self._proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self._signal(signal.SIGKILL)
            self._proc.wait()
        self._close_pipes()

    def _signal(self, sig: int) -> None:
        # Only while our child is unreaped, so its pid cannot have been reused.
        if self._proc is not None and self._proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._proc.pid, sig)  # pgid == pid thanks to start_new_session

    def _close_pipes(self) -> None:
        if self._proc is not None and self._proc.stdin is not None:
            with contextlib.suppress(OSError):
                self._proc.stdin.close()

    def _logs(self) -> str:
        return (
            f"--- {self.log_path} (tail) ---\n{_tail_file(self.log_path)}\n"
            f"--- {self.data_dir / 'logs' / 'debug.log'} (tail) ---\n"
            f"{_tail_file(self.data_dir / 'logs' / 'debug.log', 20)}"
        )


class _PortInUse(Exception):
    pass


@atexit.register
def _stop_leftovers() -> None:
    # Servers also exit on their own when this process dies (--watch-stdin), but a
    # clean SIGTERM at interpreter exit is faster and keeps the store consistent.
    for server in list(_live):
        with contextlib.suppress(Exception):
            server.stop(timeout=20)
