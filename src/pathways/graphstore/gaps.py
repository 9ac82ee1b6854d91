"""The graph-shaped gap rules as Cypher, run on the server against one stored version.

Seven rules of :mod:`pathways.gaps.rules` are re-implemented here as read-only Cypher:
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

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

import neo4j

from pathways.analysis.handover_graph import cubes_of, named
from pathways.analysis.profiles import MAX_PROFILES, ProfileSpace
from pathways.gaps.core import Context, Finding, Hit, Rule, run_rules
from pathways.gaps.rules import all_rules
from pathways.gaps.rules.pw101_uncovered_need import TEXT as PW101_TEXT
from pathways.gaps.rules.pw106_no_rejection_path import reason_text
from pathways.gaps.rules.pw110_missing_sip import PARTY, WHY
from pathways.gaps.rules.pw114_unreachable_unit import NONE as PW114_NONE
from pathways.gaps.rules.pw114_unreachable_unit import VIA as PW114_VIA
from pathways.graph.kinds import NODE_KINDS
from pathways.graphstore.connection import StoreError
from pathways.model.model import Model
from pathways.model.schema import COLLECTIONS, Meta

SERVER_RULES = ("PW101", "PW105", "PW106", "PW110", "PW113", "PW114", "PW115")
"""The rules that run as Cypher on the server."""

LANGS = ("sv", "en")


class VersionNotFound(LookupError):
    pass


# --- parameters: every value the queries compare with ----------------------------------

_JSON_ESCAPES = [['\\"', '"'], ["\\n", "\n"], ["\\r", "\r"], ["\\t", "\t"], ["\\b", "\b"], ["\\f", "\f"]] + [
    [f"\\u{c:04x}", chr(c)] for c in range(32)
]

PARAMS = {
    # Reading a dimension's value ids out of its ``values_json`` (json.dumps with sorted keys:
    # every value is ``{"id": <id>, "label": {...}}``; inside a JSON string a quote is always
    # escaped, so these separators cannot occur in an id or a label).
    "json": {"open": '{"id": "', "close": '", "label": {', "backslash": "\\", "escapes": _JSON_ESCAPES},
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


# --- the queries, one per rule (PW110 has three parts) -----------------------------------

PW101 = (
    VERSION
    + CATCHMENTS
    + DIMS
    + SPACE
    + """
CALL (v, dims, space) {
  MATCH (n:Need {build: v.build}), (s:Setting {build: v.build})
  WHERE n.settings IS NULL OR size(n.settings) = 0 OR s.id IN n.settings
  WITH space, n, s, """
    + sparse("n", "applies_to")
    + """ AS need_cube, """
    + sparse("s")
    + """ AS setting_cube
  WITH n, s, [p IN space WHERE """
    + within("need_cube", "p")
    + " AND "
    + within("setting_cube", "p")
    + """] AS required
  WHERE size(required) > 0
  RETURN collect({need: n.id, setting: s.id, required: required}) AS cells
}
CALL (v, dims) {
  MATCH (o:Principal|PrincipalGroup {build: v.build})<-[:BELONGS_TO]-(u:Unit)-[:HOLDS]->(r:Responsibility)
  WITH o, r, """
    + sparse("r")
    + """ AS covering,
       CASE WHEN r.settings IS NULL OR size(r.settings) = 0 THEN u.settings ELSE r.settings END AS settings
  UNWIND r.needs AS need
  UNWIND settings AS setting
  WITH o, need, setting, collect(DISTINCT covering) AS covers
  WITH o, collect({need: need, setting: setting, covers: covers}) AS held
  RETURN collect({owner: o, held: held}) AS holdings
}
UNWIND catchments AS c
CALL (c, holdings) {
  UNWIND holdings AS h
  WITH c, h WHERE h.owner IN c.owners
  UNWIND h.held AS x
  UNWIND x.covers AS covering
  WITH x.need AS need, x.setting AS setting, covering ORDER BY covering
  WITH need, setting, collect(DISTINCT covering) AS covers
  RETURN collect({need: need, setting: setting, covers: covers}) AS held
}
UNWIND range(0, size(cells) - 1) AS i
WITH dims, cells, c, i,
     coalesce([h IN held WHERE h.need = cells[i].need AND h.setting = cells[i].setting | h.covers][0], []) AS covers
WITH dims, cells, i, covers, collect(c {.county, .counties, .members, .shared}) AS same
WITH dims, cells[i] AS cell, same, [p IN cells[i].required WHERE none(rc IN covers WHERE """
    + within("rc", "p")
    + """)] AS missing
WHERE size(missing) > 0
UNWIND same AS c
RETURN cell.need AS need, cell.setting AS setting, c AS catchment, [d IN dims | d.id] AS dims, missing
"""
)
"""PW101: per catchment, need and setting where the need must be owned, the profiles that need
it there (the need's ``applies_to`` and the setting's ``profile``) that no responsibility of a
unit of the catchment covers in that setting (its ``settings``, or where its owner works). The
profile space is enumerated on the server from the dimensions' values. Cost: O(P * D) to
enumerate P profiles of D dimensions and O(N * S * P * D) for what each need requires in each
setting; O(R * N_r * S_r) to index what each owner (principal or group) holds per need and
setting; O(C * (O + H_c log H_c + N * S * E)) to merge, per catchment, the holdings of its few
owners (H_c entries, E per catchment after merging); catchments whose covering profiles are the
same for a need and a setting share one O(P * D * R_ns) profile-by-profile comparison (a
national model's 290 catchments have only a handful of distinct ones)."""

PW105 = (
    VERSION
    + """
MATCH (a:Unit)-[:SENDS]->(h:Handover {build: v.build})-[:TO]->(b:Unit)
WHERE NOT EXISTS { (h)-[:GATED_BY]->() }
RETURN h.id AS handover, a.id AS sender, b.id AS receiver, h.mode AS mode
"""
)
"""PW105: handovers with no acceptance gate (no ``GATED_BY``). Cost: O(H)."""

PW106 = (
    VERSION
    + DIMS
    + """
MATCH (a:Unit)-[:SENDS]->(h:Handover {build: v.build})-[:TO]->(b:Unit)
WHERE NOT EXISTS { (h)-[:ESCALATES_TO]->() }
OPTIONAL MATCH (h)-[:ON_REJECT]->(f:Unit)
WITH v, dims, h, a, b, f, """
    + cube("h")
    + """ AS hc
WITH v, dims, h, a, b, f, hc,
  CASE WHEN f IS NULL THEN $reason.none WHEN f = b THEN $reason.receiver ELSE $reason.dead_end END AS reason
WHERE reason <> $reason.dead_end OR NOT (
  EXISTS {
    MATCH (f)-[:HOLDS]->(r:Responsibility)-[:COVERS]->(:Need)<-[:TRANSFERS]-(h)
    MATCH (s:Setting {build: v.build})
    WHERE (EXISTS { (r)-[:IN_SETTING]->(s) } OR (NOT EXISTS { (r)-[:IN_SETTING]->() } AND EXISTS { (f)-[:WORKS_IN]->(s) }))
      AND """
    + meet("hc", cube("r"), cube("s"))
    + """
  }
  OR EXISTS {
    MATCH (f)-[:SENDS]->(o:Handover) WHERE o <> h AND """
    + meet("hc", cube("o"))
    + """
  })
RETURN h.id AS handover, a.id AS sender, b.id AS receiver, reason, f.id AS fallback
"""
)
"""PW106: handovers without an escalation path whose rejection leads nowhere: no ``on_reject``,
back to the receiver, or to a unit that owns none of the handover's needs for any of its
profiles (a responsibility and a setting whose profiles meet the handover's) and has no onward
handover for any of them. Profiles are compared as cubes, nothing is enumerated. Cost:
O(H * (R_f * N_h * S + H_f) * D * V) for the fallback's R_f responsibilities and H_f handovers.
A model where ``on_reject`` names neither a unit nor an escalation does not validate, so its
"nowhere" case is not told apart from "none" (the same finding id)."""

_PW110_HEAD = (
    VERSION
    + DIMS
    + SPACE
    + """
CALL (v, dims) {
  MATCH (n:Need {build: v.build, category: $coordination})
  WHERE toLower(n.id) = $sip_id OR (n.label_sv + ' ' + n.label_en) =~ $sip_word
  RETURN collect("""
    + sparse("n", "applies_to")
    + """) AS sip_cubes
}
WITH *, CASE WHEN size(sip_cubes) > 0 THEN sip_cubes ELSE
  [k IN range(0, size(dims) - 1) WHERE dims[k].id = $social_dim AND $social_value IN dims[k].values | [[k, [$social_value]]]]
  END AS social_cubes
WITH *, [p IN space WHERE any(sc IN social_cubes WHERE """
    + within("sc", "p")
    + """)] AS social
"""
)
"""``social``, the profiles of PW110's patients with social care: the SIP needs' ``applies_to``
(category coordination, id ``sip`` or "SIP" in the label), else ``{social: [ja]}`` if the model
has it, else none; also as cubes, ``social_cubes``."""

PW110_ROUTES = (
    _PW110_HEAD
    + """
WITH * WHERE size(social) > 0
CALL (v, dims) {
  MATCH (r:Route {build: v.build})
  CALL (r) {
    MATCH (r)-[:INCLUDES]->(h:Handover)
    MATCH (a:Unit)-[:SENDS]->(h)-[:TO]->(b:Unit)
    RETURN collect(DISTINCT h) AS hs, collect([h.id, a.id, b.id]) AS chain, collect(DISTINCT a) + collect(DISTINCT b) AS us
  }
  CALL (us) {
    UNWIND us AS u
    MATCH (u)-[:BELONGS_TO]->(o)
    WITH DISTINCT o
    """
    + principal_kind("o", "pk")
    + """
    RETURN collect(DISTINCT pk) AS kinds
  }
  WITH * WHERE $region IN kinds AND $municipality IN kinds
  CALL (hs, dims) {
    UNWIND hs AS h
    WITH DISTINCT """
    + sparse("h")
    + """ AS hc ORDER BY hc
    RETURN collect(hc) AS hcs
  }
  CALL (hs, us, dims) {
    UNWIND hs + us AS place
    MATCH (sp:SipPoint)-[:AT]->(place)
    WITH DISTINCT """
    + sparse("sp")
    + """ AS sc ORDER BY sc
    RETURN collect(sc) AS sips
  }
  WITH """
    + sparse("r")
    + """ AS rc, hcs, sips, collect({route: r.id, handovers: r.handovers, chain: chain}) AS same
  RETURN collect({rc: rc, hcs: hcs, sips: sips, same: same}) AS groups
}
UNWIND groups AS g
WITH dims, g, [p IN social WHERE """
    + within("g.rc", "p")
    + """
  AND all(hc IN g.hcs WHERE """
    + within("hc", "p")
    + """)
  AND none(sc IN g.sips WHERE """
    + within("sc", "p")
    + """)] AS missing
WHERE size(missing) > 0
UNWIND g.same AS x
RETURN x.route AS route, x.handovers AS handovers, x.chain AS chain, [d IN dims | d.id] AS dims, missing
"""
)
"""PW110 (a), routes: a route whose handovers' units span region and municipality, and the
social-care profiles that pass all of it (the route's and each handover's ``profile``) with no
SIP point at one of its handovers or units. Cost: O(L + S_L) per route for L handovers and S_L
SIP points; routes with the same cubes share one O(P * D * (L + S_L)) comparison."""

PW110_HANDOVERS = (
    _PW110_HEAD
    + """
WITH * WHERE size(social) > 0
CALL (v, dims) {
  MATCH (ao)<-[:BELONGS_TO]-(a:Unit)-[:SENDS]->(h:Handover {build: v.build})-[:TO]->(b:Unit)-[:BELONGS_TO]->(bo)
  WHERE NOT EXISTS { (:Route)-[:INCLUDES]->(h) } AND EXISTS { (h)-[:TRANSFERS]->() } AND h.mode <> $device_order
  WITH dims, ao, bo, collect([h, a, b]) AS pairs
  """
    + principal_kind("ao", "ka")
    + principal_kind("bo", "kb")
    + """
  WITH * WHERE (ka = $region AND kb = $municipality) OR (ka = $municipality AND kb = $region)
  UNWIND pairs AS t
  WITH dims, t[0] AS h, t[1] AS a, t[2] AS b
  CALL (h, a, b, dims) {
    UNWIND [h, a, b] AS place
    MATCH (sp:SipPoint)-[:AT]->(place)
    WITH DISTINCT """
    + sparse("sp")
    + """ AS sc ORDER BY sc
    RETURN collect(sc) AS sips
  }
  WITH """
    + sparse("h")
    + """ AS hc, sips, collect({handover: h.id, sender: a.id, receiver: b.id, needs: h.needs}) AS same
  RETURN collect({hc: hc, sips: sips, same: same}) AS groups
}
UNWIND groups AS g
WITH dims, g, [p IN social WHERE """
    + within("g.hc", "p")
    + """
  AND none(sc IN g.sips WHERE """
    + within("sc", "p")
    + """)] AS missing
WHERE size(missing) > 0
UNWIND g.same AS x
RETURN x.handover AS handover, x.sender AS sender, x.receiver AS receiver, x.needs AS needs,
       [d IN dims | d.id] AS dims, missing
"""
)
"""PW110 (a), handovers in no route that transfer needs between a region unit and a municipality
unit (not device orders): their social-care profiles with no SIP point at the handover, its
sender or its receiver. Cost: O(H * S_h); handovers with the same cubes share one
O(P * D * S_h) comparison."""

PW110_SIP_POINTS = (
    _PW110_HEAD
    + CATCHMENTS
    + """
CALL (v, dims) {
  MATCH (sp:SipPoint {build: v.build})-[:AT]->(at)
  CALL (at) {
    OPTIONAL MATCH (a:Unit)-[:SENDS]->(at)-[:TO]->(b:Unit)
    OPTIONAL MATCH (a)-[:BELONGS_TO]->(ao)
    OPTIONAL MATCH (b)-[:BELONGS_TO]->(bo)
    OPTIONAL MATCH (at)-[:BELONGS_TO]->(uo)
    RETURN CASE WHEN at:Handover THEN [[a.id, $sender], [b.id, $receiver]] ELSE [[at.id, $unit]] END AS required,
           CASE WHEN at:Handover THEN [ao, bo] ELSE [uo] END AS required_owners
  }
  CALL (sp) {
    OPTIONAL MATCH (sp)-[:PARTICIPANT|CALLED_BY]->(x:Unit)
    OPTIONAL MATCH (x WHERE x.kind = $needs_assessment)-[:BELONGS_TO]->(xo)
    RETURN collect(DISTINCT x.id) AS present, collect(DISTINCT xo) AS assessor_owners
  }
  RETURN collect({sip_point: sp.id, at: at.id, required: required, required_owners: required_owners,
                  present: present, assessor_owners: assessor_owners, spc: """
    + sparse("sp")
    + """,
                  atc: CASE WHEN at:Handover THEN """
    + sparse("at")
    + """ ELSE [] END}) AS points
}
CALL (points, space, social_cubes) {
  UNWIND points AS y
  WITH space, social_cubes, y.spc AS spc, y.atc AS atc, collect(y) AS same
  WITH social_cubes, same, [p IN space WHERE """
    + within("spc", "p")
    + " AND "
    + within("atc", "p")
    + """] AS profiles
  WITH same, profiles, [p IN profiles WHERE any(sc IN social_cubes WHERE """
    + within("sc", "p")
    + """)] AS social_profiles
  UNWIND same AS y
  RETURN collect(y {.*, profiles: profiles, social_profiles: social_profiles}) AS with_profiles
}
CALL (with_profiles, catchments) {
  UNWIND with_profiles AS y
  WITH catchments, y.required_owners AS ro, y.assessor_owners AS ao, collect(y) AS same
  WITH same, CASE WHEN all(y IN same WHERE size(y.social_profiles) = 0) THEN [] ELSE reduce(acc = [], c IN catchments |
    CASE WHEN size(c.assessors) > 0 AND all(o IN ro WHERE o IN c.owners) AND none(o IN ao WHERE o IN c.owners)
         THEN acc + [z IN c.assessors WHERE NOT z IN acc] ELSE acc END) END AS assessors
  UNWIND same AS y
  RETURN collect(y {.*, assessors: assessors}) AS with_assessors
}
UNWIND with_assessors AS x
WITH dims, x, [rq IN x.required WHERE NOT rq[0] IN x.present] AS missing_parties,
     CASE WHEN size(x.social_profiles) = 0 THEN [] ELSE [z IN x.assessors WHERE NOT z IN x.present] END AS lacking
WHERE size(lacking) > 0 OR size(missing_parties) > 0
RETURN x.sip_point AS sip_point, x.at AS at, missing_parties, lacking, [d IN dims | d.id] AS dims,
       x.profiles AS profiles, x.social_profiles AS social_profiles
"""
)
"""PW110 (b): SIP points that leave out the sender or receiver of their handover (or their
unit), and, when their profiles (with the handover's) meet the social-care profiles, the
needs-assessment units of each catchment that holds all the required units (their owners), has
such units and has none of them present. Cost: O(SP * (P_sp + 1)) to read the SIP points;
SIP points are grouped by their pair of cubes, O(P * D) each for the profiles, and by their
required owners and present assessors' owners, O(C * (L_r + A) * O_c) each for the assessors
(C catchments of O_c owners, A assessors)."""

PW113_UNITS = (
    VERSION
    + """
MATCH (u:Unit {build: v.build})
WHERE EXISTS { (u)<-[:TO|ON_REJECT]-(:Handover) }
  AND NOT EXISTS { (u)-[:HOLDS]->(:Responsibility) }
  AND NOT EXISTS { (u)-[:SENDS]->(:Handover) }
CALL (u) {
  MATCH (h:Handover)-[:TO|ON_REJECT]->(u)
  RETURN collect(DISTINCT h.id) AS arriving
}
RETURN u.id AS unit, arriving
"""
)
"""PW113 (a): units that receive patients (a handover's ``to`` or ``on_reject.to``), own no
need and send no handover. Cost: O(U + H)."""

PW113_NEEDS = (
    VERSION
    + """
MATCH (h:Handover {build: v.build})-[:TO]->(u:Unit)
WHERE EXISTS { (u)-[:HOLDS]->(:Responsibility) } OR EXISTS { (u)-[:SENDS]->(:Handover) }
MATCH (h)-[:TRANSFERS]->(n:Need)
WHERE NOT EXISTS { (u)-[:HOLDS]->(:Responsibility)-[:COVERS]->(n) }
  AND NOT EXISTS { (u)-[:SENDS]->(:Handover)-[:TRANSFERS]->(n) }
RETURN h.id AS handover, n.id AS need, u.id AS receiver
"""
)
"""PW113 (b): a handover transfers a need to a receiver (not a dead-end unit) that neither
owns it through a responsibility nor sends a handover that transfers it. Cost:
O(H * N_h * (R_u + H_u))."""

PW114 = (
    VERSION
    + """
CALL (v) {
  MATCH (e:Unit {build: v.build, entry: true})
  MATCH (e)-[:SENDS|TO|ON_REJECT*0..]->(u:Unit)
  RETURN collect(DISTINCT u.id) AS reached
}
MATCH (u:Unit {build: v.build})
WHERE NOT u.id IN reached
CALL (u) {
  OPTIONAL MATCH (h:Handover)-[:TO|ON_REJECT]->(u)
  RETURN collect(DISTINCT h.id) AS leading
}
RETURN u.id AS unit, leading
"""
)
"""PW114: units no move leads to from an entry unit; a move is ``sender -SENDS-> handover
-TO|ON_REJECT-> unit``. One breadth-first search per entry unit (``VarLengthExpand(Pruning,
BFS)``, each node visited once): O(E * (U + H)) for E entry units, then O(U * R) to test the
U units against the R reached ones."""

PW115 = (
    VERSION
    + """
MATCH (n:Need {build: v.build})
WHERE EXISTS { (n)<-[:TRANSFERS]-(:Handover) }
CALL (n) {
  MATCH p = (n)<-[:COVERS|HOLDS|TO|SENDS*]-(x:Unit)
  WHERE all(y IN nodes(p) WHERE NOT y:Handover OR n.id IN y.needs)
  RETURN collect(DISTINCT x) AS reach
}
CALL (n, reach) {
  MATCH (a:Unit)-[:SENDS]->(h:Handover)-[:TRANSFERS]->(n)
  WHERE NOT a IN reach
  WITH DISTINCT n, a ORDER BY a.id
  CALL (n, a) {
    MATCH p = (a)-[:SENDS|TO*1..]->(y:Unit)
    WHERE all(z IN nodes(p) WHERE NOT z:Handover OR n.id IN z.needs)
    RETURN collect(DISTINCT y) AS onward
  }
  RETURN collect({unit: a, onward: onward}) AS starts
}
UNWIND starts AS s
WITH n, s.unit AS a, [t IN starts WHERE t.unit IN s.onward AND s.unit IN t.onward | t.unit] AS loop
WHERE a IN loop
WITH DISTINCT n, loop
CALL (n, loop) {
  UNWIND loop AS a
  MATCH (a)-[:SENDS]->(h:Handover)-[:TO]->(b:Unit)
  WHERE b IN loop AND n.id IN h.needs
  RETURN collect(DISTINCT h.id) AS handovers
}
RETURN n.id AS need, [u IN loop | u.id] AS units, handovers
"""
)
"""PW115: per need, its referral graph (``unit -SENDS-> handover -TO-> unit`` over handovers that
transfer it). The units that reach an owner of the need are found by one breadth-first search
backwards from the need itself (``need <-COVERS- responsibility <-HOLDS- owner``, then back
along the referral graph: all owners are sources of one search); from each unit left that
sends the need on, one forward breadth-first search. Both are ``VarLengthExpand(Pruning,BFS)``:
each node visited once. Units that reach each other form a loop when the unit reaches itself
(a cycle or a self loop); no path or cycle is enumerated. Cost per need: O(U_n + H_n + R_n)
for the owners' search, then O(L_n * (U_n + H_n) + L_n^2 * U_n) for the L_n units left (most
often none), against Tarjan's O(U_n + H_n) in memory."""

QUERIES: dict[str, tuple[str, ...]] = {
    "PW101": (PW101,),
    "PW105": (PW105,),
    "PW106": (PW106,),
    "PW110": (PW110_ROUTES, PW110_HANDOVERS, PW110_SIP_POINTS),
    "PW113": (PW113_UNITS, PW113_NEEDS),
    "PW114": (PW114,),
    "PW115": (PW115,),
}
"""The Cypher of each rule: readable with ``pathways neo4j query`` too (``$version`` is ``--name``)."""


# --- reading the version ------------------------------------------------------------------


@dataclass
class Rows:
    """What the server returned for one version: each query's rows and the slice of the model they name."""

    build: str
    rows: dict[str, list[list[dict]]]
    model: Model


def _session(driver: neo4j.Driver, database: str | None) -> neo4j.Session:
    return driver.session(database=database) if database else driver.session()


def _version(tx: neo4j.ManagedTransaction, version: str) -> tuple[str, str] | None:
    found = tx.run(
        "MATCH (v:PwVersion {name: $version}) RETURN v.build AS build, v.meta AS meta", version=version
    ).single()
    return (found["build"], found["meta"]) if found else None


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


def server_rows(driver: neo4j.Driver, version: str, codes: Iterable[str], database: str | None = None) -> Rows:
    """Run the queries of ``codes`` against ``version`` and read the slice of the model they name.

    Each query runs in its own read transaction. A push that moved the version while they ran
    would mix two builds: the build is read before and after, and the whole run is repeated
    (up to three times) if it moved.
    """
    codes = [c for c in SERVER_RULES if c in set(codes)]
    with _session(driver, database) as session:
        for _ in range(3):
            before = session.execute_read(_version, version)
            if before is None:
                raise VersionNotFound(version)
            if {"PW101", "PW110"} & set(codes):
                size = session.execute_read(lambda tx: tx.run(SPACE_SIZE, {**PARAMS, "version": version}).single())
                if size is not None and size["size"] > MAX_PROFILES:
                    raise ValueError(
                        f"the profile space has {size['size']} profiles; at most {MAX_PROFILES} are analysed"
                    )
            rows: dict[str, list[list[dict]]] = {}
            for code in codes:
                rows[code] = [
                    session.execute_read(lambda tx, q=q: [r.data() for r in tx.run(q, {**PARAMS, "version": version})])
                    for q in QUERIES[code]
                ]
            ids = sorted(_named_ids(rows))
            elements = session.execute_read(
                lambda tx, ids=ids: [(r["kind"], r["props"]) for r in tx.run(SLICE, version=version, ids=ids)]
            )
            after = session.execute_read(_version, version)
            if after == before:
                return Rows(before[0], rows, _model_of(before[1], elements))
    raise StoreError(f"version '{version}' changed three times while the gap queries ran; run again")


def _model_of(meta: str, elements: list[tuple[str, str]]) -> Model:
    """A (partial) model of stored elements; collections in id order (the store keeps no other)."""
    collections: dict[str, list] = {c: [] for c in COLLECTIONS}
    for kind, props in elements:
        collection = NODE_KINDS[kind][0]
        if collection:
            collections[collection].append(COLLECTIONS[collection].model_validate(json.loads(props)))
    for items in collections.values():
        items.sort(key=lambda e: e.id)
    return Model(meta=Meta.model_validate(json.loads(meta)), collections=collections)


# --- rows to hits ---------------------------------------------------------------------------


def _positions(space: ProfileSpace):
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


def _catchment_id(c: dict, meta: Meta) -> str:
    """coverage.catchments' id of a catchment row, with Python's sort."""
    if c["county"] is None:
        return (sorted(c["counties"]) or [meta.county])[0]
    return f"{c['county']}/{'+'.join(sorted(c['members']))}" if c["shared"] else c["county"]


def _pw101(ctx: Context, rows: list[list[dict]]) -> Iterable[Hit]:
    mask_of = _positions(ctx.space)
    for row in rows[0]:
        cid = _catchment_id(row["catchment"], ctx.model.meta)
        missing = mask_of(row["dims"], row["missing"])
        yield Hit(
            key=(row["need"], row["setting"], cid),
            elements=[row["need"], row["setting"]],
            message={
                lang: PW101_TEXT[lang].format(
                    need=ctx.label(row["need"], lang), setting=ctx.label(row["setting"], lang).lower()
                )
                for lang in LANGS
            },
            profiles=ctx.space.minimal_cubes(missing),
            data={
                "need": row["need"],
                "setting": row["setting"],
                "catchment": cid,
                "profiles_count": missing.bit_count(),
            },
        )


def _pw105(ctx: Context, rows: list[list[dict]]) -> Iterable[Hit]:
    for row in rows[0]:
        h = ctx.model.by_id[row["handover"]]
        yield Hit(
            key=(h.id,),
            elements=[h.id, row["sender"], row["receiver"]],
            message={
                "sv": (
                    f"{ctx.label(h.id, 'sv')}: ingen hos {ctx.label(row['receiver'], 'sv')} bedömer om patienten kan tas emot "
                    f"(ingen acceptansbedömning med ansvarig roll och kriterier)"
                ),
                "en": (
                    f"{ctx.label(h.id, 'en')}: nobody at {ctx.label(row['receiver'], 'en')} judges whether the patient can be "
                    f"taken on (no acceptance gate with a responsible role and criteria)"
                ),
            },
            profiles=[dict(h.profile)],
            data={"handover": h.id, "from": row["sender"], "to": row["receiver"], "mode": row["mode"]},
        )


def _pw106(ctx: Context, rows: list[list[dict]]) -> Iterable[Hit]:
    for row in rows[0]:
        h = ctx.model.by_id[row["handover"]]
        reason = row["reason"]
        fallback = row["fallback"] if reason != "none" else None
        texts = reason_text(ctx, h, reason, fallback)
        yield Hit(
            key=(h.id,),
            elements=[h.id, row["sender"], row["receiver"], *([fallback] if fallback else [])],
            message={lang: f"{ctx.label(h.id, lang)}: {texts[lang]}" for lang in LANGS},
            profiles=[dict(h.profile)],
            data={"handover": h.id, "reason": reason, "on_reject_to": fallback},
        )


def _pw110(ctx: Context, rows: list[list[dict]]) -> Iterable[Hit]:
    mask_of = _positions(ctx.space)
    routes, handovers, sip_points = rows
    for row in routes:
        ends = {hid: (a, b) for hid, a, b in row["chain"]}
        units = list(dict.fromkeys(u for hid in row["handovers"] for u in ends[hid]))
        cubes, texts = cubes_of(ctx, mask_of(row["dims"], row["missing"]))
        route = row["route"]
        yield Hit(
            key=("route", route),
            elements=[route, *row["handovers"]],
            message={
                "sv": (
                    f"'{ctx.label(route, 'sv')}' går mellan region och kommun, men ingen SIP-punkt finns vid "
                    f"vägens överlämningar eller verksamheter för patienter med socialtjänstinsatser: {texts['sv']}"
                ),
                "en": (
                    f"'{ctx.label(route, 'en')}' runs between region and municipality, but there is no SIP point "
                    f"at the route's handovers or units for patients with social-care interventions: {texts['en']}"
                ),
            },
            profiles=cubes,
            data={"part": "route", "route": route, "handovers": list(row["handovers"]), "units": units},
        )
    for row in handovers:
        h, a, b = row["handover"], row["sender"], row["receiver"]
        cubes, texts = cubes_of(ctx, mask_of(row["dims"], row["missing"]))
        yield Hit(
            key=("handover", h),
            elements=[h, a, b],
            message={
                "sv": (
                    f"Överlämningen '{ctx.label(h, 'sv')}' för över ansvar från '{ctx.label(a, 'sv')}' "
                    f"till '{ctx.label(b, 'sv')}', mellan region och kommun, men ingen SIP-punkt finns vid "
                    f"överlämningen, hos avsändaren eller hos mottagaren för patienter med socialtjänstinsatser: {texts['sv']}"
                ),
                "en": (
                    f"The handover '{ctx.label(h, 'en')}' transfers responsibility from "
                    f"'{ctx.label(a, 'en')}' to '{ctx.label(b, 'en')}', between region and municipality, "
                    f"but there is no SIP point at the handover, the sender or the receiver for patients with "
                    f"social-care interventions: {texts['en']}"
                ),
            },
            profiles=cubes,
            data={"part": "handover", "handover": h, "needs": list(row["needs"] or [])},
        )
    for row in sip_points:
        sp, at = row["sip_point"], row["at"]
        profiles = mask_of(row["dims"], row["profiles"])
        missing = [(("participant", sp, u), [u], why, profiles) for u, why in row["missing_parties"]]
        lacking = sorted(row["lacking"])
        if lacking:
            missing.append((("assessor", sp), lacking, "assessor", mask_of(row["dims"], row["social_profiles"])))
        for key, units, why, mask in missing:
            cubes, texts = cubes_of(ctx, mask)
            yield Hit(
                key=key,
                elements=[sp, *units],
                message={
                    lang: PARTY[lang].format(
                        sip=ctx.label(sp, lang),
                        at=ctx.label(at, lang),
                        unit=named(ctx, units, lang, sep=" / "),
                        why=WHY[why][lang],
                        profiles=texts[lang],
                    )
                    for lang in LANGS
                },
                profiles=cubes,
                data={"part": "participant", "sip_point": sp, "at": at, "missing": units, "role": why},
            )


def _pw113(ctx: Context, rows: list[list[dict]]) -> Iterable[Hit]:
    units, needs = rows
    for row in units:
        unit, arriving = row["unit"], sorted(row["arriving"])
        via = {lang: named(ctx, arriving, lang) for lang in LANGS}
        yield Hit(
            key=("unit", unit),
            elements=[unit, *arriving],
            message={
                "sv": (
                    f"Patienten stannar hos '{ctx.label(unit, 'sv')}': verksamheten tar emot patienter "
                    f"({via['sv']}) men äger inga behov och lämnar inte över till någon annan."
                ),
                "en": (
                    f"The patient stops at '{ctx.label(unit, 'en')}': the unit receives patients "
                    f"({via['en']}) but owns no need and hands over to nobody."
                ),
            },
            data={"part": "unit", "unit": unit, "handovers": arriving},
        )
    for row in needs:
        h, need, to = ctx.model.by_id[row["handover"]], row["need"], row["receiver"]
        yield Hit(
            key=("need", h.id, need),
            elements=[h.id, need, to],
            message={
                "sv": (
                    f"Överlämningen '{ctx.label(h.id, 'sv')}' för över behovet '{ctx.label(need, 'sv')}' till "
                    f"'{ctx.label(to, 'sv')}', som varken äger behovet eller lämnar det vidare: där tar det stopp."
                ),
                "en": (
                    f"The handover '{ctx.label(h.id, 'en')}' transfers the need '{ctx.label(need, 'en')}' to "
                    f"'{ctx.label(to, 'en')}', which neither owns the need nor passes it on: it stops there."
                ),
            },
            profiles=cubes_of(ctx, ctx.space.mask(h.profile))[0],
            data={"part": "need", "handover": h.id, "need": need, "receiver": to},
        )


def _pw114(ctx: Context, rows: list[list[dict]]) -> Iterable[Hit]:
    for row in rows[0]:
        unit, leading = row["unit"], sorted(row["leading"])
        via = {
            lang: " " + PW114_VIA[lang] + named(ctx, leading, lang) + "." if leading else " " + PW114_NONE[lang]
            for lang in LANGS
        }
        yield Hit(
            key=(unit,),
            elements=[unit, *leading],
            message={
                "sv": (
                    f"Ingen patient kan nå '{ctx.label(unit, 'sv')}': verksamheten är ingen ingång, och ingen "
                    f"överlämning eller avvisningsväg leder dit från en ingång.{via['sv']}"
                ),
                "en": (
                    f"No patient can reach '{ctx.label(unit, 'en')}': it is not an entry unit, and no handover "
                    f"or rejection path leads there from an entry unit.{via['en']}"
                ),
            },
            data={"unit": unit, "leading_handovers": leading},
        )


def _pw115(ctx: Context, rows: list[list[dict]]) -> Iterable[Hit]:
    for row in rows[0]:
        need, units, inside_ = row["need"], sorted(row["units"]), sorted(row["handovers"])
        mask = 0
        for h in inside_:
            mask |= ctx.space.mask(ctx.model.by_id[h].profile)
        who = {lang: named(ctx, units, lang, shown=8) for lang in LANGS}
        via = {lang: named(ctx, inside_, lang) for lang in LANGS}
        yield Hit(
            key=(need, *units),
            elements=[need, *units, *inside_],
            message={
                "sv": (
                    f"Behovet '{ctx.label(need, 'sv')}' skickas runt mellan {who['sv']} utan att nå någon som "
                    f"äger det: överlämningarna {via['sv']} bildar en slinga, och varken dessa verksamheter eller "
                    f"någon de skickar vidare till äger behovet."
                ),
                "en": (
                    f"The need '{ctx.label(need, 'en')}' is passed round between {who['en']} without reaching "
                    f"anyone who owns it: the handovers {via['en']} form a loop, and neither these units nor "
                    f"anyone they pass it on to own the need."
                ),
            },
            profiles=cubes_of(ctx, mask)[0],
            data={"need": need, "units": units, "handovers": inside_},
        )


HITS: dict[str, Callable[[Context, list[list[dict]]], Iterable[Hit]]] = {
    "PW101": _pw101,
    "PW105": _pw105,
    "PW106": _pw106,
    "PW110": _pw110,
    "PW113": _pw113,
    "PW114": _pw114,
    "PW115": _pw115,
}


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
            rules.append(replace(rule, check=lambda ctx, code=rule.code, rows=rows: HITS[code](ctx, rows)))
    return run_rules(ctx, rules, severity)
