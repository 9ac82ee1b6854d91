"""The bad-input sink of a conformance run: one line per bad row, a count, ``--strict``."""

from __future__ import annotations

from collections import Counter

from pathways.model.errors import ModelError, Problem

MAX_SHOWN = 200
"""Bad rows listed one by one; the rest are counted."""


class BadInput:
    """Collects problems of the log (the row is left out, the rest analysed) and personal data (fatal)."""

    def __init__(self, strict: bool = False):
        self.strict = strict
        self.problems: list[Problem] = []
        self.counts: Counter[str] = Counter()
        self.personal: list[Problem] = []

    def add(self, file: str, line: int, col: int, what: str, message: str) -> None:
        """A bad row: listed (up to MAX_SHOWN), counted by ``what``; fatal at once with ``strict``."""
        problem = Problem(file, line, col, "", message)
        self.counts[what] += 1
        if self.strict:
            raise ModelError([problem])
        if len(self.problems) < MAX_SHOWN:
            self.problems.append(problem)

    def personal_data(self, file: str, line: int, col: int, message: str) -> None:
        self.personal.append(Problem(file, line, col, "", message))

    def raise_if_personal(self) -> None:
        """Refuse the whole log when any personal data was seen (nothing is echoed)."""
        if self.personal:
            raise ModelError(self.personal[:MAX_SHOWN])

    @property
    def total(self) -> int:
        return sum(self.counts.values())
