"""PW101 uncovered-need: a need with no owner for some profiles in some setting.

For each catchment, each need and each setting where the need must be owned, the
profiles that need it there (the need's ``applies_to`` and the setting's ``profile``)
minus the union of what the responsibilities cover. One finding per need, setting
and catchment, with the uncovered profiles as minimal cubes. Key: (need, setting,
catchment).

Cost: O(C * (R + N * S)) big-int operations for C catchments, R responsibilities,
N needs and S settings, plus the cube cover, O(prod(|values|+1) * P / 64) per
finding for a profile space of P profiles (bounded by profiles.MAX_PROFILES).
"""

from __future__ import annotations

from collections.abc import Iterator

from pathways.gaps.core import Context, Hit, Rule


def check(ctx: Context) -> Iterator[Hit]:
    model = ctx.model
    for catchment, cov in ctx.coverages:
        for need in model.needs:
            for setting in model.settings:
                required = cov.required.get((need.id, setting.id), 0)
                if not required:
                    continue
                covered = 0
                for _, _, profiles in cov.by_cell.get((need.id, setting.id), ()):
                    covered |= profiles
                missing = required & ~covered
                if not missing:
                    continue
                yield Hit(
                    key=(need.id, setting.id, catchment.id),
                    elements=[need.id, setting.id],
                    message={
                        lang: TEXT[lang].format(
                            need=ctx.label(need.id, lang), setting=ctx.label(setting.id, lang).lower()
                        )
                        for lang in ("sv", "en")
                    },
                    profiles=ctx.space.minimal_cubes(missing),
                    data={
                        "need": need.id,
                        "setting": setting.id,
                        "catchment": catchment.id,
                        "profiles_count": missing.bit_count(),
                    },
                )


TEXT = {
    "sv": "Ingen äger behovet '{need}' ({setting}) för de här patienterna",
    "en": "No one owns the need '{need}' ({setting}) for these patients",
}


RULE = Rule(
    code="PW101",
    name="uncovered-need",
    severity="error",
    title={"sv": "Behov utan ägare", "en": "Uncovered need"},
    explanation={
        "sv": (
            "För vissa patientprofiler i en viss miljö finns ingen verksamhet som äger behovet. "
            "För patienten betyder det att ingen gör bedömningen, insatsen eller uppföljningen: "
            'patienten faller mellan stolarna. Källa: seed 000 ("det blir tydligt att det finns hål där '
            'patienter kan falla mellan stolarna") och ÖK:s ansvarsfördelning. Åtgärd i överenskommelsen: '
            "ange vilken verksamhet som ansvarar för de profiler som nämns, eller begränsa behovet till "
            "de profiler det gäller."
        ),
        "en": (
            "For some patient profiles in some setting no unit owns the need. For the patient this means "
            "that nobody assesses, treats or follows up: the patient falls between the chairs. Source: "
            "seed 000 and the agreement's split of responsibility. Fix in the agreement: name the unit "
            "responsible for the profiles listed, or restrict the need to the profiles it applies to."
        ),
    },
    source="seed-000 5.7.1.1; seed-002 ICF-indelning",
    complexity="O(C*(R + N*S)) bit-set operations; cube cover bounded by prod(|values|+1)",
    check=check,
)
