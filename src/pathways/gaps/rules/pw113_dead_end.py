"""PW113 dead-end: STUB, being written."""

from pathways.gaps.core import Rule

RULE = Rule(code="PW113", name="dead-end", severity="warning", title={"sv": "", "en": ""}, explanation={"sv": "", "en": ""},
            source="", complexity="", check=lambda ctx: iter(()))
