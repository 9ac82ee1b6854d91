"""A model split over a folder per kind loads as the same model; the file-size limit is configurable."""

from __future__ import annotations

import pytest

from pathways.model.errors import ModelError
from pathways.model.load import load_model
from pathways.synth import synthesize, write_synth


@pytest.fixture(scope="module")
def synth():
    return synthesize(2, 6, 0)


def test_a_model_split_over_folders_per_kind_loads_as_the_single_file_model(synth, tmp_path):
    write_synth(synth, tmp_path / "one", scenarios=False)
    write_synth(synth, tmp_path / "split", scenarios=False, split=50)
    parts = sorted((tmp_path / "split" / "handovers").glob("*.yaml"))
    assert len(parts) > 2 and not (tmp_path / "split" / "handovers.yaml").exists()
    one, split = load_model(tmp_path / "one"), load_model(tmp_path / "split")
    for name, items in one.collections.items():
        assert [e.id for e in split.collections[name]] == [e.id for e in items], name
        assert split.collections[name] == items, name


def test_a_problem_in_a_split_file_names_that_file(synth, tmp_path):
    write_synth(synth, tmp_path, scenarios=False, split=50)
    second = sorted((tmp_path / "handovers").glob("*.yaml"))[1]
    text = second.read_text(encoding="utf-8")
    assert '"to": "' in text
    second.write_text(text.replace('"to": "', '"to": "no-such-unit-', 1), encoding="utf-8")
    with pytest.raises(ModelError) as info:
        load_model(tmp_path)
    assert {p.file for p in info.value.problems} == {str(second)}
    assert any(p.line > 1 for p in info.value.problems)


def test_the_file_size_limit_is_set_by_an_environment_variable(synth, tmp_path, monkeypatch):
    write_synth(synth, tmp_path, scenarios=False)
    size = (tmp_path / "handovers.yaml").stat().st_size
    monkeypatch.setenv("PATHWAYS_MAX_FILE_MB", str(size / 2 / 1024 / 1024))
    with pytest.raises(ModelError) as info:
        load_model(tmp_path)
    assert str(tmp_path / "handovers.yaml") in {p.file for p in info.value.problems}
    monkeypatch.setenv("PATHWAYS_MAX_FILE_MB", str(2 * size / 1024 / 1024))
    assert load_model(tmp_path).handovers


def test_a_limit_that_is_no_size_is_refused(synth, tmp_path, monkeypatch):
    write_synth(synth, tmp_path, scenarios=False)
    monkeypatch.setenv("PATHWAYS_MAX_FILE_MB", "lots")
    with pytest.raises(ModelError) as info:
        load_model(tmp_path)
    assert [p.file for p in info.value.problems] == ["PATHWAYS_MAX_FILE_MB"]
