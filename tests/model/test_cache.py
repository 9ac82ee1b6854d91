"""The cache of validated models and their findings (pathways.cache): an answer is read back
only for the same files, settings and program; anything else is computed again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pathways import cache
from pathways.gaps import analyze
from pathways.gaps.config import RuleConfig
from pathways.gaps.core import Options
from pathways.model import read
from pathways.model.errors import ModelError
from pathways.model.load import load_model

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def model_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PATHWAYS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("PATHWAYS_CACHE", raising=False)
    target = tmp_path / "model"
    shutil.copytree(ROOT / "model", target, ignore=shutil.ignore_patterns("cases", "scenarios"))
    return target


class Reads:
    """Counts the calls of a function while passing them on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, owner: object, name: str):
        self.calls = 0
        real = getattr(owner, name)

        def counted(*args, **kwargs):
            self.calls += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, counted)


def _dump(model) -> list:
    return [
        (kind, e.model_dump(mode="json"), model.origin(e.id).file, model.origin(e.id).where("id"))
        for kind, e in model.elements()
    ]


def test_the_same_files_are_read_once_and_give_the_same_model(model_dir, monkeypatch):
    reads = Reads(monkeypatch, read, "read_and_check")
    first = load_model(model_dir)
    second = load_model(model_dir)
    assert reads.calls == 1
    assert second is not first
    assert _dump(second) == _dump(first)
    assert second.meta == first.meta and second.root == first.root


def test_a_changed_file_is_read_again_and_its_change_seen(model_dir, monkeypatch):
    load_model(model_dir)
    units = model_dir / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("Vårdcentral", "Hälsocentral", 1), encoding="utf-8")
    reads = Reads(monkeypatch, read, "read_and_check")
    changed = load_model(model_dir)
    assert reads.calls == 1
    assert any("Hälsocentral" in u.label.sv for u in changed.units)


def test_an_invalid_model_is_never_kept(model_dir):
    units = model_dir / "units.yaml"
    units.write_text(
        units.read_text(encoding="utf-8").replace("principal: ", "principal: no-such-", 1), encoding="utf-8"
    )
    problems = []
    for _ in range(2):
        with pytest.raises(ModelError) as raised:
            load_model(model_dir)
        problems.append([str(p) for p in raised.value.problems])
    assert problems[0] == problems[1] and problems[0]
    assert not list((Path(cache.directory()) / "model").glob("*.pickle"))


def test_a_damaged_entry_is_passed_over(model_dir, monkeypatch):
    first = load_model(model_dir)
    (entry,) = (Path(cache.directory()) / "model").glob("*.pickle")
    entry.write_bytes(entry.read_bytes()[:100])
    reads = Reads(monkeypatch, read, "read_and_check")
    again = load_model(model_dir)
    assert reads.calls == 1
    assert _dump(again) == _dump(first)


def test_off_means_nothing_kept_and_everything_read(model_dir, monkeypatch):
    monkeypatch.setenv("PATHWAYS_CACHE", "off")
    reads = Reads(monkeypatch, read, "read_and_check")
    load_model(model_dir)
    load_model(model_dir)
    assert reads.calls == 2
    assert not Path(cache.directory()).exists()


def test_a_cache_that_cannot_be_written_changes_nothing(model_dir, monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("PATHWAYS_CACHE_DIR", str(blocker / "cache"))
    reads = Reads(monkeypatch, read, "read_and_check")
    assert len(list(load_model(model_dir).elements())) == len(list(load_model(model_dir).elements()))
    assert reads.calls == 2


def test_only_the_most_recent_entries_are_kept(model_dir, monkeypatch):
    monkeypatch.setattr(cache, "KEEP", 2)
    for number in range(4):
        cache.put("model", f"key{number}", number)
    kept = sorted(p.stem for p in (Path(cache.directory()) / "model").glob("*.pickle"))
    assert kept == ["key2", "key3"]
    assert not list((Path(cache.directory()) / "model").glob("*.tmp"))


def test_another_program_has_other_keys(model_dir, monkeypatch):
    files = sorted(model_dir.glob("*.yaml"))
    before = cache.files_key(files, str(model_dir))
    monkeypatch.setattr(cache, "FORMAT", cache.FORMAT + 1)
    cache.code_key.cache_clear()
    try:
        assert cache.files_key(files, str(model_dir)) != before
    finally:
        monkeypatch.undo()
        cache.code_key.cache_clear()
    assert cache.files_key(files, str(model_dir)) == before


def _ids(findings) -> list[tuple[str, str]]:
    return [(f.id, f.severity) for f in findings]


def test_findings_are_kept_per_model_settings_and_options(model_dir, monkeypatch):
    runs = Reads(monkeypatch, analyze, "find_gaps")
    _, first = analyze.gaps_of(model_dir, RuleConfig(), Options())
    _, again = analyze.gaps_of(model_dir, RuleConfig(), Options())
    assert runs.calls == 1 and again == first
    some = sorted({f.rule for f in first})[:2]
    variants = [
        (RuleConfig(), Options(calendar=False), None),
        (RuleConfig(disabled=frozenset(some[:1])), Options(), None),
        (RuleConfig(severity={some[0]: "info"}), Options(), None),
        (RuleConfig(), Options(), set(some)),
    ]
    for config, options, codes in variants:
        _, found = analyze.gaps_of(model_dir, config, options, codes)
        assert found == analyze.find_gaps(load_model(model_dir), config, options, codes=codes)
    assert runs.calls == 1 + 2 * len(variants)


def test_findings_follow_a_changed_model(model_dir):
    _, before = analyze.gaps_of(model_dir, RuleConfig(), Options())
    responsibilities = model_dir / "responsibilities.yaml"
    text = responsibilities.read_text(encoding="utf-8")
    cut = text.index("\n  - id: ", text.index("responsibilities:"))
    end = text.index("\n  - id: ", cut + 1)
    responsibilities.write_text(text[:cut] + text[end:], encoding="utf-8")
    model, after = analyze.gaps_of(model_dir, RuleConfig(), Options())
    assert after == analyze.find_gaps(model, RuleConfig(), Options())
    assert _ids(after) != _ids(before)


def test_a_setting_of_the_reader_is_part_of_the_key(model_dir, monkeypatch):
    # a file read under a raised size limit is not taken as valid under the default one
    monkeypatch.setenv("PATHWAYS_MAX_FILE_MB", "256")
    load_model(model_dir)
    monkeypatch.setenv("PATHWAYS_MAX_FILE_MB", "0.001")
    with pytest.raises(ModelError) as raised:
        load_model(model_dir)
    assert any("units.yaml" in p.file for p in raised.value.problems)
