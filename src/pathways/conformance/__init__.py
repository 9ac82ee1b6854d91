"""Conformance of pseudonymised journey logs against the agreement (see docs/conformance.md)."""
