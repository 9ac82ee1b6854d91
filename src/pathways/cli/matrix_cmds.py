"""The responsibility matrix in Excel: matrix export, matrix import (to a scenario for whatif)."""

from __future__ import annotations

from pathlib import Path

import typer

from pathways.cli.common import DEFAULT_MODEL, EXIT_INVALID, Lang, console, err_console, load_or_exit, report_problems
from pathways.model.errors import ModelError
from pathways.outputs.matrix_xlsx import write_matrix_xlsx
from pathways.scenarios.matrix import matrix_changes, scenario_text, write_scenario
from pathways.scenarios.matrix_sheet import read_matrix

matrix_app = typer.Typer(help="Ansvarsmatrisen i Excel / the responsibility matrix in Excel.", no_args_is_help=True)
ModelOption = typer.Option(DEFAULT_MODEL, "--model", help="The model directory.")


@matrix_app.command("export")
def export_cmd(
    out: Path = typer.Argument(..., help="The workbook to write (.xlsx)."),
    model_dir: Path = ModelOption,
    group: str = typer.Option(
        None, "--group", help="Profile dimension whose values are the patient groups; default the first."
    ),
    lang: Lang = typer.Option(Lang.sv, "--lang", help="Language of the names."),
) -> None:
    """Write the responsibility matrix (needs × patient groups × units, owners marked) to edit in Excel."""
    model = load_or_exit(model_dir)
    dims = [d.id for d in model.dimensions]
    dimension = group or dims[0]
    if dimension not in dims:
        err_console.print(
            f"{model_dir}: unknown profile dimension '{dimension}'; known: {', '.join(dims)}",
            markup=False,
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_INVALID)
    try:
        write_matrix_xlsx(model, out, dimension, lang.value)
    except OSError as exc:
        err_console.print(f"{out}: cannot write: {exc.strerror}", markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_INVALID) from None
    console.print(f"{out}: {len(model.needs)} behov × {len(model.units)} verksamheter ({dimension})", markup=False)


@matrix_app.command("import")
def import_cmd(
    sheet: Path = typer.Argument(..., help="The edited workbook (.xlsx)."),
    out: Path = typer.Option(..., "--out", help="The scenario file to write (.yaml), for `pathways whatif`."),
    model_dir: Path = ModelOption,
    scenario_id: str = typer.Option("ansvarsmatris", "--id", help="The scenario's id."),
) -> None:
    """Turn an edited matrix into a scenario: the ownership changes made in Excel."""
    model = load_or_exit(model_dir)
    try:
        read = read_matrix(sheet, model)
        note = f"Ändrat i {sheet.name}; bekräfta."
        changes = matrix_changes(model, read.dimension, read.owned, note)
        if not changes:
            console.print(
                f"{sheet}: inga ändringar mot modellen, inget skrivet / no changes, nothing written", markup=False
            )
            return
        write_scenario(out, scenario_text(scenario_id, model, changes, sheet.name), model)
    except ModelError as exc:
        report_problems(exc)
        raise typer.Exit(EXIT_INVALID) from None
    except OSError as exc:
        err_console.print(f"{out}: cannot write: {exc.strerror}", markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_INVALID) from None
    console.print(f"{out}: {len(changes)} ändringar / changes; `pathways whatif {out}`", markup=False)


def register(app: typer.Typer) -> None:
    app.add_typer(matrix_app, name="matrix")
