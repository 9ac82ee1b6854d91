"""Hyphenation of long Swedish compounds for narrow boxes."""

from __future__ import annotations

VOWELS = set("aeiouyåäöAEIOUYÅÄÖéÉ")


def _split_long(w: str, width: int) -> list[str]:
    """A word longer than ``width`` cut with hyphens: after a joining s between consonants
    (Egenvårds-bedömning), else before a consonant that stands between two vowels
    (rehabili-terings), the cut as late as fits."""
    if len(w) <= width:
        return [w]
    joints = [
        i + 1
        for i in range(4, len(w) - 4)
        if w[i] == "s"
        and w[i - 1] not in VOWELS
        and w[i + 1] not in VOWELS
        and sum(ch.isalpha() for ch in w[: i + 1]) >= 5
    ]
    if joints:
        cut = min(joints, key=lambda c: abs(c - len(w) / 2))
        return [
            *(_split_long(w[:cut], width - 1)[:-1]),
            _split_long(w[:cut], width - 1)[-1] + "-",
            *_split_long(w[cut:], width),
        ]
    cuts = [
        i
        for i in range(2, len(w) - 2)
        if w[i - 1] in VOWELS and w[i] not in VOWELS and w[i + 1] in VOWELS and i <= width - 1
    ]
    if not cuts:
        return [w]
    cut = max(cuts)
    return [w[:cut] + "-", *_split_long(w[cut:], width)]


def hyphenate(text: str, width: int) -> list[str]:
    """Lines of at most about ``width`` characters, long Swedish compounds hyphenated."""
    words = []
    for w in text.split(" "):
        words.extend(_split_long(w, width))
    out: list[str] = []
    for w in words:
        if out and not out[-1].endswith("-") and len(out[-1]) + 1 + len(w) <= width + (2 if len(w) <= 2 else 0):
            out[-1] += " " + w
        else:
            out.append(w)
    return out
