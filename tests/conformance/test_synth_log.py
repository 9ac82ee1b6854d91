"""synth-log: deterministic, and the run finds exactly the planted deviations; XES gives the same."""

from __future__ import annotations

import csv
import json
import math
import statistics
from collections import defaultdict
from datetime import date
from xml.sax.saxutils import quoteattr

import pytest

from pathways.conformance.run import run_conformance
from pathways.synth.journeylog import synth_log


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory, model):
    out = tmp_path_factory.mktemp("log")
    manifest = synth_log(model, 400, 11, out)
    return out, manifest


def judged(model, log, profiles):
    found = {}
    result = run_conformance(
        model,
        log,
        profiles,
        each=lambda j, a: found.setdefault(j.id, sorted([d.kind, d.element] for d in a.deviations)),
    )
    return result, found


def test_exactly_the_planted_deviations_are_found(synthetic, model):
    out, manifest = synthetic
    result, found = judged(model, out / "logg.csv", out / "profiler.csv")
    assert result.problems == [] and result.unmapped == []
    assert len(found) == manifest["journeys"]
    assert {j: d for j, d in found.items() if d} == manifest["planted"]
    assert 40 < len(manifest["planted"]) < 130
    assert result.replays < manifest["journeys"] / 2


def test_the_same_seed_gives_the_same_files(tmp_path, model, synthetic):
    out, _ = synthetic
    synth_log(model, 400, 11, tmp_path / "a")
    synth_log(model, 400, 12, tmp_path / "b")
    assert (tmp_path / "a" / "logg.csv").read_bytes() == (out / "logg.csv").read_bytes()
    assert (tmp_path / "b" / "logg.csv").read_bytes() != (out / "logg.csv").read_bytes()


def nearest_rank(values: list[int], p: int) -> int:
    ordered = sorted(values)
    return ordered[math.ceil(p / 100 * len(ordered)) - 1]


def test_aggregates_recomputed_from_the_log_and_the_manifest(synthetic, model):
    out, manifest = synthetic
    result, _ = judged(model, out / "logg.csv", out / "profiler.csv")
    days, towns, units = defaultdict(list), {}, defaultdict(set)
    with (out / "logg.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            days[row["resa"]].append(date.fromisoformat(row["datum"]))
            towns.setdefault(row["resa"], row["kommun"])
            if row["enhet"]:
                units[row["enhet"]].add(row["resa"])
    groups = {(g["dimension"], g["key"]): g for g in result.summary["groups"]}
    by_town = defaultdict(list)
    for jid, town in towns.items():
        by_town[town].append(jid)
    checked = 0
    for dimension, members in [("municipality", by_town), ("unit", units)]:
        for key, journeys in sorted(members.items())[:6]:
            lead = [(max(days[j]) - min(days[j])).days for j in journeys]
            within = sum(1 for j in journeys if j not in manifest["planted"]) / len(journeys)
            g = groups[(dimension, key)]
            assert g["count"] == len(journeys)
            assert g["within"] == round(within, 3)
            assert g["median"] == statistics.median(lead)
            assert g["p90"] == nearest_rank(lead, 90)
            checked += 1
    assert checked >= 8


def to_xes(log, path) -> None:
    """The CSV log as XES (IEEE 1849), written here independently of the reader."""
    traces = defaultdict(list)
    with log.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            traces[row["resa"]].append(row)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<log xes.version="1849-2016" xmlns="http://www.xes-standard.org/">',
        '<string key="concept:name" value="logg"/>',
    ]
    for jid, rows in traces.items():
        lines.append(f'<trace><string key="concept:name" value={quoteattr(jid)}/>')
        for r in rows:
            attrs = [
                f'<string key="concept:name" value={quoteattr(r["händelse"])}/>',
                f'<date key="time:timestamp" value="{r["datum"]}T08:00:00.000+01:00"/>',
            ]
            for key, col in (("org:resource", "enhet"), ("kommun", "kommun"), ("överlämning", "överlämning")):
                if r[col]:
                    attrs.append(f'<string key="{key}" value={quoteattr(r[col])}/>')
            lines.append("<event>" + "".join(attrs) + "</event>")
        lines.append("</trace>")
    lines.append("</log>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_xes_and_csv_give_the_same_result(synthetic, model, tmp_path):
    out, _ = synthetic
    to_xes(out / "logg.csv", tmp_path / "logg.xes")
    from_csv, csv_found = judged(model, out / "logg.csv", out / "profiler.csv")
    from_xes, xes_found = judged(model, tmp_path / "logg.xes", out / "profiler.csv")
    assert from_xes.problems == []
    assert xes_found == csv_found
    assert from_xes.summary == from_csv.summary


def test_manifest_is_plain_json(synthetic):
    out, manifest = synthetic
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8")) == manifest
