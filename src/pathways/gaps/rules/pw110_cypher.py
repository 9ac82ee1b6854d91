"""PW110's read-only Cypher (see :mod:`pathways.gaps.rules.pw110_missing_sip`), run by
:mod:`pathways.graphstore.gaps`; the rule module exports ``CYPHER`` and turns the rows into hits."""

from __future__ import annotations

from pathways.gaps.cypher import CATCHMENTS, DIMS, SPACE, VERSION, principal_kind, sparse, within

HEAD = (
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
    HEAD
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
    HEAD
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
    HEAD
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

PW110_DEADLINES = (
    HEAD
    + """
WITH * WHERE size(social) > 0 AND EXISTS { MATCH (:Event {build: v.build, id: $discharge.ready}) }
CALL (v, dims) {
  MATCH (sp:SipPoint {build: v.build})-[:AT]->(h:Handover {trigger: $discharge.trigger})
  RETURN collect({sip_point: sp.id, at: h.id, after: sp.after, within_days: sp.within_days,
                  deadline_for: sp.deadline_for, spc: """
    + sparse("sp")
    + ", hc: "
    + sparse("h")
    + """}) AS points
}
UNWIND points AS x
WITH dims, x, [p IN social WHERE """
    + within("x.spc", "p")
    + " AND "
    + within("x.hc", "p")
    + """] AS affected
WHERE size(affected) > 0
RETURN x.sip_point AS sip_point, x.at AS at, x.after AS after, x.within_days AS within_days,
       x.deadline_for AS deadline_for, [d IN dims | d.id] AS dims, affected
"""
)
"""PW110 (c): SIP points at a handover triggered by the discharge, with the social-care profiles
they and the handover cover; the rule judges their limit (``after``, ``within_days``,
``deadline_for``) in Python, as in memory. Only when the model has the ready-for-discharge
event. Cost: O(SP) SIP points, O(P * D) each for the profiles."""

CYPHER: tuple[str, ...] = (
    PW110_ROUTES,
    PW110_HANDOVERS,
    PW110_SIP_POINTS,
    PW110_DEADLINES,
)
"""The queries of this rule on the server, in order; ``from_rows`` gets their rows in the same order."""
