"""The ``xlkpi`` command line: one module per command."""
from .recalc import main

__all__ = ["main"]
