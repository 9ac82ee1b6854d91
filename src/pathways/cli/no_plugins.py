"""No pydantic plugins, and not even their loader (issue 15).

None is part of pathways: :mod:`pathways.cli.main` sets ``PYDANTIC_DISABLE_PLUGINS`` to
``__all__`` unless the user set it, or the first validator pydantic builds would read the
entry points of every installed package to look for them. Disabled so, pydantic's loader
(``pydantic.plugin._loader``) finds none without reading anything, but importing it imports
:mod:`importlib.metadata` (email, zipfile, csv, ...): 5 % of the instructions of ``pathways
validate`` on Dalarna, which uses nothing of it. :func:`skip_loader` puts a stand-in in its
place that answers as the loader does then.
"""

from __future__ import annotations

import os
import sys
from types import ModuleType

LOADER = "pydantic.plugin._loader"
DISABLED_ALL = ("__all__", "1", "true")
"""The values of ``PYDANTIC_DISABLE_PLUGINS`` for which pydantic's ``get_plugins`` returns no
plugin before looking (pydantic 2.x): any other value (plugin names, empty) reads the entry points."""


def get_plugins() -> tuple[()]:
    """What pydantic's ``get_plugins()`` returns when every plugin is disabled: none."""
    return ()


def skip_loader() -> None:
    """Stand in for pydantic's plugin loader when ``PYDANTIC_DISABLE_PLUGINS`` disables every
    plugin and the loader is not imported yet; otherwise leave pydantic to import its own."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in DISABLED_ALL or LOADER in sys.modules:
        return
    stand_in = ModuleType(LOADER, "No pydantic plugins: a stand-in (pathways.cli.no_plugins).")
    stand_in.get_plugins = get_plugins  # type: ignore[attr-defined]
    sys.modules[LOADER] = stand_in
