"""The palette: Okabe–Ito colours (safe for the common colour-vision deficiencies),
lane backgrounds and the look of each route. Every colour cue is doubled by a shape, a
line style or a text mark, so a diagram printed in black and white still reads."""

from __future__ import annotations

# --- Okabe–Ito (Wong 2011, Nature Methods 8:441) ---
BLACK = "#000000"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
GREY = "#555555"
LIGHT_GREY = "#DDDDDD"

REGION_BG = "#E4F1FA"
"""Region lanes: a light tint of sky blue."""
MUNICIPALITY_BG = "#FBF5D5"
"""Municipal lanes: a light tint of yellow."""
LEVEL_BG = "#FFFFFF"
GAP_BG = "#FBE3D3"
"""Light vermillion, behind gap marks."""

ROUTE_STYLE: dict[int, dict[str, str]] = {
    1: {"color": BLUE, "style": "solid", "glyph": "━━━"},
    2: {"color": PURPLE, "style": "dashed", "glyph": "╍╍╍"},
    3: {"color": f"{GREEN}:white:{GREEN}", "style": "solid", "glyph": "═══", "text": GREEN},
}
"""Each route into home healthcare: a colour, and a line style so colour is not the only cue.
No route is drawn in orange or vermillion: those are the colours of gaps."""

HEAT_SHADES = ("#FFFFFF", "#FBE3D3", "#F2B48F", VERMILLION)
"""The heat maps' cells: white for none, then lighter to darker vermillion for 1, 2, 3 or more."""
