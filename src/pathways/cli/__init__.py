"""The ``pathways`` program (:mod:`pathways.cli.main`).

Importing it sets the cyclic garbage collector's first threshold to 50,000 allocations
(Python's default is 700) for the process: start-up imports typer, pydantic and PyYAML,
hundreds of thousands of objects that live as long as the process, and at 700 the collector
passes over them again and again, 3 % of the instructions of ``pathways validate`` on
Dalarna (issue 15). Cycles are still collected, only in larger batches; the loader, the
graph build and the rules pause the collector anyway (:mod:`pathways.perf`).
"""

import gc

gc.set_threshold(50_000)
