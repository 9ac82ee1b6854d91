"""PW114 unreachable-unit: STUB, being written."""

from pathways.gaps.core import Rule

RULE = Rule(code="PW114", name="unreachable-unit", severity="warning", title={"sv": "", "en": ""}, explanation={"sv": "", "en": ""},
            source="", complexity="", check=lambda ctx: iter(()))
