"""MAXIFS, MINIFS and AGGREGATE (xlkpi/engine/library/aggregates.py): Microsoft's examples by
hand, and every AGGREGATE function under every option against LibreOffice, over errors, text,
blanks, hidden rows and nested SUBTOTAL/AGGREGATE cells."""
from __future__ import annotations

import re
from typing import Any

import pytest
from library_books import excel, libreoffice_values, values
from oracle import same

# AGGREGATE's example (A1:B11); MAXIFS/MINIFS examples (D1:G7)
DOC_A = ["#DIV/0!", 72, 30, "#NUM!", 31, 96, 32, 81, 33, 53, 34]
DOC_B = [82, 65, 95, 63, 53, 71, 55, 83, 100, 91, 89]
DATA: dict[str, Any] = {**{f"A{i}": v for i, v in enumerate(DOC_A, 1)}, **{f"B{i}": v for i, v in enumerate(DOC_B, 1)}}
IFS_ROWS: list[list[Any]] = [["Grade", "Weight", "Class", "Level"], [89, 1, "Business", 100], [93, 2, "Technical", 100],
            [96, 2, "Business", 200], [85, 3, "Technical", 300], [91, 1, "Technical", 100], [88, 1, "Business", 400]]
DATA.update({f"{'DEFG'[j]}{i}": v for i, row in enumerate(IFS_ROWS, 1) for j, v in enumerate(row)})
# a column with hidden rows (32, 35) and nested SUBTOTAL/AGGREGATE cells (E40, E41); a mixed column
HIDDEN = (32, 35)
DATA.update({f"E{r}": v for r, v in zip(range(30, 40), [4, 8, 15, 16, 23, 42, 1.5, 2.5, 9, 3])})
DATA.update({"E40": "=SUBTOTAL(9,E30:E39)", "E41": "=_xlfn.AGGREGATE(9,4,E30:E39)"})
DATA.update({f"F{r}": v for r, v in zip(range(30, 40), [5, "x", None, 7, "#N/A", 2, None, "3", 11, 6]) if v is not None})
DATA.update({"G30": 'b', "G31": "a", "G33": "a", "G34": "b", "G35": "a", "G36": "a", "G37": "b", "G38": "a", "G39": "c"})



def in_file(formula: str) -> str:
    """A formula as Excel saves it: AGGREGATE, MAXIFS and MINIFS carry the _xlfn. prefix."""
    return "=" + re.sub(r"\b(AGGREGATE|MAXIFS|MINIFS)\(", r"_xlfn.\1(", formula)


HAND: list[tuple[str, Any]] = [
    # AGGREGATE: Microsoft's example
    ("AGGREGATE(4,6,A1:A11)", 96),
    ("AGGREGATE(14,6,A1:A11,3)", 72),
    ("AGGREGATE(15,6,A1:A11)", "#VALUE!"),
    ("AGGREGATE(12,6,A1:A11,B1:B11)", 68),
    ("MAX(A1:A2)", "#DIV/0!"),
    # more
    ("AGGREGATE(9,4,A1:A11)", "#DIV/0!"),
    ("AGGREGATE(2,4,A1:A11)", 9),  # COUNT never counts errors
    ("AGGREGATE(3,4,A1:A11)", 11),
    ("AGGREGATE(3,6,A1:A11)", 9),
    ("AGGREGATE(9,4,E30:E39)", 124),
    ("AGGREGATE(9,5,E30:E39)", 124 - 15 - 42),  # hidden rows left out
    ("AGGREGATE(9,0,E30:E41)", 124),  # nested SUBTOTAL and AGGREGATE left out
    ("AGGREGATE(9,1,E30:E41)", 67),
    ("AGGREGATE(9,4,E30:E41)", 3 * 124),
    ("AGGREGATE(9,6,E30:F39)", 124 + 31),
    ("AGGREGATE(9,3,E30:F41)", 67 + 29),
    ("AGGREGATE(4,6,A1:A11*2)", "#VALUE!"),  # functions 1–13 take references only
    ("AGGREGATE(14,6,A1:A11*2,1)", 192),  # 14–19 take arrays
    ("AGGREGATE(14,6,A1:A11/(B1:B11>80),1)", 81),
    ("AGGREGATE(15,6,A1:A11/(B1:B11>80),2)", 33),
    ("AGGREGATE(14,4,A1:A11,1)", "#DIV/0!"),
    ("AGGREGATE(16,6,A1:A11,0.5)", 34),
    ("AGGREGATE(17,6,A1:A11,1)", 32),
    ("AGGREGATE(18,6,A1:A11,0.05)", "#NUM!"),
    ("AGGREGATE(19,6,A1:A11,4)", "#NUM!"),
    ("AGGREGATE(19,6,A1:A11,1)", 31.5),
    ("AGGREGATE(14,6,A1:A11,10)", "#NUM!"),
    ("AGGREGATE(13,6,A1:A11,B1:B11)", 53),
    ("AGGREGATE(13,0,E30:E41)", "#N/A"),  # no number repeats
    ("AGGREGATE(9,4,A1:B11)", "#DIV/0!"),  # the first error
    ("MAXIFS(E30:E39,F30:F39,3)", 2.5),  # the number 3 matches the text "3", as in COUNTIF
    ("AGGREGATE(20,6,A1:A11)", "#VALUE!"),
    ("AGGREGATE(9,8,A1:A11)", "#VALUE!"),
    ("AGGREGATE(9,,E30:E39)", 124),
    ("AGGREGATE(6,7,F30:F39)", 5 * 7 * 11 * 6),
    ("AGGREGATE(6,6,G30:G39)", 0),  # no numbers: 0, as PRODUCT
    ("AGGREGATE(1,6,G30:G39)", "#DIV/0!"),
    # MAXIFS, MINIFS: Microsoft's examples and more
    ("MAXIFS(D2:D7,E2:E7,1)", 91),
    ("MINIFS(D2:D7,E2:E7,1)", 88),
    ('MAXIFS(D2:D7,F2:F7,"Business",G2:G7,">100")', 96),
    ('MINIFS(D2:D7,F2:F7,"Business",G2:G7,">100")', 88),
    ('MAXIFS(D2:D7,F2:F7,"Technical",G2:G7,">300")', 0),
    ('MAXIFS(D2:D7,F3:F8,"Technical")', 96),  # ranges of one size, not aligned
    ('MAXIFS(D2:D7,F2:G7,"a")', "#VALUE!"),
    ('MAXIFS(F30:F39,G30:G39,"b")', "#N/A"),  # an error selected
    ('MAXIFS(F30:F39,G30:G39,"a")', 11),  # text and blanks left out
    ('MINIFS(E30:E39,G30:G39,"<>a")', 2.5),
    ('MAXIFS(E30:E39,G30:G39,"a*",F30:F39,">5")', 16),
    ("MAXIFS(E30:E39,G30:G39)", "#VALUE!"),
]


@pytest.fixture(scope="module")
def hand(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    formulas = {f"J{i}": in_file(f) for i, (f, _) in enumerate(HAND, 1)}
    return values(tmp_path_factory.mktemp("aggregates") / "hand.xlsx", DATA, formulas, HIDDEN)


@pytest.mark.parametrize(("row", "case"), list(enumerate(HAND, 1)), ids=[f for f, _ in HAND])
def test_hand_worked(hand: dict[str, Any], row: int, case: tuple[str, Any]) -> None:
    assert same(hand[f"J{row}"], excel(case[1])), hand[f"J{row}"]


# --- against LibreOffice ---------------------------------------------------------------------------

# LibreOffice differs from Excel on: MODE.SNGL without duplicates (#VALUE!; Excel documents #N/A),
# the error a SUM over #DIV/0! then #NUM! reports (#NUM!; Excel, as the engine's SUM: the first),
# a number criterion against text that reads as it (Excel's COUNTIF rule, xlkpi/engine/criteria.py).
K = {14: 2, 15: 3, 16: 0.3, 17: 1, 18: 0.4, 19: 3}
ORACLE = [
    f"AGGREGATE({fn},{option},{ref}{f',{K[fn]}' if fn in K else ''})"
    for fn in range(1, 20) if fn != 13 for option in range(8) for ref in ("E30:E41", "A1:B11", "E30:F41")
    if (fn, option, ref) != (9, 4, "A1:B11")
] + [
    f"AGGREGATE({fn},{option},A1:A11/(B1:B11>60),{k})" for fn in (14, 15) for option in (4, 6) for k in (1, 4)
] + [
    f'{fn}(E30:E39,{criteria})' for fn in ("MAXIFS", "MINIFS") for criteria in (
        'G30:G39,"a"', 'G30:G39,"b"', 'G30:G39,"<>a"', 'G30:G39,"?"', 'G30:G39,"z"', 'F30:F39,">=6"', 'F30:F39,"x"',
        'F30:F39,"<>"', 'F30:F39,"="', 'G30:G39,"a",F30:F39,"<7"', "F30:F39,7", 'G30:G38,"a"')
] + [
    f'{fn}(F30:F39,{criteria})' for fn in ("MAXIFS", "MINIFS") for criteria in ('G30:G39,"a"', 'G30:G39,"b"', 'E30:E39,">20"')
]
ORACLE_CELLS = {f"J{i}": in_file(f) for i, f in enumerate(ORACLE, 1)}


@pytest.fixture(scope="module")
def oracle(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, Any]]:
    return libreoffice_values(tmp_path_factory.mktemp("aggregates-lo"), DATA, ORACLE_CELLS, HIDDEN)


@pytest.mark.parametrize("cell", ORACLE_CELLS, ids=ORACLE)
def test_matches_libreoffice(oracle: tuple[dict[str, Any], dict[str, Any]], cell: str) -> None:
    engine, expected = oracle
    assert same(engine[cell], expected[cell]), (engine[cell], expected[cell])
