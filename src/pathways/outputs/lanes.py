"""Swimlanes: principals, and the care levels inside them, as nested Graphviz clusters.

Used by the overview, the gap overlay and the what-if diagram, so a unit stands in the
same place in all of them. Lanes come in the model's order of principals and care
levels (the order the modeller wrote them, region first); units inside a lane are
sorted by id, so the DOT text does not depend on the order of the YAML files.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

import graphviz

from pathways.model.model import Model
from pathways.outputs.style import LEVEL_BG, MUNICIPALITY_BG, REGION_BG, SMALL, esc, html_label, node_id, t


@dataclass
class Level:
    id: str
    label: dict[str, str]
    units: list[str] = field(default_factory=list)
    children: list[Level] = field(default_factory=list)

    def empty(self) -> bool:
        return not self.units and all(c.empty() for c in self.children)


@dataclass
class Lane:
    id: str
    kind: str
    label: dict[str, str]
    levels: list[Level]


def principal_kind(model: Model, principal_id: str) -> str:
    """``region`` or ``municipality`` for a principal or a principal group."""
    p = model.get(principal_id)
    if model.kind_of.get(principal_id) == "principal_groups":
        kinds = {model.by_id[m].kind for m in model.by_id[principal_id].members if m in model.by_id}
        return "municipality" if kinds == {"municipality"} else "region"
    return getattr(p, "kind", "region")


def lanes(model: Model, units: list[str] | None = None) -> list[Lane]:
    """The lanes of the units (default: every unit), region lanes first."""
    wanted = set(units) if units is not None else {u.id for u in model.units}
    order = {p.id: i for i, p in enumerate([*model.principals, *model.principal_groups])}
    owners = sorted(
        {u.principal for u in model.units if u.id in wanted},
        key=lambda p: (principal_kind(model, p) != "region", order.get(p, 1 << 30), p),
    )
    result = []
    for owner in owners:
        mine = sorted(u.id for u in model.units if u.principal == owner and u.id in wanted)

        def build(parent: str | None, mine: list = mine) -> list[Level]:
            out = []
            for cl in model.care_levels:
                if cl.parent == parent:
                    lvl = Level(
                        cl.id,
                        {"sv": cl.label.sv, "en": cl.label.en},
                        [u for u in mine if model.by_id[u].care_level == cl.id],
                        build(cl.id, mine),
                    )
                    if not lvl.empty():
                        out.append(lvl)
            return out

        levels = [_collapse(lvl) for lvl in build(None)]
        loose = [u for u in mine if not model.by_id[u].care_level]
        if loose:
            levels.append(Level(f"{owner}--all", {"sv": t("sv", "all_levels"), "en": t("en", "all_levels")}, loose))
        p = model.by_id[owner]
        result.append(Lane(owner, principal_kind(model, owner), {"sv": p.label.sv, "en": p.label.en}, levels))
    return result


def _collapse(lvl: Level) -> Level:
    """A level with no units of its own and one sub-level is drawn as that sub-level."""
    lvl.children = [_collapse(c) for c in lvl.children]
    if not lvl.units and len(lvl.children) == 1:
        return lvl.children[0]
    return lvl


def lane_of_unit(lanes_: list[Lane]) -> dict[str, tuple[str, str]]:
    """unit id -> (lane id, innermost level id)."""
    out: dict[str, tuple[str, str]] = {}

    def walk(lane: Lane, lvl: Level) -> None:
        for u in lvl.units:
            out[u] = (lane.id, lvl.id)
        for c in lvl.children:
            walk(lane, c)

    for lane in lanes_:
        for lvl in lane.levels:
            walk(lane, lvl)
    return out


def lane_rows(model: Model, lanes_: list[Lane]) -> list[list[str]]:
    """Units grouped into rows (one rank each), top to bottom.

    Each care level without sub-levels is a row. Units placed directly on a level that
    has sub-levels join the row of its last sub-level; units with no care level
    ("every level") join the last row of their lane.
    """
    out: list[list[str]] = []
    for lane in lanes_:
        first = len(out)

        def walk(lvl: Level) -> int | None:
            last = None
            for c in lvl.children:
                idx = walk(c)
                last = idx if idx is not None else last
            if not lvl.children:
                out.append(list(lvl.units))
                return len(out) - 1
            if last is None:
                out.append(list(lvl.units))
                return len(out) - 1
            out[last].extend(lvl.units)
            return last

        loose: list[str] = []
        for lvl in lane.levels:
            if lvl.id.endswith("--all"):
                loose.extend(lvl.units)
            else:
                walk(lvl)
        if loose:
            if len(out) > first:
                out[-1].extend(loose)
            else:
                out.append(loose)
    return [sorted(r) for r in out if r]


def draw_lanes(
    canvas: graphviz.Digraph,
    lanes_: list[Lane],
    lang: str,
    unit_node: Callable[[graphviz.Digraph, str], None],
    extra: dict[str, Callable[[graphviz.Digraph], None]] | None = None,
    prefix: str = "",
    levels: bool = True,
) -> None:
    """Draw every lane as a cluster with its care levels nested; ``unit_node`` draws a unit.

    ``extra`` maps a level id to a function that adds more nodes into that level's cluster.
    """
    extra = extra or {}
    for lane in lanes_:
        bg = REGION_BG if lane.kind == "region" else MUNICIPALITY_BG
        with canvas.subgraph(name=node_id(f"cluster_{prefix}lane", lane.id)) as c:
            for lvl in lane.levels:
                if levels:
                    _draw_level(c, lvl, lang, unit_node, extra, prefix, lane.kind != "region")
                else:
                    _draw_units(c, lvl, unit_node)
            # the municipal lanes (below) have their name at the bottom, clear of arrows coming in
            c.attr(
                "graph",
                label=html_label(f"<B>{esc(lane.label[lang])}</B>"),
                labeljust="l",
                labelloc="t" if lane.kind == "region" else "b",
                style="filled,rounded",
                fillcolor=bg,
                color="#9A9A9A",
                penwidth="1.2",
                fontsize=str(SMALL + 3),
                margin="4",
            )


def _draw_units(c, lvl: Level, unit_node) -> None:
    for u in lvl.units:
        unit_node(c, u)
    for child in lvl.children:
        _draw_units(c, child, unit_node)


def _draw_level(c, lvl: Level, lang, unit_node, extra, prefix: str = "", bottom: bool = False) -> None:
    with c.subgraph(name=node_id(f"cluster_{prefix}level", lvl.id)) as s:
        for u in lvl.units:
            unit_node(s, u)
        if lvl.id in extra:
            extra[lvl.id](s)
        for child in lvl.children:
            _draw_level(s, child, lang, unit_node, extra, prefix, bottom)
        s.attr(
            "graph",
            label=html_label(f"{esc(lvl.label[lang])}"),
            labeljust="l",
            labelloc="b" if bottom else "t",
            style="filled,rounded",
            fillcolor=LEVEL_BG,
            color="#B0B0B0",
            penwidth="1",
            fontsize=str(SMALL),
            margin="4",
        )


def rank_rows(
    canvas: graphviz.Digraph, rows_: list[list[str]], extra: dict[int, list[str]] | None = None, prefix: str = ""
) -> list[str]:
    """Keep each row on one rank, rows in order; returns the spine node of each row.

    An invisible spine (one point per row, chained) fixes the order of the rows, so the
    care levels read from hospital to home whatever the handovers are; it stands aside
    from the units, so it does not pull them about. ``newrank`` lets a rank cross
    clusters. ``extra`` adds nodes to a row's rank (by row index).
    """
    extra = extra or {}
    spine = [f"{prefix}spine_{i}" for i in range(len(rows_))]
    for name in spine:
        canvas.node(name, "", shape="point", style="invis", width="0", height="0")
    for a, b in itertools.pairwise(spine):
        canvas.edge(a, b, style="invis")
    for i, r in enumerate(rows_):
        members = [spine[i], *(node_id(f"{prefix}u", u) for u in r), *extra.get(i, [])]
        canvas.body.append("\t{rank=same; " + "; ".join(members) + "}\n")
    return spine
