"""Database functions (xlkpi/engine/library/database.py): Microsoft's example worked by hand,
more hand-worked cases, and a comparison with LibreOffice.

Where LibreOffice differs from Excel the hand-worked cases assert Excel's answer:
- bare text in a criteria range matches text beginning with it in Excel ("Pe" finds "Pear");
  LibreOffice matches whole cells (its default "search criteria must apply to whole cells");
- DGET with several matching records is #NUM! in Excel (documented), #VALUE! in LibreOffice;
- DSTDEV/DVAR over fewer than two numbers are #DIV/0! as STDEV.S/VAR.S (LibreOffice: #NUM! or 0);
- a criteria range over the database itself (Microsoft's DAVERAGE example) is #DIV/0! in LibreOffice;
- LibreOffice has no boolean cells (TRUE is the number 1): booleans are hand-worked only.
"""
from __future__ import annotations

from typing import Any

import pytest
from library_books import excel, libreoffice_values, values
from oracle import same

# Microsoft's example (DAVERAGE, DCOUNT … DVARP): criteria A1:F3, database A4:E10
DOC: dict[str, Any] = {
    "A1": "Tree", "B1": "Height", "C1": "Age", "D1": "Yield", "E1": "Profit", "F1": "Height",
    "A2": '="=Apple"', "B2": ">10", "F2": "<16", "A3": '="=Pear"',
}
ROWS: list[list[Any]] = [["Tree", "Height", "Age", "Yield", "Profit"], ["Apple", 18, 20, 14, 105], ["Pear", 12, 12, 10, 96],
        ["Cherry", 13, 14, 9, 105], ["Apple", 14, 15, 10, 75], ["Pear", 9, 8, 8, 76.8], ["Apple", 8, 9, 6, 45]]
DOC.update({f"{'ABCDE'[j]}{i}": v for i, row in enumerate(ROWS, 4) for j, v in enumerate(row)})

# A second table with blanks, text, booleans and an error in its fields; criteria ranges beside it
MIXED_ROWS: list[list[Any]] = [["Name", "Region", "Units", "Price", "Flag"], ["Ann", "East", 10, 2.5, True], ["Bob", "West", None, 4, False],
              ["Cid", "East", "n/a", 3, True], ["Dee", "North", 7, None, None], ["Eve", "east", 12, 1.5, False],
              ["Fay", "West", 5, 2, True]]
MIXED: dict[str, Any] = {f"{'ABCDE'[j]}{i}": v for i, row in enumerate(MIXED_ROWS, 20) for j, v in enumerate(row) if v is not None}
CRITERIA: dict[str, Any] = {
    "G20": "Region", "G21": "East",  # G20:G21 (no other region begins with "East")
    "H20": "Units", "H21": ">=7",  # H20:H21
    "I20": "Region", "J20": "Units", "I21": "West", "I22": "North", "J22": "<10",  # I20:J22: West, or North under 10
    "K20": "Price", "K21": '="="',  # K20:K21: blank price
    "L20": "Units", "L21": "<>",  # L20:L21: any units
    "M20": "Name", "M21": "*e*",  # M20:M21: wildcards
    "N20": "units", "N21": 5, "N22": 12,  # N20:N22: 5 or 12 (label case-insensitive)
    "O20": "Nope", "O21": 1,  # O20:O21: not a column
    "P20": "Region", "P21": "<>East",  # P20:P21
    "Q20": "Flag", "Q21": True,  # Q20:Q21
    "R20": "Region",  # R20:R21: a blank condition: every record
    "S20": "Units", "S21": "10",  # S20:S21: text that reads as a number
}
ERRORS: dict[str, Any] = {"A30": "K", "B30": "V", "A31": "a", "B31": 1, "A32": "b", "B32": "#DIV/0!", "A33": "c", "B33": 3,
                          "C30": "K", "C31": '="=a"', "D30": "K", "D31": '="=b"'}

DATA = {**DOC, **MIXED, **CRITERIA, **ERRORS}

HAND: list[tuple[str, Any]] = [
    # Microsoft's example
    ('DCOUNT(A4:E10,"Age",A1:F2)', 1),
    ('DCOUNTA(A4:E10,"Profit",A1:F2)', 1),
    ('DMAX(A4:E10,"Profit",A1:A3)', 105),
    ('DMIN(A4:E10,"Profit",A1:B2)', 75),
    ('DSUM(A4:E10,"Profit",A1:A2)', 225),
    ('DSUM(A4:E10,"Profit",A1:F2)', 75),
    ('DPRODUCT(A4:E10,"Yield",A1:F2)', 10),
    ('DAVERAGE(A4:E10,"Yield",A1:B2)', 12),
    ("DAVERAGE(A4:E10,3,A4:E10)", 13),
    ('DSTDEV(A4:E10,"Yield",A1:A3)', 2.966479395838),
    ('DSTDEVP(A4:E10,"Yield",A1:A3)', 2.653299832284),
    ('DVAR(A4:E10,"Yield",A1:A3)', 8.8),
    ('DVARP(A4:E10,"Yield",A1:A3)', 7.04),
    ('DGET(A4:E10,"Yield",A1:A3)', "#NUM!"),
    # more
    ('DGET(A4:E10,"Yield",A1:B2)', "#NUM!"),
    ("DGET(A4:E10,4,A1:F2)", 10),
    ("DGET(A4:E10,4,K20:K21)", "#VALUE!"),  # no Price column: the label is unknown
    ('DGET(A20:E26,"Name",K20:K21)', "Dee"),  # "=" finds the blank price
    ('DGET(A20:E26,"Price",M20:M21)', "#NUM!"),
    ('DSUM(A20:E26,"Units",G20:G21)', 22),  # "East" and "east"; "n/a" is text
    ('DCOUNT(A20:E26,"Units",G20:G21)', 2),
    ('DCOUNTA(A20:E26,"Units",G20:G21)', 3),
    ("DCOUNT(A20:E26,,G20:G21)", 3),  # field left out: the records
    ("DCOUNTA(A20:E26,,G20:G21)", 3),
    ('DSUM(A20:E26,"Price",I20:J22)', 6),  # OR across rows, AND along a row
    ('DSUM(A20:E26,"Price",N20:N22)', 3.5),
    ('DSUM(A20:E26,"Units",O20:O21)', "#VALUE!"),
    ('DSUM(A20:E26,"Nope",G20:G21)', "#VALUE!"),
    ("DSUM(A20:E26,6,G20:G21)", "#VALUE!"),
    ("DSUM(A20:E26,0,G20:G21)", "#VALUE!"),
    ("DSUM(A20:E26,3.9,G20:G21)", 22),  # a field number is truncated
    ('DSUM(A20:E26,"Units",G20:G20)', "#VALUE!"),  # no row of conditions
    ('DSUM(A20:E26,"Units",R20:R21)', 34),
    ('DSUM(A20:E26,"Flag",R20:R21)', 0),  # booleans are not numbers
    ('DCOUNTA(A20:E26,"Flag",Q20:Q21)', 3),
    ('DGET(A20:E26,"Name",S20:S21)', "Ann"),
    ("DSUM(A30:B33,2,C30:C31)", 1),
    ("DSUM(A30:B33,2,A30:A31)", 1),  # bare "a": text beginning with a
    ("DSUM(A30:B33,2,D30:D31)", "#DIV/0!"),
    ("DGET(A30:B33,2,D30:D31)", "#DIV/0!"),
    ('DCOUNT(A30:B33,"V",R20:R21)', "#DIV/0!"),  # a label over blank conditions needs no column; b's error
    # Excel's begins-with rule for bare text
    ('DSUM(A4:E10,"Profit",T1:T2)', 172.8),
    ('DCOUNT(A4:E10,"Age",T3:T4)', 3),
    # fewer numbers than the statistic needs
    ('DSTDEV(A4:E10,"Yield",A1:F2)', "#DIV/0!"),
    ('DVAR(A4:E10,"Yield",A1:F2)', "#DIV/0!"),
    ('DSTDEVP(A4:E10,"Yield",A1:F2)', 0),
    ('DAVERAGE(A20:E26,"Units",K20:K21)', 7),
    ('DAVERAGE(A20:E26,"Price",K20:K21)', "#DIV/0!"),
    ('DVARP(A20:E26,"Price",K20:K21)', "#DIV/0!"),
    ('DMAX(A20:E26,"Price",K20:K21)', 0),
    ('DPRODUCT(A20:E26,"Price",K20:K21)', 0),
]
EXTRA = {"T1": "Tree", "T2": "Pe", "T3": "Tree", "T4": "App"}  # "Pe": the pears; "App": the apples


@pytest.fixture(scope="module")
def hand(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    formulas = {f"Z{i}": "=" + f for i, (f, _) in enumerate(HAND, 1)}
    return values(tmp_path_factory.mktemp("database") / "hand.xlsx", {**DATA, **EXTRA}, formulas)


@pytest.mark.parametrize(("row", "case"), list(enumerate(HAND, 1)), ids=[f for f, _ in HAND])
def test_hand_worked(hand: dict[str, Any], row: int, case: tuple[str, Any]) -> None:
    assert same(hand[f"Z{row}"], excel(case[1])), hand[f"Z{row}"]


# --- against LibreOffice -------------------------------------------------------------------------

FUNCTIONS = ("DSUM", "DAVERAGE", "DCOUNT", "DCOUNTA", "DMAX", "DMIN", "DPRODUCT", "DSTDEVP", "DVARP")
ORACLE = [
    *(f'{fn}(A4:E10,"{field}",{crit})' for fn in FUNCTIONS for field in ("Height", "profit")
      for crit in ("A1:A2", "A1:A3", "A1:B2", "A1:F2", "A1:F3")),
    *(f'{fn}(A20:E26,"{field}",{crit})' for fn in FUNCTIONS for field in ("Units", "Price")
      for crit in ("G20:G21", "H20:H21", "I20:J22", "L20:L21", "M20:M21", "N20:N22", "P20:P21", "R20:R21", "S20:S21")),
    *(f"{fn}(A30:B33,2,{crit})" for fn in FUNCTIONS for crit in ("C30:C31", "D30:D31")),
    *(f"{fn}(A4:E10,{field},A1:A2)" for fn in ("DSUM", "DMAX") for field in (0, 1, 2.5, 5, 6, '"x"', '"3"')),
    "DSTDEV(A4:E10,4,A1:A3)", "DVAR(A4:E10,4,A1:A3)", "DSTDEV(A20:E26,3,G20:G21)", "DVAR(A20:E26,4,P20:P21)",
    "DGET(A4:E10,5,A1:F2)", "DGET(A20:E26,1,K20:K21)", "DGET(A20:E26,1,N20:N21)",
    'DGET(A20:E26,"Units",O20:O21)', "DCOUNT(A4:E10,,A1:A3)", "DSUM(A4:E10,5,O20:O21)",
]
ORACLE_CELLS = {f"Z{i}": "=" + f for i, f in enumerate(ORACLE, 1)}


@pytest.fixture(scope="module")
def oracle(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, Any]]:
    return libreoffice_values(tmp_path_factory.mktemp("database-lo"), DATA, ORACLE_CELLS)


@pytest.mark.parametrize("cell", ORACLE_CELLS, ids=ORACLE)
def test_matches_libreoffice(oracle: tuple[dict[str, Any], dict[str, Any]], cell: str) -> None:
    engine, expected = oracle
    assert same(engine[cell], expected[cell]), (engine[cell], expected[cell])
