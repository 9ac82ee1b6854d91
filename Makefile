# The two commands a newcomer needs (see README.md):
#   make run    set up, then check the bundled Dalarna model and write its gaps, diagrams and report to out/
#   make test   set up, then run the whole test suite
.PHONY: run test lint diagrams

run:
	scripts/setup.sh
	.venv/bin/pathways validate
	.venv/bin/pathways gaps
	.venv/bin/pathways render --out out/diagrams
	.venv/bin/pathways report --out out/report
	@echo "Rapporten / the report: out/report/rapport.html"

test:
	scripts/setup.sh --test
	tests/neo4j_server/build.sh
	$(MAKE) lint
	.venv/bin/python -m pytest -q -n auto

# Format, lint and types (config in pyproject.toml); `make test` runs it before the tests and doctests.
lint:
	.venv/bin/ruff format --check .
	.venv/bin/ruff check .
	.venv/bin/mypy

diagrams:
	.venv/bin/pathways render --out diagrams --stamp model
