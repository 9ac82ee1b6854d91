"""The bundled Dalarna model: it loads, it holds what the brief says, and it holds no personal data."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pathways.cli.main import app
from pathways.model.load import load_model
from pathways.model.schema import Element, Status, UnitKind

MODEL = Path(__file__).resolve().parents[2] / "model"


@pytest.fixture(scope="module")
def model():
    return load_model(MODEL)


def parse_stats(text: str) -> tuple[dict[str, dict[str, int]], dict[str, int]]:
    """The tables of ``pathways stats`` as {title: {row: n}}, and its 'label: n' lines as {label: n}."""
    tables: dict[str, dict[str, int]] = {}
    lines: dict[str, int] = {}
    text_lines = text.splitlines()
    title = None
    for i, raw in enumerate(text_lines):
        line = raw.strip()
        if i + 1 < len(text_lines) and text_lines[i + 1].lstrip().startswith("┏"):
            title = line
            tables[title] = {}
        elif line.startswith("│") and title is not None:
            cells = [c.strip() for c in line.strip("│").split("│")]
            tables[title][cells[0]] = int(cells[1])
        elif (match := re.fullmatch(r"(.+?): (\d+)", line)) is not None:
            title = None
            lines[match.group(1)] = int(match.group(2))
    return tables, lines


def test_bundled_model_validates(model):
    result = CliRunner().invoke(app, ["validate", "--model", str(MODEL)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert f"({len(model.by_id)} element)" in result.stdout
    assert model.meta.county == "dalarna"


def test_stats_show_what_the_model_must_hold(model):
    result = CliRunner().invoke(app, ["stats", "--model", str(MODEL), "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    tables, lines = parse_stats(result.stdout)
    nodes = tables["Nodes"]
    principals = tables["Principals"]
    unit_kinds = tables["Unit kinds"]

    # 15 municipalities and the region
    assert principals["municipality"] >= 15
    assert principals["region"] >= 1
    assert nodes["principal"] == sum(principals.values()) >= 16
    # every unit kind of the schema is present
    assert set(unit_kinds) == {k.value for k in UnitKind}
    assert len(unit_kinds) == 14
    # the three routes into municipal home healthcare
    assert lines["Routes into home healthcare"] == nodes["route"] == 3
    assert lines["Handovers that require a SIP"] >= 5
    assert nodes["need"] >= 12
    assert lines["Elements without a source"] == 0

    # the printed numbers are the model's numbers
    assert nodes["principal"] == len(model.principals)
    assert nodes["need"] == len(model.needs)
    assert nodes["unit"] == len(model.units) == sum(unit_kinds.values())
    sip_handovers = {s.at for s in model.sip_points if model.kind_of.get(s.at) == "handovers"}
    assert lines["Handovers that require a SIP"] == len(sip_handovers)
    assumed = [e for _, e in model.elements() if getattr(e, "status", None) == Status.assumption.value]
    assumed += [s for r in model.routes for s in r.steps if s.status == Status.assumption.value]
    assert lines["Assumptions"] == len(assumed)


def test_every_element_has_a_source_and_a_status(model):
    source_ids = {s.id for s in model.sources}
    assert model.meta.source.doc in source_ids
    statuses = {s.value for s in Status}
    checked = 0
    for name, e in model.elements():
        if name == "sources":
            assert e.ref and e.title, e.id
            continue
        assert e.source.doc in source_ids, f"{name} {e.id}: no source"
        if isinstance(e, Element):
            assert e.status in statuses, f"{name} {e.id}: no status"
            if e.status == Status.assumption.value:
                assert e.note, f"{name} {e.id}: an assumption without a note"
        checked += 1
        for step in getattr(e, "steps", []):
            assert step.source.doc in source_ids and step.status in statuses, step.id
            checked += 1
    assert checked == len(model.by_id) - len(model.sources) + sum(len(r.steps) for r in model.routes)


PERSONNUMMER = re.compile(r"(?<![0-9A-Za-z])\d{6,8}[-+]?\d{4}(?![0-9A-Za-z])")
"""A Swedish personal identity number (YYMMDD-NNNN, YYYYMMDDNNNN, ...), not part of a longer code."""


def test_no_personal_data_in_the_model():
    files = sorted(p for p in MODEL.rglob("*") if p.is_file())
    assert len(files) >= 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            assert not PERSONNUMMER.search(line), f"{path}:{number}: looks like a personal identity number"
            assert "@" not in line, f"{path}:{number}: looks like an e-mail address"


def test_the_personal_data_patterns_catch_examples():
    """The patterns above would catch the forms they are meant for."""
    for sample in ("19121212-1212", "121212-1212", "1212121212", "191212121212", "121212+1212", "pnr:121212-1212."):
        assert PERSONNUMMER.search(sample), sample
    for sample in ("2026-11-22", "SFS 2017:612", "Dnr RD20/03668", "HSLF-FS 2021:52", "seeds/003_5952701481082dec.txt"):
        assert not PERSONNUMMER.search(sample), sample


def test_misspelled_reference_names_file_line_and_the_right_id(tmp_path):
    copy = tmp_path / "model"
    shutil.copytree(MODEL, copy)
    units = copy / "units.yaml"
    lines = units.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.strip() == "principal: region-dalarna")
    column = lines[index].index("principal") + 1
    unit_id = next(
        line.split("id:", 1)[1].strip() for line in reversed(lines[:index]) if line.lstrip().startswith("- id:")
    )
    lines[index] = lines[index].replace("region-dalarna", "region-dalarnna")
    units.write_text("".join(lines), encoding="utf-8")

    result = CliRunner().invoke(app, ["validate", "--model", str(copy)])
    assert result.exit_code == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.splitlines() == [
        f"{units}:{index + 1}:{column}: {unit_id}: 'region-dalarnna' is not defined; "
        "expected the id of a principal or a principal group; did you mean 'region-dalarna'?"
    ]


# --- docs/model-format.md stays true to schema.py and to the bundled model ---

DOC = Path(__file__).resolve().parents[2] / "docs" / "model-format.md"


def doc_sections() -> dict[str, str]:
    """Level-2 sections of the format reference, by heading text."""
    sections: dict[str, str] = {}
    heading = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            heading = line[3:]
            sections[heading] = ""
        elif heading is not None:
            sections[heading] += line + "\n"
    return sections


def section_of(sections: dict[str, str], name: str) -> str:
    found = [text for heading, text in sections.items() if heading.startswith(f"`{name}`")]
    assert len(found) == 1, f"docs/model-format.md: no single section '## `{name}` ...'"
    return found[0]


def field_names(cls) -> list[str]:
    return [f.alias or name for name, f in cls.model_fields.items()]


def test_format_reference_describes_every_field():
    from pathways.model import schema

    sections = doc_sections()
    common = set(field_names(schema.Element))
    for name, cls in schema.COLLECTIONS.items():
        text = section_of(sections, name)
        fields = set(field_names(cls))
        if issubclass(cls, schema.Element):
            assert "*common fields*" in text, name
            fields -= common
        for field in fields:
            assert f"| `{field}` |" in text, f"section `{name}` does not describe field '{field}'"
    header = next(text for heading, text in sections.items() if "`model:`" in heading)
    for field in field_names(schema.Meta):
        assert f"| `{field}` |" in header, field
    for field in field_names(schema.RouteStep):
        assert f"| `{field}` |" in section_of(sections, "routes"), field
    everywhere = DOC.read_text(encoding="utf-8")
    for part in (schema.Element, schema.Source, schema.Window):
        for field in field_names(part):
            assert f"| `{field}` |" in everywhere, field
    for enum in (
        schema.Status,
        schema.DocKind,
        schema.PrincipalKind,
        schema.UnitKind,
        schema.NeedCategory,
        schema.DayUnit,
        schema.Mode,
        schema.Item,
    ):
        for member in enum:
            assert f"`{member.value}`" in everywhere, f"{enum.__name__}.{member.value} is not in the reference"


def test_format_reference_examples_are_valid_and_from_the_bundled_model(model):
    import yaml

    from pathways.model.schema import COLLECTIONS, ModelFile

    blocks = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    examples = [yaml.safe_load(b) for b in blocks]
    # whole model files; snippets of one field (source:, window:, profile:) are shown for reading only
    examples = [e for e in examples if isinstance(e, dict) and set(e) <= {"model", *COLLECTIONS}]
    covered = set()
    for example in examples:
        ModelFile.model_validate(example)  # raises if the example is not valid
        for name, items in example.items():
            if name == "model":
                assert items["id"] == model.meta.id
                continue
            covered.add(name)
            for item in items:
                assert model.kind_of.get(item["id"]) == name, (
                    f"example '{item['id']}' is not a {name} of the bundled model"
                )
    assert covered == set(COLLECTIONS)
