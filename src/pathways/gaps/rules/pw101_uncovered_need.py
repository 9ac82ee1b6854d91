"""PW101 uncovered-need: a need with no owner for some profiles in some setting.

For each catchment, each need and each setting where the need must be owned, the
profiles that need it there (the need's ``applies_to`` and the setting's ``profile``)
minus the union of what the responsibilities cover. One finding per need, setting
and catchment, with the uncovered profiles as minimal cubes. Key: (need, setting,
catchment).

Cost: O(R * N_r * S_r + C * B * N * S) big-int operations for C catchments of B blocks
(:func:`~pathways.analysis.coverage.blocks`: what a region's units cover is united once,
not once per municipality), R responsibilities, N needs and S settings, plus the cube cover, O(prod(|values|+1) * P / 64) per
finding for a profile space of P profiles (bounded by profiles.MAX_PROFILES).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pathways.gaps.core import Context, Hit, Rule
from pathways.gaps.cypher import (
    CATCHMENTS,
    DIMS,
    LANGS,
    SPACE,
    VERSION,
    catchment_id,
    positions,
    sparse,
    within,
)


def _unions(cells: dict[tuple[str, str], list[tuple[str, str, int]]]) -> dict[tuple[str, str], int]:
    """The profiles some entry of each cell covers."""
    unions = {}
    for cell, entries in cells.items():
        covered = 0
        for _, _, profiles in entries:
            covered |= profiles
        unions[cell] = covered
    return unions


def check(ctx: Context) -> Iterator[Hit]:
    model = ctx.model
    found = ctx.blocks
    unions = [_unions(cells) for cells in found.cells]
    for index, catchment in enumerate(ctx.catchments):
        mine = [unions[b] for b in found.of_catchment[index]]
        for need in model.needs:
            for setting in model.settings:
                cell = (need.id, setting.id)
                required = found.required.get(cell, 0)
                if not required:
                    continue
                covered = 0
                for union in mine:
                    covered |= union.get(cell, 0)
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
    complexity="O(R*N_r*S_r + C*B*N*S) bit-set operations, B blocks per catchment; cube cover bounded by prod(|values|+1)",
    check=check,
)


# --- on Neo4j: the same rule as Cypher, run by pathways.graphstore.gaps -----------------

PW101 = (
    VERSION
    + CATCHMENTS
    + DIMS
    + SPACE
    + """
CALL (v, dims, space) {
  MATCH (n:Need {build: v.build}), (s:Setting {build: v.build})
  WHERE n.settings IS NULL OR size(n.settings) = 0 OR s.id IN n.settings
  WITH space, n, s, """
    + sparse("n", "applies_to")
    + """ AS need_cube, """
    + sparse("s")
    + """ AS setting_cube
  WITH n, s, [p IN space WHERE """
    + within("need_cube", "p")
    + " AND "
    + within("setting_cube", "p")
    + """] AS required
  WHERE size(required) > 0
  RETURN collect({need: n.id, setting: s.id, required: required}) AS cells
}
CALL (v, dims) {
  MATCH (o:Principal|PrincipalGroup {build: v.build})<-[:BELONGS_TO]-(u:Unit)-[:HOLDS]->(r:Responsibility)
  WITH o, r, """
    + sparse("r")
    + """ AS covering,
       CASE WHEN r.settings IS NULL OR size(r.settings) = 0 THEN u.settings ELSE r.settings END AS settings
  UNWIND r.needs AS need
  UNWIND settings AS setting
  WITH o, need, setting, collect(DISTINCT covering) AS covers
  WITH o, collect({need: need, setting: setting, covers: covers}) AS held
  RETURN collect({owner: o, held: held}) AS holdings
}
UNWIND catchments AS c
CALL (c, holdings) {
  UNWIND holdings AS h
  WITH c, h WHERE h.owner IN c.owners
  UNWIND h.held AS x
  UNWIND x.covers AS covering
  WITH x.need AS need, x.setting AS setting, covering ORDER BY covering
  WITH need, setting, collect(DISTINCT covering) AS covers
  RETURN collect({need: need, setting: setting, covers: covers}) AS held
}
UNWIND range(0, size(cells) - 1) AS i
WITH dims, cells, c, i,
     coalesce([h IN held WHERE h.need = cells[i].need AND h.setting = cells[i].setting | h.covers][0], []) AS covers
WITH dims, cells, i, covers, collect(c {.county, .counties, .members, .shared}) AS same
WITH dims, cells[i] AS cell, same, [p IN cells[i].required WHERE none(rc IN covers WHERE """
    + within("rc", "p")
    + """)] AS missing
WHERE size(missing) > 0
UNWIND same AS c
RETURN cell.need AS need, cell.setting AS setting, c AS catchment, [d IN dims | d.id] AS dims, missing
"""
)
"""PW101: per catchment, need and setting where the need must be owned, the profiles that need
it there (the need's ``applies_to`` and the setting's ``profile``) that no responsibility of a
unit of the catchment covers in that setting (its ``settings``, or where its owner works). The
profile space is enumerated on the server from the dimensions' values. Cost: O(P * D) to
enumerate P profiles of D dimensions and O(N * S * P * D) for what each need requires in each
setting; O(R * N_r * S_r) to index what each owner (principal or group) holds per need and
setting; O(C * (O + H_c log H_c + N * S * E)) to merge, per catchment, the holdings of its few
owners (H_c entries, E per catchment after merging); catchments whose covering profiles are the
same for a need and a setting share one O(P * D * R_ns) profile-by-profile comparison (a
national model's 290 catchments have only a handful of distinct ones)."""

CYPHER: tuple[str, ...] = (PW101,)
"""The queries of this rule on the server, in order; ``from_rows`` gets their rows in the same order."""


def from_rows(ctx: Context, rows: list[list[dict]]) -> Iterable[Hit]:
    mask_of = positions(ctx.space)
    for row in rows[0]:
        cid = catchment_id(row["catchment"], ctx.model.meta)
        missing = mask_of(row["dims"], row["missing"])
        yield Hit(
            key=(row["need"], row["setting"], cid),
            elements=[row["need"], row["setting"]],
            message={
                lang: TEXT[lang].format(
                    need=ctx.label(row["need"], lang), setting=ctx.label(row["setting"], lang).lower()
                )
                for lang in LANGS
            },
            profiles=ctx.space.minimal_cubes(missing),
            data={
                "need": row["need"],
                "setting": row["setting"],
                "catchment": cid,
                "profiles_count": missing.bit_count(),
            },
        )
