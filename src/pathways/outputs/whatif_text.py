"""What a scenario changes, in plain sentences: one per change, and the headline result.

"Vårdavdelning behåller patienten 7 dagar efter överlämningen till Kommunal hemsjukvård
(förut 0)" rather than "◆ avsändaren kvar (dagar): 0 → 7". Changes that say the same
thing about several handovers of one sender (the Örebro 7 days on four discharges) are
one sentence. Each sentence names the places on the map it is about, so the diagram can
mark them with the sentence's number.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from pathways.model.model import Model
from pathways.outputs.style import TEXT as DIAGRAM_TEXT
from pathways.outputs.style import label, short_unit
from pathways.texts.whatif import FORMS, PLURALS, TEXT


def plural(n: int, forms: tuple[str, str]) -> str:
    """``1 löst``, ``2 lösta``: the number and the word in the form Swedish (or English) wants.

    >>> plural(1, FORMS["sv"]["resolved"]), plural(2, FORMS["sv"]["resolved"]), plural(0, FORMS["sv"]["new"])
    ('1 löst', '2 lösta', '0 nya')
    """
    return f"{n} {forms[0] if n == 1 else forms[1]}"


def listing(items: list[str], lang: str) -> str:
    """``a``, ``a och b``, ``a, b och c``."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {TEXT[lang]['and']} {items[-1]}"


@dataclass
class ChangeNote:
    """One sentence about what a scenario changes, and the map's places it is about."""

    text: str
    handovers: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    sips: list[str] = field(default_factory=list)


def _value(models: tuple[Model, ...], value: Any, lang: str) -> str:
    text = str(value)
    key = f"item_{text}"
    if key in DIAGRAM_TEXT[lang]:
        return DIAGRAM_TEXT[lang][key]
    for m in models:
        if m.get(text) is not None:
            return short_unit(m, text, lang) if m.kind_of.get(text) == "units" else label(m, text, lang)
    return text


def _dim_value(model: Model, dim: str, value: str, lang: str) -> str:
    for d in model.dimensions:
        for v in d.values if d.id == dim else ():
            if v.id == value:
                return getattr(v.label, lang).lower()
    return value


def _dim_label(model: Model, dim: str, lang: str) -> str:
    d = model.get(dim)
    return getattr(d.label, lang).lower() if d is not None and getattr(d, "label", None) else dim


def profile_change(model: Model, before: dict | None, after: dict | None, lang: str) -> list[str]:
    """What a changed profile (dimension -> values) means: who it now also, no longer or only holds for."""
    tx = TEXT[lang]
    b, a = dict(before or {}), dict(after or {})
    parts = []
    for dim in [*b, *(d for d in a if d not in b)]:
        vb, va = list(b.get(dim) or []), list(a.get(dim) or [])
        if vb == va:
            continue
        if not vb:
            values = listing([_dim_value(model, dim, v, lang) for v in va], lang)
            parts.append(tx["only"].format(dim=_dim_label(model, dim, lang), values=values))
        elif not va:
            parts.append(tx["any"].format(dim=_dim_label(model, dim, lang)))
        else:
            more = [_dim_value(model, dim, v, lang) for v in va if v not in vb]
            less = [_dim_value(model, dim, v, lang) for v in vb if v not in va]
            name = _dim_label(model, dim, lang)
            if more:
                parts.append(tx["more"].format(dim=name, values=listing(more, lang)))
            if less:
                parts.append(tx["less"].format(dim=name, values=listing(less, lang)))
    return parts


def _days(n: Any, lang: str) -> str:
    return plural(int(n), FORMS[lang]["days"]) if isinstance(n, int) else str(n)


def _handover_keys(changed: Model, ec, lang: str) -> list[tuple[str, Any]]:
    """(kind of sentence, what it says) for each thing a handover change says."""
    if ec.change in ("added", "removed"):
        return [(f"ho_{ec.change}", "")]
    keys: list[tuple[str, Any]] = []
    for name, diff in ec.fields.items():
        before, after = diff.get("before"), diff.get("after")
        if name == "note":
            continue
        if name == "passes":
            more = tuple(x for x in after or [] if x not in (before or []))
            less = tuple(x for x in before or [] if x not in (after or []))
            keys += [("passes_more", more)] if more else []
            keys += [("passes_less", less)] if less else []
        elif name == "profile":
            keys += [("ho_profile", what) for what in profile_change(changed, before, after, lang)]
        else:
            keys.append((name, (repr(before), repr(after))))
    return keys


def _handover_sentence(kind: str, what: Any, hs: list, base: Model, models: tuple[Model, ...], lang: str) -> str:
    tx = TEXT[lang]
    tos = listing(list(dict.fromkeys(_value(models, h.to, lang) for h in hs)), lang)
    frms = listing(list(dict.fromkeys(_value(models, h.from_, lang) for h in hs)), lang)
    fmt = {"frm": frms, "tos": tos}
    if kind in ("ho_added", "ho_removed"):
        text = tx[kind].format(**fmt)
    elif kind in ("passes_more", "passes_less"):
        text = tx[kind].format(items=listing([_value(models, x, lang) for x in what], lang), **fmt)
    elif kind == "ho_profile":
        text = tx[kind].format(what=what, **fmt)
    elif kind in ("sender_until", "receiver_from"):
        old = base.get(hs[0].id)
        text = tx["keeps" if kind == "sender_until" else "takes"].format(
            n=_days(getattr(hs[0], kind), lang), m=getattr(old, kind, 0) if old is not None else 0, **fmt
        )
    else:
        before, after = what
        text = tx["ho_profile"].format(what=tx["field"].format(field=kind, before=before, after=after), **fmt)
    if len(hs) > 1:
        for one, many in PLURALS[lang]:
            text = text.replace(one, many, 1)
    return text


def _handover_notes(base: Model, changed: Model, elements: list, lang: str) -> list[ChangeNote]:
    """Sentences about handovers: the same change of several handovers of one sender, or
    of several senders to one receiver, as one sentence."""
    handovers = {ec.id: h for ec in elements if (h := changed.get(ec.id) or base.get(ec.id)) is not None}
    grouped: dict[tuple, list[str]] = defaultdict(list)
    for ec in elements:
        h = handovers.get(ec.id)
        if h is None:
            continue
        for kind, what in _handover_keys(changed, ec, lang):
            sender = h.id if kind == "ho_removed" else h.from_
            grouped[(kind, sender, what)].append(ec.id)
    merged: dict[tuple, list[str]] = defaultdict(list)
    for (kind, sender, what), ids in grouped.items():
        one_receiver = len({handovers[i].to for i in ids}) == 1 and kind not in ("ho_added", "ho_removed")
        merged[(kind, "" if one_receiver else sender, what)] += ids
    return [
        ChangeNote(
            _handover_sentence(kind, what, [handovers[i] for i in ids], base, (changed, base), lang), handovers=ids
        )
        for (kind, _sender, what), ids in merged.items()
    ]


def _sip_note(base: Model, changed: Model, ec, lang: str) -> list[ChangeNote]:
    tx = TEXT[lang]
    sp = changed.get(ec.id) or base.get(ec.id)
    name = label(changed if changed.get(ec.id) is not None else base, ec.id, lang)
    if ec.change != "changed":
        return [ChangeNote(tx[ec.change].format(label=name), sips=[ec.id])]
    notes = []
    fields = ec.fields
    if "within_days" in fields or "after" in fields:
        old = base.get(ec.id)

        def when(s) -> str:
            if s is None or s.within_days is None or s.after is None:
                return tx["no_limit"]
            event = label(changed, s.after, lang).lower() if changed.get(s.after) else s.after
            if s.within_days == 0:
                return tx["sip_same_day"].format(event=event)
            return tx["sip_days"].format(n=_days(s.within_days, lang), event=event)

        notes.append(ChangeNote(tx["sip_deadline"].format(label=name, when=when(sp), before=when(old)), sips=[ec.id]))
    if "participants" in fields:
        before, after = fields["participants"].get("before") or [], fields["participants"].get("after") or []
        more = [_value((changed,), u, lang) for u in after if u not in before]
        less = [_value((base,), u, lang) for u in before if u not in after]
        if more:
            notes.append(ChangeNote(tx["invited"].format(units=listing(more, lang), label=name), sips=[ec.id]))
        if less:
            notes.append(ChangeNote(tx["not_invited"].format(units=listing(less, lang), label=name), sips=[ec.id]))
    rest = [k for k in fields if k not in ("within_days", "after", "participants", "note")]
    notes += [_generic(base, changed, ec, k, lang, sips=[ec.id]) for k in rest]
    return notes


def _generic(base: Model, changed: Model, ec, name: str, lang: str, **where: list[str]) -> ChangeNote:
    """A changed field in words: lists as what comes and goes, profiles as who it holds for."""
    tx = TEXT[lang]
    models = (changed, base)
    element = label(changed if changed.get(ec.id) is not None else base, ec.id, lang)
    before, after = ec.fields[name].get("before"), ec.fields[name].get("after")
    if name in ("profile", "applies_to"):
        what = "; ".join(profile_change(changed, before, after, lang))
    elif isinstance(before, list) or isinstance(after, list):
        more = [_value(models, x, lang) for x in after or [] if x not in (before or [])]
        less = [_value(models, x, lang) for x in before or [] if x not in (after or [])]
        parts = ([tx["also"].format(values=listing(more, lang))] if more else []) + (
            [tx["no_longer"].format(values=listing(less, lang))] if less else []
        )
        what = "; ".join(parts)
    elif isinstance(before, dict) or isinstance(after, dict):
        keys = [k for k in {**(before or {}), **(after or {})} if (before or {}).get(k) != (after or {}).get(k)]
        what = "; ".join(
            tx["field"].format(
                field=k,
                before=_text(models, (before or {}).get(k), lang),
                after=_text(models, (after or {}).get(k), lang),
            )
            for k in keys
        )
    else:
        what = tx["field"].format(field=name, before=_text(models, before, lang), after=_text(models, after, lang))
    return ChangeNote(tx["changed"].format(label=element, what=what), **where)


FIELDS = {
    "sv": {
        "sender_until": "avsändaren behåller patienten",
        "receiver_from": "mottagaren tar över",
        "passes": "följer med",
        "profile": "patientgrupper",
        "participants": "deltar",
        "within_days": "inom",
        "after": "räknat från",
        "owners": "ägare",
        "needs": "behov",
        "settings": "miljöer",
        "window": "tidsfönster",
    },
    "en": {
        "sender_until": "the sender keeps the patient",
        "receiver_from": "the receiver takes over",
        "passes": "passed on",
        "profile": "patient groups",
        "participants": "taking part",
        "within_days": "within",
        "after": "counted from",
        "owners": "owners",
        "needs": "needs",
        "settings": "settings",
        "window": "time window",
    },
}


def field_change_text(model: Model, name: str, change: dict, lang: str) -> str:
    """One changed field in words ("följer med: nu även hjälpmedel", "patientgrupper: gäller nu även psykiatrisk")."""
    tx = TEXT[lang]
    models = (model,)
    before, after = change.get("before"), change.get("after")
    word = FIELDS[lang].get(name, name)
    if name in ("profile", "applies_to"):
        return f"{word}: " + "; ".join(profile_change(model, before, after, lang))
    if isinstance(before, list) or isinstance(after, list):
        more = [_value(models, x, lang) for x in after or [] if x not in (before or [])]
        less = [_value(models, x, lang) for x in before or [] if x not in (after or [])]
        parts = ([tx["also"].format(values=listing(more, lang))] if more else []) + (
            [tx["no_longer"].format(values=listing(less, lang))] if less else []
        )
        return f"{word}: " + "; ".join(parts)
    if name in ("sender_until", "receiver_from", "within_days"):
        return f"{word} {_days(after, lang) if after is not None else tx['no_limit']} ({_text(models, before, lang)})"
    return tx["field"].format(field=word, before=_text(models, before, lang), after=_text(models, after, lang))


def _text(models: tuple[Model, ...], value: Any, lang: str) -> str:
    if value is None:
        return TEXT[lang]["none"]
    return _value(models, value, lang)


def change_notes(base: Model, changed: Model, whatif, lang: str) -> list[ChangeNote]:
    """One sentence per change of the scenario (a :class:`~pathways.scenarios.whatif.WhatIf`), in model order."""
    tx = TEXT[lang]
    notes = _handover_notes(base, changed, [e for e in whatif.elements if e.collection == "handovers"], lang)
    for ec in whatif.elements:
        if ec.collection == "handovers":
            continue
        if ec.collection == "sip_points":
            notes += _sip_note(base, changed, ec, lang)
            continue
        element = changed.get(ec.id) or base.get(ec.id)
        model = changed if changed.get(ec.id) is not None else base
        owner = getattr(element, "owner", None)
        where = {"units": [owner] if owner else ([ec.id] if ec.collection == "units" else [])}
        if ec.change != "changed":
            notes.append(ChangeNote(tx[ec.change].format(label=label(model, ec.id, lang)), **where))
            continue
        notes += [_generic(base, changed, ec, name, lang, **where) for name in ec.fields if name != "note"]
    return notes


def headline(whatif, lang: str) -> tuple[str, int]:
    """The result in one line ("Dagar utan ägare i patientfallen: 6 → 0 · Glapp: 1 löst, inga nya")
    and its direction: < 0 better, > 0 worse, 0 neither."""
    tx = TEXT[lang]
    parts = []
    counted = [c for c in whatif.cases if c.uncovered_days_before is not None and c.uncovered_days_after is not None]
    direction = len(whatif.new) - len(whatif.resolved)
    if counted:
        before = sum(c.uncovered_days_before for c in counted)
        after = sum(c.uncovered_days_after for c in counted)
        parts.append(tx["headline_days"].format(before=before, after=after))
        direction = after - before or direction
    resolved = plural(len(whatif.resolved), FORMS[lang]["resolved"]) if whatif.resolved else tx["no_resolved"]
    new = plural(len(whatif.new), FORMS[lang]["new"]) if whatif.new else tx["no_new"]
    gaps = tx["headline_gaps"].format(resolved=resolved, new=new)
    if whatif.ownership:
        gaps += ", " + tx["ownership"].format(
            n=len(whatif.ownership), places=FORMS[lang]["places"][len(whatif.ownership) != 1]
        )
    parts.append(gaps)
    return " · ".join(parts), direction
