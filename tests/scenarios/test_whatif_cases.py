"""`trace --scenario` and `whatif` on cases that fit only one of the two models: each is
compared, and the model it does not fit says so in its column."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from tests.cases.helpers import MODEL, case_text, cli

PSYCH = "{alder: vuxen, boende: ordinart, besok: kan-inte, hemsjukvard: inskriven, diagnos: psykiatrisk, social: nej}"
NEW_ONLY = case_text(
    "  - {date: 2026-05-04, event: forsta-besok, at: vuxenpsykiatri}\n"
    "  - {date: 2026-05-06, event: vardbegaran, at: ho-vuxenpsykiatri-hemsjukvard}\n",
    PSYCH,
).replace("id: testfall", "id: bara-efter")
"""A case that uses the handover the psychiatric scenario adds."""

DROP_FRIDAY = (
    "id: utan-utskrivning\n"
    "label: {sv: Utan utskrivningen, en: Without the discharge}\n"
    "source: {doc: seed-004}\n"
    "status: assumption\n"
    "rationale: Prov.\n"
    "changes:\n"
    "  - {remove: sip-inneliggande, drop_references: true}\n"
    "  - {remove: ho-utskrivning-kommunal-rehab, drop_references: true}\n"
)
"""A scenario that takes away a handover the Friday case uses."""


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    """The bundled model with one more case, one that fits only the psychiatric scenario."""
    root = tmp_path_factory.mktemp("m") / "model"
    shutil.copytree(MODEL, root)
    (root / "cases" / "bara-efter.yaml").write_text(NEW_ONLY, encoding="utf-8")
    (root / "scenarios" / "utan-utskrivning.yaml").write_text(DROP_FRIDAY, encoding="utf-8")
    return root


def test_trace_runs_a_case_that_fits_only_with_the_scenario(model_dir):
    case = model_dir / "cases" / "bara-efter.yaml"
    without = cli("trace", case, "--model", model_dir)
    assert without.exit_code == 2 and without.stderr.startswith(f"{case}:")
    with_it = cli(
        "trace", case, "--model", model_dir, "--format", "json", "--scenario", "orebro-psykiatrisk-hemsjukvard"
    )
    assert with_it.exit_code == 0, with_it.stderr
    data = json.loads(with_it.stdout)
    assert [h["id"] for h in data["handovers"]] == ["ho-vuxenpsykiatri-hemsjukvard"]
    first, last = data["days"][0]["date"], data["days"][-1]["date"]
    assert first == "2026-05-04" and last >= "2026-05-06"


def test_whatif_compares_a_case_that_fits_only_after_and_says_it_did_not_fit_before(model_dir):
    result = cli("whatif", "orebro-psykiatrisk-hemsjukvard", "--model", model_dir, "--format", "json")
    assert result.exit_code == 0, result.stderr
    row = next(c for c in json.loads(result.stdout)["cases"] if c["case"] == "bara-efter")
    assert row["status"] == "only_after" and row["uncovered_days_before"] is None
    assert row["uncovered_days_after"] is not None
    assert "ho-vuxenpsykiatri-hemsjukvard" in row["error_before"] and row["error"] is None
    text = cli("whatif", "orebro-psykiatrisk-hemsjukvard", "--model", model_dir, "--format", "csv").stdout
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    head = table[0]
    line = next(r for r in table if "bara-efter" in r)
    before, after = head.index("Före"), head.index("Efter")
    assert (line[before], line[after]) == ("passar inte", str(row["uncovered_days_after"]))


def test_whatif_keeps_a_case_that_no_longer_fits_and_says_so_in_the_after_column(model_dir):
    result = cli("whatif", "utan-utskrivning", "--model", model_dir, "--format", "json")
    assert result.exit_code == 0, result.stderr
    cases = {c["case"]: c for c in json.loads(result.stdout)["cases"]}
    friday = cases["utskrivning-fredag"]
    assert friday["status"] == "error" and friday["uncovered_days_after"] is None
    assert friday["uncovered_days_before"] is not None and "ho-utskrivning-kommunal-rehab" in friday["error"]
    assert "bara-efter" not in cases, "a case that fits neither model is left out"
    assert "bara-efter.yaml: fallet passar ingen av modellerna" in result.stderr
    table = cli("whatif", "utan-utskrivning", "--model", model_dir).stdout
    assert f"{friday['uncovered_days_before']} → passar inte" in table


def _help(*args: str, lang: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "PATHWAYS_LANG"} | {"COLUMNS": "200"}
    env |= {"PATHWAYS_LANG": lang} if lang else {}
    exe = os.path.join(os.path.dirname(sys.executable), "pathways")
    out = subprocess.run([exe, *args, "--help"], capture_output=True, text=True, env=env, check=True).stdout
    return " ".join(re.sub("[│╭╮╰╯─]", " ", out).split())  # the words, without the frame rich draws


@pytest.mark.parametrize(
    ("command", "sv", "en"),
    [
        (("whatif",), "Scenariofiler eller id", "Scenario files or ids"),
        (("trace",), "Spåra i modellen med det här scenariot", "Trace in the model with this scenario"),
        (("cases", "check"), "Fallfiler; annars alla fall", "Case files; default: every case"),
    ],
)
def test_case_command_help_is_swedish_by_default_and_english_on_request(command, sv, en):
    swedish, english = _help(*command, lang=None), _help(*command, lang="en")
    assert sv in swedish and en not in swedish
    assert en in english and sv not in english
