"""PW115 referral-loop: STUB, being written."""

from pathways.gaps.core import Rule

RULE = Rule(code="PW115", name="referral-loop", severity="warning", title={"sv": "", "en": ""}, explanation={"sv": "", "en": ""},
            source="", complexity="", check=lambda ctx: iter(()))
