"""Property: applying a scenario and then its inverse gives the baseline model back exactly."""

from __future__ import annotations

from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathways.model.errors import ModelError
from pathways.model.schema import COLLECTIONS
from pathways.scenarios.apply import apply_scenarios, dump_collections, dump_element, invert
from pathways.scenarios.format import Change
from pathways.scenarios.load import load_scenarios
from tests.cases.helpers import SCENARIOS, bundled, property_scenario

COPYABLE = (
    "roles",
    "units",
    "needs",
    "events",
    "settings",
    "responsibilities",
    "coordination_rules",
    "handovers",
    "sip_points",
    "escalation_paths",
    "boundaries",
    "cost_rules",
    "principals",
    "sources",
)
"""Collections whose elements can be copied under a new id and stay valid (routes and grey
zones carry numbers that must be unique; a new dimension would only grow the profile space)."""

TEXT = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäö ", min_size=1, max_size=24).map(lambda s: s.strip() or "x")


@lru_cache(maxsize=1)
def removable() -> tuple[str, ...]:
    """Elements of the bundled model that can be removed on their own (nothing refers to them)."""
    model = bundled()
    found = []
    for _, element in model.elements():
        try:
            apply_scenarios(model, [property_scenario([Change(op="remove", target=element.id)])])
        except ModelError:
            continue
        found.append(element.id)
    return tuple(found)


@lru_cache(maxsize=1)
def droppable() -> tuple[str, ...]:
    """Needs of the bundled model that others refer to, removable with their references dropped."""
    model = bundled()
    found = []
    for need in model.needs:
        if need.id in removable():
            continue
        try:
            apply_scenarios(model, [property_scenario([Change(op="remove", target=need.id, drop_references=True)])])
        except ModelError:
            continue
        found.append(need.id)
    return tuple(found)


def safe_sets(element, collection: str, draw) -> list[tuple[str, object]]:
    """(field path, value) pairs that keep any element valid."""
    fields = type(element).model_fields
    options = []
    if "label" in fields:
        options += [("label.sv", draw(TEXT)), ("label.en", draw(TEXT))]
    if "title" in fields:
        options.append(("title", draw(TEXT)))
    if "note" in fields:
        options.append(("note", draw(TEXT)))
    if collection == "handovers":
        options += [
            ("sender_until", draw(st.integers(0, 30))),
            ("receiver_from", draw(st.integers(0, 30))),
            ("days", draw(st.sampled_from(["calendar", "working"]))),
            (
                "passes",
                draw(st.lists(st.sampled_from(["information", "rehab_plan", "devices", "sip_plan"]), unique=True)),
            ),
        ]
    if collection == "units":
        options.append(("entry", draw(st.booleans())))
    if collection == "sip_points" and element.participants:
        options.append(("participants.0", element.participants[0]))
    return options


def passes_change(draw, target: str, passes: dict[str, list[str]]) -> Change | None:
    """A ``set`` of a handover's ``passes`` by items taken out and appended (None: neither)."""
    items = ["information", "rehab_plan", "devices", "sip_plan", "medical_plan"]
    out = draw(st.lists(st.sampled_from(passes[target]), unique=True)) if passes[target] else []
    kept = [x for x in passes[target] if x not in out]
    addable = [x for x in items if x not in kept]
    more = draw(st.lists(st.sampled_from(addable), unique=True)) if addable else []
    if not out and not more:
        return None
    passes[target] = kept + more
    return Change(op="set", target=target, field="passes", append=tuple(more) or None, remove_items=tuple(out) or None)


@st.composite
def change_sequences(draw):
    model = bundled()
    alive = {e.id: name for name, e in model.elements()}
    base_removable = set(removable())
    added: list[str] = []
    changes = []
    passes = {h.id: list(h.passes) for h in model.handovers}
    for n in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["set", "set", "add", "remove", "replace"]))
        if op == "add":
            collection = draw(st.sampled_from(COPYABLE))
            source = draw(st.sampled_from(model.collections[collection]))
            element = dump_element(source) | {"id": f"prop-{n}"}
            ids = [i for i, c in alive.items() if c == collection]
            where = draw(st.sampled_from(["end", "after", "before"])) if ids else "end"
            anchor = draw(st.sampled_from(ids)) if where != "end" else None
            changes.append(
                Change(
                    op="add",
                    target=element["id"],
                    collection=collection,
                    element=element,
                    after=anchor if where == "after" else None,
                    before=anchor if where == "before" else None,
                )
            )
            alive[element["id"]] = collection
            added.append(element["id"])
            continue
        if op == "remove":
            candidates = sorted((base_removable | set(added)) & set(alive))
            if not candidates:
                continue
            target = draw(st.sampled_from(candidates))
            changes.append(Change(op="remove", target=target))
            del alive[target]
            continue
        target = draw(st.sampled_from(sorted(alive)))
        collection = alive[target]
        current = next(e for e in model.collections[collection] if e.id == target) if target in model.by_id else None
        if current is None:  # one we added: its copy is the element
            current_dump = next(c.element for c in changes if c.op == "add" and c.target == target)
            current = COLLECTIONS[collection].model_validate(current_dump)
        if op == "set" and collection == "handovers" and target in passes and draw(st.booleans()):
            change = passes_change(draw, target, passes)
            if change is not None:
                changes.append(change)
            continue
        if op == "replace":
            data = dump_element(current)
            if "label" in data:
                data["label"] = {"sv": draw(TEXT), "en": draw(TEXT)}
            elif "title" in data:
                data["title"] = draw(TEXT)
            changes.append(Change(op="replace", target=target, element=data))
            if target in passes:
                passes[target] = list(data["passes"])
        else:
            options = safe_sets(current, collection, draw)
            if not options:  # an element with no field that is safe to set
                continue
            path, value = draw(st.sampled_from(options))
            changes.append(Change(op="set", target=target, field=path, value=value))
            if path == "passes" and target in passes:
                passes[target] = list(value)
    if draw(st.booleans()):
        # last, so no later change brings back a reference it drops
        changes.append(Change(op="remove", target=draw(st.sampled_from(droppable())), drop_references=True))
    return changes


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(change_sequences())
def test_apply_then_inverse_gives_the_baseline_back_exactly(changes):
    model = bundled()
    base = dump_collections(model)
    s = property_scenario(changes)
    changed = apply_scenarios(model, [s])
    assert dump_collections(model) == base, "applying is pure"
    for c in changes:
        if c.op == "add":
            assert c.target in changed.by_id or any(x.op == "remove" and x.target == c.target for x in changes)
    undo = invert(s, model)
    dropping = sum(1 for c in changes if c.drop_references)
    # a dropped reference is restored by a change of its own; a remove whose referrers are gone already drops none
    assert len(undo.changes) == len(changes) if not dropping else len(undo.changes) >= len(changes)
    back = apply_scenarios(changed, [undo])
    assert dump_collections(back) == base
    assert {i: o.file for i, o in back.origins.items()} == {i: o.file for i, o in model.origins.items()}


def test_the_property_is_not_trivial_each_change_kind_changes_the_model():
    model = bundled()
    role = dump_element(model.roles[0]) | {"id": "ny"}
    for c in (
        Change(op="set", target="lakare", field="label.sv", value="Doktor"),
        Change(op="add", target="ny", collection="roles", element=role, after="lakare"),
        Change(op="remove", target=removable()[0]),
        Change(op="remove", target=droppable()[0], drop_references=True),
        Change(op="set", target="ho-utskrivning-hemsjukvard", field="passes", append=("devices",)),
        Change(op="set", target="ho-utskrivning-hemsjukvard", field="passes", remove_items=("information",)),
        Change(op="replace", target="lakare", element=dump_element(model.by_id["lakare"]) | {"note": "n"}),
    ):
        changed = apply_scenarios(model, [property_scenario([c])])
        assert dump_collections(changed) != dump_collections(model), c.op
        assert dump_collections(apply_scenarios(changed, [invert(property_scenario([c]), model)])) == dump_collections(
            model
        )


def test_every_bundled_scenario_inverts_exactly():
    model = bundled()
    for s in load_scenarios(SCENARIOS, model):
        changed = apply_scenarios(model, [s])
        assert dump_collections(changed) != dump_collections(model)
        assert dump_collections(apply_scenarios(changed, [invert(s, model)])) == dump_collections(model), s.id
