"""The `pathways` command. Each command module registers its commands here; none holds logic."""

from __future__ import annotations

import typer

from pathways.cli import model_cmds

app = typer.Typer(
    help="pathways: vårdkedjor och överlämningar som graf / care pathways and handovers as a graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
model_cmds.register(app)
