"""Read a journey log as a stream of rows: CSV (Swedish or English columns) or XES (IEEE 1849).

Every physical line is screened for personal data before it is parsed. A :class:`Source`
streams a file's records as ``(line, record)`` pairs with the layout they share; a
:class:`Row` (with positions for messages) is made only for the rows that need one.
Records carry their source codes as written; :mod:`pathways.conformance.mapping` turns
them into model ids.
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from operator import itemgetter
from pathlib import Path

from pathways.conformance.privacy import screen_bytes, screen_columns
from pathways.conformance.problems import BadInput
from pathways.conformance.vocabulary import COLUMNS, REQUIRED, header_field

FIELDS = tuple(COLUMNS)


class Row:
    """One event of the log, as written (codes not yet mapped)."""

    __slots__ = ("cols", "file", "index", "line", "record")

    def __init__(
        self, file: str, line: int, record: list[str], index: dict[str, int], cols: Callable | None = None
    ) -> None:
        self.file, self.line, self.record, self.index, self.cols = file, line, record, index, cols

    def get(self, name: str) -> str:
        i = self.index.get(name)
        return self.record[i].strip() if i is not None and i < len(self.record) else ""

    def col(self, name: str) -> int:
        """The character column of the field on its line (1 when unknown)."""
        return self.cols(self, name) if self.cols is not None else 1


class Source:
    """The records of one file as they are read, ``(line, record)``, and the layout they share."""

    __slots__ = ("blank", "cols", "file", "index", "pick", "records")

    def __init__(
        self,
        file: str,
        index: dict[str, int],
        records: Iterable[tuple[int, list[str]]],
        cols: Callable[[Row, str], int] | None = None,
        blank: int = 0,
    ):
        self.file, self.index, self.records, self.cols, self.blank = file, index, records, cols, blank
        self.pick = self.picker(FIELDS)
        """The values of the log's fields, in the order of ``FIELDS``, unstripped, from a record."""

    def picker(self, fields: tuple[str, ...]) -> Callable[[list[str]], tuple[str, ...]]:
        """A function: record -> the values of ``fields`` ("" for a field the file lacks: the
        record's ``blank`` position, always empty)."""
        return itemgetter(*(self.index.get(f, self.blank) for f in fields))

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        return iter(self.records)

    def row(self, line: int, record: list[str]) -> Row:
        return Row(self.file, line, record, self.index, self.cols)


CHUNK = 1 << 22
BOM = "\ufeff".encode()


def screen_file(path: Path, display: str, sink: BadInput) -> None:
    """Record personal data anywhere in the file by line and column, reading it in large chunks."""
    with path.open("rb") as handle:
        line, rest = 1, handle.read(len(BOM))
        rest = b"" if rest == BOM else rest
        while True:
            block = handle.read(CHUNK)
            data = rest + block
            cut = data.rfind(b"\n") + 1 if block else len(data)
            data, rest = data[:cut], data[cut:]
            screen_bytes(data, display, line, sink)
            line += data.count(b"\n")
            if not block:
                return


def _field_columns(text: str, delimiter: str) -> list[int]:
    """The 1-based character column where each field of a single-line record starts."""
    cols, quoted = [1], False
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            cols.append(i + 2)
    return cols


def _open_text(path: Path):
    return path.open(encoding="utf-8-sig", newline="")


def read_csv(path: Path, display: str, sink: BadInput, columns: dict[str, tuple[str, ...]] = COLUMNS) -> Source:
    """The records of a CSV log (delimiter `;`, `,` or tab, found from the header); the file is
    screened and the header read at once, the records as they are iterated."""
    screen_file(path, display, sink)
    with _open_text(path) as handle:
        header_text = handle.readline()
    delimiter = max(";,\t", key=header_text.count)
    header = next(csv.reader([header_text], delimiter=delimiter), [])
    starts = _field_columns(header_text, delimiter)
    screen_columns(list(zip(starts, header, strict=False)), display, 1, sink)
    index = _header_index(header, starts, display, sink, columns)
    if index is None:
        return Source(display, {}, ())
    width = len(header)
    return Source(display, index, _records(path, delimiter, width), _columns_of(delimiter), width)


def _records(path: Path, delimiter: str, width: int) -> Iterator[tuple[int, list[str]]]:
    """(line, record) of each row after the header that is not empty, padded to ``width + 1`` fields."""
    with _open_text(path) as handle:
        handle.readline()
        reader = csv.reader(handle, delimiter=delimiter)
        ended = 1
        for record in reader:
            line, ended = ended + 1, reader.line_num + 1
            if record and (record[0] or any(record)):
                if len(record) == width:
                    record.append("")
                elif len(record) < width:
                    record.extend([""] * (width + 1 - len(record)))
                yield line, record


def _columns_of(delimiter: str):
    def col(row: Row, name: str) -> int:
        i = row.index.get(name)
        if i is None:
            return 1
        text = delimiter.join(f'"{v}"' if delimiter in v else v for v in row.record)
        starts = _field_columns(text, delimiter)
        return starts[i] if i < len(starts) else 1

    return col


def _header_index(
    header: list[str], starts: list[int], display: str, sink: BadInput, columns: dict[str, tuple[str, ...]]
) -> dict[str, int] | None:
    """field -> position in the record; None (with a problem) when a required column is missing."""
    index: dict[str, int] = {}
    for i, name in enumerate(header):
        found = header_field(name, columns)
        if found is not None and found not in index:
            index[found] = i
        elif name.strip():
            sink.add(
                display,
                1,
                starts[i] if i < len(starts) else 1,
                "unknown-column",
                f"column {i + 1} is not a column of a journey log and is not read; columns: "
                f"{', '.join(names[0] for names in columns.values())}",
            )
    missing = [f for f in REQUIRED if f in columns and f not in index]
    if missing:
        names = " / ".join("/".join(columns[f][:2]) for f in missing)
        sink.add(display, 1, 1, "missing-column", f"the log has no column {names}; the header names its columns")
        return None
    return index


_XES_KEYS = {
    "concept:name": "kind",
    "time:timestamp": "date",
    "org:resource": "unit",
    **{name: f for f, names in COLUMNS.items() for name in names if ":" not in name},
}


def read_xes(path: Path, display: str, sink: BadInput) -> Source:
    """The events of an XES log (see :func:`_xes_records`); the file is screened at once."""
    screen_file(path, display, sink)
    return Source(display, _XES_INDEX, _xes_records(path, display, sink))


def _xes_records(path: Path, display: str, sink: BadInput) -> Iterator[tuple[int, list[str]]]:
    """The events of an XES log, streamed (one trace in memory at a time).

    The trace's ``concept:name`` is the journey id; each event's ``concept:name`` its kind,
    ``time:timestamp`` its date, ``org:resource`` (or ``unit``/``enhet``) its unit; other
    string attributes use the CSV column names. Positions are the line of the event's end tag.
    """
    parser: ET.XMLPullParser = ET.XMLPullParser(events=("start", "end"))
    root: ET.Element | None = None
    in_trace, in_event, journey = False, False, ""
    pending: list[tuple[int, list[str]]] = []
    with _open_text(path) as handle:
        for number, text in enumerate(handle, start=1):
            try:
                parser.feed(text)
                events = list(parser.read_events())
            except ET.ParseError as exc:
                sink.add(display, number, 1, "xml", f"not well-formed XES: {exc.args[0].split(':')[0]}")
                return
            for event in events:
                kind, element = event[0], event[-1]
                if not isinstance(element, ET.Element):
                    continue
                tag = element.tag.rsplit("}", 1)[-1]
                if kind == "start":
                    root = element if root is None else root
                    in_trace = in_trace or tag == "trace"
                    in_event = in_event or tag == "event"
                elif tag == "event":
                    in_event = False
                    pending.append(_xes_event(element, display, number, sink))
                    element.clear()
                elif tag == "trace":
                    for line, record in pending:
                        record[0] = journey
                        yield line, record
                    in_trace, journey, pending = False, "", []
                    if root is not None:
                        root.clear()
                elif in_trace and not in_event and element.get("key") == "concept:name":
                    journey = element.get("value", "")


_XES_INDEX = {name: i for i, name in enumerate(FIELDS)}


def _xes_event(element: ET.Element, display: str, line: int, sink: BadInput) -> tuple[int, list[str]]:
    record = [""] * len(FIELDS)
    for child in element:
        key = (child.get("key") or "").strip()
        name = _XES_KEYS.get(key.lower())
        screen_columns([(1, key)], display, line, sink)
        if name is not None and not record[_XES_INDEX[name]]:
            record[_XES_INDEX[name]] = (child.get("value") or "").strip()
    return line, record


def read_log(path: Path, display: str, sink: BadInput) -> Source:
    """The rows of a log: XES when the file name ends in .xes, else CSV."""
    if path.suffix.lower() == ".xes":
        return read_xes(path, display, sink)
    return read_csv(path, display, sink)
