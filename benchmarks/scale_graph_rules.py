"""Scale check (not a test) for the graph-shaped gap rules PW110, PW113-PW117.

Builds a synthetic, national-sized model in memory - 21 regions, 290 municipalities,
about 2,000 units and 50,000 handovers, mostly inside each catchment and full of cycles,
with a need ("bmb") that nobody owns so that PW115 meets one large strongly connected
component - and prints how long each rule takes.

    .venv/bin/python benchmarks/scale_graph_rules.py [--handovers 50000] [--seed 1] [--graph]

``--graph`` also times ``build_graph`` (the typed MultiDiGraph the Context normally
builds); the rules timed here do not read it, so by default the Context gets an empty one.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter

import networkx as nx

from pathways.analysis.handover_graph import handover_index
from pathways.gaps.core import Context, run_rules
from pathways.gaps.rules import all_rules
from pathways.graph.build import build_graph
from pathways.model.model import Model
from pathways.model.schema import COLLECTIONS, Meta

CODES = ("PW110", "PW113", "PW114", "PW115", "PW116", "PW117")
SRC = {"source": {"doc": "src"}, "status": "agreement"}

DIMENSIONS = {
    "alder": ["barn", "vuxen"],
    "boende": ["ordinart", "sarskilt"],
    "besok": ["kan", "kan-inte"],
    "hemsjukvard": ["inskriven", "ej-inskriven"],
    "diagnos": ["somatisk", "psykiatrisk", "npf", "habilitering"],
    "social": ["ja", "nej"],
}
NEEDS = [
    ("kroppsfunktion", "icf"),
    ("aktivitet", "icf"),
    ("delaktighet", "icf"),
    ("egenvardsbedomning", "pathway_step"),
    ("rehabbedomning", "pathway_step"),
    ("rehabplan", "pathway_step"),
    ("behandling", "pathway_step"),
    ("uppfoljning", "pathway_step"),
    ("hjm-behovsbedomning", "device_step"),
    ("hjm-utprovning", "device_step"),
    ("hjm-uppfoljning", "device_step"),
    ("sip", "coordination"),
    ("bmb", "coordination"),
]
REGION_KINDS = [
    ("inpatient_ward", "inneliggande", True),
    ("inpatient_rehab_ward", "inneliggande", False),
    ("specialist_clinic", "mottagning", False),
    ("specialist_home_rehab", "hemmet", False),
    ("habilitation", "mottagning", False),
    ("adult_psychiatry", "mottagning", False),
    ("health_centre", "mottagning", True),
    ("primary_care_rehab", "mottagning", True),
]
MUNICIPAL_KINDS = [
    ("home_healthcare", "hemmet", False),
    ("municipal_rehab_ordinary", "hemmet", False),
    ("municipal_rehab_special_housing", "hemmet", False),
    ("needs_assessment", "hemmet", True),
    ("home_healthcare", "hemmet", False),
]
MODES = ["written_care_request", "referral", "guidance", "discharge_notice", "device_order"]


def _label(text: str) -> dict:
    return {"sv": text, "en": text}


def _profile(rng: random.Random) -> dict:
    if rng.random() < 0.5:
        return {}
    dims = rng.sample(sorted(DIMENSIONS), rng.randint(1, 2))
    return {d: rng.sample(DIMENSIONS[d], rng.randint(1, len(DIMENSIONS[d]) - 1)) for d in dims}


def _catalogue(c: dict[str, list]) -> None:
    """The parts every region shares: sources, dimensions, settings, events, roles, needs, care levels."""
    c["sources"].append({"id": "src", "kind": "seed", "title": "synthetic", "ref": "benchmark"})
    for d, values in DIMENSIONS.items():
        c["dimensions"].append(
            {"id": d, "label": _label(d), "values": [{"id": v, "label": _label(v)} for v in values], **SRC}
        )
    for s in ("inneliggande", "mottagning", "hemmet"):
        c["settings"].append({"id": s, "label": _label(s), **SRC})
    for e in ("remiss", "utskrivning", "vardbegaran"):
        c["events"].append({"id": e, "label": _label(e), **SRC})
    c["roles"].append({"id": "sjukskoterska", "label": _label("sjuksköterska"), **SRC})
    for n, cat in NEEDS:
        extra = {"applies_to": {"social": ["ja"]}} if n == "sip" else {}
        c["needs"].append({"id": n, "category": cat, "label": _label(n.upper() if n == "sip" else n), **extra, **SRC})
    c["care_levels"] += [
        {"id": "regionvard", "principal_kind": "region", "label": _label("regionvård"), **SRC},
        {"id": "kommunvard", "principal_kind": "municipality", "label": _label("kommunvård"), **SRC},
    ]


def _units(
    c: dict[str, list],
) -> tuple[list[str], dict[str, list[str]], dict[str, list[str]], dict[str, list[str]], dict]:
    """Principals and units of 21 counties and 290 municipalities: (counties, municipalities per
    county, region units per county, units per municipality, kind of each unit)."""
    counties = [f"lan{i:02d}" for i in range(21)]
    municipalities: dict[str, list[str]] = {lan: [] for lan in counties}
    for i in range(290):
        municipalities[counties[i % 21]].append(f"kommun{i:03d}")
    region_units: dict[str, list[str]] = {}
    municipal_units: dict[str, list[str]] = {}
    unit_kind: dict[str, str] = {}
    for lan in counties:
        region = f"region-{lan}"
        c["principals"].append({"id": region, "kind": "region", "county": lan, "label": _label(region), **SRC})
        c["principal_groups"].append(
            {"id": f"kommuner-{lan}", "members": municipalities[lan], "label": _label(f"kommuner {lan}"), **SRC}
        )
        units = []
        for k in range(26):
            kind, setting, entry = REGION_KINDS[k % len(REGION_KINDS)]
            uid = f"{region}-{kind}-{k}"
            units.append(uid)
            unit_kind[uid] = kind
            c["units"].append(
                {
                    "id": uid,
                    "kind": kind,
                    "principal": region,
                    "care_level": "regionvard",
                    "settings": [setting],
                    "entry": entry,
                    "label": _label(uid),
                    **SRC,
                }
            )
        region_units[lan] = units
        for m in municipalities[lan]:
            c["principals"].append({"id": m, "kind": "municipality", "county": lan, "label": _label(m), **SRC})
            mu = []
            for k, (kind, setting, entry) in enumerate(MUNICIPAL_KINDS):
                uid = f"{m}-{kind}-{k}"
                mu.append(uid)
                unit_kind[uid] = kind
                c["units"].append(
                    {
                        "id": uid,
                        "kind": kind,
                        "principal": m,
                        "care_level": None if kind == "needs_assessment" else "kommunvard",
                        "settings": [setting],
                        "entry": entry,
                        "label": _label(uid),
                        **SRC,
                    }
                )
            municipal_units[m] = mu
        # a shared unit of each county's municipalities (a principal group), as in the Dalarna model
        uid = f"kommuner-{lan}-gemensam-rehab"
        unit_kind[uid] = "municipal_rehab_ordinary"
        c["units"].append(
            {
                "id": uid,
                "kind": "municipal_rehab_ordinary",
                "principal": f"kommuner-{lan}",
                "care_level": "kommunvard",
                "settings": ["hemmet"],
                "label": _label(uid),
                **SRC,
            }
        )
        region_units[lan].append(uid)
    return counties, municipalities, region_units, municipal_units, unit_kind


def _handovers(
    c: dict[str, list],
    rng: random.Random,
    n_handovers: int,
    counties: list[str],
    municipalities: dict[str, list[str]],
    region_units: dict[str, list[str]],
    municipal_units: dict[str, list[str]],
    unit_kind: dict[str, str],
) -> list[dict]:
    """``n_handovers`` handovers, nearly all inside a catchment; those into home healthcare."""
    # handovers: inside a catchment (the municipality's units and its county's region units)
    catchment_units = [
        (lan, m, region_units[lan] + municipal_units[m]) for lan in counties for m in municipalities[lan]
    ]
    into_home: list[dict] = []
    i = -1
    while len(c["handovers"]) < n_handovers:
        i += 1
        lan, _, pool = rng.choice(catchment_units)
        a, b = rng.sample(pool, 2)
        if rng.random() < 0.02:  # highly specialised care in another county: one national component
            a, b = rng.choice(region_units[lan][:-1]), rng.choice(region_units[rng.choice(counties)][:-1])
            if a == b:
                continue
        h = {
            "id": f"h{i}",
            "from": a,
            "to": b,
            "trigger": rng.choice(["remiss", "utskrivning", "vardbegaran"]),
            "mode": rng.choice(MODES),
            "needs": rng.sample([n for n, _ in NEEDS], rng.randint(0, 3)),
            "profile": _profile(rng),
            "label": _label(f"h{i}"),
            **SRC,
        }
        if rng.random() < 0.3:
            h["on_reject"] = {"to": rng.choice(pool)}
        if rng.random() < 0.01:
            h["crosses"] = [f"grans{rng.randrange(300)}"]
        c["handovers"].append(h)
        if unit_kind[b] == "home_healthcare":
            into_home.append(h)
    return into_home


def synthetic_model(n_handovers: int = 50_000, seed: int = 1) -> Model:
    """The model the module's docstring describes, the same for the same arguments."""
    rng = random.Random(seed)
    c: dict[str, list] = {name: [] for name in COLLECTIONS}
    _catalogue(c)
    counties, municipalities, region_units, municipal_units, unit_kind = _units(c)
    all_units = [u["id"] for u in c["units"]]
    owned_needs = [n for n, _ in NEEDS if n != "bmb"]
    for u in all_units:
        if rng.random() < 0.9:
            c["responsibilities"].append(
                {
                    "id": f"r-{u}",
                    "needs": rng.sample(owned_needs, rng.randint(1, 5)),
                    "owner": u,
                    "profile": _profile(rng),
                    "label": _label(f"ansvar {u}"),
                    **SRC,
                }
            )
    into_home = _handovers(c, rng, n_handovers, counties, municipalities, region_units, municipal_units, unit_kind)
    _routes(c, rng, into_home)
    _sip_points(c, rng, all_units)
    _county_rules(c, rng, counties, region_units, owned_needs)
    meta = Meta.model_validate(
        {
            "id": "syntetisk",
            "label": _label("syntetisk"),
            "version": "1",
            "date": "2026-01-01",
            "county": "se",
            "source": {"doc": "src"},
        }
    )
    collections = {name: [COLLECTIONS[name].model_validate(e) for e in items] for name, items in c.items()}
    return Model(meta=meta, collections=collections)


def _routes(c: dict[str, list], rng: random.Random, into_home: list[dict]) -> None:
    """Up to 1,000 routes ending in a handover into home care, half of them with the handover before it."""
    by_receiver: dict[str, list[dict]] = {}
    for h in c["handovers"]:
        by_receiver.setdefault(h["to"], []).append(h)
    for r, last in enumerate(rng.sample(into_home, min(1000, len(into_home)))):
        chain = [last["id"]]
        before = by_receiver.get(last["from"])
        if before and rng.random() < 0.5:
            chain.insert(0, rng.choice(before)["id"])
        c["routes"].append({"id": f"vag{r}", "number": r + 1, "handovers": chain, "label": _label(f"väg {r}"), **SRC})


def _sip_points(c: dict[str, list], rng: random.Random, all_units: list[str]) -> None:
    """3,000 SIP points at random handovers, each with two random parties and, mostly, the handover's ends."""
    for s, h in enumerate(rng.sample(c["handovers"], 3000)):
        parties = rng.sample(all_units[:50], 2) + [h["from"]] * (rng.random() < 0.8) + [h["to"]] * (rng.random() < 0.8)
        c["sip_points"].append(
            {
                "id": f"sip{s}",
                "at": h["id"],
                "called_by": h["from"],
                "participants": parties,
                "profile": _profile(rng),
                "label": _label(f"sip {s}"),
                **SRC,
            }
        )


def _county_rules(
    c: dict[str, list], rng: random.Random, counties: list[str], region_units: dict[str, list[str]], needs: list[str]
) -> None:
    """300 boundaries and 500 coordination rules over a random county's units; an escalation path
    for every county but the last two."""
    for b in range(300):
        lan = rng.choice(counties)
        dim = rng.choice(sorted(DIMENSIONS))
        lo, hi = rng.sample(DIMENSIONS[dim], 2)
        c["boundaries"].append(
            {
                "id": f"grans{b}",
                "dimension": dim,
                "from_value": lo,
                "to_value": hi,
                "units": rng.sample(region_units[lan], 3),
                "label": _label(f"gräns {b}"),
                **SRC,
            }
        )
    for k in range(500):
        lan = rng.choice(counties)
        c["coordination_rules"].append(
            {
                "id": f"samordning{k}",
                "needs": rng.sample(needs, 2),
                "owners": rng.sample(region_units[lan], 3),
                "profile": _profile(rng),
                "text": "regel",
                "label": _label(f"samordning {k}"),
                **SRC,
            }
        )
    for lan in counties[:-2]:  # two counties without an escalation path: PW117 findings
        c["escalation_paths"].append(
            {
                "id": f"oenighet-{lan}",
                "between": [f"region-{lan}", f"kommuner-{lan}"],
                "body": "chefsmöte",
                "label": _label(f"oenighet {lan}"),
                **SRC,
            }
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--handovers", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--graph", action="store_true", help="also time build_graph")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per rule, each on a fresh Context; the best is shown"
    )
    args = parser.parse_args()

    t = time.perf_counter()
    model = synthetic_model(args.handovers, args.seed)
    print(
        f"model: {len(model.units)} units, {len(model.handovers)} handovers, "
        f"{len(model.responsibilities)} responsibilities, {len(model.sip_points)} SIP points, "
        f"{len(model.routes)} routes  ({time.perf_counter() - t:.1f} s to build)"
    )
    if args.graph:
        t = time.perf_counter()
        G = build_graph(model)
        print(f"build_graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges  {time.perf_counter() - t:.2f} s")
        del G
    rules = {r.code: r for r in all_rules() if r.code in CODES}
    best: dict[str, list[float]] = {}
    for _attempt in range(args.repeat):
        ctx = Context(model, G=nx.MultiDiGraph())  # fresh: no shared index, catchments or cube memo
        t = time.perf_counter()
        index = handover_index(ctx)
        shared = {"handover index": time.perf_counter() - t}
        t = time.perf_counter()
        _ = ctx.catchments
        shared["catchments"] = time.perf_counter() - t
        t = time.perf_counter()
        _ = ctx.space
        shared["profile space"] = time.perf_counter() - t
        for name, seconds in shared.items():
            best[name] = [min(best.get(name, [seconds])[0], seconds)]
        counts = {}
        for code in CODES:
            t = time.perf_counter()
            hits = list(rules[code].check(ctx))
            checked = time.perf_counter() - t
            t = time.perf_counter()
            findings = run_rules(ctx, [rules[code]])
            total = time.perf_counter() - t
            assert len(findings) == len({h.key for h in hits})
            old = best.get(code, [checked, total])
            best[code] = [min(old[0], checked), min(old[1], total)]
            counts[code] = (len(hits), Counter(str(h.key[0]) for h in hits) if code in ("PW110", "PW113") else None)
    print(
        f"shared, computed once per analysis (best of {args.repeat}): "
        + ", ".join(f"{name} {best[name][0]:.3f} s" for name in shared)
    )
    units = nx.DiGraph()
    units.add_nodes_from(range(len(index.units)))
    units.add_edges_from(zip(index.senders, index.receivers, strict=True))
    print(
        f"unit graph: {units.number_of_nodes()} units, {units.number_of_edges()} unit pairs, "
        f"{nx.number_strongly_connected_components(units)} strongly connected components, the largest "
        f"{max(len(c) for c in nx.strongly_connected_components(units))} units; {len(ctx.catchments)} catchments"
    )
    print(
        f"{'rule':6} {'hits':>6} {'check s':>8} {'run_rules s':>12}   (best of {args.repeat}; run_rules = check again + Finding objects)"
    )
    for code in CODES:
        n, parts = counts[code]
        print(f"{code:6} {n:6d} {best[code][0]:8.3f} {best[code][1]:12.3f}" + (f"   {dict(parts)}" if parts else ""))


if __name__ == "__main__":
    main()
