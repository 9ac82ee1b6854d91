"""The `pathways` command. Each command module registers its commands here; none holds logic."""

from __future__ import annotations

import typer

from pathways.cli import case_cmds, conformance_cmds, gaps_cmds, model_cmds, neo4j_cmds, render_cmds, synth_cmds

app = typer.Typer(
    help="pathways: vårdkedjor och överlämningar som graf / care pathways and handovers as a graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
for module in (model_cmds, gaps_cmds, case_cmds, render_cmds, synth_cmds, neo4j_cmds, conformance_cmds):
    module.register(app)
