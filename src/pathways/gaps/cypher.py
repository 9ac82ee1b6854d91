"""Cypher building blocks shared by the gap rules that also run on Neo4j.

A rule module that runs on the server holds its own queries (``CYPHER``, a tuple of
read-only Cypher texts) and turns their rows into hits (``from_rows(ctx, rows)``), next to
its in-memory ``check``; :mod:`pathways.graphstore.gaps` only runs them. This module holds
what several of those queries share: the parameters every value is passed as, the
fragments that read the version, its dimensions, its profile space and its catchments,
and the helpers that read profiles and catchments back out of the rows. Constant text
only: nothing here talks to a server.
"""

from __future__ import annotations

from pathways.analysis.profiles import ProfileSpace
from pathways.model.schema import Meta

LANGS = ("sv", "en")

# --- parameters: every value the queries compare with ----------------------------------

JSON_ESCAPES = [['\\"', '"'], ["\\n", "\n"], ["\\r", "\r"], ["\\t", "\t"], ["\\b", "\b"], ["\\f", "\f"]] + [
    [f"\\u{c:04x}", chr(c)] for c in range(32)
]

PARAMS = {
    # Reading a dimension's value ids out of its ``values_json`` (json.dumps with sorted keys:
    # every value is ``{"id": <id>, "label": {...}}``; inside a JSON string a quote is always
    # escaped, so these separators cannot occur in an id or a label).
    "json": {"open": '{"id": "', "close": '", "label": {', "backslash": "\\", "escapes": JSON_ESCAPES},
    "municipality": "municipality",
    "region": "region",
    "coordination": "coordination",
    "sip_id": "sip",
    # ``\bSIP\b`` of Python's ``re`` (a word character is a letter, a digit or ``_``), whole-string for ``=~``.
    "sip_word": r"(?s)(?:.*[^\p{L}\p{N}_])?SIP(?:[^\p{L}\p{N}_].*)?",
    "social_dim": "social",
    "social_value": "ja",
    "device_order": "device_order",
    "needs_assessment": "needs_assessment",
    "sender": "sender",
    "receiver": "receiver",
    "unit": "unit",
    "discharge": {"trigger": "utskrivning", "ready": "utskrivningsklar"},
    "reason": {"none": "none", "receiver": "receiver", "dead_end": "dead_end"},
}


# --- Cypher fragments (constant text) ----------------------------------------------------

VERSION = "MATCH (v:PwVersion {name: $version})"

DIMS = """
CALL (v) {
  MATCH (d:Dimension {build: v.build})
  WITH d ORDER BY d.id
  WITH d, [chunk IN tail(split(d.values_json, $json.open)) | split(chunk, $json.close)[0]] AS raw
  RETURN collect({id: d.id, values: [r IN raw |
    reduce(out = null, part IN split(r, $json.backslash + $json.backslash) |
      CASE WHEN out IS NULL THEN '' ELSE out + $json.backslash END
      + reduce(t = part, e IN $json.escapes | replace(t, e[0], e[1])))]}) AS dims
}"""
"""``dims``: the dimensions by id, each ``{id, values}`` with its value ids in model order."""

SPACE = """
WITH *, [d IN dims | size(d.values)] AS sizes
WITH *, [k IN range(0, size(dims) - 1) | reduce(p = 1, s IN sizes[k + 1..] | p * s)] AS strides,
     reduce(p = 1, s IN sizes | p * s) AS n_profiles
WITH *, [i IN range(0, n_profiles - 1) |
  [k IN range(0, size(dims) - 1) | dims[k].values[(i / strides[k]) % sizes[k]]]] AS space"""
"""``space``: every profile, as its values aligned with ``dims`` (mixed radix, last dimension fastest)."""


SPACE_SIZE = (
    VERSION
    + DIMS
    + """
RETURN reduce(p = 1, d IN dims | p * size(d.values)) AS size"""
)
"""The number of profiles, checked before a query enumerates them (``profiles.MAX_PROFILES``)."""


def cube(var: str, field: str = "profile") -> str:
    """Cypher: the constraint of ``var`` as a list aligned with ``dims`` (null: any value)."""
    return f"[d IN dims | {var}['{field}_' + d.id]]"


def sparse(var: str, field: str = "profile") -> str:
    """Cypher: the constraint of ``var`` as ``[dimension index, values]`` pairs, for the dimensions it constrains."""
    return f"[k IN range(0, size(dims) - 1) WHERE {var}['{field}_' + dims[k].id] IS NOT NULL | [k, {var}['{field}_' + dims[k].id]]]"


def within(sparse_expr: str, profile: str) -> str:
    """Cypher: the profile (values aligned with ``dims``) lies in a sparse cube."""
    return f"all(kv IN {sparse_expr} WHERE {profile}[kv[0]] IN kv[1])"


def meet(*cubes: str) -> str:
    """Cypher: the cubes (lists aligned with ``dims``) share a profile. O(D * values), nothing enumerated.

    For each dimension, some value of the first constrained list is allowed by all the others
    (a dimension none of them constrains has values: a dimension has at least two).
    """
    first = f"coalesce({', '.join(f'({c})[k]' for c in cubes)})"
    allowed = " AND ".join(f"(({c})[k] IS NULL OR x IN ({c})[k])" for c in cubes)
    return f"all(k IN range(0, size(dims) - 1) WHERE {first} IS NULL OR any(x IN {first} WHERE {allowed}))"


CATCHMENTS = """
CALL (v) {
  CALL (v) {
    CALL (v) {
      MATCH (o:Principal|PrincipalGroup {build: v.build})
      WHERE EXISTS { (:Unit)-[:BELONGS_TO]->(o) }
      CALL (o) {
        MATCH (p:Principal)-[:MEMBER_OF]->(o) RETURN p
        UNION
        WITH o WHERE o:Principal RETURN o AS p
      }
      WITH DISTINCT v, o, p
      CALL (v, p) {
        WITH p WHERE p.kind = $municipality RETURN [p] AS ms
        UNION
        WITH p WHERE p.kind <> $municipality
        MATCH (m:Principal {build: v.build, kind: $municipality}) WHERE m.county = p.county RETURN collect(m) AS ms
      }
      UNWIND ms AS m
      WITH DISTINCT m, o ORDER BY o.id
      WITH m, collect(o) AS owners
      RETURN collect({m: m, owners: owners}) AS reached
    }
    CALL (v, reached) {
      MATCH (m:Principal {build: v.build, kind: $municipality})
      WHERE NOT m IN [r IN reached | r.m]
      RETURN collect({m: m, owners: []}) AS unreached
    }
    UNWIND reached + unreached AS r
    WITH r.m.county AS county, r.owners AS owners, r.m.id AS member ORDER BY member
    WITH county, owners, collect(member) AS members
    WITH county, collect({owners: owners, members: members}) AS groups
    UNWIND groups AS g
    RETURN county, [] AS counties, g.members AS members, size(groups) > 1 AS shared, g.owners AS owners
    UNION
    WITH v WHERE NOT EXISTS { MATCH (:Principal {build: v.build, kind: $municipality}) }
    CALL (v) { MATCH (p:Principal {build: v.build}) RETURN collect(DISTINCT p.county) AS counties }
    CALL (v) {
      MATCH (o:Principal|PrincipalGroup {build: v.build})
      WHERE EXISTS { (:Unit)-[:BELONGS_TO]->(o) }
      RETURN collect(o) AS owners
    }
    RETURN null AS county, counties, [] AS members, false AS shared, owners
  }
  CALL (owners) {
    UNWIND owners AS o
    MATCH (a:Unit {kind: $needs_assessment})-[:BELONGS_TO]->(o)
    WITH a ORDER BY a.id
    RETURN collect(a.id) AS assessors
  }
  RETURN collect({county: county, counties: counties, members: members, shared: shared, owners: owners,
                  assessors: assessors}) AS catchments
}"""
"""``catchments`` (coverage.catchments), one map per catchment: the municipalities (``members``)
whose patients reach the same units - those of their own municipality (directly or through a
group) and those of the region principals of their county. A unit is reached through its
principal or group (its *owner*, ``BELONGS_TO``), so a catchment is held as its ``owners`` (the
principals and groups with units that its members reach) and its needs-assessment units
(``assessors``, by id). A model without municipalities has one catchment of every owner.
Cost: O(O * (G + M) + M * O_m) for O owners with units, groups of G members, M municipalities
reaching O_m owners each, then O(U_c) per catchment for its assessors."""

PRINCIPAL_KIND = """
CALL ({owner}) {{
  OPTIONAL MATCH (member:Principal)-[:MEMBER_OF]->({owner})
  WITH {owner}, collect(DISTINCT member.kind) AS member_kinds
  WITH CASE WHEN {owner}:PrincipalGroup THEN member_kinds ELSE [{owner}.kind] END AS kinds
  RETURN CASE WHEN size(kinds) = 1 THEN kinds[0] END AS {out}
}}"""
"""``region`` or ``municipality`` for a principal or a (one-kind) principal group, else null:
the kind of the units that belong to it (``BELONGS_TO``)."""


def principal_kind(owner: str, out: str) -> str:
    return PRINCIPAL_KIND.format(owner=owner, out=out)


# --- rows back to profiles and catchments ----------------------------------------------


def positions(space: ProfileSpace):
    """Profile (values aligned with ``dims``) -> its bit in ``space``."""
    stride, s = {}, 1
    for d, vs in reversed(space.dims):
        stride[d] = s
        s *= len(vs)
    index = {d: {v: i for i, v in enumerate(vs)} for d, vs in space.dims}

    def mask(dims: list[str], profiles: list[list[str]]) -> int:
        bits = 0
        for p in profiles:
            bits |= 1 << sum(index[d][value] * stride[d] for d, value in zip(dims, p, strict=True))
        return bits

    return mask


def catchment_id(c: dict, meta: Meta) -> str:
    """coverage.catchments' id of a catchment row, with Python's sort."""
    if c["county"] is None:
        return (sorted(c["counties"]) or [meta.county])[0]
    return f"{c['county']}/{'+'.join(sorted(c['members']))}" if c["shared"] else c["county"]
