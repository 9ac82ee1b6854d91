"""Scenario files: the bundled ones, and one clear error per problem with file and line."""

from __future__ import annotations

import pytest

from pathways.model.errors import ModelError
from pathways.scenarios.apply import apply_scenarios, dump_collections
from pathways.scenarios.load import load_scenario, load_scenarios
from tests.cases.helpers import SCENARIOS, bundled, cli, cli_subprocess, write

HEAD = (
    "id: test-scenario\n"
    "label: {sv: Test, en: Test}\n"
    "source: {doc: seed-004}\n"
    "status: assumption\n"
    "rationale: Ett test.\n"
    "changes:\n"
)


def scenario(tmp_path, changes: str, name: str = "s.yaml", head: str = HEAD):
    return write(tmp_path, name, head + changes)


def apply_problems(path, *more):
    model = bundled()
    before = dump_collections(model)
    with pytest.raises(ModelError) as exc:
        apply_scenarios(model, [load_scenario(path, model), *(load_scenario(p, model) for p in more)])
    assert dump_collections(model) == before, "the base model is never changed"
    return exc.value.problems


def load_problems(path):
    with pytest.raises(ModelError) as exc:
        load_scenario(path, bundled())
    return exc.value.problems


def test_the_bundled_scenarios_load_with_source_status_and_rationale():
    model = bundled()
    found = {s.id: s for s in load_scenarios(SCENARIOS, model)}
    assert set(found) >= {
        "orebro-7-dagar",
        "orebro-barn-specialiserad",
        "orebro-psykiatrisk-hemsjukvard",
        "hjalpmedel-fore-utskrivning",
        "sip-under-vardtiden",
    }
    for sid in ("orebro-7-dagar", "orebro-barn-specialiserad", "orebro-psykiatrisk-hemsjukvard"):
        assert found[sid].source["doc"] == "seed-004" and found[sid].status == "peer_region"
    for s in found.values():
        assert len(s.rationale) > 80 and s.changes
        assert model.kind_of[s.source["doc"]] == "sources"


def test_all_bundled_scenarios_apply_together_without_conflict():
    model = bundled()
    changed = apply_scenarios(model, load_scenarios(SCENARIOS, model))
    assert changed is not model
    assert changed.by_id["ho-utskrivning-kommunal-rehab"].sender_until == 7
    assert model.by_id["ho-utskrivning-kommunal-rehab"].sender_until == 0


# --------------------------------------------------------------------------- one error per problem
@pytest.mark.parametrize(
    "changes, line, words",
    [
        ("  - {set: ho-okand, field: sender_until, value: 7}\n", 7, "'ho-okand' is not an element of the model"),
        (
            "  - {set: ho-utskrivning-kommunal-rehab, field: sender_untill, value: 7}\n",
            7,
            "has no field 'sender_untill'",
        ),
        ("  - set: ho-utskrivning-kommunal-rehab\n    field: sender_until\n    value: sju\n", 9, "'sender_until'"),
        ("  - {set: ho-utskrivning-kommunal-rehab, field: id, value: x}\n", 7, "cannot change an id"),
        ("  - {set: ansvar-vardcentral, field: window.end_day, value: 3}\n", 7, "'window' is empty"),
        ("  - {set: sip-inneliggande, field: participants.9, value: vardcentral}\n", 7, "the list has 3 items"),
        ("  - {remove: ansvar-okand}\n", 7, "did you mean"),
        ("  - {add: unit, element: {id: x}}\n", 7, "'unit' is not a collection; did you mean 'units'?"),
        (
            "  - add: roles\n    element: {id: lakare, label: {sv: L, en: P}, source: {doc: seed-002}, status: agreement}\n",
            8,
            "'lakare' is already an element",
        ),
        (
            "  - add: roles\n    element: {id: ny-roll, label: {sv: L, en: P}, source: {doc: seed-002}, status: sure}\n",
            8,
            "'status'",
        ),
        (
            "  - replace: lakare\n    element: {id: lakare2, label: {sv: L, en: P}, source: {doc: seed-002}, status: agreement}\n",
            8,
            "'replace' keeps the id",
        ),
        (
            "  - {set: ho-utskrivning-kommunal-rehab, field: to, value: lakare}\n",
            7,
            "this change leaves the model invalid",
        ),
    ],
)
def test_each_bad_change_is_one_error_at_its_line(tmp_path, changes, line, words):
    path = scenario(tmp_path, changes)
    problems = apply_problems(path)
    if words == "this change leaves the model invalid":
        assert {p.line for p in problems} == {line} and all(p.file == str(path) for p in problems)
        assert all(words in p.message for p in problems)
    else:
        assert len(problems) == 1, problems
        assert (problems[0].file, problems[0].line) == (str(path), line)
        assert words in problems[0].message


def test_a_removal_that_breaks_references_names_what_breaks(tmp_path):
    path = scenario(
        tmp_path,
        "  - {set: ho-utskrivning-hemsjukvard, field: passes, value: [information]}\n  - {remove: oenighet-ok}\n",
    )
    problems = apply_problems(path)
    assert {p.line for p in problems} == {8}
    assert any(
        "'oenighet-ok' is still referred to by handovers" in p.message and "handovers.yaml:" in p.message
        for p in problems
    )


def test_several_bad_changes_each_give_their_error(tmp_path):
    changes = (
        "  - {set: ho-okand, field: sender_until, value: 7}\n"
        "  - {set: ho-utskrivning-kommunal-rehab, field: sender_until, value: 7}\n"
        "  - {remove: nope}\n"
    )
    problems = apply_problems(scenario(tmp_path, changes))
    assert [p.line for p in problems] == [7, 9]


@pytest.mark.parametrize(
    "changes, line, words",
    [
        ("  - {add: x, remove: y}\n", 7, "names add and remove"),
        ("  - {change: x}\n", 7, "names none of add, remove, replace, set"),
        ("  - {set: x, field: 'a..b', value: 1}\n", 7, "'field'"),
        ("  - {set: x, field: a, valeu: 1}\n", 7, "unknown field 'valeu'"),
        ("  - {set: x, field: a}\n", 7, "give 'value' (the whole new value), or 'append' and/or 'remove'"),
        ("  - just text\n", 7, "a change is a mapping"),
    ],
)
def test_format_mistakes_in_changes(tmp_path, changes, line, words):
    problems = load_problems(scenario(tmp_path, changes))
    assert len(problems) == 1 and problems[0].line == line and words in problems[0].message, problems


def test_head_mistakes_and_unknown_source(tmp_path):
    head = HEAD.replace("source: {doc: seed-004}", "source: {doc: seed-044}").replace("rationale: Ett test.\n", "")
    problems = load_problems(scenario(tmp_path, "  - {remove: lakare}\n", head=head))
    assert sorted(p.message for p in problems) == ["missing required field 'rationale'"]
    problems = load_problems(scenario(tmp_path, "  - {remove: lakare}\n", head=HEAD.replace("seed-004", "seed-044")))
    assert len(problems) == 1 and problems[0].line == 3 and "did you mean 'seed-004'" in problems[0].message


def test_personal_data_refuses_a_scenario(tmp_path):
    problems = load_problems(scenario(tmp_path, "  - {remove: lakare, note: ring 070-1234567 eller 19121212-1212}\n"))
    assert len(problems) == 1 and problems[0].line == 7 and "personnummer" in problems[0].message


# --------------------------------------------------------------------------- conflicts
def test_two_scenarios_changing_the_same_field_conflict(tmp_path):
    a = scenario(tmp_path, "  - {set: ho-utskrivning-kommunal-rehab, field: sender_until, value: 7}\n", "a.yaml")
    b = scenario(
        tmp_path,
        "  - {set: ho-utskrivning-kommunal-rehab, field: label.sv, value: X}\n"
        "  - {set: ho-utskrivning-kommunal-rehab, field: sender_until, value: 3}\n",
        "b.yaml",
        head=HEAD.replace("test-scenario", "other"),
    )
    problems = apply_problems(a, b)
    assert len(problems) == 1
    p = problems[0]
    assert (p.file, p.line) == (str(b), 8)
    assert "conflict" in p.message and "'test-scenario'" in p.message and f"{a}:7" in p.message


def test_a_field_and_its_whole_element_conflict_but_different_fields_do_not(tmp_path):
    a = scenario(tmp_path, "  - {set: ho-utskrivning-kommunal-rehab, field: sender_until, value: 7}\n", "a.yaml")
    b = scenario(
        tmp_path, "  - {remove: ho-utskrivning-kommunal-rehab}\n", "b.yaml", head=HEAD.replace("test-scenario", "other")
    )
    assert "conflict" in apply_problems(a, b)[0].message
    c = scenario(
        tmp_path,
        "  - {set: ho-utskrivning-kommunal-rehab, field: passes, value: [information, devices]}\n",
        "c.yaml",
        head=HEAD.replace("test-scenario", "third"),
    )
    model = bundled()
    changed = apply_scenarios(model, [load_scenario(a, model), load_scenario(c, model)])
    h = changed.by_id["ho-utskrivning-kommunal-rehab"]
    assert (h.sender_until, h.passes) == (7, ["information", "devices"])


def test_changes_in_one_scenario_apply_in_order(tmp_path):
    path = scenario(
        tmp_path,
        "  - {set: ho-utskrivning-kommunal-rehab, field: sender_until, value: 7}\n"
        "  - {set: ho-utskrivning-kommunal-rehab, field: sender_until, value: 2}\n",
    )
    model = bundled()
    assert apply_scenarios(model, [load_scenario(path, model)]).by_id["ho-utskrivning-kommunal-rehab"].sender_until == 2


def test_add_after_and_before_place_the_element(tmp_path):
    role = "{id: ny-roll, label: {sv: Ny, en: New}, source: {doc: seed-002}, status: agreement}"
    model = bundled()
    for where, index in (("after: lakare", 4), ("before: arbetsterapeut", 0), ("", len(model.roles))):
        path = scenario(tmp_path, f"  - add: roles\n    element: {role}\n" + (f"    {where}\n" if where else ""))
        changed = apply_scenarios(model, [load_scenario(path, model)])
        assert [r.id for r in changed.roles].index("ny-roll") == index


# --------------------------------------------------------------------------- the CLI
def test_whatif_with_a_bad_scenario_exits_2_with_file_and_line_and_no_traceback(tmp_path):
    path = scenario(tmp_path, "  - {set: ho-okand, field: sender_until, value: 7}\n  - {remove: vardavdelning}\n")
    result = cli_subprocess("whatif", path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(f"{path}:7:6: ho-okand: 'ho-okand' is not an element of the model")
    assert all(line.startswith(f"{path}:8:") and "still referred to by" in line for line in lines[1:])
    assert len(lines) > 1, "each change's own problem is reported; nothing is applied"


def test_whatif_conflict_on_the_command_line(tmp_path):
    a = scenario(
        tmp_path,
        "  - {set: sip-inneliggande, field: participants, value: [vardavdelning, bistandshandlaggning]}\n",
        "a.yaml",
    )
    result = cli("whatif", "sip-under-vardtiden", a)
    assert result.exit_code == 2
    assert f"{a}:7:5: sip-inneliggande: conflict" in result.stderr


def test_whatif_unknown_scenario_reference():
    result = cli("whatif", "no-such-scenario")
    assert result.exit_code == 2 and result.stderr.startswith("no-such-scenario:1:1: -: no such scenario file")


def test_the_same_scenario_twice_is_refused_with_one_line():
    from tests.cases.helpers import cli_subprocess

    result = cli_subprocess("whatif", "orebro-7-dagar", "orebro-7-dagar")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "given twice" in lines[0] and lines[0].startswith("model/scenarios/orebro-7-dagar.yaml:")


def test_a_field_typo_says_did_you_mean(tmp_path):
    from tests.cases.helpers import cli_subprocess

    path = tmp_path / "typo.yaml"
    path.write_text(
        "id: typo\nlabel: {sv: Typo, en: Typo}\nsource: {doc: seed-004}\nstatus: assumption\n"
        "rationale: Prov.\nnote: Prov.\nchanges:\n"
        "  - set: ho-utskrivning-kommunal-rehab\n    field: sender_untill\n    value: 7\n",
        encoding="utf-8",
    )
    result = cli_subprocess("whatif", path)
    assert result.returncode == 2
    assert "did you mean 'sender_until'" in result.stderr and "fields:" not in result.stderr
