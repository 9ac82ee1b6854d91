"""The key count of the JSON fast path (``jsonfast._most_keys``) against the order of checks it had."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pathways.model.jsonfast import _SPACED_KEY, _most_keys


def most_keys_before(text: bytes) -> int | None:
    """``_most_keys`` as it was up to session 10: the two ``in`` before the search."""
    escaped = 0
    if b"\\" in text:
        if b"\\\\" in text:
            return None
        escaped = text.count(b'\\":')
    if (b'" ' in text or b'"\n' in text) and _SPACED_KEY.search(text):
        return None
    return text.count(b'":') - escaped


PIECES = [b'"', b":", b" ", b"\n", b"\t", b"\x0b", b"\x0c", b"\\", b"{", b"}", b",", b"a", b'"a":', b'"a" :', b'": ']


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map(b"".join))
def test_most_keys_is_as_before(text):
    assert _most_keys(text) == most_keys_before(text)
