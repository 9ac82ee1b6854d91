"""One pipeline: everything the outputs show, computed once.

:func:`analyse` runs, for one model and its optional cases and scenarios, the gap rules
once on the model and once on each scenario's changed model, traces every case, and
compares each scenario with the model; :class:`Analysis` hands the results to every
output (diagrams, report, workbook, Word). Outputs render an :class:`Analysis`; they
never run an analysis themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import networkx as nx

from pathways.analysis.inventory import Assumption, assumptions
from pathways.analysis.regions import Summary, summarise
from pathways.cases.format import Case
from pathways.cases.trace import Trace, TraceOptions, Tracer
from pathways.conformance.run import JourneyLog
from pathways.conformance.run import Result as ConformanceResult
from pathways.gaps.analyze import find_gaps
from pathways.gaps.config import RuleConfig
from pathways.gaps.core import Context, Finding, Options
from pathways.graph.build import build_graph
from pathways.model.model import Model
from pathways.scenarios.apply import apply_scenarios
from pathways.scenarios.format import Scenario
from pathways.scenarios.ownership import Indexed
from pathways.scenarios.whatif import WhatIf, WhatIfOptions, compare
from pathways.stamp import Stamp, stamp_of


@dataclass
class Comparison:
    """One what-if comparison: a scenario applied to the model on its own."""

    id: str
    label: dict[str, str]
    changed: Model
    whatif: WhatIf
    scenarios: list[Scenario] = field(default_factory=list)


@dataclass
class ReportSection:
    """A part of the report that another analysis provides (conformance to an event log,
    say): a title, paragraphs and tables, each text in Swedish and English. Every report
    format shows it after the what-if part, under "Fler analyser"."""

    id: str
    title: dict[str, str]
    paragraphs: list[dict[str, str]] = field(default_factory=list)
    tables: list[dict] = field(default_factory=list)
    """Each ``{"headers": {lang: [...]}, "rows": [[cell, ...], ...]}``; cells are plain text."""
    figures: list[str] = field(default_factory=list)
    """Names of diagrams of the report (``Diagram.name``) shown in the section, in order."""

    def render(self, lang: str) -> dict:
        """The section in one language, as the report formats read it."""
        return {
            "id": self.id,
            "title": self.title.get(lang) or self.title.get("sv", self.id),
            "paragraphs": [p.get(lang) or p.get("sv", "") for p in self.paragraphs],
            "tables": [
                {"headers": t["headers"].get(lang) or t["headers"].get("sv", []), "rows": t["rows"]}
                for t in self.tables
            ],
            "figures": list(self.figures),
        }


@dataclass
class Analysis:
    """The model and what the analyses found in it; what every output renders."""

    model: Model
    findings: list[Finding]
    traces: list[Trace] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    stamp: Stamp | None = None
    sections: list[ReportSection] = field(default_factory=list)
    """Extra report sections other analyses provide; append to it before rendering."""
    conformance: ConformanceResult | None = None
    """A journey log judged against the model (``analyse(..., journey_log=...)``), else None."""

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The typed graph of the model, built when an output asks for it (the list of assumptions)."""
        return build_graph(self.model)

    def assumptions(self, lang: str = "sv") -> list[Assumption]:
        return assumptions(self.graph, lang)

    @cached_property
    def summary(self) -> Summary:
        """The model summed up per county and where each finding is: what the national diagrams draw."""
        return summarise(self.model, self.findings)


def analyse(
    model: Model,
    cases: Sequence[Case] = (),
    scenarios: Sequence[Scenario] = (),
    config: RuleConfig | None = None,
    *,
    calendar: bool = True,
    model_dir: str | Path | None = None,
    journey_log: JourneyLog | None = None,
) -> Analysis:
    """Gaps, traces and what-if comparisons of a model, each rule set run once per model variant;
    with ``journey_log``, its journeys judged against the model (with the model's findings)."""
    options = Options(calendar=calendar)
    context = Context(model, options=options)
    findings = find_gaps(model, config, options, context=context)
    tracer = Tracer(model, findings, TraceOptions(calendar=calendar)) if cases else None
    comps = []
    for s in scenarios:
        changed = apply_scenarios(model, [s])
        indexed = Indexed.of(model, changed, options, before=context)
        changed_findings = find_gaps(changed, config, options, context=indexed.after)
        w = compare(
            model,
            changed,
            list(cases),
            WhatIfOptions(calendar=calendar, config=config),
            scenarios=[s],
            findings=(findings, changed_findings),
            indexed=indexed,
        )
        comps.append(Comparison(s.id, dict(s.label), changed, w, [s]))
    return Analysis(
        model=model,
        findings=findings,
        traces=[tracer.trace(c) for c in cases] if tracer is not None else [],
        comparisons=comps,
        stamp=stamp_of(model_dir) if model_dir is not None else None,
        conformance=journey_log.judge(model, findings) if journey_log is not None else None,
    )
