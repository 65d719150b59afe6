"""ACCRINT and MIRR: Microsoft's examples and the cases Excel answers differently from the
textbook (ACCRINT with calc_method FALSE and whole periods before the settlement's is negative;
MIRR does not discount the first flow); the 400 Excel-saved ACCRINT cases of IronCalc's
accrint_cases.xlsx are in tests/excel_saved."""
from __future__ import annotations

from pathlib import Path

import pytest
from library_oracle import engine_values
from oracle import same

CASES: list[tuple[str, object]] = [
    ("ACCRINT(DATE(2008,3,1),DATE(2008,8,31),DATE(2008,5,1),0.1,1000,2,0)", 16.666666666666666),
    ("ACCRINT(DATE(2008,3,5),DATE(2008,8,31),DATE(2008,5,1),0.1,1000,2,0,FALSE)", 15.555555555555555),
    ("ACCRINT(DATE(2008,4,5),DATE(2008,8,31),DATE(2008,5,1),0.1,1000,2,0,TRUE)", 7.2222222222222222),
    # Excel's values in accrint_cases.xlsx (rows 32, 33, 63, 252)
    ("ACCRINT(DATE(2020,12,1),DATE(2021,12,1),DATE(2021,3,1),0.075,100,2,0,TRUE)", 1.875),
    ("ACCRINT(DATE(2020,12,1),DATE(2021,12,1),DATE(2021,3,1),0.075,100,2,0,FALSE)", -1.875),
    ("ACCRINT(DATE(2020,12,26),DATE(2021,12,1),DATE(2021,3,1),0.025,5000,2,0,FALSE)", 22.569444444444446),
    ("ACCRINT(DATE(2019,8,31),DATE(2020,8,31),DATE(2020,5,1),0.1,1000,2,0,TRUE)", 66.94444444444446),
    ("ACCRINT(DATE(2008,4,5),DATE(2008,8,31),DATE(2008,5,1),0.1,1000,3,0)", "#NUM!"),  # frequency 1, 2 or 4
    ("ACCRINT(DATE(2008,5,5),DATE(2008,8,31),DATE(2008,5,1),0.1,1000,2,0)", "#NUM!"),  # issue after settlement
]


@pytest.fixture(scope="module")
def hand(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    return engine_values(tmp_path_factory.mktemp("accrint"), [formula for formula, _ in CASES])


@pytest.mark.parametrize(("formula", "expected"), CASES)
def test_excel_answers(hand: dict[str, object], formula: str, expected: object) -> None:
    assert same(hand[formula], expected), (formula, hand[formula])


# MIRR: Microsoft's example, and Excel's values in IronCalc's Excel-saved MIRR.xlsx
MIRR_DATA = "{-120000,39000,30000,21000,37000,46000}"
MIRR_CASES: list[tuple[str, object]] = [
    (f"MIRR({MIRR_DATA},0.1,0.12)", 0.1260941303659051),
    ("MIRR({-120000,39000,30000,21000},0.1,0.12)", -0.04804466),
    ("MIRR({-5,4},-1,0.2)", -0.19999999999999996),  # the first flow is not discounted: a rate of -1 works
    ("MIRR({-5,-3},0.1,0.2)", -1),  # no positive flow
    ("MIRR({-5,2,4},-1,0.2)", 0.13137084989847603),
    ("MIRR({-5,5,-3},0.1,0.2)", -0.10433826432554272),
    ("MIRR({5,3},0.1,0.2)", "#DIV/0!"),  # no negative flow
]


@pytest.fixture(scope="module")
def mirr(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    return engine_values(tmp_path_factory.mktemp("mirr"), [formula for formula, _ in MIRR_CASES])


@pytest.mark.parametrize(("formula", "expected"), MIRR_CASES)
def test_mirr(mirr: dict[str, object], formula: str, expected: object) -> None:
    got = mirr[formula]
    assert same(got, expected) or (isinstance(expected, float) and abs(got - expected) < 5e-9), (formula, got)  # type: ignore[operator]


# IRR: Excel's values in IronCalc's Excel-saved IRR.xlsx (a blank cell is no period; a guess ≤ -1 or text is #VALUE!)
IRR_DATA: dict[str, object] = {"A1": -20, "B1": 5, "C1": 5, "F1": 7, "A2": -20, "B2": 5, "C2": 5, "D2": 0, "E2": 0, "F2": 7,
                               "A3": -1000, "B3": 230, "C3": 200, "D3": 125, "E3": 200, "F3": 10, "I3": -10, "I4": "Hello"}
IRR_CASES: list[tuple[str, object]] = [
    ("IRR(A1:F1)", -0.0730084383401457),
    ("IRR(A2:F2)", -0.05230275377659388),
    ("IRR(A3:F3)", -0.1015006760535847),
    ("IRR(A3:F3,I3)", "#VALUE!"),
    ("IRR(A3:F3,I4)", "#VALUE!"),
    ("IRR(A3:F3,-0.9)", -0.1015006760535847),
]


def test_irr(tmp_path: Path) -> None:
    from library_books import excel, values

    got = values(tmp_path / "irr.xlsx", IRR_DATA, {f"H{i}": "=" + f for i, (f, _) in enumerate(IRR_CASES, 1)})
    wrong = [(f, got[f"H{i}"]) for i, (f, want) in enumerate(IRR_CASES, 1) if not same(got[f"H{i}"], excel(want))]
    assert wrong == []


# VDB: Microsoft's examples, and Excel's values in xlcalculator's Excel-saved VDB.xlsx (a fractional
# start goes on from that start's value: 0.5 to 1.5 is the declining rate on what is left at 0.5)
VDB_CASES: list[tuple[str, object]] = [
    ("VDB(2400,300,10*365,0,1)", 1.3150684931506849),
    ("VDB(2400,300,10*12,0,1)", 40),
    ("VDB(2400,300,10,0,1)", 480),
    ("VDB(2400,300,10*12,6,18)", 396.30605326475),
    ("VDB(2400,300,10*12,6,18,1.5)", 311.80893665823),
    ("VDB(2400,300,10,0,0.875,1.5)", 315),
    ("VDB(1,0,14,0,0.5,1.25,FALSE)", 0.044642857142857144),
    ("VDB(1,0,14,0.5,1.5,1.25,FALSE)", 0.08529974489795919),
    ("VDB(1,0,14,2.5,3.5,1.25,FALSE)", 0.07074765193864536),
    ("VDB(1,0,14,13,14,1.25,FALSE)", 0.06866789938377948),
]


@pytest.fixture(scope="module")
def vdb(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    return engine_values(tmp_path_factory.mktemp("vdb"), [formula for formula, _ in VDB_CASES])


@pytest.mark.parametrize(("formula", "expected"), VDB_CASES)
def test_vdb(vdb: dict[str, object], formula: str, expected: object) -> None:
    assert same(vdb[formula], expected), (formula, vdb[formula])


# CUMIPMT/CUMPRINC: Excel's values in IronCalc's Excel-saved CUMPRINC_CUMIPMT.xlsx
CUM_CASES: list[tuple[str, object]] = [
    ("CUMPRINC(0.01,36,8000,1.2,8.53,1)", -1339.6579298169904),  # start 2, end 8
    ("CUMIPMT(0.01,36,8000,1.2,8.53,1)", -501.92756475693704),
    ("CUMPRINC(0.1,36,8000,1.5,10,1)", -363.1764634420559),
    ("CUMPRINC(0.0083,36,8000,1,10,1)", -2038.518055313885),
    ("CUMPRINC(0.1,2,8000,1,10,1)", "#NUM!"),
]


@pytest.fixture(scope="module")
def cum(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    return engine_values(tmp_path_factory.mktemp("cum"), [formula for formula, _ in CUM_CASES])


@pytest.mark.parametrize(("formula", "expected"), CUM_CASES)
def test_cumulative(cum: dict[str, object], formula: str, expected: object) -> None:
    assert same(cum[formula], expected), (formula, cum[formula])


# XIRR from any guess above -1 (Microsoft's example: 0.373362535), NPER at rate 0 (-(pv + fv) / pmt)
XIRR_DATES = "{39448,39508,39751,39859,39904}"
RATE_CASES: list[tuple[str, object]] = [
    (f"XIRR({{-10000,2750,4250,3250,2750}},{XIRR_DATES})", 0.373362533518832),
    (f"XIRR({{-10000,2750,4250,3250,2750}},{XIRR_DATES},0.5)", 0.373362533518832),
    ("XIRR({-100,110},{39448,39813},-0.5)", 0.1),
    ("XIRR({100,110},{39448,39813})", "#NUM!"),  # no negative flow (LibreOffice: #VALUE!)
    ("NPER(0,-100,1000,-500)", 5),
    ("NPER(0,-100,1000,0,1)", 10),
    ("NPER(0,0,1000)", "#NUM!"),
]


@pytest.fixture(scope="module")
def rates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    return engine_values(tmp_path_factory.mktemp("rates"), [formula for formula, _ in RATE_CASES])


@pytest.mark.parametrize(("formula", "expected"), RATE_CASES)
def test_rates(rates: dict[str, object], formula: str, expected: object) -> None:
    assert same(rates[formula], expected), (formula, rates[formula])
