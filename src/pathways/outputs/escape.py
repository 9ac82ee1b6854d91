"""Escaping: every text from the model goes into an HTML-like Graphviz label through
:func:`esc`, so ``<``, ``&``, quotes and ``"]`` in a label are shown as text, never read
as DOT or HTML; DOT node names made safe; wrapping and number runs."""

from __future__ import annotations

import hashlib
import html
import re
import textwrap


def esc(text: object) -> str:
    """Text for an HTML-like Graphviz label or an HTML page: every markup character escaped.

    >>> esc('Enhet <b> & "x"]')
    'Enhet &lt;b&gt; &amp; &quot;x&quot;]'
    """
    return html.escape(str(text), quote=True)


def wrap(text: str, width: int = 22) -> list[str]:
    """Text cut into lines of at most ``width`` characters (longer words kept whole)."""
    return textwrap.wrap(str(text), width=width, break_long_words=False, break_on_hyphens=False) or [""]


def lines(text: str, width: int = 22, sep: str = "<BR/>") -> str:
    """Wrapped and escaped, joined by ``<BR/>`` for an HTML-like label."""
    return sep.join(esc(line) for line in wrap(text, width))


def html_label(inner: str) -> str:
    """An HTML-like label: the graphviz package passes ``<...>`` through unquoted."""
    return f"<{inner}>"


def node_id(prefix: str, element_id: str) -> str:
    """A DOT node name for a model id: readable, stable, and free of DOT syntax.

    >>> node_id("u", "vardcentral"), node_id("u", 'x"] y')[:6]
    ('u_vardcentral', 'u_x___')
    """
    safe = re.sub(r"[^A-Za-z0-9_]", "_", element_id)
    if safe != element_id:
        safe += "_" + hashlib.sha1(element_id.encode("utf-8")).hexdigest()[:6]
    return f"{prefix}_{safe}"


def ranges(numbers: list[int]) -> str:
    """Numbers as runs: 1–4, 6, 8–9.

    >>> ranges([1, 2, 3, 4, 6, 8, 9])
    '1–4, 6, 8–9'
    """
    out: list[str] = []
    nums = sorted(set(numbers))
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        if j - i >= 2:
            out.append(f"{nums[i]}–{nums[j]}")
        else:
            out.extend(str(n) for n in nums[i : j + 1])
        i = j + 1
    return ", ".join(out)
