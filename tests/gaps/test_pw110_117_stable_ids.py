"""Finding ids of the graph rules PW110-PW117 survive edits elsewhere in the model.

A finding's id hashes the rule code and ``Hit.key``, a tuple of element ids and values.
Renaming an element whose id is in no key, or relabelling every element, must therefore
leave every finding id as it was (the Neo4j re-implementation relies on the same keys).
"""

from __future__ import annotations

import tempfile
from enum import Enum
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathways.gaps.core import Context, finding_id
from pathways.gaps.rules import all_rules
from pathways.gaps.rules.pw110_missing_sip import DISCHARGE, READY
from pathways.model import schema
from pathways.model.load import load_model
from pathways.model.schema import COLLECTIONS
from tests.gaps.fixture import HERE, findings_of

MODEL = Path(__file__).parents[2] / "model"
CODES = ("PW110", "PW113", "PW114", "PW115", "PW116", "PW117")
RULES = [r for r in all_rules() if r.code in CODES]
NAMED_BY_RULE = {"social", DISCHARGE, READY}
"""Ids a rule reads by name (PW110 falls back on the dimension `social`, and counts the SIP call of a
discharge from the ready-for-discharge event); renaming them changes the model's meaning."""
ENUM_VALUES = {m.value for v in vars(schema).values() if isinstance(v, type) and issubclass(v, Enum) for m in v}
"""Values of the schema's enums ('region', 'habilitation', ...): a plain string rename would change those fields too."""


def _bundled_doc() -> dict:
    doc: dict = {}
    for path in sorted(MODEL.glob("*.yaml")):
        for key, value in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            if key == "model":
                doc[key] = value
            else:
                doc.setdefault(key, []).extend(value)
    return doc


def _fixture_doc(name: str) -> dict:
    doc = yaml.safe_load((HERE / "base.yaml").read_text(encoding="utf-8"))
    doc.update(yaml.safe_load((HERE / "fixtures" / f"{name}.yaml").read_text(encoding="utf-8")))
    return doc


DOCS = {
    "bundled": _bundled_doc(),
    **{f"{code.lower()}_fires": None for code in CODES},
}
DOCS.update({name: _fixture_doc(name) for name in DOCS if name != "bundled"})


def _load(doc: dict, directory: Path):
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "model.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_model(directory)


def _keys(model) -> set:
    ctx = Context(model)
    return {(rule.code, hit.key) for rule in RULES for hit in rule.check(ctx)}


def _ids(model) -> dict[str, str]:
    found = {}
    for code in CODES:
        for f in findings_of(model, code):
            found[f.id] = f.message["en"]
    return found


def _rename(node, old: str, new: str):
    if isinstance(node, dict):
        return {(new if k == old else k): _rename(v, old, new) for k, v in node.items()}
    if isinstance(node, list):
        return [_rename(v, old, new) for v in node]
    return new if node == old else node


def _relabel(node):
    if isinstance(node, dict):
        return {
            k: (
                {lang: f"{text} (ny)" for lang, text in v.items()}
                if k == "label" and isinstance(v, dict)
                else _relabel(v)
            )
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_relabel(v) for v in node]
    return node


BASELINE: dict[str, tuple[dict, set]] = {}


def _baseline(name: str):
    if name not in BASELINE:
        with tempfile.TemporaryDirectory() as d:
            model = _load(DOCS[name], Path(d))
            BASELINE[name] = (_ids(model), _keys(model))
    return BASELINE[name]


def _eligible(name: str) -> list[str]:
    _, keys = _baseline(name)
    atoms = {str(a) for _, key in keys for a in key}
    ids = [e["id"] for c in COLLECTIONS for e in DOCS[name].get(c) or []]
    return sorted(set(ids) - atoms - NAMED_BY_RULE - ENUM_VALUES)


def test_every_rule_fires_on_its_fixture():
    for code in CODES:
        ids, _ = _baseline(f"{code.lower()}_fires")
        assert any(i.startswith(code) for i in ids), code


@pytest.mark.parametrize("name", sorted(DOCS))
@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_renaming_an_unrelated_element_keeps_every_finding_id(name, data):
    ids, _ = _baseline(name)
    old = data.draw(st.sampled_from(_eligible(name)), label="renamed")
    new = data.draw(st.from_regex(r"[a-z]{4,10}", fullmatch=True), label="new id")
    new = f"nytt-{new}"
    with tempfile.TemporaryDirectory() as d:
        renamed = _ids(_load(_rename(DOCS[name], old, new), Path(d)))
    assert set(renamed) == set(ids)


@pytest.mark.parametrize("name", sorted(DOCS))
def test_relabelling_every_element_keeps_every_finding_id(name, tmp_path):
    ids, _ = _baseline(name)
    relabelled = _ids(_load(_relabel(DOCS[name]), tmp_path))
    assert set(relabelled) == set(ids)
    assert all("(ny)" in relabelled[i] for i in relabelled) or not relabelled


def test_keys_are_flat_tuples_of_strings():
    for name in DOCS:
        _, keys = _baseline(name)
        for code, key in keys:
            assert isinstance(key, tuple) and all(isinstance(a, str) for a in key), (code, key)
            assert finding_id(code, key) in _baseline(name)[0]
