"""The one place where errors become exit codes and messages on stderr.

Commands do not catch errors to print them: they let the layer's own error rise
(:class:`~pathways.model.errors.ModelError` for a bad model, case, scenario, baseline or
rules file; ``StoreError`` for Neo4j; ``OSError`` for a file that cannot be written) or
raise :class:`CommandError` for a refusal of their own (an unknown rule, a bad option
value, findings at ``--fail-on``). :class:`pathways.cli.main.Group` catches them around
every command and calls :func:`exit_for`.

Exit codes: 0 done; 1 findings at ``--fail-on`` or an output that could not be written;
2 invalid input (model, case, scenario, option); 3 a Neo4j problem.
"""

from __future__ import annotations

import sys

EXIT_FINDINGS = 1
"""``--fail-on`` found findings at or above the threshold."""
EXIT_WRITE = 1
"""An output could not be written."""
EXIT_INVALID = 2
"""A model, case, scenario or option that is not valid."""
EXIT_STORE = 3
"""A Neo4j problem: server down, wrong credentials, timeout, refused query."""


class CommandError(Exception):
    """A command's own refusal: the message to print and the exit code."""

    def __init__(self, message: str, code: int = EXIT_INVALID) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


_BY_MODULE: tuple[tuple[str, str, int], ...] = (
    ("pathways.graphstore.connection", "StoreError", EXIT_STORE),
    ("pathways.graphstore.store", "VersionNotFound", EXIT_INVALID),
    ("pathways.synth.write", "OutDirError", EXIT_INVALID),
)
"""Errors of modules a command imports only when it needs them (Neo4j, synth): matched by
class, looked up only when their module is loaded, so this table imports nothing."""


def exit_for(exc: BaseException) -> tuple[int, list[str]] | None:
    """The exit code and the lines to print for ``exc``; None if it is not ours (a bug: let it show).

    >>> exit_for(CommandError("--format: unknown gif"))
    (2, ['--format: unknown gif'])
    >>> exit_for(KeyError("x")) is None
    True
    """
    from pathways.model.errors import ModelError

    if isinstance(exc, CommandError):
        return exc.code, [exc.message]
    if isinstance(exc, ModelError):
        return EXIT_INVALID, [str(p) for p in exc.problems]
    for module, name, code in _BY_MODULE:
        cls = getattr(sys.modules.get(module), name, None)
        if cls is not None and isinstance(exc, cls):
            return code, [_version_text(exc) if name == "VersionNotFound" else str(exc)]
    if isinstance(exc, OSError):
        return EXIT_WRITE, [f"{exc.filename or '-'}: {exc.strerror or exc}"]
    return None


def _version_text(exc: BaseException) -> str:
    return f"no version '{exc.args[0] if exc.args else ''}' in the store; `pathways neo4j versions` lists them"
