"""The built-in profiles (``profiles/*.toml``, package data) and how an export is matched to one."""
from __future__ import annotations

from functools import cache
from importlib import resources

from ..i18n import text
from .frames import Resolved, resolve
from .mapping import Mapping, parse, tomllib


@cache
def _texts() -> dict[str, tuple[str, str]]:
    """Profile name → (its file name, its TOML text)."""
    found = {}
    for entry in sorted(resources.files(__package__).joinpath("profiles").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            text = entry.read_text(encoding="utf-8")
            found[str(tomllib.loads(text)["profile"]["name"])] = (entry.name, text)
    return found


@cache
def builtin() -> tuple[Mapping, ...]:
    """Every built-in profile, in name order."""
    return tuple(parse(tomllib.loads(text), f"profiles/{file}") for file, text in sorted(_texts().values()))


def profile_text(name: str, lang: str = "en") -> str:
    """The TOML of the built-in profile ``name`` (to copy and edit); KeyError names the choices."""
    if name not in _texts():
        raise KeyError(text("import.unknown_profile", lang, name=name, names=", ".join(sorted(_texts()))))
    return _texts()[name][1]


def detect(headers: list[str], mappings: tuple[Mapping, ...]) -> tuple[Resolved | None, list[Resolved]]:
    """(the mapping the headers fit, every mapping compared best first): a fit has every required
    column and something to import (a weekly figure or Leads); among fits, the one with most
    columns found."""
    compared = sorted((resolve(m, headers) for m in mappings), key=lambda r: (not r.missing, len(r.positions), r.score),
                      reverse=True)
    fits = [r for r in compared if not r.missing and (r.fillable() or r.leads())]
    return (fits[0] if fits else None), compared
