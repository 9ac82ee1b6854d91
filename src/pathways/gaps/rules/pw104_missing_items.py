"""PW104 handover-missing-items: STUB, being written."""

from pathways.gaps.core import Rule

RULE = Rule(code="PW104", name="handover-missing-items", severity="warning", title={"sv": "", "en": ""}, explanation={"sv": "", "en": ""},
            source="", complexity="", check=lambda ctx: iter(()))
