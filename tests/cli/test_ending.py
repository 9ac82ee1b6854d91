"""A ``pathways`` process ends at once after its command (pathways.cli.ending), yet as a normal
exit would: the same status, all of its output, its exit functions run, its threads awaited."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "model"
INVALID = ROOT / "tests" / "model" / "invalid" / "duplicate-id-across-files"

APP = "from pathways.cli.main import app; app(prog_name='pathways')"


def _run(code: str, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # stdout buffered, as a user's
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False, timeout=60, env=env
    )


def test_the_status_and_all_output_of_a_process_that_fails():
    done = _run(APP, "validate", "--model", str(INVALID))
    assert done.returncode == 2
    assert done.stdout == ""
    assert (
        done.stderr == f"{INVALID}:1:1: -: no file has the 'model:' header (id, label, version, date, county, source)\n"
    )


def test_output_written_to_a_pipe_is_flushed_before_the_end():
    # stdout to a pipe is block-buffered: what an exit function prints is in the buffer at the end
    code = "import atexit; atexit.register(print, 'last words'); " + APP
    done = _run(code, "validate", "--model", str(MODEL))
    assert done.returncode == 0
    assert done.stdout == f"{MODEL}: giltig modell (177 element)\nlast words\n"


def test_exit_functions_run():
    code = "import atexit, sys; atexit.register(lambda: print('exit function ran', file=sys.stderr)); " + APP
    done = _run(code, "validate", "--model", str(MODEL))
    assert done.returncode == 0
    assert done.stderr == "exit function ran\n"


def test_a_running_thread_is_awaited():
    code = (
        "import threading, time\n"
        "threading.Thread(target=lambda: (time.sleep(0.5), print('thread done', flush=True))).start()\n" + APP
    )
    done = _run(code, "validate", "--model", str(MODEL))
    assert done.returncode == 0
    assert done.stdout.splitlines()[-1] == "thread done"


def test_a_command_line_given_by_a_caller_returns_to_it():
    # app(args) is how tests and scripts run a command in their own process: SystemExit reaches them
    code = (
        "import sys; from pathways.cli.main import app\n"
        "try: app(['validate', '--model', sys.argv[1]])\n"
        "except SystemExit as e: print('caught', e.code)"
    )
    done = _run(code, str(INVALID))
    assert done.returncode == 0
    assert done.stdout.splitlines()[-1] == "caught 2"
