"""The responsibility matrix in Excel: matrix export, matrix import (to a scenario for whatif)."""

from __future__ import annotations

from pathlib import Path

import typer

from pathways.cli.common import Lang, LangOption, ModelOption, console, h, load_or_exit
from pathways.cli.errors import CommandError

matrix_app = typer.Typer(
    help=h("Ansvarsmatrisen i Excel: export och import.", "The responsibility matrix in Excel: export and import."),
    no_args_is_help=True,
)


@matrix_app.command(
    "export",
    help=h(
        "Skriv ansvarsmatrisen (behov × patientgrupper × verksamheter, ägare markerade) att ändra i Excel.",
        "Write the responsibility matrix (needs × patient groups × units, owners marked) to edit in Excel.",
    ),
)
def export_cmd(
    out: Path = typer.Argument(
        ...,
        metavar=h("ARBETSBOK", "WORKBOOK"),
        help=h("Arbetsboken att skriva (.xlsx).", "The workbook to write (.xlsx)."),
    ),
    model_dir: Path = ModelOption,
    group: str = typer.Option(
        None,
        "--group",
        help=h(
            "Profildimensionen vars värden är patientgrupperna; standard den första.",
            "Profile dimension whose values are the patient groups; default the first.",
        ),
    ),
    lang: Lang = LangOption,
) -> None:
    """Write the responsibility matrix (needs × patient groups × units, owners marked) to edit in Excel."""
    from pathways.outputs.matrix_xlsx import write_matrix_xlsx

    model = load_or_exit(model_dir)
    dims = [d.id for d in model.dimensions]
    dimension = group or dims[0]
    if dimension not in dims:
        raise CommandError(f"{model_dir}: unknown profile dimension '{dimension}'; known: {', '.join(dims)}")
    write_matrix_xlsx(model, out, dimension, lang.value)
    console.print(f"{out}: {len(model.needs)} behov × {len(model.units)} verksamheter ({dimension})", markup=False)


@matrix_app.command(
    "import",
    help=h(
        "Gör en ändrad matris till ett scenario: ändringarna av ägarskap som gjorts i Excel.",
        "Turn an edited matrix into a scenario: the ownership changes made in Excel.",
    ),
)
def import_cmd(
    sheet: Path = typer.Argument(
        ...,
        metavar=h("ARBETSBOK", "WORKBOOK"),
        help=h("Den ändrade arbetsboken (.xlsx).", "The edited workbook (.xlsx)."),
    ),
    out: Path = typer.Option(
        ...,
        "--out",
        help=h(
            "Scenariofilen att skriva (.yaml), för `pathways whatif`.",
            "The scenario file to write (.yaml), for `pathways whatif`.",
        ),
    ),
    model_dir: Path = ModelOption,
    scenario_id: str = typer.Option("ansvarsmatris", "--id", help=h("Scenariots id.", "The scenario's id.")),
) -> None:
    """Turn an edited matrix into a scenario: the ownership changes made in Excel."""
    from pathways.scenarios.matrix import matrix_changes, scenario_text, write_scenario
    from pathways.scenarios.matrix_sheet import read_matrix

    model = load_or_exit(model_dir)
    read = read_matrix(sheet, model)
    note = f"Ändrat i {sheet.name}; bekräfta."
    changes = matrix_changes(model, read.dimension, read.owned, note)
    if not changes:
        console.print(
            f"{sheet}: inga ändringar mot modellen, inget skrivet / no changes, nothing written", markup=False
        )
        return
    write_scenario(out, scenario_text(scenario_id, model, changes, sheet.name), model)
    console.print(f"{out}: {len(changes)} ändringar / changes; `pathways whatif {out}`", markup=False)


def register(app: typer.Typer) -> None:
    app.add_typer(matrix_app, name="matrix")
