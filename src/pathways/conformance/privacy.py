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


def screen_text(text: str, file: str, first_line: int, sink: BadInput) -> None:
    """Record personal data in a block of whole lines starting at ``first_line``, by position only."""
    for offset, kind in personal_data_in(text):
        start = text.rfind("\n", 0, offset - 1) + 1
        line = first_line + text.count("\n", 0, start)
        sink.personal_data(file, line, offset - start, _MESSAGES[kind])


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
