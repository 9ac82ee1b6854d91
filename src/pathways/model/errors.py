"""Problems found in a model, and the error that carries them to the user."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in a model file, printed as ``file:line:col: element-id: message``."""

    file: str
    line: int
    col: int
    element_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.element_id or '-'}: {self.message}"


class ModelError(Exception):
    """The model (or a case, or a scenario) is not valid; ``problems`` says why, sorted."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))
