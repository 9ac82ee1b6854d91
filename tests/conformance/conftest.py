"""Shared fixtures: the bundled model once, and a writer for journey logs and profile tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from pathways.model.load import load_model

ROOT = Path(__file__).resolve().parents[2]
HEADER = "resa;datum;händelse;enhet;kommun;behov;överlämning;anteckning"
DIMS = ("alder", "boende", "besok", "hemsjukvard", "diagnos", "social")
HOME = {"alder": "vuxen", "boende": "ordinart", "besok": "kan-inte", "hemsjukvard": "inskriven", "diagnos": "somatisk"}


@pytest.fixture(scope="session")
def model():
    return load_model(ROOT / "model")


def write_log(path: Path, rows: list[str], header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def write_profiles(path: Path, journeys: dict[str, str]) -> Path:
    """journey -> social (ja/nej); the rest of the profile is an adult at home in home healthcare."""
    lines = ["resa;från;" + ";".join(DIMS)]
    for jid, social in journeys.items():
        lines.append(";".join([jid, "", *(HOME[d] for d in DIMS[:-1]), social]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
