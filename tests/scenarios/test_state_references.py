"""Property: the elements a removal looks at (those the namer accepts, from the collection as it was
first searched for the ids the run removes, and those put into it since; or from the whole
collection, for an id the run does not announce) give the same references, in the same order,
as walking every element of the model."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathways.model.model import Model
from pathways.scenarios.references import references
from pathways.scenarios.state import State, dump_element
from tests.cases.helpers import bundled

ID = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\t "), min_size=1, max_size=12
)
"""Ids as the schema allows them (no space at either end), with quotes, backslashes, non-ASCII."""


def everything(state: State) -> dict[str, list[dict]]:
    return {name: [dump_element(e) for e in items] for name, items in state.collections.items()}


def with_names(target: str, where: list[int]) -> Model:
    """The bundled model whose responsibilities at ``where`` are owned by ``target`` (and name
    it as a need and, for the first one, as a profile dimension): references in a scalar, a
    list item and a profile key."""
    model = bundled()
    items = list(model.responsibilities)
    for n, i in enumerate(where):
        r = items[i % len(items)]
        update: dict = {"owner": target, "needs": [*r.needs, target]}
        if n == 0:
            update["profile"] = {**r.profile, target: ["x"]}
        items[i % len(items)] = r.model_copy(update=update)
    return Model(
        meta=model.meta,
        collections={**model.collections, "responsibilities": items},
        origins=model.origins,
        meta_origin=model.meta_origin,
        root=model.root,
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(target=ID, where=st.lists(st.integers(min_value=0, max_value=500), max_size=4), announced=st.booleans())
def test_elements_naming_an_id_give_every_reference(target, where, announced):
    state = State(with_names(target, where), frozenset({target} if announced else ()))
    full = references(everything(state), target)
    assert references(state.dumps_naming(target), target) == full
    changed = {i % len(state.collections["responsibilities"]) for i in where}
    assert len(full) >= 2 * len(changed) + bool(where), "owner and need of each, the profile key of the first"


@settings(max_examples=30, deadline=None)
@given(pick=st.integers(min_value=0))
def test_an_existing_id_has_the_same_referrers(pick):
    state = State(bundled())
    ids = sorted(state.where)
    target = ids[pick % len(ids)]
    assert references(state.dumps_naming(target), target) == references(everything(state), target)


def test_a_changed_element_is_read_again():
    state = State(bundled())
    target = state.model.units[0].id
    before = references(state.dumps_naming(target), target)
    items = state.collections["responsibilities"]
    index = next(i for i, r in enumerate(items) if r.owner != target)
    state.put("responsibilities", index, items[index].model_copy(update={"owner": target}))
    after = references(state.dumps_naming(target), target)
    assert len(after) == len(before) + 1
    assert after == references(everything(state), target)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    target=st.sampled_from(["kroppsfunktion", "behandling", 'x"\\å']),
    sought=st.sampled_from([(), ("target",), ("target", "hemsjukvard")]),
    steps=st.lists(
        st.tuples(st.sampled_from(["put", "put-plain", "insert", "delete"]), st.integers(min_value=0)),
        min_size=1,
        max_size=12,
    ),
)
def test_elements_changed_after_a_search_are_searched_too(target, sought, steps):
    """Responsibilities put (now naming the target, or no longer naming it), inserted and
    deleted between searches: each search gives the references of walking the whole model,
    whether the run announced the target (with another id, or alone) or not."""
    state = State(bundled(), frozenset(target if s == "target" else s for s in sought))
    name = "responsibilities"
    for n, (op, pick) in enumerate(steps):
        assert references(state.dumps_naming(target), target) == references(everything(state), target)
        items = state.collections[name]
        assert [state.index(name, e.id) for e in items] == list(range(len(items))), "positions kept up to date"
        index = pick % len(items)
        element = items[index]
        if op == "delete":
            state.delete(name, index if pick % 3 else index - len(items))
        elif op == "insert":
            at = (index, index - len(items), len(items) + 1 + pick % 2)[pick % 3]  # also past the end
            state.insert(name, at, element.model_copy(update={"id": f"copy-{n}", "owner": target}))
        elif op == "put":
            state.put(name, index, element.model_copy(update={"owner": target, "needs": [*element.needs, target]}))
        else:
            needs = [x for x in element.needs if x != target]
            state.put(name, index, element.model_copy(update={"owner": "someone-else", "needs": needs}))
    assert references(state.dumps_naming(target), target) == references(everything(state), target)
    items = state.collections[name]
    assert [state.index(name, e.id) for e in items] == list(range(len(items)))
