"""PW116 boundary: STUB, being written."""

from pathways.gaps.core import Rule

RULE = Rule(code="PW116", name="boundary", severity="warning", title={"sv": "", "en": ""}, explanation={"sv": "", "en": ""},
            source="", complexity="", check=lambda ctx: iter(()))
