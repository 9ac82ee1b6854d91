"""One conformance run: read the log, map it, replay each journey, judge it, aggregate.

::

    result = run_conformance(model, Path("logg.csv"), profiles=Path("profiler.csv"),
                             mapping=Path("mappning.yaml"))
    result.summary          # aggregates, small figures suppressed (JSON-ready)
    result.problems         # one Problem per bad row (file:line:col), the rows left out

Personal data anywhere in the log refuses it (ModelError, nothing echoed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pathways.conformance.aggregate import Aggregates
from pathways.conformance.deviations import Assessed, assess
from pathways.conformance.journeys import Assembler, Journey
from pathways.conformance.logread import read_log
from pathways.conformance.mapping import Mapping, load_mapping
from pathways.conformance.privacy import DEFAULT_THRESHOLD, check_threshold
from pathways.conformance.problems import BadInput
from pathways.conformance.profiles import Profiles, Timeline, load_profiles
from pathways.conformance.replay import Replayed, Replayer
from pathways.gaps.core import Finding
from pathways.model.errors import ModelError, Problem
from pathways.model.model import Model
from pathways.perf import paused_gc


@dataclass
class Options:
    threshold: int = DEFAULT_THRESHOLD
    strict: bool = False


@dataclass
class Result:
    summary: dict
    problems: list[Problem]
    problem_counts: dict[str, int]
    unmapped: list[dict]
    replays: int
    """Traces actually run (journeys with the same key share one)."""
    model: dict[str, str] = field(default_factory=dict)


def run_conformance(
    model: Model,
    log: Path,
    profiles: Path | None = None,
    mapping: Path | None = None,
    options: Options | None = None,
    findings: list[Finding] | None = None,
    each: Callable[[Journey, Assessed], None] | None = None,
) -> Result:
    """Judge every journey of ``log``; ``each`` is called with every judged journey (per-journey output).

    A file that is not UTF-8 text is refused (ModelError at its first line). The cyclic
    garbage collector is paused (:func:`pathways.perf.paused_gc`): a journey and its
    events hold no cycles, so reference counting frees each as the next is read, and the
    collector would only rescan the tables kept (profiles, shapes) again and again.
    """
    options = options or Options()
    check_threshold(options.threshold)
    sink = BadInput(options.strict)
    with paused_gc():
        with _utf8(profiles):
            table = load_profiles(profiles, str(profiles), model, sink) if profiles else Profiles()
        codes: Mapping = load_mapping(mapping, model, str(mapping) if mapping else None)
        judge = Judge(model, table, sink, findings)
        with _utf8(log):
            for journey in Assembler(codes, sink).journeys(read_log(log, str(log), sink)):
                judged = judge(journey)
                if judged is not None and each is not None:
                    each(journey, judged)
    sink.raise_if_personal()
    return Result(
        summary=judge.totals.summary(options.threshold),
        problems=sink.problems,
        problem_counts=dict(sink.counts),
        unmapped=codes.unmapped_rows(),
        replays=judge.replayer.replayed,
        model={"id": model.meta.id, "version": model.meta.version, "date": model.meta.date},
    )


@contextmanager
def _utf8(path: Path | None) -> Iterator[None]:
    """Reading ``path``: text that is not UTF-8 refuses it (ModelError at its first line)."""
    try:
        yield
    except UnicodeDecodeError:
        message = "not UTF-8 text; save the file as UTF-8 (in Excel: CSV UTF-8) / inte UTF-8; spara som UTF-8"
        raise ModelError([Problem(str(path), 1, 1, "", message)]) from None


class Judge:
    """Judges journeys one by one: their profiles, one replay and assessment per shape, the totals."""

    def __init__(self, model: Model, table: Profiles, sink: BadInput, findings: list[Finding] | None):
        self.model, self.table, self.sink = model, table, sink
        self.replayer = Replayer(model, findings)
        self.totals = Aggregates({s.id: s.at for s in model.sip_points if model.kind_of.get(s.at) == "handovers"})
        self.by_shape: dict[tuple, tuple[Replayed, Assessed | None]] = {}

    def __call__(self, journey: Journey) -> Assessed | None:
        """The journey judged and counted; None (with a problem) when it has no profile or does not fit."""
        if not journey.events:
            return None
        profile = self.table.during(journey.id, journey.events[0].day, journey.events[-1].day)
        if profile is None:
            message = "the journey has no profile in the profile table (--profiles)"
            self.sink.add(journey.file, journey.line, 1, "no-profile", message)
            return None
        key = shape(journey, profile)
        found = self.by_shape.get(key)
        if found is None:
            replayed = self.replayer.replay(journey, profile)
            judged = assess(self.model, journey, replayed) if not replayed.problem else None
            found = self.by_shape[key] = (replayed, judged)
        replayed, judged = found
        if judged is None:
            message = f"the journey does not fit the model: {replayed.problem}"
            self.sink.add(journey.file, journey.line, 1, "not-replayable", message)
            return None
        self.totals.add(journey, judged, replayed.rules)
        return judged


@dataclass
class JourneyLog:
    """A journey log to judge, with its profile table, mapping file and options (the pipeline's input)."""

    log: Path
    profiles: Path | None = None
    mapping: Path | None = None
    options: Options = field(default_factory=Options)
    each: Callable[[Journey, Assessed], None] | None = None
    """Called with every judged journey (the per-journey file)."""

    def judge(self, model: Model, findings: list[Finding] | None = None) -> Result:
        return run_conformance(model, self.log, self.profiles, self.mapping, self.options, findings, self.each)


def shape(journey: Journey, profile: Timeline) -> tuple:
    """Everything a journey's judgement depends on: its profiles and its events relative to the first day.

    Journeys of the same shape are judged once (memory grows with the shapes, not the journeys).
    """
    start = journey.events[0].day
    return profile, tuple(
        ((e.day - start).days, e.time.time() if e.time else None, e.kind, e.unit, e.handover, e.need)
        for e in journey.events
    )


def with_scenarios(model: Model, refs: list[str], model_dir: Path) -> Model:
    """The model with the scenarios ``refs`` applied in order (ModelError on problems)."""
    if not refs:
        return model
    from pathways.scenarios.apply import apply_scenarios
    from pathways.scenarios.load import load_scenario_refs

    return apply_scenarios(model, load_scenario_refs(refs, model_dir, model))
