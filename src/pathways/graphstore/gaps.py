"""The graph-shaped gap rules as Cypher, run on the server against one stored version.

Seven rules of :mod:`pathways.gaps.rules` also hold their rule as read-only Cypher (each
module's ``CYPHER`` and ``from_rows``, next to its in-memory ``check``; the shared
fragments are in :mod:`pathways.gaps.cypher`); this module only runs them:
PW101 uncovered-need, PW105 no-acceptance-gate, PW106 no-rejection-path, PW110
missing-sip, PW113 dead-end, PW114 unreachable-unit and PW115 referral-loop. Each query
starts from the version, ``MATCH (v:PwVersion {name: $version})``, reads only nodes of
its build (``{build: v.build}``) and the relationships between them, and decides on the
server which findings there are: it returns each finding's key parts and elements and,
where the rule's decision depends on sets of profiles (PW101, PW110), the profiles
themselves as value lists.

Python then only turns rows into findings, through the same path as the in-memory rules
(a :class:`~pathways.gaps.core.Hit` per row, then :func:`~pathways.gaps.core.run_rules`),
so finding ids, messages, grey zones and sources come out the same. For the texts it
reads the slice of the model the findings name (their elements, the dimensions and the
grey zones; :data:`SLICE`). Two things are spelled in Python on purpose:

* lists the in-memory rules sort (the units of a referral loop in PW115's key, the
  municipalities in a catchment id) are sorted again with Python's ``sorted``: Cypher's
  ``ORDER BY`` compares strings by UTF-16 code unit, Python by code point, and the two
  differ for characters beyond U+FFFF; the server decides membership, Python the
  spelling;
* profile sets are drawn as cubes by :meth:`ProfileSpace.minimal_cubes`, as the rules do.

The store does not keep the order of a collection (``pull`` returns elements by id), so
the dimensions are taken in id order: the cubes are the same sets, but where the text of
a cube lists several dimensions it lists them in id order, not in the model file's.

Safety: every value is a query parameter (names of kinds, modes, the ``social``
dimension, the JSON separators); labels and relationship types are the fixed ones of
:mod:`pathways.graph.kinds`; the only text composed in Python is constant Cypher.

Polynomial traversals: the reachability of PW114 and PW115 is written as variable-length
patterns whose end node is only used ``DISTINCT``ly, with the node predicate inline
(``WHERE all(x IN nodes(p) WHERE ...)``), which Neo4j 5 plans as
``VarLengthExpand(Pruning,BFS)``: a breadth-first search that visits each node once. Not
``SHORTEST``: on Neo4j 5.26 ``MATCH SHORTEST 1 (a)(...)+(b)`` with an open end traces
every shortest path and takes exponential time on a chain of diamonds (measured: each
added diamond doubles the time, 11 s for 20). The tests assert the plan and time a chain
of 60 diamonds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import partial

import neo4j

from pathways.analysis.profiles import MAX_PROFILES
from pathways.gaps.core import Context, Finding, Hit, Rule, run_rules
from pathways.gaps.cypher import PARAMS, SPACE_SIZE
from pathways.gaps.rules import all_rules, server_rules
from pathways.graphstore.store import model_of, read_consistently, session_of
from pathways.model.model import Model

SERVER = server_rules()
SERVER_RULES = tuple(SERVER)
"""The rules that run as Cypher on the server: those whose module holds ``CYPHER``."""
QUERIES: dict[str, tuple[str, ...]] = {code: module.CYPHER for code, module in SERVER.items()}
"""The Cypher of each rule: readable with ``pathways neo4j query`` too (``$version`` is ``--name``)."""


# --- reading the version ------------------------------------------------------------------


@dataclass
class Rows:
    """What the server returned for one version: each query's rows and the slice of the model they name."""

    build: str
    rows: dict[str, list[list[dict]]]
    model: Model


SLICE = """
MATCH (v:PwVersion {name: $version})
CALL (v) {
  UNWIND $ids AS id
  MATCH (x:Pw {build: v.build, id: id})
  RETURN x
  UNION
  MATCH (x:Dimension|GreyZone {build: v.build})
  RETURN x
}
RETURN DISTINCT x.node_kind AS kind, x.props AS props
"""
"""The elements a set of findings names, with the version's dimensions and grey zones."""


def _rows(tx: neo4j.ManagedTransaction, query: str, params: dict) -> list[dict]:
    return [r.data() for r in tx.run(query, params)]


def _slice(tx: neo4j.ManagedTransaction, version: str, ids: list[str]) -> list[tuple[str, str]]:
    return [(r["kind"], r["props"]) for r in tx.run(SLICE, version=version, ids=ids)]


def _from_rows(code: str, rows: list[list[dict]], ctx: Context) -> Iterable[Hit]:
    return SERVER[code].from_rows(ctx, rows)


def server_rows(driver: neo4j.Driver, version: str, codes: Iterable[str], database: str | None = None) -> Rows:
    """Run the queries of ``codes`` against ``version`` and read the slice of the model they name.

    Each query runs in its own read transaction. A push that moved the version while they ran
    would mix two builds, so they run from one build (:func:`~pathways.graphstore.store.read_consistently`).
    """
    codes = [c for c in SERVER_RULES if c in set(codes)]

    def read(at: tuple[str, str]) -> tuple[tuple[str, str], dict[str, list[list[dict]]], list[tuple[str, str]]]:
        if {"PW101", "PW110"} & set(codes):
            size = session.execute_read(lambda tx: tx.run(SPACE_SIZE, {**PARAMS, "version": version}).single())
            if size is not None and size["size"] > MAX_PROFILES:
                raise ValueError(f"the profile space has {size['size']} profiles; at most {MAX_PROFILES} are analysed")
        rows = {
            code: [session.execute_read(_rows, q, {**PARAMS, "version": version}) for q in SERVER[code].CYPHER]
            for code in codes
        }
        return at, rows, session.execute_read(_slice, version, sorted(_named_ids(rows)))

    with session_of(driver, database) as session:
        (build, meta), rows, elements = read_consistently(session, version, read, "the gap queries ran")
    return Rows(build, rows, model_of(meta, elements))


def _named_ids(rows: dict[str, list[list[dict]]]) -> set[str]:
    """Every element id the rows name: the slice of the model the findings' texts need."""
    ids: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, str):
            ids.add(value)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, dict):
            for k, v in value.items():
                if k not in ("dims", "missing", "profiles", "social_profiles", "catchment"):
                    walk(v)

    for queries in rows.values():
        for query_rows in queries:
            for row in query_rows:
                walk(row)
    return ids


def server_gaps(
    driver: neo4j.Driver,
    version: str,
    codes: Iterable[str] | None = None,
    database: str | None = None,
    severity: dict[str, str] | None = None,
) -> list[Finding]:
    """The findings of the server-side rules (``codes``, default all of :data:`SERVER_RULES`) on a version.

    The same findings as :func:`pathways.gaps.analyze.find_gaps` with ``codes`` on the model
    that was pushed: ids, elements, profiles and messages (see the module docstring for the
    order of dimensions in the texts).
    """
    wanted = set(SERVER_RULES if codes is None else codes)
    unknown = wanted - set(SERVER_RULES)
    if unknown:
        raise ValueError(
            f"not a server-side rule: {', '.join(sorted(unknown))} (these run on the server: {', '.join(SERVER_RULES)})"
        )
    result = server_rows(driver, version, wanted, database)
    ctx = Context(result.model)
    rules: list[Rule] = []
    for rule in all_rules():
        if rule.code in result.rows:
            rows = result.rows[rule.code]
            rules.append(replace(rule, check=partial(_from_rows, rule.code, rows)))
    return run_rules(ctx, rules, severity)
