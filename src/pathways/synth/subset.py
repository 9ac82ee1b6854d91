"""One region of a synthetic model, as a model of its own (for per-region diagrams).

A national overview cannot be drawn in one piece (Graphviz does not finish a graph of
thousands of units), so it is drawn per region: the region's principal, municipalities
and units, the shared catalogue, and every element that stays inside the region.
"""

from __future__ import annotations

import copy

from pathways.synth.parts import COLLECTION_ORDER, Region, Synth

SHARED = ("sources", "care_levels", "roles", "needs", "dimensions", "settings", "events", "grey_zones")


def region_subset(synth: Synth, region: Region) -> Synth:
    """A new :class:`Synth` with ``region`` only (no planted gaps recorded: plantings may cross regions)."""
    units = {
        u["id"]
        for u in synth.collections["units"]
        if u["principal"] == region.id or u["principal"] in {m.id for m in region.municipalities}
    }
    principals = {region.id, *(m.id for m in region.municipalities)}
    parties = principals | {region.group}
    keep: dict[str, list[dict]] = {name: [] for name in COLLECTION_ORDER}
    for name in SHARED:
        keep[name] = [copy.deepcopy(e) for e in synth.collections[name]]
    keep["principals"] = [copy.deepcopy(p) for p in synth.collections["principals"] if p["id"] in principals]
    keep["principal_groups"] = [
        copy.deepcopy(g) for g in synth.collections["principal_groups"] if g["id"] == region.group
    ]
    keep["units"] = [copy.deepcopy(u) for u in synth.collections["units"] if u["id"] in units]
    keep["responsibilities"] = [copy.deepcopy(r) for r in synth.collections["responsibilities"] if r["owner"] in units]
    handovers = [h for h in synth.collections["handovers"] if h["from"] in units and h["to"] in units]
    kept_handovers = {h["id"] for h in handovers}
    for original in handovers:
        h = copy.deepcopy(original)
        if h.get("on_reject", {}).get("to") not in (None, *units):
            del h["on_reject"]["to"]
        keep["handovers"].append(h)
    for c in synth.collections["coordination_rules"]:
        owners = [o for o in c["owners"] if o in units]
        if len(owners) >= 2 and len(owners) == len(c["owners"]):
            keep["coordination_rules"].append(copy.deepcopy(c))
    keep["routes"] = [copy.deepcopy(r) for r in synth.collections["routes"] if set(r["handovers"]) <= kept_handovers]
    keep["sip_points"] = [
        copy.deepcopy(s)
        for s in synth.collections["sip_points"]
        if (s["at"] in units or s["at"] in kept_handovers)
        and s["called_by"] in units
        and set(s["participants"]) <= units
    ]
    keep["escalation_paths"] = [
        copy.deepcopy(e) for e in synth.collections["escalation_paths"] if set(e["between"]) <= parties
    ]
    keep["boundaries"] = [copy.deepcopy(b) for b in synth.collections["boundaries"] if set(b["units"]) <= units]
    keep["cost_rules"] = [copy.deepcopy(c) for c in synth.collections["cost_rules"] if c["payer"] in principals | units]
    meta = dict(
        synth.meta,
        id=f"{synth.meta['id']}-{region.id}",
        label={
            "sv": f"{synth.meta['label']['sv']}: {region.name}",
            "en": f"{synth.meta['label']['en']}: {region.name}",
        },
    )
    sub = Synth(1, len(region.municipalities), synth.seed, meta, keep, [region], {})
    for items in keep.values():
        for e in items:
            sub.by_id[e["id"]] = e
    return sub
