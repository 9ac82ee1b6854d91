"""`pathways synth`: a synthetic model at any scale, with gaps planted at known places."""

from __future__ import annotations

import time
from pathlib import Path

import typer

from pathways.cli.common import console, h
from pathways.cli.errors import CommandError


def synth(
    regions: int = typer.Option(
        21, "--regions", min=1, help=h("Regioner; Sverige har 21.", "Regions (counties); Sweden has 21.")
    ),
    municipalities: int = typer.Option(
        290,
        "--municipalities",
        min=1,
        help=h(
            "Kommuner, fördelade över regionerna; Sverige har 290.",
            "Municipalities, spread over the regions; Sweden has 290.",
        ),
    ),
    seed: int = typer.Option(
        0,
        "--seed",
        help=h(
            "Frö: samma frö ger samma filer, byte för byte.", "Seed: the same seed gives the same files, byte for byte."
        ),
    ),
    out: Path = typer.Option(
        ...,
        "--out",
        help=h(
            "Mappen att skriva (skapas; en tidigare syntetisk modell där ersätts).",
            "Directory to write (created; an earlier synthetic model there is replaced).",
        ),
    ),
    plant: bool = typer.Option(
        True,
        "--plant/--no-plant",
        help=h(
            "Plantera glapp (listas i planted.json) eller skriv en ren modell.",
            "Plant gaps (listed in planted.json) or write a clean model.",
        ),
    ),
    per_kind: int = typer.Option(
        None,
        "--plants-per-kind",
        min=1,
        help=h(
            "Glapp av varje slag att plantera; standard ett per sju regioner.",
            "Gaps of each kind to plant; default one per seven regions.",
        ),
    ),
    split: int = typer.Option(
        0,
        "--split",
        min=0,
        help=h(
            "Element per fil: ett slag med fler hamnar i en egen mapp (handovers/0001.yaml, ...); 0: en fil per slag.",
            "Elements per file: a kind with more goes into a folder of its own (handovers/0001.yaml, ...); 0: one file per kind.",
        ),
    ),
) -> None:
    """Write a synthetic model with the structure of the Dalarna model, for scale tests and benchmarks.

    Each region gets hospitals, clinics, health centres, primary-care rehab, private
    providers, habilitation, psychiatry and a device centre; each municipality its home
    healthcare, municipal rehab and needs assessment; with responsibilities, handovers,
    routes, SIP points, coordination rules and escalation paths as in the Dalarna model.
    planted.json lists the planted gaps: each with the findings `pathways gaps` must
    report for it (rule, key, finding id, elements).
    """
    from pathways.cli.progress import progress_bars
    from pathways.synth.generate import build
    from pathways.synth.plant import plant_gaps
    from pathways.synth.write import MANIFEST, write_synth

    if municipalities < regions:
        raise CommandError(
            f"--municipalities ({municipalities}) must be at least --regions ({regions}): each region has a municipality"
        )
    started = time.perf_counter()
    with progress_bars() as progress:
        model = build(regions, municipalities, seed, progress=progress)
        if plant:
            plant_gaps(model, per_kind)
        written = write_synth(model, out, progress=progress, split=split)
    counts = {name: len(items) for name, items in model.collections.items() if items}
    findings = sum(len(p["findings"]) for p in model.planted)
    console.print(
        f"{out}: {model.count()} element ({counts.get('units', 0)} verksamheter/units, "
        f"{counts.get('responsibilities', 0)} ansvar/responsibilities, {counts.get('handovers', 0)} överlämningar/handovers), "
        f"{len(written) - 1} filer/files (med scenarier / with scenarios), {time.perf_counter() - started:.1f} s",
        markup=False,
    )
    if plant:
        console.print(
            f"Planterade luckor / planted gaps: {len(model.planted)} ({findings} fynd/findings) -> {out / MANIFEST}",
            markup=False,
        )


def register(app: typer.Typer) -> None:
    app.command(
        "synth",
        help=h(
            "Skriv en syntetisk modell med Dalarnamodellens struktur, för skaltester och mätningar; planterade glapp listas i planted.json.",
            "Write a synthetic model with the structure of the Dalarna model, for scale tests and benchmarks; planted gaps are listed in planted.json.",
        ),
    )(synth)
