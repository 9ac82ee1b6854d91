"""The whole suite (tests and doctests) keeps its cache entries in a folder of its own,
never in the user's ``~/.cache/pathways`` (:mod:`pathways.cache`)."""

from __future__ import annotations

import os
import shutil
import tempfile

_FOLDER = tempfile.mkdtemp(prefix="pathways-test-cache-")


def pytest_configure() -> None:
    os.environ["PATHWAYS_CACHE_DIR"] = _FOLDER


def pytest_unconfigure() -> None:
    shutil.rmtree(_FOLDER, ignore_errors=True)
