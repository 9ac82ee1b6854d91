"""The whole suite (tests and doctests) keeps its cache entries in a folder of its own,
never in the user's ``~/.cache/pathways`` (:mod:`pathways.cache`).

The suite runs on every core (``pytest -n auto``, as ``make test`` does): each test module goes
to one worker, and so does each folder of ``SHARED``, whose tests share one costly session
fixture (the Neo4j server, the bundled model's report and diagrams) that is then built once."""

from __future__ import annotations

import os
import shutil
import tempfile
from typing import Any

import pytest

_FOLDER = tempfile.mkdtemp(prefix="pathways-test-cache-")

for _name in ("COLUMNS", "LINES"):
    # The console's width is fixed at start-up when COLUMNS is set (pathways.cli.common), and
    # xdist's workers start with COLUMNS=80: each test that needs a width sets its own.
    os.environ.pop(_name, None)

SHARED = ("tests/graphstore/", "tests/outputs/")
"""Folders whose tests run in one worker."""


def pytest_configure() -> None:
    os.environ["PATHWAYS_CACHE_DIR"] = _FOLDER


def pytest_unconfigure() -> None:
    shutil.rmtree(_FOLDER, ignore_errors=True)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """With ``-n`` (xdist's "load"): a module, or a ``SHARED`` folder, is one unit of work.

    xdist's own ``--dist loadgroup`` does not group with pytest 9.2 (pytest-xdist issue 1386),
    so the units are told by the test's path, through xdist's scheduler hook."""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class Scheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return next((folder for folder in SHARED if nodeid.startswith(folder)), nodeid.split("::", 1)[0])

    return Scheduling(config, log)
