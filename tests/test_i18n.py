"""The text catalogues: every language has every key, and each placeholder set matches."""
from __future__ import annotations

import string

import pytest

from xlkpi.i18n import LANGS, catalogue, text


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("lang", LANGS[1:])
def test_every_language_has_every_key_with_the_same_placeholders(lang: str) -> None:
    english, other = catalogue("en"), catalogue(lang)
    assert sorted(english.keys() - other.keys()) == [], f"missing in {lang}"
    assert sorted(other.keys() - english.keys()) == [], f"only in {lang}"
    wrong = [k for k in english if _fields(english[k]) != _fields(other[k])]
    assert wrong == [], f"placeholders differ in {lang}"


def test_unknown_language_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="'de'"):
        catalogue("de")


def test_text_fills_placeholders(monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue.cache_clear()
    from xlkpi.i18n import en

    monkeypatch.setitem(en.REPORT, "report.test_greeting", "Week {week}")
    try:
        assert text("report.test_greeting", "en", week=12) == "Week 12"
    finally:
        catalogue.cache_clear()
