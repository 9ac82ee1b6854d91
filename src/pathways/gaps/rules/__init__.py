"""The catalogue of gap rules: one module per rule, each with ``RULE``."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from pathways.gaps.core import Rule

RULE_MODULES = (
    "pw101_uncovered_need",
    "pw102_overlap",
    "pw103_time_gap",
    "pw104_missing_items",
    "pw105_no_acceptance_gate",
    "pw106_no_rejection_path",
    "pw107_guidance_without_request",
    "pw108_receiver_does_not_own",
    "pw110_missing_sip",
    "pw111_device_process_split",
    "pw112_cost_shifting",
    "pw113_dead_end",
    "pw114_unreachable_unit",
    "pw115_referral_loop",
    "pw116_boundary",
    "pw117_no_escalation",
)


def all_rules() -> list[Rule]:
    """Every rule of the catalogue, by code."""
    rules = [import_module(f"{__name__}.{name}").RULE for name in RULE_MODULES]
    return sorted(rules, key=lambda r: r.code)


def server_rules() -> dict[str, ModuleType]:
    """The rule modules that also run on Neo4j (they hold ``CYPHER`` and ``from_rows``), by code."""
    modules = [import_module(f"{__name__}.{name}") for name in RULE_MODULES]
    return {m.RULE.code: m for m in sorted(modules, key=lambda m: m.RULE.code) if hasattr(m, "CYPHER")}


def find_rule(key: str) -> Rule | None:
    """The rule with this code (any case) or name; None if there is none.

    >>> find_rule("pw101").name, find_rule("uncovered-need").code, find_rule("PW999")
    ('uncovered-need', 'PW101', None)
    """
    for r in all_rules():
        if key.lower() in (r.code.lower(), r.name):
            return r
    return None
