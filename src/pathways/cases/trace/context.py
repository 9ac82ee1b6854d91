"""What a trace needs from the model, computed once per model (and once per profile)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from pathways.analysis.profiles import ProfileSpace
from pathways.cases.calendar import DayCounter
from pathways.cases.load import closing_events
from pathways.cases.match import Anchor, anchor_of
from pathways.gaps.core import Finding
from pathways.model.model import Model
from pathways.model.schema import Responsibility


@dataclass(frozen=True)
class ProfileView:
    """The model seen by one profile (a bit set of the profile space)."""

    allowed_settings: tuple[str, ...]
    own_setting: str | None
    needs: tuple[str, ...]
    """The needs that apply to the profile, in the model's order."""
    resp_by_owner: dict[str, list[tuple[Responsibility, frozenset[str], frozenset[str]]]]
    """unit -> (responsibility, its needs, its settings) that hold for the profile."""
    fitting: tuple[tuple[Finding, Anchor], ...]
    resp_for: dict[tuple[str, str], list[tuple[Responsibility, frozenset[str]]]]
    """(unit, need) -> (responsibility, its settings) giving the unit the need for the profile."""


class TraceContext:
    """Everything a trace reads from a model that does not depend on the journey."""

    def __init__(self, model: Model, findings: list[Finding], calendar: bool):
        self.model = model
        self.findings = findings
        self.calendar = calendar
        self.space = ProfileSpace.of(model)
        self.closing = closing_events(model)
        self.counter = DayCounter(calendar)
        mask = self.space.mask
        self.setting_mask = {s.id: mask(s.profile) for s in model.settings}
        self.need_mask = {n.id: mask(n.applies_to) for n in model.needs}
        self.resp_mask = {r.id: mask(r.profile) for r in model.responsibilities}
        self.handover_mask = {h.id: mask(h.profile) for h in model.handovers}
        self.sip_mask = {s.id: mask(s.profile) for s in model.sip_points}
        self.route_mask = {r.id: mask(r.profile) for r in model.routes}
        self.step_mask = {st.id: mask(st.profile) for r in model.routes for st in r.steps}
        self.need_order = [n.id for n in model.needs]
        self.need_rank = {n: i for i, n in enumerate(self.need_order)}
        self.need_settings = {n.id: frozenset(n.settings) for n in model.needs}
        self.unit_settings = {u.id: frozenset(u.settings) for u in model.units}
        self.sips_at: dict[str, list[str]] = defaultdict(list)
        for s in model.sip_points:
            self.sips_at[s.at].append(s.id)
        self.returning = {e.id for e in model.events if e.returns}
        """Events by which a receiver sends a referral back."""
        self.onward: dict[tuple[str, str], list[str]] = defaultdict(list)
        """(unit, event) -> the handovers from the unit that the event starts."""
        for h in model.handovers:
            self.onward[(h.from_, h.trigger)].append(h.id)
        self.routes_of: dict[str, list[str]] = defaultdict(list)
        for r in model.routes:
            for h in [*r.handovers, *r.also_at]:
                self.routes_of[h].append(r.id)
        self.anchors = [(f, anchor_of(model, f, self.space)) for f in findings]
        self._views: dict[int, ProfileView] = {}

    def bit(self, profile: dict[str, list[str]]) -> int:
        """The profiles a case's values stand for (several values of a dimension: any of them)."""
        return self.space.mask(profile)

    def view(self, bit: int) -> ProfileView:
        """The model seen by one profile, cached (a journey has few profiles, a log many journeys)."""
        if bit not in self._views:
            self._views[bit] = self._make_view(bit)
        return self._views[bit]

    def _make_view(self, bit: int) -> ProfileView:
        m = self.model
        allowed = tuple(s.id for s in m.settings if self.setting_mask[s.id] & bit)
        specific = [s.id for s in m.settings if s.profile and s.id in allowed]
        resp: dict[str, list] = defaultdict(list)
        for r in m.responsibilities:
            if self.resp_mask[r.id] & bit:
                settings = r.settings or m.by_id[r.owner].settings
                resp[r.owner].append((r, frozenset(r.needs), frozenset(settings)))
        resp_for: dict[tuple[str, str], list] = defaultdict(list)
        for owner, entries in resp.items():
            for r, needs, settings in entries:
                for n in needs:
                    resp_for[(owner, n)].append((r, settings))
        return ProfileView(
            allowed_settings=allowed,
            own_setting=(specific or list(allowed) or [None])[0],
            needs=tuple(n for n in self.need_order if self.need_mask[n] & bit),
            resp_by_owner=dict(resp),
            fitting=tuple((f, a) for f, a in self.anchors if a.fits(bit)),
            resp_for=dict(resp_for),
        )

    def unit_setting(self, unit: str, bit: int, previous: str | None) -> str | None:
        """Where the patient is with ``unit``: a setting of the unit the profile allows."""
        view = self.view(bit)
        candidates = [s for s in self.model.by_id[unit].settings if s in view.allowed_settings]
        if previous in candidates:
            return previous
        if candidates:
            return candidates[0]
        return previous if previous in view.allowed_settings else view.own_setting
