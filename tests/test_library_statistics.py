"""PRODUCT, AVERAGEA, the VAR/STDEV families, TREND/GROWTH, MINVERSE: Microsoft's
examples by hand (blank and text cells in the ranges), then references with every kind of cell
against LibreOffice where it agrees."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from library_books import excel, libreoffice_values, values
from oracle import same

# A: PRODUCT's example and a blank; B: AVERAGEA's; C: VAR.P/STDEV's; D: a mixed column
DATA: dict[str, Any] = {"A2": 5, "A3": 15, "A4": 30, "B2": 10, "B3": 7, "B4": 9, "B5": 2, "B6": "Not available",
                        **{f"C{i}": v for i, v in enumerate([1345, 1301, 1368, 1322, 1310, 1370, 1318, 1350, 1303, 1299], 1)},
                        "D1": 4, "D2": "x", "D3": True, "D5": "12", "D6": 2.5, "D7": False,
                        # E: y, F: x, G: new x (columns, as IronCalc's Excel-saved TREND/GROWTH file has them)
                        **{f"E{i}": v for i, v in enumerate([0.2, 0.3, 0.45, 0.5, 0.7], 1)},
                        **{f"F{i}": v for i, v in enumerate([1.1, 1.9, 3.2, 4.1, 4.8], 1)},
                        **{f"G{i}": v for i, v in enumerate([5.5, 6, 7.25], 1)},
                        **{f"J{i}": v for i, v in enumerate([1, 2, 3, "6/6/2018", "13", True, False, "hello", None, 0.12], 1)
                           if v is not None}}

HAND: list[tuple[str, Any]] = [
    ("PRODUCT(A2:A4)", 2250),
    ("PRODUCT(A2:A4,2)", 4500),
    ("PRODUCT(A1,A2:A4)", 2250),  # a blank cell is left out, not 0
    ("PRODUCT(2,A1,3)", 6),
    ("PRODUCT(A1)", 0),  # no number at all
    ("PRODUCT(2,\"3\")", 6),  # typed numeric text counts
    ("SUMSQ(D1:D7)", 22.25),  # 4² + 2.5²: text, "12", booleans and blanks of a range are left out
    ("SUMSQ(3,\"4\",TRUE)", 26),  # typed: coerced
    ("AVERAGEA(B2:B6)", 5.6),  # the text cell counts as 0
    ("AVERAGEA(B2:B5,B7)", 7),  # the blank cell is left out
    ("AVERAGEA(1,TRUE,\"3\")", 5 / 3),
    ("_xlfn.VAR.P(C1:C10)", 678.84),
    ("_xlfn.VAR.S(C1:C10)", 754.26666666666667),
    ("_xlfn.STDEV.P(C1:C10)", 26.054558142482477),
    ("_xlfn.STDEV.S(C1:C10)", 27.463915719843),
    ("VARP(D1:D7)", 0.5625),  # only 4 and 2.5 are numbers: text, "12", booleans and blanks are left out
    ("VAR(1,2,\"3\",TRUE)", 0.91666666666666667),  # typed text and booleans count
    ("TREND({1,2,3},{1,2,3},4)", 4),
    ("GROWTH({1,2,4},{1,2,3},4)", 8),
    # Excel's values in IronCalc's Excel-saved MEADIAN_KURT_SKEW_HARMEAN.xlsx: text ("13", a date's
    # text), booleans and blanks of a range left out, an array constant's numbers counted
    ("AVERAGE(J1:J10,{1,2,3},J3)", 1.8900000000000001),
    ("MEDIAN(J1:J10,{1,2,3},J3)", 2),
    ("HARMEAN(J1:J10,{1,2,3},J3)", 0.6486486486486486),
    ("KURT(J1:J10,{1,2,3},J3)", -1.2129835263391704),
    ("SKEW(J1:J10,{1,2,3},J3)", -0.41015281605980153),
    ("_xlfn.SKEW.P(J1:J10,{1,2,3},J3)", -0.32885385298206216),
    # MINVERSE: Microsoft's example; a single cell (IronCalc's Excel-saved MUNIT_MDETERM_MINVERSE.xlsx)
    ("INDEX(MINVERSE({4,-1;2,0}),1,2)", 0.5),
    ("INDEX(MINVERSE({1,2,1;3,4,-1;0,2,0}),2,3)", 0.5),
    ("MINVERSE(A2)", 0.2),
    ("MINVERSE(0)", "#NUM!"),  # singular (LibreOffice: #VALUE!)
    ("MINVERSE({1,2;2,4})", "#NUM!"),
    ("MINVERSE({1,2})", "#VALUE!"),  # not square
]


@pytest.fixture(scope="module")
def hand(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    formulas = {f"H{i}": "=" + f for i, (f, _) in enumerate(HAND, 1)}
    return values(tmp_path_factory.mktemp("stat") / "hand.xlsx", DATA, formulas)


@pytest.mark.parametrize(("row", "case"), list(enumerate(HAND, 1)), ids=[f for f, _ in HAND])
def test_documented_answers(hand: dict[str, Any], row: int, case: tuple[str, Any]) -> None:
    assert same(hand[f"H{row}"], excel(case[1])), (case, hand[f"H{row}"])


# LibreOffice has no booleans: a TRUE cell counts as 1 in its VAR/STDEV/PRODUCT, and it reads
# typed numeric text as #VALUE! (PRODUCT, VAR) or 0 (AVERAGEA); those stay in HAND only.
FORMULAS = [f"{fn}({ref})" for fn in ("PRODUCT", "AVERAGEA", "VARA", "VARPA", "STDEVA", "STDEVPA", "VAR", "VARP",
                                      "STDEV", "STDEVP", "AVERAGE", "MEDIAN", "HARMEAN", "GEOMEAN", "SKEW", "KURT",
                                      "AVEDEV", "DEVSQ")
            for ref in ("A1:A4", "B2:B7", "C1:C10", "D1:D2", "D4:D6")] + [
    f"INDEX({fn}(E1:E5{args}),{k})" for fn in ("TREND", "GROWTH") for k in (1, 3)
    for args in (",F1:F5,G1:G3", ",F1:F5,G1:G3,FALSE", ",F1:F5", "")]


def test_same_as_libreoffice(tmp_path: Path) -> None:
    ours, theirs = libreoffice_values(tmp_path, DATA, {f"H{i}": "=" + f for i, f in enumerate(FORMULAS, 1)})
    wrong = [(f, ours.get(f"H{i}"), theirs.get(f"H{i}")) for i, f in enumerate(FORMULAS, 1)
             if not same(ours.get(f"H{i}"), theirs.get(f"H{i}"))]
    assert wrong == []
