"""What every diagram shares, by concern, in one import.

The parts live in their own modules: :mod:`colours` (palette, route looks),
:mod:`escape` (escaping, DOT names, wrapping), :mod:`labels` (element labels and short
forms), :mod:`hyphenate` (Swedish compounds), :mod:`page` (fonts, A4, title row, legend),
:mod:`dotrun` (running Graphviz) and :mod:`pathways.texts` (the texts). This module
names them together for the diagram modules.
"""

from __future__ import annotations

from pathways.outputs.colours import (
    BLACK,
    BLUE,
    GAP_BG,
    GREEN,
    GREY,
    LEVEL_BG,
    LIGHT_GREY,
    MUNICIPALITY_BG,
    ORANGE,
    PURPLE,
    REGION_BG,
    ROUTE_STYLE,
    SKY,
    VERMILLION,
    YELLOW,
)
from pathways.outputs.dotrun import dot_binary, first_fit, natural_size, page_scale
from pathways.outputs.escape import esc, html_label, lines, node_id, ranges, wrap
from pathways.outputs.hyphenate import hyphenate
from pathways.outputs.labels import ABBREVIATIONS, label, short_text, short_unit
from pathways.outputs.page import (
    A4_LANDSCAPE,
    A4_PORTRAIT,
    FONT,
    FONT_SIZE,
    LANDSCAPE,
    PNG_DPI,
    PORTRAIT,
    SMALL,
    SVG_FONT_FALLBACK,
    TITLE_SIZE,
    Cell,
    Page,
    finish,
    glyph,
    legend_table,
    new_graph,
    source_line,
    title_label,
)
from pathways.texts import DIAGRAM as TEXT
from pathways.texts import diagram_text as t

__all__ = [
    "A4_LANDSCAPE",
    "A4_PORTRAIT",
    "ABBREVIATIONS",
    "BLACK",
    "BLUE",
    "FONT",
    "FONT_SIZE",
    "GAP_BG",
    "GREEN",
    "GREY",
    "LANDSCAPE",
    "LEVEL_BG",
    "LIGHT_GREY",
    "MUNICIPALITY_BG",
    "ORANGE",
    "PNG_DPI",
    "PORTRAIT",
    "PURPLE",
    "REGION_BG",
    "ROUTE_STYLE",
    "SKY",
    "SMALL",
    "SVG_FONT_FALLBACK",
    "TEXT",
    "TITLE_SIZE",
    "VERMILLION",
    "YELLOW",
    "Cell",
    "Page",
    "dot_binary",
    "esc",
    "finish",
    "first_fit",
    "glyph",
    "html_label",
    "hyphenate",
    "label",
    "legend_table",
    "lines",
    "natural_size",
    "new_graph",
    "node_id",
    "page_scale",
    "ranges",
    "short_text",
    "short_unit",
    "source_line",
    "t",
    "title_label",
    "wrap",
]
