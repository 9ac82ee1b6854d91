"""Scenario edits: items in and out of list fields, removals and the elements that point at
the removed one, the same scenario twice, typos; every problem at its line, nothing applied."""

from __future__ import annotations

import re

import pytest

from pathways.model.errors import ModelError
from pathways.model.validate import check_model
from pathways.scenarios.apply import apply_scenarios, dump_collections
from pathways.scenarios.load import load_scenario
from pathways.scenarios.references import references
from tests.cases.helpers import bundled, cli_subprocess, write

HEAD = (
    "id: redigering\n"
    "label: {sv: Redigering, en: Edit}\n"
    "source: {doc: seed-004}\n"
    "status: assumption\n"
    "rationale: Ett test.\n"
    "changes:\n"
)
FIRST = 7
"""The line of the first change."""


def apply_text(tmp_path, changes: str):
    model = bundled()
    return apply_scenarios(model, [load_scenario(write(tmp_path, "s.yaml", HEAD + changes), model)])


def problems_of(tmp_path, changes: str):
    model = bundled()
    before = dump_collections(model)
    with pytest.raises(ModelError) as exc:
        apply_text(tmp_path, changes)
    assert dump_collections(model) == before, "the base model is never changed"
    return exc.value.problems


def passes(model, handover: str) -> list[str]:
    return [str(getattr(p, "value", p)) for p in model.by_id[handover].passes]


def test_remove_then_append_keeps_the_other_items_in_order(tmp_path):
    base = passes(bundled(), "ho-utskrivning-hemsjukvard")
    assert "information" in base and "devices" not in base
    changed = apply_text(
        tmp_path,
        "  - set: ho-utskrivning-hemsjukvard\n    field: passes\n    remove: [information]\n    append: [devices]\n",
    )
    assert passes(changed, "ho-utskrivning-hemsjukvard") == [*(p for p in base if p != "information"), "devices"]
    others = {h.id: h for h in bundled().handovers if h.id != "ho-utskrivning-hemsjukvard"}
    assert all(changed.by_id[i] is h for i, h in others.items()), "no other handover changes"


def test_append_to_a_nested_list_field(tmp_path):
    model = bundled()
    owners = list(model.by_id["samordning-hjalpmedelscentret"].owners)
    new = next(u.id for u in model.units if u.id not in owners)
    changed = apply_text(tmp_path, f"  - {{set: samordning-hjalpmedelscentret, field: owners, append: [{new}]}}\n")
    assert list(changed.by_id["samordning-hjalpmedelscentret"].owners) == [*owners, new]


@pytest.mark.parametrize(
    ("change", "col_of", "words"),
    [
        (
            "{set: ho-utskrivning-hemsjukvard, field: passes, remove: [informaton]}",
            "informaton",
            "did you mean 'information'",
        ),
        ("{set: ho-utskrivning-hemsjukvard, field: passes, append: [information]}", "information", "already in"),
        ("{set: ho-utskrivning-hemsjukvard, field: to, append: [lakare]}", "field", "is not a list"),
        ("{set: ho-utskrivning-hemsjukvard, field: passes, append: [pengar]}", "append", "'pengar' is not allowed"),
    ],
)
def test_a_bad_item_is_one_error_at_the_item(tmp_path, change, col_of, words):
    problems = problems_of(tmp_path, f"  - {change}\n")
    assert len(problems) == 1, problems
    line = f"  - {change}"
    assert (problems[0].line, problems[0].col) == (FIRST, line.index(col_of) + 1)
    assert words in problems[0].message


def test_value_and_items_together_are_refused(tmp_path):
    with pytest.raises(ModelError) as exc:
        load_scenario(
            write(
                tmp_path,
                "s.yaml",
                HEAD + "  - {set: ho-utskrivning-hemsjukvard, field: passes, value: [], append: [devices]}\n",
            ),
            bundled(),
        )
    assert [p.line for p in exc.value.problems] == [FIRST]
    assert "'append'" in exc.value.problems[0].message


def dangling(element_id: str) -> set[tuple[str, int, int]]:
    """Where the model is left pointing at nothing when the element is taken out by hand
    (the model's own validation finds the places)."""
    model = bundled()
    from pathways.model.model import Model

    collections = {name: [e for e in items if e.id != element_id] for name, items in model.collections.items()}
    cut = Model(
        meta=model.meta, collections=collections, origins=model.origins, meta_origin=model.meta_origin, root=model.root
    )
    return {(p.file, p.line, p.col) for p in check_model(cut) if f"'{element_id}' is not defined" in p.message}


@pytest.mark.parametrize("element_id", ["hjm-hyra", "oenighet-ok", "vardavdelning"])
def test_a_removal_names_every_element_that_still_points_at_it(tmp_path, element_id):
    problems = problems_of(tmp_path, f"  - remove: {element_id}\n")
    assert {(p.line, p.element_id) for p in problems} == {(FIRST, element_id)}
    named = set()
    for p in problems:
        m = re.search(r"by (\w+) '([^']+)', field ([\w.]+) \(([^:]+):(\d+):(\d+)\)", p.message)
        assert m, p.message
        named.add((m.group(4), int(m.group(5)), int(m.group(6))))
    assert named == dangling(element_id)
    assert len(named) == len(problems) > 1


def test_drop_references_removes_the_element_and_every_reference_to_it(tmp_path):
    model = bundled()
    pointing = references(dump_collections(model), "delaktighet")
    assert len(pointing) > 3
    changed = apply_text(tmp_path, "  - {remove: delaktighet, drop_references: true}\n")
    assert "delaktighet" not in changed.by_id
    assert references(dump_collections(changed), "delaktighet") == []
    for ref in pointing:
        before = model.by_id[ref.element]
        after = changed.by_id[ref.element]
        field = ref.path[0]
        assert [x for x in getattr(before, field) if x != "delaktighet"] == list(getattr(after, field))
        rest = set(type(before).model_fields) - {field}
        assert all(getattr(before, f) == getattr(after, f) for f in rest), ref.element


def test_drop_references_refuses_when_an_element_cannot_do_without_it(tmp_path):
    problems = problems_of(tmp_path, "  - {remove: vardavdelning, drop_references: true}\n")
    assert {p.line for p in problems} == {FIRST}
    names = {re.match(r"(\w+) '([^']+)' cannot do without", p.message).group(2) for p in problems}
    assert "ansvar-vardavdelning" in names and "ho-utskrivning-hemsjukvard" in names
    assert all("remove or change that element first" in p.message for p in problems)


def test_references_are_ids_not_texts_or_profile_values():
    data = {
        "units": [{"id": "a", "label": {"sv": "b", "en": "b"}, "note": "b", "principal": "b"}],
        "needs": [{"id": "n", "applies_to": {"b": ["x"], "alder": ["b"]}, "after": ["c", "b"]}],
    }
    found = {(r.element, r.field) for r in references(data, "b")}
    assert found == {("a", "principal"), ("n", "applies_to.b"), ("n", "after.1")}


def test_the_same_scenario_by_id_and_by_file_is_refused_with_one_line():
    result = cli_subprocess("whatif", "orebro-7-dagar", "model/scenarios/orebro-7-dagar.yaml")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "given twice" in lines[0]
    assert re.match(r"^[^:]+:\d+:\d+: orebro-7-dagar: ", lines[0])


@pytest.mark.parametrize(
    ("change", "suggestion"),
    [
        ("{set: ho-utskrivning-kommunal-rehab, field: sender_untill, value: 7}", "sender_until"),
        ("{set: ansvar-vardavdelning, field: window.end_dya, value: 2}", "end_day"),
        ("{set: ho-utskrivning-kommunal-rehab, feild: sender_until, value: 7}", "field"),
        ("{remove: hjm-hyra, drop_reference: true}", "drop_references"),
    ],
)
def test_a_typo_gives_one_suggestion_at_its_line_and_exit_2(tmp_path, change, suggestion):
    path = write(tmp_path, "typo.yaml", HEAD + f"  - {change}\n")
    result = cli_subprocess("whatif", path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert all(line.startswith(f"{path}:{FIRST}:") for line in lines), lines
    assert any(f"did you mean '{suggestion}'" in line for line in lines)
    assert not any("fields:" in line for line in lines)
