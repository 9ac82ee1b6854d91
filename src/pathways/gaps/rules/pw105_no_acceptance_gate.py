"""PW105 no-acceptance-gate: STUB, being written."""

from pathways.gaps.core import Rule

RULE = Rule(code="PW105", name="no-acceptance-gate", severity="warning", title={"sv": "", "en": ""}, explanation={"sv": "", "en": ""},
            source="", complexity="", check=lambda ctx: iter(()))
