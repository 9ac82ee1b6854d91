"""PW108 receiver-does-not-own: STUB, being written."""

from pathways.gaps.core import Rule

RULE = Rule(code="PW108", name="receiver-does-not-own", severity="warning", title={"sv": "", "en": ""}, explanation={"sv": "", "en": ""},
            source="", complexity="", check=lambda ctx: iter(()))
