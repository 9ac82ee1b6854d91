"""Reading case and scenario files: privacy screen, YAML with positions, pydantic errors.

Case and scenario files are written by users, so they get two extra guards besides
the model loader's: the text is screened for personal data (a Swedish personal
identity number or an e-mail address refuses the file), and dates stay text until
the format parses them, so that a wrong date is reported with its line instead of
stopping the YAML parser.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from pathways.model import yamlio
from pathways.model.errors import ModelError, Problem
from pathways.model.yamlio import PosDict, PosList

PERSONNUMMER = re.compile(
    r"(?<![\d])"
    r"(?:(?:18|19|20)\d{2}|\d{2})"  # year, with or without the century
    r"(?:0[1-9]|1[0-2])"  # month
    r"(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])"  # day (61-91: coordination number)
    r"[-+ ]?\d{4}"  # separator (optional) and the last four digits
    r"(?![\d])"
)
"""A Swedish personal identity number or coordination number: YYMMDD-XXXX, YYYYMMDDXXXX, ..."""

EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
"""An e-mail address."""


def personal_data_in(line: str) -> list[tuple[int, str]]:
    """Where a line holds personal data: (column, kind) with kind ``personnummer`` or ``email``.

    The one place that decides what looks like personal data (cases, scenarios, journey logs).

    >>> personal_data_in("x;121212-1212;a@b.se")
    [(3, 'personnummer'), (15, 'email')]
    """
    found = [(m.start() + 1, "personnummer") for m in PERSONNUMMER.finditer(line)]
    if "@" in line:
        found += [(m.start() + 1, "email") for m in EMAIL.finditer(line)]
    return found


_PRIVACY_MESSAGE = {
    "personnummer": "looks like a Swedish personal identity number (personnummer); a case or scenario "
    "holds no personal data: remove it / ser ut som ett personnummer; ta bort det",
    "email": "an e-mail address; a case or scenario holds no personal data: remove it / en e-postadress; ta bort den",
}


def privacy_problems(text: str, display: str) -> list[Problem]:
    """Personal data in a file's text: each personal identity number and e-mail address.

    The message never repeats what was found, so that it does not spread further.

    >>> [p.line for p in privacy_problems("a: 1\\nb: 19121212-1212\\n", "f.yaml")]
    [2]
    >>> privacy_problems("date: 2026-03-02", "f.yaml")
    []
    """
    return [
        Problem(display, number, col, "", _PRIVACY_MESSAGE[kind])
        for number, line in enumerate(text.splitlines(), start=1)
        for col, kind in personal_data_in(line)
    ]


def read_user_file(path: Path, display: str | None = None) -> tuple[object, list[Problem]]:
    """Load a case or scenario file: (document, privacy problems); ModelError if unreadable.

    The document keeps positions (:class:`PosDict`, :class:`PosList`) like the model's.
    """
    name = display or str(path)
    text = yamlio.read_text(path, name)
    privacy = privacy_problems(text, name)
    try:
        return yamlio.parse_yaml(text, name), privacy
    except ModelError as exc:
        raise ModelError([*privacy, *exc.problems]) from None


def plain(node: object) -> object:
    """A loaded document as plain dicts and lists (positions dropped)."""
    if isinstance(node, dict):
        return {k: plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    return node


def locate(doc: object, loc: tuple) -> tuple[int, int]:
    """(line, col) of a path of keys and indexes inside a loaded document."""
    node, line_col = doc, getattr(doc, "start", (1, 1))
    for step in loc:
        if (isinstance(node, PosDict) and step in node) or (
            isinstance(node, PosList) and isinstance(step, int) and 0 <= step < len(node)
        ):
            line_col, node = node.where(step), node[step]
        else:
            break
    return line_col


def _class_at(root: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    cls: type[BaseModel] | None = root
    for step in loc[:-1]:
        if cls is None or isinstance(step, int):
            continue
        info = cls.model_fields.get(step) or next((f for f in cls.model_fields.values() if f.alias == step), None)
        if info is None:
            return None
        annotation, cls = info.annotation, None
        for arg in (annotation, *getattr(annotation, "__args__", ())):
            for inner in (arg, *getattr(arg, "__args__", ())):
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    cls = inner
    return cls


def error_message(root: type[BaseModel], err: dict) -> str:
    """One pydantic error in words, with a suggestion for a misspelt field."""
    loc = tuple(err["loc"])
    kind = err["type"]
    name = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        cls = _class_at(root, loc)
        allowed = [f.alias or n for n, f in cls.model_fields.items()] if cls else []
        close = difflib.get_close_matches(str(name), allowed, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else (f"; allowed: {', '.join(allowed)}" if allowed else "")
        return f"unknown field '{name}'{hint}"
    if kind == "missing":
        return f"missing required field '{name}'"
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if kind == "string_type" and isinstance(err.get("input"), bool):
        msg += '; YAML reads yes/no/on/off as true/false: put the text in quotes, e.g. "Yes"'
    field = f"'{name}'" if isinstance(name, str) else f"item {name}"
    return f"{field}: {msg}"


def validation_problems(
    exc: ValidationError, root: type[BaseModel], doc: object, display: str, element_id: str = "", prefix: tuple = ()
) -> list[Problem]:
    """Every error of a pydantic validation as a Problem at its place in the file.

    ``prefix`` is the path of the validated part inside ``doc`` (for a scenario's element).
    """
    errors = exc.errors()
    misspelt = set()
    for err in errors:
        if err["type"] == "extra_forbidden" and err["loc"]:
            cls = _class_at(root, tuple(err["loc"]))
            allowed = [f.alias or n for n, f in cls.model_fields.items()] if cls else []
            for close in difflib.get_close_matches(str(err["loc"][-1]), allowed, n=1):
                misspelt.add((*err["loc"][:-1], close))
    problems = []
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "missing" and loc in misspelt:
            continue  # reported once, as the misspelt field with a suggestion
        line, col = locate(doc, (*prefix, *loc))
        problems.append(Problem(display, line, col, element_id, error_message(root, err)))
    return problems


def suggest(value: str, pool: list[str]) -> str:
    close = difflib.get_close_matches(value, pool, n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


T = TypeVar("T")


def find_file(ref: str, files: list[Path]) -> Path | None:
    """``ref`` itself when it is a file, else the one of ``files`` named or with the id ``ref``."""
    path = Path(ref)
    if path.is_file():
        return path
    for candidate in files:
        if candidate.stem == ref:
            return candidate
    for candidate in files:
        try:
            doc, _ = read_user_file(candidate)
        except ModelError:
            continue
        if isinstance(doc, dict) and doc.get("id") == ref:
            return candidate
    return None


def load_named(refs: list[str] | None, files: list[Path], load: Callable[[Path], T], what: str, where: Path) -> list[T]:
    """Load the files ``refs`` name (paths or ids among ``files``), or every one of ``files``
    when ``refs`` is empty; raise ModelError with every problem of every file."""
    problems: list[Problem] = []
    targets = []
    for ref in refs or []:
        path = find_file(ref, files)
        if path is None:
            problems.append(Problem(ref, 1, 1, "", f"no such {what} file, and no {what} with this id in {where}"))
        else:
            targets.append(path)
    loaded = []
    for path in targets if refs else files:
        try:
            loaded.append(load(path))
        except ModelError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ModelError(problems)
    return loaded


def yaml_files(directory: str | Path) -> list[Path]:
    """The .yaml and .yml files of a folder, in name order (none when it does not exist)."""
    directory = Path(directory)
    return sorted(p for p in directory.glob("*.y*ml") if p.suffix in (".yaml", ".yml")) if directory.is_dir() else []


def load_all(
    files: list[Path], load: Callable[[Path], T], identify: Callable[[T], tuple[str, int, int]], what: str
) -> list[T]:
    """Load every file; two with the same id, and every file's problems, raise one ModelError."""
    problems: list[Problem] = []
    loaded: list[T] = []
    seen: dict[str, str] = {}
    for path in files:
        try:
            item = load(path)
        except ModelError as exc:
            problems.extend(exc.problems)
            continue
        item_id, line, col = identify(item)
        if item_id in seen:
            problems.append(Problem(str(path), line, col, item_id, f"duplicate {what} id; first in {seen[item_id]}"))
            continue
        seen[item_id] = str(path)
        loaded.append(item)
    if problems:
        raise ModelError(problems)
    return loaded
