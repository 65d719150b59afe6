"""The built-in profiles (``profiles/*.toml``, package data) and how an export is matched to one."""
from __future__ import annotations

from functools import cache
from importlib import resources

from .frames import Resolved, resolve
from .mapping import Mapping, parse, tomllib


@cache
def builtin() -> tuple[Mapping, ...]:
    """Every built-in profile, in name order."""
    found = []
    for entry in sorted(resources.files(__package__).joinpath("profiles").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            found.append(parse(tomllib.loads(entry.read_text(encoding="utf-8")), f"profiles/{entry.name}"))
    return tuple(found)


def detect(headers: list[str], mappings: tuple[Mapping, ...]) -> tuple[Resolved | None, list[Resolved]]:
    """(the mapping the headers fit, every mapping compared best first): a fit has every required
    column; among fits, the one with most columns found."""
    compared = sorted((resolve(m, headers) for m in mappings), key=lambda r: (not r.missing, len(r.positions), r.score),
                      reverse=True)
    fits = [r for r in compared if not r.missing]
    return (fits[0] if fits else None), compared
