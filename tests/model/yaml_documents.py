"""Hypothesis strategies for YAML documents: nested lists and mappings of plain scalars (the
YAML tests compare pathways' readers with PyYAML's on them)."""

from __future__ import annotations

from hypothesis import strategies as st

scalars = st.one_of(st.text(max_size=8), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False))
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6) | st.integers(), inner, max_size=4),
    max_leaves=25,
)
