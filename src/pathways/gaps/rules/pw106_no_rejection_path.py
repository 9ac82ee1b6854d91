"""PW106 no-rejection-path: STUB, being written."""

from pathways.gaps.core import Rule

RULE = Rule(code="PW106", name="no-rejection-path", severity="warning", title={"sv": "", "en": ""}, explanation={"sv": "", "en": ""},
            source="", complexity="", check=lambda ctx: iter(()))
