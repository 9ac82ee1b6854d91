"""Find the gaps of a model: the one entry point the CLI, cases, what-if and reports use."""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from pathways.gaps.config import RuleConfig
from pathways.gaps.core import Context, Finding, Options, run_rules
from pathways.gaps.rules import all_rules
from pathways.graph.build import build_graph
from pathways.model.model import Model


def find_gaps(
    model: Model,
    config: RuleConfig | None = None,
    options: Options | None = None,
    G: nx.MultiDiGraph | None = None,
    codes: set[str] | None = None,
    *,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[Finding]:
    """Every finding of the enabled rules (or of ``codes`` only) on a model.

    >>> from pathways.model.load import load_model
    >>> findings = find_gaps(load_model("model"))          # doctest: +SKIP
    >>> sorted({f.rule for f in findings})[:2]             # doctest: +SKIP
    ['PW101', 'PW102']

    ``progress(task, done, total)``, if given, is told of the graph build (task ``graph``,
    when ``G`` is not given) and of each rule run (task ``gaps``).
    """
    config = config or RuleConfig()
    rules = [r for r in config.select(all_rules()) if codes is None or r.code in codes]
    if G is None and progress is not None:
        G = build_graph(model, progress=progress)
    return run_rules(Context(model, G, options), rules, config.severity, progress=progress)
