# The two commands a newcomer needs (see README.md):
#   make run    set up, then check the bundled Dalarna model and write its gaps, diagrams and report to out/
#   make test   set up, then run the whole test suite
.PHONY: run test diagrams

run:
	scripts/setup.sh
	.venv/bin/pathways validate model
	.venv/bin/pathways gaps model
	.venv/bin/pathways render model --out out/diagrams
	.venv/bin/pathways report model --out out/report
	@echo "Rapporten / the report: out/report/rapport.html"

test:
	scripts/setup.sh --test
	tests/neo4j_server/build.sh
	.venv/bin/python -m pytest -q

diagrams:
	.venv/bin/pathways render model --out diagrams
