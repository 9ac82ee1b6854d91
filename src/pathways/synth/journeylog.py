"""`pathways synth-log`: a synthetic journey log over a model, with planted deviations.

Each journey follows one route of the model (the bundled model or a synthetic one): its
measuring points (admission, ready for discharge, discharge, or the care request), the
route's steps on time, the information passed and the acceptance at each handover, the
SIPs the profile needs held in time, then a first visit at the receiver. Timings vary
within the limits. A share of the journeys gets exactly one planted deviation; the
manifest lists them. Only templates whose unplanted journey conforms are used (checked
once per template by replaying it), so that the planted deviations are the only ones.
Deterministic: the same model, size and seed give the same files, byte for byte.
"""

from __future__ import annotations

import csv
import json
import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from pathways.conformance.deviations import assess
from pathways.conformance.journeys import Event, Journey
from pathways.conformance.replay import Replayer
from pathways.conformance.vocabulary import ACCEPTED, INFORMATION
from pathways.model.model import Model

LOG, PROFILES, MANIFEST = "logg.csv", "profiler.csv", "manifest.json"
TIMINGS = [(a, b, c) for a in range(1, 6) for b in range(3) for c in range(4)]
"""(days to ready or to the care request, days from ready to discharge, days to the first visit)."""
FIRST_DAY = date(2026, 1, 1)

Row = tuple[int, str, str, str]
"""(day offset, kind, unit, handover)."""


@dataclass
class Template:
    route: str
    profile: tuple[tuple[str, str], ...]
    timing: tuple[int, int, int]
    rows: list[Row]


def _profile(model: Model, constraints: list[dict]) -> dict[str, str]:
    profile = {d.id: d.values[0].id for d in model.dimensions}
    for constraint in constraints:
        for dim, allowed in constraint.items():
            if profile[dim] not in allowed:
                profile[dim] = allowed[0]
    return profile


def _fits(profile: dict[str, str], constraint: dict) -> bool:
    return all(profile[d] in allowed for d, allowed in constraint.items())


def _profiles(model: Model, route) -> list[dict[str, str]]:
    """The route's plain profile, and each value of the dimensions its SIP points depend on."""
    base = [route.profile, *(model.by_id[h].profile for h in route.handovers)]
    for h in (model.by_id[x] for x in route.handovers):  # the strict trace: the receiver must own what passes
        base += [r.profile for r in model.responsibilities if r.owner == h.to and set(r.needs) & set(h.needs)]
    plain = _profile(model, base)
    found = [plain]
    values = {d.id: [v.id for v in d.values] for d in model.dimensions}
    for s in model.sip_points:
        if s.at in route.handovers:
            for dim in s.profile:
                for value in values[dim]:
                    p = {**plain, dim: value}
                    if p not in found and all(_fits(p, c) for c in base):
                        found.append(p)
    return found


def _rows(model: Model, route, profile: dict[str, str], timing: tuple[int, int, int]) -> list[Row]:
    a, b, c = timing
    events = {e.id for e in model.events}
    first = model.by_id[route.handovers[0]]
    points = list(dict.fromkeys(s.after for s in route.steps))
    rows: list[Row] = []
    when: dict[str, int] = {}
    if points:
        for i, kind in enumerate(points):
            when[kind] = [0, a, a + b][min(i, 2)]
    else:
        when["remiss" if "remiss" in events else first.trigger] = 0
        when[first.trigger] = a
    for kind, day in when.items():
        rows.append(
            (day, kind, "" if kind == first.trigger else first.from_, first.id if kind == first.trigger else "")
        )
    day = when[first.trigger]
    for hid in route.handovers:
        h = model.by_id[hid]
        if hid != first.id:
            rows.append((day, h.trigger, "", hid))
        if h.passes:
            rows.append((day, INFORMATION, "", hid))
        if h.gate is not None:
            rows.append((day, ACCEPTED, "", hid))
        for s in model.sip_points:
            if s.at == hid and _fits(profile, s.profile):
                rows.append((day + min(s.within_days if s.within_days is not None else 1, 1), "sip-mote", "", s.id))
    for step in route.steps:
        rows.append((when.get(step.after, 0), step.id, "", ""))
    visit = "inskrivning-hemsjukvard" if "inskrivning-hemsjukvard" in events else first.trigger
    rows.append((day + c, visit, model.by_id[route.handovers[-1]].to, ""))
    return sorted(rows, key=lambda r: r[0])


def _journey(rows: list[Row]) -> Journey:
    j = Journey("t", "<synth>", 1)
    j.events = [Event(FIRST_DAY + timedelta(days=o), None, k, u, h, "", 0) for o, k, u, h in rows]
    return j


def templates(model: Model) -> list[Template]:
    """Every (route, profile, timing) whose unplanted journey conforms to the model."""
    replayer = Replayer(model)
    found = []
    for route in model.routes:
        for profile in _profiles(model, route):
            key = tuple(profile.items())
            for timing in TIMINGS:
                rows = _rows(model, route, profile, timing)
                journey = _journey(rows)
                replayed = replayer.replay(journey, ((0, key),))
                if not replayed.problem and not assess(model, journey, replayed).deviations:
                    found.append(Template(route.id, key, timing, rows))
    return found


def _plants(model: Model, rows: list[Row]) -> list[tuple[str, str, int]]:
    """(deviation, element, row index) that can be planted in these rows."""
    options = []
    steps = {s.id: (s, r) for r in model.routes for s in r.steps}
    for i, (_, kind, _, where) in enumerate(rows):
        if kind in steps:
            options += [("step-missing", kind, i), ("step-late", kind, i)]
        elif kind == "sip-mote":
            options.append(("sip-missing", where, i))
            if model.by_id[where].within_days is not None:
                options.append(("sip-late", where, i))
        elif kind == ACCEPTED:
            options.append(("no-acceptance", where, i))
        elif kind == INFORMATION:
            options.append(("info-not-passed", where, i))
    return options


def _plant(model: Model, rows: list[Row], plant: tuple[str, str, int]) -> list[Row]:
    kind, element, i = plant
    rows = list(rows)
    _, k, u, h = rows[i]
    if kind in ("step-missing", "sip-missing", "no-acceptance", "info-not-passed"):
        del rows[i]
        return rows
    if kind == "step-late":
        step = next(s for r in model.routes for s in r.steps if s.id == element)
        after = next(r[0] for r in rows if r[1] == step.after)
        limit = step.within_days if step.within_days is not None else math.ceil((step.within_hours or 0) / 24)
        rows[i] = (after + limit + 1, k, u, h)
    else:
        s = model.by_id[element]
        after = next(r[0] for r in rows if r[1] == s.after)
        rows[i] = (after + s.within_days + 1, k, u, h)
    return sorted(rows, key=lambda r: r[0])


def synth_log(model: Model, journeys: int, seed: int, out: Path, plant_share: float = 0.2) -> dict:
    """Write logg.csv, profiler.csv and manifest.json to ``out``; returns the manifest."""
    rng = random.Random(seed)
    pool = templates(model)
    municipalities = [p.id for p in model.principals if p.kind == "municipality"]
    out.mkdir(parents=True, exist_ok=True)
    planted: dict[str, list[list[str]]] = {}
    events = 0
    with (
        (out / LOG).open("w", encoding="utf-8", newline="") as log,
        (out / PROFILES).open("w", encoding="utf-8", newline="") as prof,
    ):
        lw, pw = csv.writer(log, delimiter=";"), csv.writer(prof, delimiter=";")
        lw.writerow(["resa", "datum", "händelse", "enhet", "kommun", "behov", "överlämning", "anteckning"])
        pw.writerow(["resa", "från", *(d.id for d in model.dimensions)])
        for n in range(1, journeys + 1):
            jid = f"R{n:07d}"
            t = pool[rng.randrange(len(pool))]
            rows = t.rows
            options = _plants(model, rows)
            if options and rng.random() < plant_share:
                choice = options[rng.randrange(len(options))]
                rows = _plant(model, rows, choice)
                planted[jid] = [[choice[0], choice[1]]]
            start = FIRST_DAY + timedelta(days=rng.randrange(365))
            town = municipalities[rng.randrange(len(municipalities))] if municipalities else ""
            pw.writerow([jid, "", *(v for _, v in t.profile)])
            for i, (offset, kind, unit, where) in enumerate(rows):
                lw.writerow(
                    [
                        jid,
                        (start + timedelta(days=offset)).isoformat(),
                        kind,
                        unit,
                        town if i == 0 else "",
                        "",
                        where,
                        "",
                    ]
                )
            events += len(rows)
    manifest = {
        "model": model.meta.id,
        "seed": seed,
        "journeys": journeys,
        "events": events,
        "templates": len(pool),
        "planted": planted,
    }
    (out / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return manifest
