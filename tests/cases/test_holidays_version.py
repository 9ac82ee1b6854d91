"""``holidays_version`` gives what ``importlib.metadata.version("holidays")`` gives, on the
installed library and on made-up ``sys.path`` layouts (wheels, eggs, several folders, odd lines)."""

from __future__ import annotations

import importlib.metadata
import sys
from pathlib import Path

import pytest

from pathways.cases.calendar import holidays_version

WHEEL = "Metadata-Version: 2.4\nName: holidays\nVersion: {}\nSummary: x\n\nThe description.\nVersion: 9.9\n"


def _plain() -> str | None:
    try:
        return importlib.metadata.version("holidays")
    except importlib.metadata.PackageNotFoundError:
        return None


def _folder(root: Path, name: str, file: str, text: str) -> None:
    (root / name).mkdir(parents=True)
    (root / name / file).write_bytes(text.encode())


LAYOUTS: dict[str, list[tuple[str, str, str, str]]] = {
    "one wheel": [("a", "holidays-0.42.dist-info", "METADATA", WHEEL.format("0.42"))],
    "none": [("a", "other-1.0.dist-info", "METADATA", WHEEL.format("1.0"))],
    "the first folder on the path": [
        ("a", "holidays-0.1.dist-info", "METADATA", WHEEL.format("0.1")),
        ("b", "holidays-0.2.dist-info", "METADATA", WHEEL.format("0.2")),
    ],
    "a later folder": [
        ("a", "other-1.0.dist-info", "METADATA", WHEEL.format("1.0")),
        ("b", "holidays-0.3.dist-info", "METADATA", WHEEL.format("0.3")),
    ],
    "two in one folder": [
        ("a", "holidays-0.4.dist-info", "METADATA", WHEEL.format("0.4")),
        ("a", "holidays-0.5.dist-info", "METADATA", WHEEL.format("0.5")),
    ],
    "an egg": [("a", "holidays-0.6.egg-info", "PKG-INFO", WHEEL.format("0.6"))],
    "an egg before a wheel": [
        ("a", "holidays.egg-info", "PKG-INFO", WHEEL.format("0.7")),
        ("b", "holidays-0.8.dist-info", "METADATA", WHEEL.format("0.8")),
    ],
    "windows line ends": [("a", "holidays-0.9.dist-info", "METADATA", WHEEL.format("0.9").replace("\n", "\r\n"))],
    "spaces around the version": [("a", "holidays-1.1.dist-info", "METADATA", WHEEL.format("  1.1 "))],
    "a lower-case header": [
        ("a", "holidays-1.2.dist-info", "METADATA", WHEEL.format("1.2").replace("Version:", "version:"))
    ],
    "a continued header": [("a", "holidays-1.3.dist-info", "METADATA", WHEEL.format("1.3\n  more"))],
    "two version lines": [("a", "holidays-1.4.dist-info", "METADATA", WHEEL.format("1.4\nVersion: 1.5"))],
    "no metadata file": [("a", "holidays-1.6.dist-info", "RECORD", "")],
    "a name that only starts the same": [("a", "holidays_extra-2.0.dist-info", "METADATA", WHEEL.format("2.0"))],
    "a capital letter": [("a", "Holidays-2.1.dist-info", "METADATA", WHEEL.format("2.1"))],
    "headers only": [("a", "holidays-2.2.dist-info", "METADATA", "Name: holidays\nVersion: 2.2")],
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_answer_of_importlib_metadata_on_a_made_up_path(layout, tmp_path, monkeypatch):
    for folder, name, file, text in LAYOUTS[layout]:
        _folder(tmp_path / folder, name, file, text)
    monkeypatch.setattr(sys, "path", [str(tmp_path / "missing"), str(tmp_path / "a"), str(tmp_path / "b")])
    assert holidays_version() == _plain()


def test_the_installed_library_s_version():
    assert holidays_version() == importlib.metadata.version("holidays")
