"""PW117 no-escalation: STUB, being written."""

from pathways.gaps.core import Rule

RULE = Rule(code="PW117", name="no-escalation", severity="warning", title={"sv": "", "en": ""}, explanation={"sv": "", "en": ""},
            source="", complexity="", check=lambda ctx: iter(()))
