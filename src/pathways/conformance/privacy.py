"""Privacy by default: personal data in a log refuses it; small figures are suppressed.

What looks like a personnummer or an e-mail address is decided in one shared place,
:func:`pathways.cases.yamlfile.personal_data_in`; this module applies it to journey logs
and adds the check of the column names.
"""

from __future__ import annotations

from pathways.cases.yamlfile import personal_data_in
from pathways.conformance.problems import BadInput
from pathways.conformance.vocabulary import NAME_COLUMNS

MIN_THRESHOLD = 3
DEFAULT_THRESHOLD = 5

_MESSAGES = {
    "personnummer": "looks like a personnummer or samordningsnummer; a journey log must be pseudonymised, "
    "remove it / ser ut som ett personnummer eller samordningsnummer; loggen ska vara pseudonymiserad",
    "email": "looks like an e-mail address; a journey log must be pseudonymised, remove it / "
    "ser ut som en e-postadress; ta bort den",
    "column": "a column that holds personal data (name, identity number, address); remove the column / "
    "en kolumn med personuppgifter; ta bort kolumnen",
}


_SHAPE = bytes.maketrans(b"0123456789+ ", b"0000000000--")
"""Digits to 0 and the separators of a personnummer to ``-``: the shape a candidate is found by."""
_CANDIDATES = (b"0000000000", b"000000-0000", b"@")
"""Every personnummer holds ten digits in a row or six, a separator and four; every e-mail an @."""


def screen_bytes(block: bytes, file: str, first_line: int, sink: BadInput) -> None:
    """Record personal data in a block of whole UTF-8 lines starting at ``first_line``, by position only.

    Only a line whose shape holds a candidate is decoded and matched (the patterns are
    :func:`pathways.cases.yamlfile.personal_data_in`'s), so a clean log is screened at the
    speed of ``bytes.find``.

    >>> sink = BadInput()
    >>> screen_bytes("a;2026-03-02;R0000001\\nb;19121212-1212;ö\\nc;x@y.se\\n".encode(), "f", 1, sink)
    >>> [(p.line, p.col) for p in sink.personal]
    [(2, 3), (3, 3)]
    """
    shape = block.translate(_SHAPE)
    starts = set()
    for needle in _CANDIDATES:
        at = shape.find(needle)
        while at >= 0:
            starts.add(block.rfind(b"\n", 0, at) + 1)
            end = block.find(b"\n", at)
            at = shape.find(needle, end) if end >= 0 else -1
    line, counted = first_line, 0
    for start in sorted(starts):
        line += block.count(b"\n", counted, start)
        counted = start
        end = block.find(b"\n", start)
        text = block[start : end if end >= 0 else len(block)].decode("utf-8")
        for col, kind in personal_data_in(text):
            sink.personal_data(file, line, col, _MESSAGES[kind])


def screen_columns(names: list[tuple[int, str]], file: str, line: int, sink: BadInput) -> None:
    """Record each column (col, name) whose name says it holds personal data."""
    for col, name in names:
        if name.strip().lower() in NAME_COLUMNS:
            sink.personal_data(file, line, col, _MESSAGES["column"])


def check_threshold(threshold: int) -> int:
    """The small-cell threshold, refused below MIN_THRESHOLD."""
    if threshold < MIN_THRESHOLD:
        raise ValueError(
            f"the suppression threshold is {threshold}; it is never below {MIN_THRESHOLD} "
            f"/ gränsen för små tal får inte vara under {MIN_THRESHOLD}"
        )
    return threshold


def shown(value: object, journeys: int, threshold: int) -> object:
    """A figure built from ``journeys`` journeys: itself, or ``"<threshold"`` when too few.

    >>> shown(12, 12, 5), shown(0.5, 4, 5), shown(3, 3, 3)
    (12, '<5', 3)
    """
    return value if journeys >= threshold else f"<{threshold}"
