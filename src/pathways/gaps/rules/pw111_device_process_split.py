"""PW111 device-process-split: STUB, being written."""

from pathways.gaps.core import Rule

RULE = Rule(code="PW111", name="device-process-split", severity="warning", title={"sv": "", "en": ""}, explanation={"sv": "", "en": ""},
            source="", complexity="", check=lambda ctx: iter(()))
