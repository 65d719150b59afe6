"""Base conversions (DEC2BIN … HEX2OCT): Microsoft's documented examples and errors, and a grid
of inputs against LibreOffice (which answers #VALUE! where Excel documents #NUM!)."""
from __future__ import annotations

import pytest
from library_oracle import cells, disagreements, engine_values, grid, recalc
from oracle import same

# (formula, Excel's answer), from each function's page.
CASES: list[tuple[str, object]] = [
    ("DEC2BIN(9,4)", "1001"),
    ("DEC2BIN(-100)", "1110011100"),
    ("DEC2BIN(512)", "#NUM!"),  # out of -512 … 511
    ("DEC2BIN(-513)", "#NUM!"),
    ("DEC2BIN(9,3)", "#NUM!"),  # needs more than places characters
    ("DEC2BIN(9,-1)", "#NUM!"),  # negative places
    ("DEC2BIN(9,4.9)", "1001"),  # places truncated
    ("DEC2BIN(-5,3)", "1111111011"),  # a negative ignores places
    ('DEC2BIN("abc")', "#VALUE!"),
    ('DEC2BIN(9,"abc")', "#VALUE!"),
    ("DEC2OCT(58,3)", "072"),
    ("DEC2OCT(-100)", "7777777634"),
    ("DEC2OCT(536870912)", "#NUM!"),
    ("DEC2HEX(100,4)", "0064"),
    ("DEC2HEX(-54)", "FFFFFFFFCA"),
    ("DEC2HEX(28)", "1C"),
    ("DEC2HEX(64,1)", "#NUM!"),
    ("DEC2HEX(549755813888)", "#NUM!"),
    ("BIN2DEC(1100100)", 100),
    ("BIN2DEC(1111111111)", -1),
    ('BIN2DEC("12")', "#NUM!"),  # not a binary digit
    ('BIN2DEC("11111111111")', "#NUM!"),  # more than 10 characters
    ("BIN2OCT(1001,3)", "011"),
    ("BIN2OCT(1100100)", "144"),
    ("BIN2OCT(1111111111)", "7777777777"),
    ("BIN2HEX(11111011,4)", "00FB"),
    ("BIN2HEX(1110)", "E"),
    ("BIN2HEX(1111111111)", "FFFFFFFFFF"),
    ("OCT2DEC(54)", 44),
    ("OCT2DEC(7777777533)", -165),
    ("OCT2BIN(3,3)", "011"),
    ("OCT2BIN(7777777000)", "1000000000"),
    ("OCT2BIN(1000)", "#NUM!"),  # 512: beyond ten binary digits
    ("OCT2HEX(100,4)", "0040"),
    ("OCT2HEX(7777777533)", "FFFFFFFF5B"),
    ('HEX2DEC("A5")', 165),
    ('HEX2DEC("FFFFFFFF5B")', -165),
    ('HEX2DEC("3DA408B9")', 1034160313),
    ('HEX2DEC("fG")', "#NUM!"),
    ('HEX2BIN("F",8)', "00001111"),
    ('HEX2BIN("B7")', "10110111"),
    ('HEX2BIN("FFFFFFFFFF")', "1111111111"),
    ('HEX2BIN("200")', "#NUM!"),
    ('HEX2OCT("F",3)', "017"),
    ('HEX2OCT("3B4E")', "35516"),
    ('HEX2OCT("FFFFFFFF00")', "7777777400"),
    ('HEX2OCT("FFDFFFFFFF")', "#NUM!"),  # below -2^29
    ("DEC2BIN(TRUE)", "#VALUE!"),  # the Analysis ToolPak functions take no booleans
]


@pytest.fixture(scope="module")
def hand(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    return engine_values(tmp_path_factory.mktemp("eng-hand"), [formula for formula, _ in CASES])


@pytest.mark.parametrize(("formula", "expected"), CASES)
def test_documented_answers(hand: dict[str, object], formula: str, expected: object) -> None:
    assert same(hand[formula], expected), (formula, hand[formula])


# --- LibreOffice -----------------------------------------------------------------------------------

VALUES = cells("pos", "neg", "zero", "half", "blank", "text", "numtext", "div0", "na", "empty", "three", "bits", "hex",
               "negint") + ["511", "-512", "1023", '"1111111111"', '"777"', '"7777777777"', '"FFFFFFFFFF"', '"abc"']
PLACES = ["", ",4", ",10", ",2"]
FORMULAS = [f for name in ("DEC2BIN", "DEC2OCT", "DEC2HEX", "BIN2OCT", "BIN2HEX", "OCT2BIN", "OCT2HEX", "HEX2BIN",
                           "HEX2OCT") for f in grid(name + "({0}{1})", VALUES, PLACES)] \
    + [f for name in ("BIN2DEC", "OCT2DEC", "HEX2DEC") for f in grid(name + "({0})", VALUES)]


NOT_NUMBERS = [*cells("text", "empty", "hex"), '"abc"', '"FFFFFFFFFF"']


def _excel(formula: str, theirs: object) -> object:
    """Excel's answer where LibreOffice's differs. Microsoft documents #NUM! for a number out of
    range, an invalid digit or too few places, where LibreOffice answers #VALUE! (#VALUE! stays
    for text that is no number given to DEC2…). DEC2HEX truncates a negative fraction like every
    other conversion (LibreOffice's DEC2HEX alone rounds it down)."""
    if formula.replace(")", ",").startswith(f"DEC2HEX({cells('neg')[0]},"):
        return "FFFFFFFB2E"  # -1234.5678 → -1234
    if theirs != "#VALUE!" or formula.startswith("DEC2") and any(f"({v}" in formula for v in NOT_NUMBERS):
        return theirs
    return "#NUM!"


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[object, object]]:
    return recalc(tmp_path_factory.mktemp("eng-libreoffice"), FORMULAS)


def test_same_as_libreoffice(libreoffice: dict[str, tuple[object, object]]) -> None:
    excel = {formula: _excel(formula, theirs) for formula, (_, theirs) in libreoffice.items() if _excel(formula, theirs) != theirs}
    assert disagreements(libreoffice, excel) == []
