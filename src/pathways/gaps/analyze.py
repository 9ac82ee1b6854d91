"""Find the gaps of a model: the one entry point the CLI, cases, what-if and reports use."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pathways import cache
from pathways.gaps.config import RuleConfig
from pathways.gaps.core import Context, Finding, Options, run_rules
from pathways.gaps.rules import all_rules
from pathways.model.load import load_keyed
from pathways.model.model import Model

if TYPE_CHECKING:
    import networkx as nx


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

    ``progress(task, done, total)``, if given, is told of each rule run (task ``gaps``).
    No rule reads the typed graph (``G``): they index the model themselves, so it is not
    built here (1.3 s and half the memory of a national run).
    """
    config = config or RuleConfig()
    rules = [r for r in config.select(all_rules()) if codes is None or r.code in codes]
    return run_rules(Context(model, G, options), rules, config.severity, progress=progress)


def gaps_of(
    model_dir: str | Path,
    config: RuleConfig,
    options: Options,
    codes: set[str] | None = None,
    *,
    progress: Callable[[str, int, int], None] | None = None,
) -> tuple[Model, list[Finding]]:
    """Load a model directory and find its gaps, as :func:`find_gaps` does.

    Both are read back from :mod:`pathways.cache` when the files, the rule settings, the
    options and the program are those of an earlier run: the findings are a function of
    those alone (no rule reads the clock or the network).
    """
    model, key = load_keyed(model_dir, progress=progress)
    if key is None:
        return model, find_gaps(model, config, options, codes=codes, progress=progress)
    settings = (
        key,
        sorted(config.disabled),
        sorted(config.severity.items()),
        options,
        sorted(codes or ()),
        codes is None,
    )
    findings_key = hashlib.blake2b(repr(settings).encode(), digest_size=20).hexdigest()
    kept = cache.get("findings", findings_key)
    if isinstance(kept, list):
        return model, kept
    findings = find_gaps(model, config, options, codes=codes, progress=progress)
    cache.put("findings", findings_key, findings)
    return model, findings
