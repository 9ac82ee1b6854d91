"""The scenario format: a named set of changes to the model, with its own source.

A scenario file (``model/scenarios/*.yaml``) holds one scenario::

    id: orebro-7-dagar
    label: {sv: ..., en: ...}
    source: {doc: seed-004, section: "Vad är nytt?", quote: "..."}
    status: peer_region
    rationale: Varför ändringen prövas.
    changes:
      - set: ho-utskrivning-kommunal-rehab      # an element id
        field: sender_until                     # a dotted path: window.end_day, label.sv, passes.0
        value: 7
      - set: ho-utskrivning-hemsjukvard         # a list field: items in and out, the rest kept
        field: passes
        remove: [information]                   # each must be in the list
        append: [hjalpmedel]                    # each must not be in it yet; put at the end
      - add: responsibilities                   # a collection
        element: {id: ..., ...}                 # a whole element
        after: ansvar-vardcentral               # optional: where in the collection (or before:)
      - replace: ansvar-hemrehab-specialiserad  # an element id
        element: {id: ansvar-hemrehab-specialiserad, ...}
      - remove: ansvar-primarvardsrehab-barn    # an element id; nothing may still point at it,
        drop_references: true                   # unless its references are dropped with it

Changes apply in order; :mod:`pathways.scenarios.apply` applies them and checks the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from pydantic import Field, model_validator

from pathways.model.schema import Id, Label, Source, Status, Strict, Text

OPS = ("add", "remove", "replace", "set")


class _ChangeBase(Strict):
    note: Text | None = Field(None, description="Why this change (free text).")


class AddChange(_ChangeBase):
    add: Id = Field(description="The collection: units, handovers, responsibilities, ...")
    element: dict[str, Any] = Field(description="The whole new element.")
    after: Id | None = Field(None, description="Put it after this element of the collection (default: last).")
    before: Id | None = Field(None, description="Put it before this element of the collection.")


class RemoveChange(_ChangeBase):
    remove: Id = Field(description="The id of the element to remove.")
    drop_references: bool = Field(
        False,
        description="Also drop every reference to it: list items go, optional fields are cleared.",
    )


class ReplaceChange(_ChangeBase):
    replace: Id = Field(description="The id of the element to replace.")
    element: dict[str, Any] = Field(description="The whole new element (same id).")


class SetChange(_ChangeBase):
    set: Id = Field(description="The id of the element to change.")
    field: str = Field(
        min_length=1,
        pattern=r"^[A-Za-z0-9_\-]+(\.[A-Za-z0-9_\-]+)*$",
        description="A dotted path: sender_until, window.end_day, label.sv, participants.2, profile.alder.",
    )
    value: Any = Field(None, description="The new value (any YAML value; null clears an optional field).")
    append: list[Any] | None = Field(None, min_length=1, description="Items to put at the end of a list field.")
    remove: list[Any] | None = Field(None, min_length=1, description="Items to take out of a list field.")

    @model_validator(mode="after")
    def _value_or_items(self) -> SetChange:
        items = self.append is not None or self.remove is not None
        if items == ("value" in self.model_fields_set):
            raise ValueError("give 'value' (the whole new value), or 'append' and/or 'remove' (items of a list)")
        return self


CHANGE_CLASSES: dict[str, type[_ChangeBase]] = {
    "add": AddChange,
    "remove": RemoveChange,
    "replace": ReplaceChange,
    "set": SetChange,
}


class ScenarioHead(Strict):
    """The fields of a scenario file; ``changes`` are checked one by one."""

    id: Id
    label: Label
    source: Source
    status: Status
    rationale: Text = Field(description="Why the scenario is tried: the rule it expresses and its source.")
    note: Text | None = None
    changes: list[Any] = Field(min_length=1)


@dataclass(frozen=True)
class Change:
    """One change, as plain data, with where it stands in its file."""

    op: str
    target: str
    """The element the change is about (for ``add``: the new element's id)."""
    collection: str | None = None
    element: dict | None = None
    field: str | None = None
    value: Any = None
    append: tuple | None = None
    """``set`` on a list: items put at the end (``value`` is then unused)."""
    remove_items: tuple | None = None
    """``set`` on a list: items taken out."""
    drop_references: bool = False
    """``remove``: drop the references to the element too."""
    after: str | None = None
    before: str | None = None
    note: str | None = None
    file: str = "<scenario>"
    line: int = 1
    col: int = 1
    node: Any = dc_field(default=None, compare=False, repr=False)
    """The change's mapping in the file (positions of its parts), when read from a file."""
    origin: Any = dc_field(default=None, compare=False, repr=False)
    """For an inverse change: where the restored element came from (its model file)."""

    def undone_by(self, op: str, target: str, **fields: Any) -> Change:
        """A change that undoes this one, standing where this one stands in its file."""
        return Change(op=op, target=target, file=self.file, line=self.line, col=self.col, node=self.node, **fields)

    @property
    def items(self) -> bool:
        """A ``set`` that appends to or removes from a list rather than giving a whole value."""
        return self.append is not None or self.remove_items is not None

    @property
    def path(self) -> tuple:
        if self.field is None:
            return ()
        return tuple(int(p) if p.isdigit() else p for p in self.field.split("."))

    def where(self, *path: str | int) -> tuple[int, int]:
        node, line_col = self.node, (self.line, self.col)
        for step in path:
            pos = getattr(node, "where", None)
            if node is None or pos is None:
                break
            try:
                line_col, node = pos(step), node[step]
            except (KeyError, IndexError, TypeError):
                break
        return line_col

    def as_dict(self) -> dict:
        """The change in the file's layout."""
        data: dict[str, Any]
        if self.op == "set":
            data = {"set": self.target, "field": self.field}
            if self.append is None and self.remove_items is None:
                data["value"] = self.value
            if self.remove_items is not None:
                data["remove"] = list(self.remove_items)
            if self.append is not None:
                data["append"] = list(self.append)
        elif self.op == "add":
            data = {"add": self.collection, "element": self.element}
            if self.after is not None:
                data["after"] = self.after
            if self.before is not None:
                data["before"] = self.before
        elif self.op == "replace":
            data = {"replace": self.target, "element": self.element}
        else:
            data = {"remove": self.target}
            if self.drop_references:
                data["drop_references"] = True
        if self.note:
            data["note"] = self.note
        return data


@dataclass(frozen=True)
class Scenario:
    """A named change set: metadata and ordered changes."""

    id: str
    label: dict[str, str]
    source: dict
    status: str
    rationale: str
    changes: tuple[Change, ...]
    note: str | None = None
    file: str = "<scenario>"
    line: int = 1
    col: int = 1

    def as_dict(self) -> dict:
        data: dict[str, Any] = {
            "id": self.id,
            "label": dict(self.label),
            "source": dict(self.source),
            "status": self.status,
            "rationale": self.rationale,
        }
        if self.note:
            data["note"] = self.note
        data["changes"] = [c.as_dict() for c in self.changes]
        return data
