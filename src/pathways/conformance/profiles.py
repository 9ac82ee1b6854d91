"""The profile table: one row per journey and change, ``resa;från;<dimension>;...``.

A row gives the journey's value for every profile dimension of the model from its date
on (``från`` empty: from the start). A journey is replayed with the profile in force on
its first event (the latest row dated on or before it, else its earliest row), and with
every later row dated up to its last event as a dated change of the profile.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date
from pathlib import Path

from pathways.conformance.journeys import parse_when
from pathways.conformance.logread import read_csv
from pathways.conformance.problems import BadInput
from pathways.conformance.vocabulary import PROFILE_COLUMNS
from pathways.model.model import Model

Profile = tuple[tuple[str, str], ...]
Timeline = tuple[tuple[int, Profile], ...]
"""The profiles of one journey: (day offset from its first event, profile in force from then), from offset 0."""


class Profiles:
    """journey -> dated profiles; the same profile is one shared tuple."""

    def __init__(self) -> None:
        self.rows: dict[str, list[tuple[date, Profile]]] = {}
        self._interned: dict[Profile, Profile] = {}

    def add(self, journey: str, since: date, profile: Profile) -> None:
        profile = self._interned.setdefault(profile, profile)
        entries = self.rows.setdefault(journey, [])
        entries.append((since, profile))
        if len(entries) > 1 and entries[-2][0] > since:
            entries.sort(key=lambda e: e[0])

    def at(self, journey: str, day: date) -> Profile | None:
        """The profile in force on ``day`` (the journey's earliest when all rows are later), or None."""
        entries = self.rows.get(journey)
        if not entries:
            return None
        if len(entries) == 1:
            return entries[0][1]
        i = bisect_right([e[0] for e in entries], day) - 1
        return entries[max(i, 0)][1]

    def during(self, journey: str, first: date, last: date) -> Timeline | None:
        """The profile in force on ``first``, then each change dated after it up to ``last``; None without a row."""
        start = self.at(journey, first)
        if start is None:
            return None
        steps: list[tuple[int, Profile]] = [(0, start)]
        entries = self.rows[journey]
        for since, profile in entries if len(entries) > 1 else ():
            if first < since <= last and profile is not steps[-1][1]:
                offset = (since - first).days
                if steps[-1][0] == offset:
                    steps[-1] = (offset, profile)
                else:
                    steps.append((offset, profile))
        return tuple(steps)


def load_profiles(path: Path, display: str, model: Model, sink: BadInput) -> Profiles:
    """Read the profile table; each bad row is one problem and is left out."""
    dims = {d.id: {v.id for v in d.values} for d in model.dimensions}
    columns = {**PROFILE_COLUMNS, **{d: (d,) for d in dims}}
    profiles = Profiles()
    checked: dict[tuple[str, ...], Profile | str] = {}
    """The values of a row as written -> the profile, or the first dimension whose value the model lacks."""
    source = read_csv(path, display, sink, columns)
    pick = source.picker(("journey", "from", *dims))
    for line, record in source:
        jid, since_text, *raw = pick(record)
        since_text = since_text.strip()
        when = parse_when(since_text) if since_text else (date.min, None)
        if when is None:
            sink.add(
                source.file, line, source.row(line, record).col("from"), "bad-date", "not a date; write it YYYY-MM-DD"
            )
            continue
        values = tuple(v.strip() for v in raw)
        found = checked.get(values)
        if found is None:
            bad = [d for d, v in zip(dims, values, strict=True) if v not in dims[d]]
            found = checked.setdefault(values, bad[0] if bad else tuple(zip(dims, values, strict=True)))
        if isinstance(found, str):
            sink.add(
                source.file,
                line,
                source.row(line, record).col(found),
                "bad-profile",
                f"no value of the dimension '{found}' the model knows; values: {', '.join(sorted(dims[found]))}",
            )
            continue
        profiles.add(jid.strip(), when[0], found)
    return profiles
