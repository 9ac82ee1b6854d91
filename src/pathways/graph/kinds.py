"""Node kinds and edge kinds of the pathways graph: the one place they are defined.

Every node has the attributes ``kind`` (a key of :data:`NODE_KINDS`), ``label_sv``,
``label_en``, ``status``, ``source`` (``doc`` and ``section`` as text) and ``props``
(the element as plain data, enough to write the model back). Every edge has
``kind`` (a key of :data:`EDGE_KINDS`); the edge key in the MultiDiGraph is the kind,
so two nodes have at most one edge of each kind. Neo4j labels and relationship
types are taken from these two tables and from nowhere else.
"""

from __future__ import annotations

NODE_KINDS: dict[str, tuple[str, str]] = {
    # kind: (model collection, Neo4j label)
    "source": ("sources", "Source"),
    "principal": ("principals", "Principal"),
    "principal_group": ("principal_groups", "PrincipalGroup"),
    "care_level": ("care_levels", "CareLevel"),
    "unit": ("units", "Unit"),
    "role": ("roles", "Role"),
    "need": ("needs", "Need"),
    "dimension": ("dimensions", "Dimension"),
    "setting": ("settings", "Setting"),
    "event": ("events", "Event"),
    "responsibility": ("responsibilities", "Responsibility"),
    "cost_rule": ("cost_rules", "CostRule"),
    "coordination_rule": ("coordination_rules", "CoordinationRule"),
    "handover": ("handovers", "Handover"),
    "route": ("routes", "Route"),
    "route_step": ("", "RouteStep"),
    "sip_point": ("sip_points", "SipPoint"),
    "escalation_path": ("escalation_paths", "EscalationPath"),
    "boundary": ("boundaries", "Boundary"),
    "grey_zone": ("grey_zones", "GreyZone"),
}
"""Node kinds. ``route_step`` nodes come from the ``steps`` of a route."""

KIND_OF_COLLECTION = {collection: kind for kind, (collection, _) in NODE_KINDS.items() if collection}

EDGE_KINDS: dict[str, str] = {
    "CITES": "element -> source: the document the element comes from",
    "IN_GREY_ZONE": "element -> grey_zone: the element expresses that grey zone",
    "MEMBER_OF": "principal -> principal_group",
    "PART_OF": "care_level -> care_level (its parent)",
    "BELONGS_TO": "unit -> principal or principal_group",
    "AT_LEVEL": "unit -> care_level",
    "WORKS_IN": "unit -> setting",
    "PRECEDES": "need -> need: the first must come before the second",
    "HOLDS": "unit -> responsibility",
    "COVERS": "responsibility, cost_rule or coordination_rule -> need",
    "IN_SETTING": "responsibility -> setting (when it names settings)",
    "WINDOW_FROM": "responsibility -> event its time window counts from",
    "PAID_BY": "responsibility or cost_rule -> unit, principal or principal_group that pays",
    "UNDER_COST_RULE": "responsibility -> cost_rule",
    "COORDINATES": "coordination_rule -> unit",
    "SENDS": "unit -> handover (the sender)",
    "TO": "handover -> unit (the receiver)",
    "TRIGGERED_BY": "handover -> event",
    "TRANSFERS": "handover -> need whose ownership passes",
    "GATED_BY": "handover -> role that decides on acceptance",
    "ON_REJECT": "handover -> unit that takes the patient when the receiver says no",
    "ESCALATES_TO": "handover -> escalation_path for a disagreement",
    "CROSSES": "handover -> boundary",
    "INCLUDES": "route -> handover (attribute order)",
    "HAS_STEP": "route -> route_step (attribute order)",
    "DONE_BY": "route_step -> role or unit",
    "COUNTS_FROM": "route_step or sip_point -> event its time limit counts from",
    "AT": "sip_point -> handover or unit where the SIP is called",
    "CALLED_BY": "sip_point -> unit that calls it",
    "CALLER_ROLE": "sip_point -> role that calls it",
    "PARTICIPANT": "sip_point -> unit that takes part",
    "BETWEEN": "escalation_path -> principal or principal_group",
    "ON_DIMENSION": "boundary -> dimension",
    "INVOLVES": "boundary -> unit",
}
"""Edge kinds with what they join."""
