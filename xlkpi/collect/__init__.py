"""``xlkpi collect``: the KPIs and Leads of many weekly workbooks as two tidy tables.

``xlkpi.collect(paths)`` (this package, callable) is :func:`xlkpi.collect.run.collect`; pandas
and the engine are imported on first use, so that the command line starts fast.
"""
from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .run import Collection, collect

__all__ = ["Collection", "collect"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import run

        return getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _CollectModule(types.ModuleType):
    """This package, callable: ``xlkpi.collect(paths)`` whether or not the package was imported first."""

    def __call__(self, *args: Any, **kwargs: Any) -> Collection:
        from .run import collect

        return collect(*args, **kwargs)


sys.modules[__name__].__class__ = _CollectModule
