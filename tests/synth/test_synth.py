"""Synthetic models: valid, clean but for the planted gaps, found exactly, deterministic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pathways.gaps.analyze import find_gaps
from pathways.gaps.rules import all_rules
from pathways.model.load import load_model
from pathways.synth import MANIFEST, synthesize, write_synth
from pathways.synth.compare import compare
from pathways.synth.plant import PLANTINGS
from pathways.synth.subset import region_subset


def written(tmp_path: Path, regions: int, municipalities: int, seed: int, name: str = "m", **kw) -> Path:
    out = tmp_path / name
    write_synth(synthesize(regions, municipalities, seed, **kw), out)
    return out


def implemented_rules() -> set[str]:
    """Rule codes whose check is more than a stub (a stub yields nothing and has no title)."""
    return {r.code for r in all_rules() if r.title.get("en")}


def test_small_model_validates(tmp_path):
    out = written(tmp_path, 2, 6, 1)
    model = load_model(out)
    counts = {name: len(items) for name, items in model.collections.items()}
    assert all(counts.values()), f"every collection has elements: {counts}"
    assert {p.kind for p in model.principals} == {"region", "municipality"}
    assert sum(p.kind == "municipality" for p in model.principals) == 6
    assert len(model.routes) == 3 * 6


def test_clean_model_has_no_findings(tmp_path):
    """Without plantings, no rule finds anything: the structure itself is clean."""
    model = load_model(written(tmp_path, 2, 6, 2, plant=False))
    assert [f"{f.rule} {f.elements[:3]}" for f in find_gaps(model)] == []


@pytest.mark.parametrize("regions, municipalities, seed", [(2, 6, 0), (2, 6, 1), (3, 9, 7), (1, 3, 5)])
def test_planted_gaps_found_exactly(tmp_path, regions, municipalities, seed):
    out = written(tmp_path, regions, municipalities, seed)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest["rules"]) <= implemented_rules()
    findings = find_gaps(load_model(out), codes=set(manifest["rules"]))
    result = compare(manifest, findings)
    assert not result.missing, f"planted but not found: {result.missing}"
    assert not result.extra, f"found but not planted: {[(f.rule, f.id, f.elements[:4]) for f in result.extra]}"
    assert not result.id_mismatch, f"found under another id (a rule's key changed?): {result.id_mismatch}"
    assert {(f.rule, f.id) for f in findings} == {
        (e["rule"], e["id"]) for p in manifest["plants"] for e in p["findings"]
    }


def test_every_kind_of_planting_is_planted(tmp_path):
    out = written(tmp_path, 3, 12, 3)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert len({p["plant"] for p in manifest["plants"]}) == len(PLANTINGS)
    assert set(manifest["rules"]) <= implemented_rules()
    assert len(manifest["rules"]) >= 16


def test_same_seed_same_bytes(tmp_path):
    a = written(tmp_path, 2, 6, 11, "a")
    b = written(tmp_path, 2, 6, 11, "b")
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    assert len(files_a) > 15
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_different_seeds_differ(tmp_path):
    a = written(tmp_path, 2, 6, 1, "a")
    b = written(tmp_path, 2, 6, 2, "b")
    differ = [p.name for p in a.glob("*.yaml") if p.read_bytes() != (b / p.name).read_bytes()]
    assert "units.yaml" in differ and "handovers.yaml" in differ
    assert (a / MANIFEST).read_bytes() != (b / MANIFEST).read_bytes()


def test_scenarios_apply_and_resolve_planted_gaps(tmp_path):
    from pathways.scenarios.apply import apply_scenarios
    from pathways.scenarios.load import load_scenarios
    from pathways.scenarios.whatif import compare as whatif

    out = written(tmp_path, 2, 6, 4)
    model = load_model(out)
    scenarios = load_scenarios(out / "scenarios", model)
    assert len(scenarios) >= 4
    result = whatif(model, apply_scenarios(model, scenarios), [], scenarios=scenarios)
    assert {"PW102", "PW104", "PW110", "PW113"} <= {f.rule for f in result.resolved}
    assert not result.new


def test_region_subset_is_a_valid_model(tmp_path):
    synth = synthesize(3, 10, 6)
    region = synth.regions[1]
    out = tmp_path / "region"
    write_synth(region_subset(synth, region), out, scenarios=False)
    model = load_model(out)
    assert {p.id for p in model.principals if p.kind == "region"} == {region.id}
    assert len([p for p in model.principals if p.kind == "municipality"]) == len(region.municipalities)


def test_write_refuses_a_foreign_directory(tmp_path):
    from pathways.synth.write import OutDirError

    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutDirError):
        write_synth(synthesize(1, 1, 0), tmp_path)


def test_rewrite_replaces_an_earlier_synthetic_model(tmp_path):
    out = written(tmp_path, 2, 6, 1)
    write_synth(synthesize(1, 2, 0, plant=False), out)
    assert len(load_model(out).principals) == 3


def test_cli(tmp_path):
    from typer.testing import CliRunner

    from pathways.cli.main import app

    out = tmp_path / "cli"
    result = CliRunner().invoke(
        app, ["synth", "--regions", "2", "--municipalities", "4", "--seed", "9", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert (out / MANIFEST).exists() and (out / "handovers.yaml").exists()
    bad = CliRunner().invoke(app, ["synth", "--regions", "3", "--municipalities", "2", "--out", str(tmp_path / "x")])
    assert bad.exit_code == 2


def test_national_default_is_large_enough():
    """The default scale builds a graph of at least 30,000 nodes and 300,000 edges (without files)."""
    from pathways.graph.build import build_graph
    from pathways.model.model import Model
    from pathways.model.schema import ModelFile
    from pathways.model.validate import check_model

    synth = synthesize()
    parsed = ModelFile.model_validate({"model": synth.meta, **synth.collections})
    model = Model(meta=parsed.model, collections={name: list(getattr(parsed, name)) for name in synth.collections})
    assert check_model(model) == []
    G = build_graph(model)
    assert G.number_of_nodes() >= 30_000
    assert G.number_of_edges() >= 300_000
