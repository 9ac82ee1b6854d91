"""BPMN export: valid against the OMG BPMN 2.0 XSD, clean under bpmnlint's recommended rules, the model in it."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import SpiffWorkflow
import xmlschema
from typer.testing import CliRunner

from pathways.cli.main import app
from pathways.model.load import load_model

runner = CliRunner()
MODEL = Path("model")
LINT_DIR = Path(__file__).parents[1] / "bpmnlint"
XSD = Path(SpiffWorkflow.__file__).parent / "bpmn" / "parser" / "schema" / "BPMN20.xsd"
NS = {
    "bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
    "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
    "dc": "http://www.omg.org/spec/DD/20100524/DC",
}


@pytest.fixture(scope="module")
def model():
    return load_model(MODEL)


@pytest.fixture(scope="module", params=["one", "each"])
def exported(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("bpmn") / f"{request.param}.bpmn"
    result = runner.invoke(
        app,
        ["export", "--model", str(MODEL), "--format", "bpmn", "--out", str(path), "--municipalities", request.param],
    )
    assert result.exit_code == 0, result.output
    return request.param, path, ET.parse(path).getroot()


@pytest.fixture(scope="module")
def schema():
    return xmlschema.XMLSchema(str(XSD))


def test_valid_against_the_omg_schema(exported, schema):
    _, path, _ = exported
    assert list(schema.iter_errors(str(path))) == []


def _lint(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["npx", "--no-install", "bpmnlint", str(path)],
        check=False,
        cwd=LINT_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_clean_under_bpmnlint_recommended(exported):
    _, path, _ = exported
    result = _lint(path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_bpmnlint_would_notice_a_shape_missing(exported, tmp_path):
    _, path, _ = exported
    root = ET.parse(path).getroot()
    plane = root.find(".//bpmndi:BPMNPlane", NS)
    task_shape = next(s for s in plane if s.get("bpmnElement", "").startswith("Task_"))
    plane.remove(task_shape)
    broken = tmp_path / "broken.bpmn"
    ET.ElementTree(root).write(broken, encoding="utf-8", xml_declaration=True)
    result = _lint(broken)
    assert result.returncode != 0
    assert task_shape.get("bpmnElement") in result.stdout


def test_one_pool_per_principal_and_a_lane_per_unit(exported, model):
    mode, _, root = exported
    pools = [p.get("name") for p in root.iterfind(".//bpmn:participant", NS)]
    groups = {g.id: g for g in model.principal_groups}
    principals = {u.principal for u in model.units}
    if mode == "one":
        expected = {model.get(p).label.sv for p in principals}
    else:
        expected = {model.get(m).label.sv for p in principals for m in (groups[p].members if p in groups else [p])}
    assert sorted(pools) == sorted(expected)
    lanes = [lane.get("name") for lane in root.iterfind(".//bpmn:lane", NS)]
    per_unit = {
        u.label.sv: (len(groups[u.principal].members) if mode == "each" and u.principal in groups else 1)
        for u in model.units
    }
    assert {name: lanes.count(name) for name in set(lanes)} == per_unit


def _principal(model, unit_id):
    return model.get(unit_id).principal


def test_handovers_between_principals_are_message_flows_and_time_limits_timers(exported, model):
    mode, _, root = exported
    flows = root.findall(".//bpmn:messageFlow", NS)
    if mode == "one":
        crossing = [h for h in model.handovers if _principal(model, h.from_) != _principal(model, h.to)]
        assert sorted(f.get("sourceRef") for f in flows) == sorted(f"Task_{h.id}" for h in crossing)
    sends = {t.get("id") for t in root.iterfind(".//bpmn:sendTask", NS)}
    starts = {
        e.get("id")
        for e in root.iterfind(".//bpmn:startEvent", NS)
        if e.find("bpmn:messageEventDefinition", NS) is not None
    }
    assert all(f.get("sourceRef") in sends and f.get("targetRef") in starts for f in flows)
    durations = [d.text for d in root.iterfind(".//bpmn:intermediateCatchEvent//bpmn:timeDuration", NS)]
    waits = [f"P{h.receiver_from}D" for h in model.handovers if h.receiver_from]
    assert sorted(set(durations)) == sorted(set(waits))


def test_route_steps_are_tasks_with_their_deadlines_and_items_are_data_objects(exported, model):
    _, _, root = exported
    steps = [s for r in model.routes for s in r.steps]
    names = {t.get("name") for t in root.iterfind(".//bpmn:task", NS)}
    assert {s.label.sv for s in steps} <= names
    boundary = {b.get("attachedToRef"): b for b in root.iterfind(".//bpmn:boundaryEvent", NS)}
    for s in steps:
        if s.within_hours is not None:
            (attached,) = [b for k, b in boundary.items() if k.startswith(f"Task_{s.id}")][:1]
            assert attached.find(".//bpmn:timeDuration", NS).text == f"PT{s.within_hours}H"
    data = [d.get("name") for d in root.iterfind(".//bpmn:dataObjectReference", NS)]
    for h in model.handovers:
        if h.passes:
            items = ", ".join(getattr(i, "value", i) for i in h.passes)
            assert any(items in d for d in data)


def test_sources_are_documentation(exported, model):
    _, _, root = exported
    doc = root.find("bpmn:collaboration/bpmn:documentation", NS).text
    assert all(s.id in doc for s in model.sources)
    h = model.handovers[0]
    task = root.find(f".//*[@id='Task_{h.id}']", NS)
    assert h.source.doc in task.find("bpmn:documentation", NS).text


def test_every_element_is_laid_out_without_overlaps(exported):
    _, _, root = exported
    plane = root.find(".//bpmndi:BPMNPlane", NS)
    drawn = {s.get("bpmnElement") for s in plane}
    for tag in ("participant", "lane", "task", "sendTask", "startEvent", "endEvent", "sequenceFlow", "messageFlow"):
        assert {e.get("id") for e in root.iterfind(f".//bpmn:{tag}", NS)} <= drawn
    boxes = []
    kinds = {e.get("id"): e.tag for e in root.iter()}
    for shape in plane.iterfind("bpmndi:BPMNShape", NS):
        if shape.get("isHorizontal") or kinds[shape.get("bpmnElement")].endswith("boundaryEvent"):
            continue
        b = shape.find("dc:Bounds", NS)
        boxes.append(tuple(float(b.get(k)) for k in ("x", "y", "width", "height")))
    boxes.sort()
    for i, (x, y, w, h) in enumerate(boxes):
        for x2, y2, w2, h2 in boxes[i + 1 :]:
            if x2 >= x + w:
                break
            assert y2 >= y + h or y >= y2 + h2, ((x, y, w, h), (x2, y2, w2, h2))
