"""PW107 guidance-without-request: STUB, being written."""

from pathways.gaps.core import Rule

RULE = Rule(code="PW107", name="guidance-without-request", severity="warning", title={"sv": "", "en": ""}, explanation={"sv": "", "en": ""},
            source="", complexity="", check=lambda ctx: iter(()))
