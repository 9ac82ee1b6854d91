"""Rows -> journeys: codes mapped, dates read, order and sorting checked, one journey at a time.

The log must be sorted by journey (all rows of a journey together; dates in order within
it). Only the open journey is held in memory, plus one 64-bit digest per journey seen, to
check the sorting.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from pathways.conformance.logread import Row, Source
from pathways.conformance.mapping import Mapping
from pathways.conformance.problems import BadInput

DATE_CACHE = 100_000
"""Distinct dates (and distinct combinations of codes) remembered while reading; the cache is emptied past it."""
MAPPED_FIELDS = ("kind", "unit", "handover", "need", "municipality")
UNKNOWN = {
    "kind": (
        "unknown-kind",
        "unknown event kind; map the code to an event, route step or follow-up kind in the mapping "
        "file / okänd händelse",
    )
}
UNREAD: tuple[date, datetime | None] = (date.min, None)
"""Marks a date not yet in the cache (by identity)."""
TIME_FORMS = "YYYY-MM-DD, YYYY-MM-DD HH:MM or YYYY-MM-DDTHH:MM:SS"


@dataclass(slots=True)
class Event:
    """One mapped event of a journey."""

    day: date
    time: datetime | None
    kind: str
    unit: str
    handover: str
    need: str
    line: int


@dataclass
class Journey:
    id: str
    file: str
    line: int
    events: list[Event] = field(default_factory=list)
    municipality: str = ""


def parse_when(text: str) -> tuple[date, datetime | None] | None:
    """(day, date-time or None) of a log date, or None when it is not a date.

    >>> parse_when("2026-03-02"), parse_when("2026-03-02 14:30")[1].hour, parse_when("2026-02-30")
    ((datetime.date(2026, 3, 2), None), 14, None)
    """
    text = text.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text), None
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return moment.date(), moment.replace(tzinfo=None)
    except ValueError:
        return None


class Assembler:
    """Turns a stream of rows into journeys, reporting each bad row and leaving it out."""

    def __init__(self, mapping: Mapping, sink: BadInput):
        self.mapping, self.sink = mapping, sink
        self.seen: set[bytes] = set()
        self.dates: dict[str, tuple[date, datetime | None] | None] = {}
        """Dates read so far (a log has few distinct ones); emptied when it grows past DATE_CACHE."""
        self.codes: dict[tuple[str, ...], tuple] = {}
        """A row's codes as written -> their model ids (or why not): a log has few distinct combinations."""

    def journeys(self, source: Source) -> Iterator[Journey]:
        current: Journey | None = None
        pick, row = source.pick, source.row
        for line, record in source:
            values = pick(record)
            jid = values[0].strip()
            if not jid:
                self._bad(row(line, record), "journey", "no-journey", "the row names no journey")
                continue
            if current is None or jid != current.id:
                if current is not None:
                    yield current
                current = self._open(jid, row(line, record))
                if current is None:
                    continue
            event = self._event(source, line, record, values, current)
            if event is not None:
                current.events.append(event)
        if current is not None:
            yield current

    def _open(self, jid: str, row: Row) -> Journey | None:
        digest = hashlib.blake2b(jid.encode(), digest_size=8).digest()
        if digest in self.seen:
            self._bad(
                row,
                "journey",
                "unsorted",
                "this journey's rows are not together: the log must be sorted by journey "
                "(the row is left out) / loggen ska vara sorterad per resa",
            )
            return None
        self.seen.add(digest)
        return Journey(jid, row.file, row.line)

    def _event(
        self, source: Source, line: int, record: list[str], values: tuple[str, ...], journey: Journey
    ) -> Event | None:
        _, when_text, kind_code, unit, municipality, need, handover, _, system = values
        when = self.dates.get(when_text, UNREAD)
        if when is UNREAD:
            if len(self.dates) >= DATE_CACHE:
                self.dates.clear()
            when = self.dates[when_text] = parse_when(when_text)
        if when is None:
            return self._refuse(
                source.row(line, record), "date", "bad-date", f"not a date; write it {TIME_FORMS} / inte ett datum"
            )
        if journey.events and when[0] < journey.events[-1].day:
            return self._refuse(
                source.row(line, record),
                "date",
                "out-of-order",
                f"events out of order: {when[0]} comes after {journey.events[-1].day} in this journey; "
                "list a journey's events in date order / händelserna i fel ordning",
            )
        raw = (kind_code, unit, handover, need, municipality, system)
        codes = self.codes.get(raw)
        if codes is None:
            if len(self.codes) >= DATE_CACHE:
                self.codes.clear()
            codes = self.codes[raw] = self._map(raw, (source.file, line))
        elif codes[0] is None:
            self._map(raw, (source.file, line))
        kind, unit_id, handover_id, need_id, town = codes
        if kind is None:
            return self._refuse(source.row(line, record), unit_id, handover_id, need_id)
        if town and not journey.municipality:
            journey.municipality = town
        return Event(when[0], when[1], kind, unit_id, handover_id, need_id, line)

    def _map(self, raw: tuple[str, ...], where: tuple[str, int]) -> tuple:
        """The model ids of a row's codes (kind, unit, handover, need, municipality), each unmapped code
        counted; or (None, field, what, message, "") for the first code that maps to nothing."""
        system = raw[-1].strip()
        out = []
        for name, written in zip(MAPPED_FIELDS, raw, strict=False):
            code = written.strip()
            found = self.mapping.map(name, code, system, where) if code or name == "kind" else ""
            if found is None:
                what, message = UNKNOWN.get(
                    name, (f"unknown-{name}", f"unknown {name} code; add it to the mapping file")
                )
                return (None, name, what, message, "")
            out.append(found)
        return tuple(out)

    def _bad(self, row: Row, name: str, what: str, message: str) -> None:
        self.sink.add(row.file, row.line, row.col(name), what, message)

    def _refuse(self, row: Row, name: str, what: str, message: str) -> Event | None:
        """The row is bad (see :meth:`_bad`): no event."""
        self._bad(row, name, what, message)
        return None
