"""`pathways diff`: two copies of the model, and two git revisions, compared."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pathways.cli.main import app
from pathways.gaps.analyze import find_gaps
from pathways.model.load import load_model
from pathways.revision.diff import finding_changes
from pathways.revision.run import run_diff
from pathways.stamp import stamp_of
from tests.excel_csv import read_excel_csv
from tests.revision.revise import ADDED, CHANGED, REMOVED, copy_model, line_of, revise

runner = CliRunner()


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("diff")
    old, new = copy_model(root / "old"), copy_model(root / "new")
    revise(new)
    return old, new


@pytest.fixture(scope="module")
def diff(folders):
    old, new = folders
    return run_diff(str(old), str(new), Path("model"))


def test_exactly_the_three_edits_are_reported(diff):
    changes = {e.id: (e.change, e.fields) for e in diff.result.elements}
    assert changes == {
        ADDED: ("added", {}),
        REMOVED: ("removed", {}),
        CHANGED: ("changed", {"receiver_from": {"before": 3, "after": 0}}),
    }


def test_changes_point_to_the_line_in_new_and_removed_ones_to_old(diff, folders):
    old, new = folders
    assert diff.where[ADDED] == f"{new}/responsibilities.yaml:{line_of(new / 'responsibilities.yaml', ADDED)}"
    assert diff.where[REMOVED] == f"{old}/handovers.yaml:{line_of(old / 'handovers.yaml', REMOVED)}"
    at = line_of(new / "handovers.yaml", "receiver_from:", after=f"id: {CHANGED}")
    assert diff.field_where[(CHANGED, "receiver_from")] == f"{new}/handovers.yaml:{at}"


def test_findings_resolved_and_new_are_those_of_the_two_models(diff, folders):
    before, after = (find_gaps(load_model(p)) for p in folders)
    ids_b, ids_a = {f.id for f in before}, {f.id for f in after}
    assert {f.id for f in diff.result.resolved} == ids_b - ids_a
    assert {f.id for f in diff.result.new} == ids_a - ids_b
    owner_gap = next(f for f in before if f.rule == "PW101" and f.elements == ("bmb", "inneliggande"))
    assert owner_gap.id in {f.id for f in diff.result.resolved}
    time_gaps = {f.id for f in before if f.rule == "PW103" and CHANGED in f.elements}
    assert time_gaps and time_gaps <= {f.id for f in diff.result.resolved}


def test_ownership_changes_only_where_the_owner_was_added(diff):
    assert [
        (o.need, o.setting, [x.unit for x in o.before], [x.unit for x in o.after]) for o in diff.result.ownership
    ] == [("bmb", "inneliggande", [], ["vardavdelning"])]


def test_cases_through_the_changed_handover_lose_their_days_without_owner(diff):
    through = {p.stem for p in Path("model/cases").glob("*.yaml") if f"at: {CHANGED}" in p.read_text(encoding="utf-8")}
    rows = {c.case: c for c in diff.result.cases}
    assert through and through <= set(rows)
    for case in through:
        assert rows[case].uncovered_days_after < rows[case].uncovered_days_before


def test_a_model_against_itself_has_no_changes(folders):
    old, _ = folders
    same = run_diff(str(old), str(old), Path("model"))
    assert not (same.result.elements or same.result.resolved or same.result.new or same.changed_findings)
    assert not (same.result.ownership or same.result.cases)


def test_a_finding_with_the_same_id_that_says_more_is_changed(diff):
    f = diff.result.new[0]
    worse = f.__class__(**{**f.__dict__, "severity": "error", "elements": (*f.elements, "x")})
    (change,) = finding_changes([f], [worse])
    assert set(change.fields) == {"severity", "elements"}
    assert change.fields["elements"]["after"][-1] == "x"
    assert finding_changes([f], [f]) == []


def _git(repo: Path, *args: str) -> str:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "PATH": "/usr/bin:/bin",
        "HOME": str(repo),
    }
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    root = tmp_path_factory.mktemp("repo")
    _git(root, "init", "-q", "-b", "main")
    copy_model(root / "model")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "before")
    _git(root, "tag", "v1")
    revise(root / "model")
    _git(root, "commit", "-qam", "after")
    return root


def test_git_revisions_give_the_same_diff_as_folders(repo, diff, monkeypatch):
    monkeypatch.chdir(repo)
    by_rev = run_diff("HEAD~1", "HEAD", Path("model"))
    assert [(e.id, e.change, e.fields) for e in by_rev.result.elements] == [
        (e.id, e.change, e.fields) for e in diff.result.elements
    ]
    assert {f.id for f in by_rev.result.new} == {f.id for f in diff.result.new}
    assert (
        by_rev.where[ADDED]
        == f"HEAD:model/responsibilities.yaml:{line_of(repo / 'model/responsibilities.yaml', ADDED)}"
    )
    assert by_rev.where[REMOVED].startswith("HEAD~1:model/handovers.yaml:")


def test_work_tree_against_a_tag_from_a_subfolder_leaves_the_tree_alone(repo, diff, monkeypatch):
    (repo / "model" / "needs.yaml").write_text((repo / "model" / "needs.yaml").read_text() + "\n", encoding="utf-8")
    (repo / "sub").mkdir(exist_ok=True)
    monkeypatch.chdir(repo / "sub")
    status = _git(repo, "status", "--porcelain")
    result = runner.invoke(app, ["diff", "v1", "--model", "../model", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["versions"] == {"old": "v1:model", "new": "../model"}
    assert {e["id"] for e in doc["elements"]} == {ADDED, REMOVED, CHANGED}
    assert _git(repo, "status", "--porcelain") == status


def test_fail_on_blocks_a_revision_that_adds_a_finding(folders, diff):
    old, new = folders
    worst = max((f.severity for f in diff.result.new), key=["info", "warning", "error"].index)
    blocked = runner.invoke(app, ["diff", str(old), str(new), "--fail-on", worst, "--format", "json"])
    assert blocked.exit_code == 1
    assert all(f.id in blocked.stderr for f in diff.result.new if f.severity == worst)
    back = runner.invoke(app, ["diff", str(new), str(old), "--fail-on", "info", "--format", "json"])
    added_back = json.loads(back.stdout)["new"]
    assert back.exit_code == (1 if added_back else 0)


def test_csv_and_markdown_hold_every_change(folders, diff):
    old, new = folders
    out = runner.invoke(app, ["diff", str(old), str(new), "--format", "csv", "--lang", "en"])
    rows = read_excel_csv(out.stdout_bytes.decode("utf-8"))
    assert {r["Id"] for r in rows if r["Section"] == "Elements changed"} == {ADDED, REMOVED, CHANGED}
    changed = next(r for r in rows if r["Id"] == CHANGED)
    assert changed["Where"] == diff.field_where[(CHANGED, "receiver_from")]
    assert {r["Id"] for r in rows if r["Section"] == "Findings resolved"} == {f.id for f in diff.result.resolved}
    assert [r["Need"] for r in rows if r["Section"] == "Changes of ownership"] == ["bmb"]
    assert {r["Revision"] for r in rows} == {stamp_of(new).text("en")}
    swedish = read_excel_csv(
        runner.invoke(app, ["diff", str(old), str(new), "--format", "csv"]).stdout_bytes.decode("utf-8")
    )
    assert {r["Del"] for r in swedish} >= {"Ändrade element", "Lösta fynd", "Ändrat ägarskap"}
    assert {r["Allvar"] for r in swedish if r["Allvar"]} <= {"allvarligt", "varning", "upplysning"}
    md = runner.invoke(app, ["diff", str(old), str(new), "--format", "markdown"]).stdout
    for value in (ADDED, REMOVED, diff.where[ADDED], *(f.id for f in diff.result.new)):
        assert value in md
    table = runner.invoke(app, ["diff", str(old), str(new)], env={"COLUMNS": "250"}).stdout
    assert "Ändrade element (3)" in table


def test_neither_folder_nor_revision_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["diff", "no-such-thing", str(Path.cwd())])
    assert result.exit_code == 2
    assert result.stderr.startswith("no-such-thing:1:1:")


def test_new_findings_name_their_elements_in_new_and_resolved_ones_in_old(diff, folders):
    old, new = folders
    for findings, side in ((diff.result.new, new), (diff.result.resolved, old)):
        for f in findings:
            assert set(diff.finding_where[f.id]) == set(f.elements)
            for e, at in diff.finding_where[f.id].items():
                file, line = at.rsplit(":", 1)
                assert Path(file).parent == side
                assert f"id: {e}" in Path(file).read_text(encoding="utf-8").splitlines()[int(line) - 1]
