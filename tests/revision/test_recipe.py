"""The documented recipe: the pre-commit hook refuses a revision that adds an error and lets one that resolves one pass."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.revision.revise import ADDED, copy_model, revise

HOOK = Path("scripts/hooks/pre-commit").resolve()
PATHWAYS = Path(sys.executable).with_name("pathways")


def _run(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "PATHWAYS": str(PATHWAYS),
        "COLUMNS": "200",
    }
    return subprocess.run(args, cwd=repo, env=env, check=check, capture_output=True, text=True)


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("recipe")
    _run(tmp_path, "git", "init", "-q", "-b", "main")
    copy_model(tmp_path / "model")
    baseline = tmp_path / "accepted.yaml"
    _run(tmp_path, str(PATHWAYS), "gaps", "--model", "model", "--format", "csv", "--write-baseline", str(baseline))
    doc = yaml.safe_load(baseline.read_text(encoding="utf-8"))
    for entry in doc["accepted"]:
        entry["justification"] = "Utreds i målbildsarbetet."
    baseline.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    _run(tmp_path, "git", "add", ".")
    _run(tmp_path, "git", "commit", "-qm", "model")
    (tmp_path / ".git" / "hooks" / "pre-commit").symlink_to(HOOK)
    _run(tmp_path, "git", "checkout", "-qb", "revision")
    return tmp_path


@pytest.fixture
def repo(made):
    start = _run(made, "git", "rev-parse", "HEAD").stdout.strip()
    yield made
    _run(made, "git", "reset", "-q", "--hard", start)


def test_a_revision_that_adds_an_owner_is_committed(repo):
    revise(repo / "model")
    _run(repo, "git", "add", "model")
    result = _run(repo, "git", "commit", "-qm", "owner", check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ADDED in (repo / "model" / "responsibilities.yaml").read_text(encoding="utf-8")


def test_a_revision_that_drops_an_owner_is_refused(repo):
    path = repo / "model" / "responsibilities.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("  - id: ansvar-rehabavdelning\n")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("  - id: "))
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    _run(repo, "git", "add", "model")
    result = _run(repo, "git", "commit", "-qm", "drop", check=False)
    assert result.returncode != 0
    assert "error" in result.stderr
    assert _run(repo, "git", "log", "--oneline").stdout.count("\n") == 1


def test_an_invalid_model_is_refused_and_the_work_tree_version_is_not_what_counts(repo):
    path = repo / "model" / "units.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("kind: health_centre", "kind: clinic", 1), encoding="utf-8")
    _run(repo, "git", "add", "model")
    path.write_text(good, encoding="utf-8")
    result = _run(repo, "git", "commit", "-qm", "bad", check=False)
    assert result.returncode != 0
    assert "units.yaml" in result.stderr
