"""PW112 cost-shifting: STUB, being written."""

from pathways.gaps.core import Rule

RULE = Rule(code="PW112", name="cost-shifting", severity="warning", title={"sv": "", "en": ""}, explanation={"sv": "", "en": ""},
            source="", complexity="", check=lambda ctx: iter(()))
