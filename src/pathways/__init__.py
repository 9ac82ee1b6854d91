"""pathways: care pathways and handovers between Swedish care providers, as a graph."""

__version__ = "0.1.0"
