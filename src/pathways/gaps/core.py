"""The gap-rule framework: rules, findings with stable ids, configuration, running.

A rule is a module in :mod:`pathways.gaps.rules` holding ``RULE``, a :class:`Rule`:
its code, name, default severity, explanations in Swedish and English, the source
that motivates it, its cost, and ``check(ctx)``, a function that yields :class:`Hit`.
The framework turns hits into :class:`Finding` with a stable id: a hash of the rule
code and the hit's key (element ids and values, never labels, order or positions),
so the same gap has the same id across runs and across edits elsewhere in the model.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from pathways.analysis.coverage import (
    Blocks,
    Catchment,
    CellEntry,
    blocks,
    catchments,
    responsibility_cells,
    setting_masks,
)
from pathways.analysis.profiles import ProfileSpace
from pathways.model.model import Model
from pathways.perf import without_gc

if TYPE_CHECKING:
    import networkx as nx

SEVERITIES = ("info", "warning", "error")
"""Severities, lowest first."""


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    title: dict[str, str]
    explanation: dict[str, str]
    source: str
    complexity: str
    check: Callable[[Context], Iterable[Hit]]


@dataclass
class Hit:
    """What a rule found, before the framework gives it an id and sources."""

    key: tuple
    elements: list[str]
    message: dict[str, str]
    profiles: list[dict[str, list[str]]] = field(default_factory=list)
    data: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Finding:
    id: str
    rule: str
    name: str
    severity: str
    message: dict[str, str]
    elements: tuple[str, ...]
    profiles: tuple[dict, ...]
    profiles_text: dict[str, tuple[str, ...]]
    grey_zones: tuple[int, ...]
    rule_source: str
    sources: dict[str, str]
    data: dict

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "elements": list(self.elements),
            "profiles": list(self.profiles),
            "profiles_text": {k: list(v) for k, v in self.profiles_text.items()},
            "grey_zones": list(self.grey_zones),
            "rule_source": self.rule_source,
            "sources": self.sources,
            "data": self.data,
        }


def finding_id(code: str, key: tuple) -> str:
    """The stable id of a finding: rule code and a short hash of its key.

    >>> finding_id("PW101", ("behandling", "dalarna"))
    'PW101-b53f40c509'
    """
    digest = hashlib.sha1(repr((code, key)).encode("utf-8")).hexdigest()[:10]
    return f"{code}-{digest}"


@dataclass(frozen=True)
class Options:
    """Analysis options: ``calendar`` counts weekends and holidays (time gaps)."""

    calendar: bool = True
    year: int = 2026


class Context:
    """Everything a rule reads, computed once per analysis and shared between rules."""

    def __init__(self, model: Model, G: nx.MultiDiGraph | None = None, options: Options | None = None):
        self.model = model
        self.options = options or Options()
        if G is not None:
            self.G = G

    @cached_property
    def G(self) -> nx.MultiDiGraph:
        """The typed graph, built only when a rule asks for it (networkx imported only then)."""
        from pathways.graph.build import build_graph

        return build_graph(self.model)

    @cached_property
    def space(self) -> ProfileSpace:
        return ProfileSpace.of(self.model)

    @cached_property
    def handover_masks(self) -> list[int]:
        """The profiles each handover carries (``space.mask(h.profile)``), in model order: several rules ask."""
        mask = self.space.mask
        return [mask(h.profile) for h in self.model.handovers]

    @cached_property
    def catchments(self) -> list[Catchment]:
        return catchments(self.model)

    @cached_property
    def responsibility_cells(self) -> tuple[dict[str, list[int]], list[list[CellEntry]]]:
        """:func:`~pathways.analysis.coverage.responsibility_cells` of the model: the blocks and coverages read it."""
        return responsibility_cells(self.model, self.space, setting_masks(self.model, self.space))

    @cached_property
    def blocks(self) -> Blocks:
        """The coverage of the catchments, per block of units alike in the catchments they lie in
        (:func:`~pathways.analysis.coverage.blocks`): what PW101, PW102 and PW111 read."""
        return blocks(self.model, self.space, self.catchments, self.responsibility_cells)

    @cached_property
    def value_labels(self) -> dict[str, dict[tuple[str, str], str]]:
        labels: dict[str, dict[tuple[str, str], str]] = {
            "sv": {("*", "*"): "alla profiler"},
            "en": {("*", "*"): "every profile"},
        }
        for d in self.model.dimensions:
            for v in d.values:
                labels["sv"][(d.id, v.id)] = v.label.sv
                labels["en"][(d.id, v.id)] = v.label.en
        return labels

    def label(self, element_id: str, lang: str = "sv") -> str:
        element = self.model.get(element_id)
        return getattr(element.label, lang) if element is not None else element_id

    def describe(self, cube: dict[str, list[str]], lang: str = "sv") -> str:
        return self.space.describe(cube, self.value_labels[lang], lang)


def _grey_zone_numbers(model: Model, element_ids: Iterable[str]) -> tuple[int, ...]:
    numbers = {g.id: g.number for g in model.grey_zones}
    found = set()
    for eid in element_ids:
        element = model.get(eid)
        for gz in getattr(element, "grey_zones", ()) or ():
            found.add(numbers[gz])
    return tuple(sorted(found))


def _source_text(model: Model, element_id: str) -> str:
    element = model.get(element_id)
    source = getattr(element, "source", None)
    if source is None or isinstance(source, str):
        return ""
    return f"{source.doc}{', ' + source.section if source.section else ''}"


@without_gc
def run_rules(
    ctx: Context,
    rules: Iterable[Rule],
    severity: dict[str, str] | None = None,
    *,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[Finding]:
    """Run rules over a context; findings sorted by severity (highest first), rule, id.

    ``progress(task, done, total)``, if given, is called with task ``gaps`` after each rule.
    """
    severity = severity or {}
    findings: dict[str, Finding] = {}
    rules = list(rules)
    for number, rule in enumerate(rules):
        if progress:
            progress("gaps", number, len(rules))
        for hit in rule.check(ctx):
            fid = finding_id(rule.code, hit.key)
            if fid in findings:
                continue
            elements = tuple(dict.fromkeys(hit.elements))
            findings[fid] = Finding(
                id=fid,
                rule=rule.code,
                name=rule.name,
                severity=severity.get(rule.code, rule.severity),
                message=hit.message,
                elements=elements,
                profiles=tuple(hit.profiles),
                profiles_text={lang: tuple(ctx.describe(c, lang) for c in hit.profiles) for lang in ("sv", "en")},
                grey_zones=_grey_zone_numbers(ctx.model, elements),
                rule_source=rule.source,
                sources={e: _source_text(ctx.model, e) for e in elements},
                data=hit.data,
            )
    if progress:
        progress("gaps", len(rules), len(rules))
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(findings.values(), key=lambda f: (-rank[f.severity], f.rule, f.id))


def at_least(severity: str, threshold: str) -> bool:
    """Whether ``severity`` is ``threshold`` or higher.

    >>> at_least("error", "warning"), at_least("info", "warning")
    (True, False)
    """
    return SEVERITIES.index(severity) >= SEVERITIES.index(threshold)
