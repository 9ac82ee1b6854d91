"""The whole suite (tests and doctests) keeps its cache entries in a folder of its own,
never in the user's ``~/.cache/pathways`` (:mod:`pathways.cache`).

The suite runs on every core (``pytest -n auto --dist loadgroup``, as ``make test`` does). The
tests of a folder that shares one costly session fixture (the Neo4j server, the bundled model's
report and diagrams) run in one worker, so each such fixture is built once."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

_FOLDER = tempfile.mkdtemp(prefix="pathways-test-cache-")

for _name in ("COLUMNS", "LINES"):
    # The console's width is fixed at start-up when COLUMNS is set (pathways.cli.common), and
    # xdist's workers start with COLUMNS=80: each test that needs a width sets its own.
    os.environ.pop(_name, None)

_HERE = Path(__file__).resolve().parent
SHARED = {"graphstore": "neo4j", "outputs": "bundled-report"}
"""Test folder -> the worker group its tests share."""


def pytest_configure() -> None:
    os.environ["PATHWAYS_CACHE_DIR"] = _FOLDER


def pytest_unconfigure() -> None:
    shutil.rmtree(_FOLDER, ignore_errors=True)


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        parts = item.path.resolve().relative_to(_HERE.parent).parts
        if len(parts) > 2 and parts[0] == "tests" and parts[1] in SHARED:
            item.add_marker(pytest.mark.xdist_group(SHARED[parts[1]]))
