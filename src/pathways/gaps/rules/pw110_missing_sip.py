"""PW110 missing-sip: STUB, being written."""

from pathways.gaps.core import Rule

RULE = Rule(code="PW110", name="missing-sip", severity="warning", title={"sv": "", "en": ""}, explanation={"sv": "", "en": ""},
            source="", complexity="", check=lambda ctx: iter(()))
