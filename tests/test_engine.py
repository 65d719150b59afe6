"""The headless engine against LibreOffice and hand-worked values.

Fixture workbooks are built here with openpyxl. LibreOffice recalculates them and saves a
copy; its cached values are the oracle, and the engine evaluates both the original and
LibreOffice's copy. KPI_* functions are unknown to LibreOffice: their cases are worked by hand.
"""
from __future__ import annotations

import datetime as dt
import math
import random
import re
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

import formulas
import formulas_oracle
import openpyxl
import pytest
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.formula import ArrayFormula
from oracle import cached_values, mismatches, same

from xlkpi import engine
from xlkpi.engine import clear_cache, evaluate
from xlkpi.errors import WorkbookError, XLError
from xlkpi.values import excel_serial

# --- Fixture workbooks -----------------------------------------------------------------------------

LEADS = [  # channel, week, sent, replies, cost, date, status
    ("Email", 1, 200, 10, 150.5, dt.datetime(2026, 1, 5), "won"),
    ("Phone", 1, 50, 5, 300, dt.datetime(2026, 1, 6), "lost"),
    ("Email", 2, 180, 0, 140, dt.datetime(2026, 1, 12), "open"),
    ("Phone", 2, 0, 0, 0, dt.datetime(2026, 1, 13), "lost"),
    ("Mail", 2, 100, 2, 80.25, dt.datetime(2026, 2, 2), "won"),
    ("Email", 3, 220, 11, 160, dt.datetime(2026, 3, 30), "won"),
]

NATIVE = {  # Calc!cell → formula; the comments are worked by hand from LEADS
    "A1": "=SUM(Leads!C2:C7)",  # 750
    "A2": "=AVERAGE(Leads!D2:D7)",  # 28 / 6
    "A3": '=COUNTIFS(Leads!A2:A7,"Email",Leads!D2:D7,">0")',  # 2
    "A4": '=SUMIFS(Leads!E2:E7,Leads!A2:A7,"Email")',  # 450.5
    "A5": '=INDEX(Leads!E2:E7,MATCH("Mail",Leads!A2:A7,0))',  # 80.25
    "A6": '=VLOOKUP("Phone",Leads!A2:E7,5,FALSE)',  # 300
    "A7": '=VLOOKUP("Fax",Leads!A2:E7,5,FALSE)',  # #N/A
    "A8": '=IFERROR(A7,"none")',  # "none"
    "A9": "=Leads!D3/Leads!C5",  # 5 / 0: #DIV/0!
    "A10": "=A9+1",  # #DIV/0!
    "A11": "=DATE(2026,3,1)-DATE(2026,1,1)",  # 59
    "A12": "=WEEKNUM(Leads!F7)",  # 30 Mar 2026: week 14 (weeks from Sunday, 1 Jan in week 1)
    "A13": "=_xlfn.ISOWEEKNUM(Leads!F7)",  # 14 (ISO week 1 starts on Monday 29 Dec 2025)
    "A14": '=TEXT(Leads!F2,"yyyy-mm-dd")',  # "2026-01-05"
    "A15": "=ROUND(Leads!E2/3,2)",  # 50.17
    "A16": '=IF(A1>500,"big","small")',  # "big"
    "A17": "=AND(A1>0,A3=2)",  # TRUE
    "A18": "=Rate*A1",  # 0.2 × 750 = 150 (Rate is a defined name)
    "A19": '=Leads!A2&"-"&Leads!B2',  # "Email-1"
    "A20": '=COUNTIF(Leads!G2:G7,"won")',  # 3
    "A21": "=MAX(Leads!F2:F7)-MIN(Leads!F2:F7)",  # 84 days
    "A22": "=ISERROR(A9)",  # TRUE
    "A23": "=YEAR(Leads!F5)+MONTH(Leads!F6)",  # 2028
    "A24": "=SUMPRODUCT(Leads!C2:C7,Leads!D2:D7)",  # 4870
    "A25": "=Leads!H2",  # a blank cell: 0
    "A26": "=VLOOKUP(150,Tiers!A1:B3,2,TRUE)",  # "mid"
    "B5": "=SUM(B1:B3)",  # 860, over the array formula
    "B6": "=MEDIAN(Leads!C2:C7)",  # 140
    "B7": '=AVERAGEIFS(Leads!C2:C7,Leads!A2:A7,"Email")',  # 200
    "B8": '=TEXT(A2,"0.00")',  # "4.67"
    "B9": "=LEFT(Leads!G2,2)&UPPER(Leads!A3)",  # "woPHONE"
    "B10": "=ROUNDUP(A2,1)",  # 4.7
    "B11": '=IF(Leads!H2="","blank","x")',  # "blank"
    "B12": "=COUNTA(Leads!A2:A7)",  # 6
    "B13": "=NOT(A17)",  # FALSE
    "B14": "=Settings!B2+7",  # a date + 7
    "B15": "=IFERROR(Leads!D2/Leads!C2,0)*100",  # 5
}

HAND = {  # a selection of NATIVE worked by hand (LibreOffice gives the rest)
    "A1": 750, "A2": 28 / 6, "A3": 2, "A4": 450.5, "A5": 80.25, "A6": 300, "A7": XLError.NA,
    "A8": "none", "A9": XLError.DIV0, "A10": XLError.DIV0, "A11": 59, "A12": 14, "A13": 14,
    "A14": "2026-01-05", "A15": 50.17, "A16": "big", "A17": True, "A18": 150, "A19": "Email-1",
    "A20": 3, "A21": 84, "A22": True, "A23": 2028, "A24": 4870, "A25": 0, "A26": "mid",
    "B1": 400, "B2": 100, "B3": 360, "B5": 860, "B6": 140, "B7": 200, "B8": "4.67",
    "B9": "woPHONE", "B10": 4.7, "B11": "blank", "B12": 6, "B13": False, "B15": 5,
}


def native_workbook(path: Path) -> Path:
    """Built-in functions, cross-sheet references, a defined name, an array formula, dates, errors."""
    wb = openpyxl.Workbook()
    leads = wb.active
    leads.title = "Leads"
    leads.append(["Channel", "Week", "Sent", "Replies", "Cost", "Date", "Status"])
    for row in LEADS:
        leads.append(list(row))
    calc = wb.create_sheet("Calc")
    for cell, formula in NATIVE.items():
        calc[cell] = formula
    calc["B1"] = ArrayFormula("B1:B3", "=Leads!C2:C4*2")  # 400, 100, 360
    tiers = wb.create_sheet("Tiers")
    for row in ([0, "low"], [100, "mid"], [200, "high"]):
        tiers.append(row)
    settings = wb.create_sheet("Settings")
    settings["B1"] = 0.2
    settings["B2"] = dt.datetime(2026, 6, 1)
    wb.defined_names["Rate"] = DefinedName("Rate", attr_text="Settings!$B$1")
    wb.save(path)
    return path


SHARED = {"C": ("=A2*B2+1", [11, 41, 91, 161, 251]), "D": ("=SUM($A$2:A2)", [1, 3, 6, 10, 15])}


def shared_workbook(path: Path) -> Path:
    """C2:C6 and D2:D6 as shared formulas, the way Excel writes a filled-down column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    ws.append(["a", "b", "a·b + 1", "running total of a"])
    for i in range(5):
        ws.append([i + 1, 10 * (i + 1)])
    for column, (formula, _) in SHARED.items():
        for row in range(2, 7):
            ws[f"{column}{row}"] = formula  # placeholders, rewritten below
    wb.save(path)
    _share_formulas(path, "xl/worksheets/sheet1.xml", [(column, 2, 6) for column in SHARED])
    return path


def _share_formulas(path: Path, part: str, columns: Iterable[tuple[str, int, int]]) -> None:
    """Rewrite each column's formulas as one shared formula (openpyxl cannot write them): the
    first cell keeps the text, the others only point to it."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts[part].decode()
    for index, (column, first, last) in enumerate(columns):
        for row in range(first, last + 1):
            head = f'<f t="shared" ref="{column}{first}:{column}{last}" si="{index}">' if row == first else None
            xml, count = re.subn(
                rf'(<c r="{column}{row}"[^>]*>)<f>([^<]*)</f>',
                lambda m: m[1] + (f"{head}{m[2]}</f>" if head else f'<f t="shared" si="{index}"/>'),
                xml,
            )
            assert count == 1
    parts[part] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def small_book(path: Path, cells: dict[str, object], title: str = "Calc") -> Path:
    """One sheet with the given cells."""
    wb = openpyxl.Workbook()
    wb.active.title = title
    for cell, value in cells.items():
        wb.active[cell] = value
    wb.save(path)
    return path


def workbook_error(path: Path) -> WorkbookError:
    """The WorkbookError evaluating ``path`` raises."""
    with pytest.raises(WorkbookError) as caught:
        evaluate(path)
    return caught.value


# --- The weekly workbook: one sheet per channel, 52 weekly rows ---------------------------------------

CHANNELS = ("Email", "LinkedIn", "Phone", "Mail", "Events")
INPUTS = ("Week", "Planned", "Sent", "Delivered", "Opened", "Replies", "Positive", "Meetings",
          "Leads", "Customers", "Cost", "Revenue")  # columns A:L
WEEKLY = (  # columns M:AP
    "=_xlfn.ISOWEEKNUM(A{r})", '=TEXT(A{r},"yyyy-mm-dd")', "=C{r}/MAX(B{r},1)", "=IF(B{r}=0,0,D{r}/B{r})",
    "=IFERROR(E{r}/D{r},0)", "=IFERROR(F{r}/C{r},0)", "=IFERROR(G{r}/F{r},0)", "=IFERROR(H{r}/C{r},0)",
    '=IFERROR(K{r}/I{r},"n/a")', '=IFERROR(K{r}/J{r},"n/a")', "=IFERROR((L{r}-K{r})/K{r},0)",
    "=SUM($C$2:C{r})", "=SUM($F$2:F{r})", "=SUM($K$2:K{r})", "=SUM($L$2:L{r})",
    "=IFERROR((AA{r}-Z{r})/Z{r},0)", "=AVERAGE($F$2:F{r})", "=ROUND(P{r}*100,1)",
    '=IF(R{r}>=TargetReply,"good","low")', "=MAX($H$2:H{r})", '=COUNTIF($H$2:H{r},">0")', "=L{r}-K{r}",
    "=IF(AH{r}>0,AH{r},0)", "=WEEKNUM(A{r})", "=MONTH(A{r})", "=YEAR(A{r})",
    "=SUMIFS($L$2:$L$53,$AK$2:$AK$53,AK{r})", "=IFERROR(INDEX($L$2:$L$53,MATCH(MAX($L$2:$L$53),$L$2:$L$53,0)),0)",
    "=AND(C{r}>0,F{r}>0)", "=ROUND(IFERROR(H{r}/F{r},0),3)",
)
KPI_COLUMNS = (  # columns AQ:AV
    "=KPI_REPLY_RATE(F{r},C{r})", "=KPI_OPEN_RATE(E{r},D{r})", "=KPI_CPL(K{r},I{r})",
    '=IFERROR(KPI_CAC(K{r},J{r}),"n/a")', "=KPI_ROI(L{r},K{r})", '=KPI_ROI(AA{r},Z{r},"ratio")',
)


def _week_inputs(rnd: random.Random) -> list[float]:
    planned = rnd.randint(0, 500)
    funnel = [planned]
    for _ in range(8):  # sent … customers, each at most the previous
        funnel.append(rnd.randint(0, funnel[-1]))
    return funnel + [round(rnd.uniform(0, 900), 2), rnd.choice([0, round(rnd.uniform(0, 5000), 2)])]


def weekly_workbook(path: Path, *, channels: Iterable[str] = CHANNELS, weeks: int = 52, seed: int = 0,
                    filled: int | None = None, kpis: bool = True) -> Path:
    """The weekly template: ``filled`` weeks carry inputs (all by default), the rest only their date."""
    rnd = random.Random(seed)
    wb = openpyxl.Workbook()
    settings = wb.active
    settings.title = "Settings"
    settings["A1"], settings["B1"] = "Target reply rate", 0.05
    wb.defined_names["TargetReply"] = DefinedName("TargetReply", attr_text="Settings!$B$1")
    columns = WEEKLY + (KPI_COLUMNS if kpis else ())
    summary = wb.create_sheet("Summary")
    for i, channel in enumerate(channels, start=2):
        ws = wb.create_sheet(channel)
        ws.append(list(INPUTS) + [f"f{n}" for n in range(len(columns))])
        for week in range(weeks):
            r = week + 2
            inputs = _week_inputs(rnd) if filled is None or week < filled else [None] * 11
            ws.append([dt.datetime(2026, 1, 5) + dt.timedelta(weeks=week), *inputs]
                      + [f.format(r=r) for f in columns])
        summary[f"A{i}"] = channel
        summary[f"B{i}"] = f"=SUM({channel}!C2:C{weeks + 1})"
        summary[f"C{i}"] = f"=SUM({channel}!L2:L{weeks + 1})-SUM({channel}!K2:K{weeks + 1})"
        summary[f"D{i}"] = f'=IFERROR(SUM({channel}!K2:K{weeks + 1})/SUM({channel}!I2:I{weeks + 1}),"n/a")'
        if kpis:
            summary[f"E{i}"] = f"=KPI_ROI(SUM({channel}!L2:L{weeks + 1}),SUM({channel}!K2:K{weeks + 1}))"
    wb.save(path)
    return path


# --- LibreOffice, the oracle ---------------------------------------------------------------------------


def formula_cells(path: Path) -> set[tuple[str, str]]:
    """Every cell a formula fills, array formulas cell by cell."""
    wb = openpyxl.load_workbook(path)
    cells = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, ArrayFormula):
                    cells.update((ws.title, x.coordinate) for line in ws[c.value.ref] for x in line)
                elif c.data_type == "f":
                    cells.add((ws.title, c.coordinate))
    return cells


def identical(values: dict, expected: dict) -> list[tuple]:
    """Cells whose values differ in type, or in value beyond the last bits of a float (the
    engine adds a range left to right, as Excel does; numpy's pairwise sum may differ in the
    16th digit)."""
    def alike(a: object, b: object) -> bool:
        if type(a) in (int, float) and type(b) in (int, float):  # both Excel numbers
            return math.isclose(a, b, rel_tol=1e-13, abs_tol=1e-13)
        return type(a) is type(b) and a == b

    keys = values.keys() | expected.keys()
    return [(k, values.get(k), expected.get(k)) for k in sorted(keys) if not alike(values.get(k), expected.get(k))]


@pytest.fixture(scope="module")
def oracle(tmp_path_factory: pytest.TempPathFactory,
           libreoffice_convert: Callable[..., list[Path]]) -> dict[str, tuple[Path, Path]]:
    """name → (the workbook, LibreOffice's recalculated copy), converted in one LibreOffice run."""
    src = tmp_path_factory.mktemp("books")
    books = {
        "native": native_workbook(src / "native.xlsx"),
        "shared": shared_workbook(src / "shared.xlsx"),
        "weekly": weekly_workbook(src / "weekly.xlsx", channels=CHANNELS[:2], weeks=10, seed=7, kpis=False),
    }
    copies = libreoffice_convert(list(books.values()), tmp_path_factory.mktemp("libreoffice"))
    pairs = {name: (path, copy) for (name, path), copy in zip(books.items(), copies)}
    macro_enabled = libreoffice_convert([books["native"]], tmp_path_factory.mktemp("xlsm"),
                                        "xlsm:Calc MS Excel 2007 VBA XML")[0]
    pairs["native.xlsm"] = (macro_enabled, macro_enabled)
    return pairs


@pytest.fixture(autouse=True)
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No compiled program in memory nor on disk."""
    clear_cache()
    monkeypatch.setenv("XLKPI_CACHE_DIR", str(tmp_path / "program-cache"))


# --- Against LibreOffice ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["native", "shared", "weekly", "native.xlsm"])
def test_values_match_libreoffice(oracle: dict, name: str) -> None:
    path, copy = oracle[name]
    expected = cached_values(copy)
    result = evaluate(path)
    assert set(result.values) == formula_cells(path)
    assert result.formula_cells == len(result.values)
    assert mismatches(result.values, expected) == []


@pytest.mark.parametrize("name", ["native", "shared", "weekly"])
def test_libreoffice_copy_evaluates_the_same(oracle: dict, name: str) -> None:
    """LibreOffice rewrites formulas its own way (WEEKNUM(A2,1), _xlfn. prefixes …)."""
    _, copy = oracle[name]
    assert mismatches(evaluate(copy).values, cached_values(copy)) == []


def test_native_functions_by_hand(tmp_path: Path) -> None:
    values = evaluate(native_workbook(tmp_path / "native.xlsx")).values
    wrong = [(cell, values[("Calc", cell)], expected) for cell, expected in HAND.items()
             if not same(values[("Calc", cell)], expected)]
    assert wrong == []
    assert values[("Calc", "B14")] == excel_serial(dt.datetime(2026, 6, 8))


def test_shared_formulas_by_hand(tmp_path: Path) -> None:
    path = shared_workbook(tmp_path / "shared.xlsx")
    assert 't="shared"' in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    values = evaluate(path).values
    for column, (_, expected) in SHARED.items():
        assert [values[("S", f"{column}{row}")] for row in range(2, 7)] == expected


def test_name_of_a_deleted_sheet(tmp_path: Path) -> None:
    """Excel keeps such a name as "#REF!$A$1" (formulas cannot parse it); its value is #REF!."""
    path = small_book(tmp_path / "deleted.xlsx", {"A1": 2, "B1": "=A1*2", "B2": "=SUM(Gone)"})
    wb = openpyxl.load_workbook(path)
    wb.defined_names["Gone"] = DefinedName("Gone", attr_text="#REF!$A$1")
    wb.save(path)
    values = evaluate(path).values
    assert values == {("Calc", "B1"): 4.0, ("Calc", "B2"): XLError.REF}


def test_week_numbers_at_the_end_of_the_year(tmp_path: Path) -> None:
    """Excel numbers the last days of 2026 week 53; LibreOffice 7.4's WEEKNUM says 1 (its bug)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["A2"] = dt.datetime(2026, 12, 31), dt.datetime(2027, 1, 1)  # a Thursday, a Friday
    ws["B1"], ws["B2"] = "=WEEKNUM(A1)", "=WEEKNUM(A2)"
    ws["C1"], ws["C2"] = "=_xlfn.ISOWEEKNUM(A1)", "=_xlfn.ISOWEEKNUM(A2)"  # 2026 has 53 ISO weeks
    wb.save(tmp_path / "weeks.xlsx")
    values = evaluate(tmp_path / "weeks.xlsx").values
    assert [values[("Sheet", c)] for c in ("B1", "B2", "C1", "C2")] == [53, 1, 53, 53]


# --- KPI_* functions ---------------------------------------------------------------------------------


def kpi_workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Funnel"
    ws.append(["", "Cost or revenue", "Cost", "Leads"])
    ws.append(["a", 12000, 4000, 50])
    ws.append(["b", 900, 300, 0])
    ws["E2"] = "=KPI_ROI(B2,C2)"  # (12000 − 4000) / 4000 = 2
    ws["F2"] = "=KPI_CPL(B2,D2)"  # 12000 / 50 = 240
    ws["E3"] = "=KPI_CPL(B3,D3)"  # 900 / 0: #DIV/0!
    ws["F3"] = '=IFERROR(KPI_CPL(B3,D3),"n/a")'
    ws["G3"] = "=E3*2"  # the error flows on
    ws["H3"] = "=ISERROR(E3)"
    ws["I3"] = "=KPI_ROI(B2,E3)"  # an error argument: the KPI returns it
    ws["G2"] = '=KPI_ROI(B2,C2,"ratio")*100'  # 12000 / 4000 × 100 = 300
    ws["H2"] = "=KPI_CPL(C2,D9)"  # blank leads count as 0: #DIV/0!
    ws["I2"] = "=ROUND(KPI_REPLY_RATE(7,200),3)"  # 0.035
    score = wb.create_sheet("Score")
    score.append(["", "Value", "Target", "Weight", "Direction"])
    score.append(["reply rate", 0.05, 0.04, 2, "higher"])
    score.append(["CPL", 30, 25, 1, "lower"])
    score.append(["meetings", 2, 4, 1, "higher"])
    # min(0.05/0.04, 1) = 1, min(30/25, 1) = 1, 2/4 = 0.5 → 10 × (2·1 + 1·1 + 1·0.5) / 4 = 8.75
    score["G2"] = "=KPI_CHANNEL_SCORE(B2:B4,C2:C4,D2:D4)"
    # CPL lower is better: 25/30 → 10 × (2 + 25/30 + 0.5) / 4
    score["G3"] = "=KPI_CHANNEL_SCORE(B2:B4,C2:C4,D2:D4,E2:E4)"
    wb.save(path)
    return path


def test_kpi_functions(tmp_path: Path) -> None:
    values = evaluate(kpi_workbook(tmp_path / "kpi.xlsx")).values
    funnel = {cell: values[("Funnel", cell)] for cell in ("E2", "F2", "G2", "H2", "I2", "E3", "F3", "G3", "H3", "I3")}
    assert funnel == {
        "E2": 2.0, "F2": 240.0, "G2": 300.0, "H2": XLError.DIV0, "I2": 0.035,
        "E3": XLError.DIV0, "F3": "n/a", "G3": XLError.DIV0, "H3": True, "I3": XLError.DIV0,
    }
    assert values[("Score", "G2")] == pytest.approx(8.75)
    assert values[("Score", "G3")] == pytest.approx(10 * (2 + 25 / 30 + 0.5) / 4)


def test_kpi_over_a_row_of_cells(tmp_path: Path) -> None:
    """Ranges arrive as 2-D arrays; a row works like a column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([0.02, 30, 2])  # values
    ws.append([0.04, 25, 4])  # targets
    ws.append([1, 1, 2])  # weights
    ws["A5"] = "=KPI_CHANNEL_SCORE(A1:C1,A2:C2,A3:C3)"  # 10 × (0.5 + 1 + 2·0.5) / 4 = 6.25
    wb.save(tmp_path / "row.xlsx")
    assert evaluate(tmp_path / "row.xlsx").values[("Sheet", "A5")] == pytest.approx(6.25)


def test_kpi_registration_does_not_leak(tmp_path: Path) -> None:
    functions = formulas.get_functions()
    sentinel = functions["KPI_ROI"] = lambda *args: 42  # someone else's KPI_ROI
    try:
        path = kpi_workbook(tmp_path / "kpi.xlsx")
        assert evaluate(path).values[("Funnel", "E2")] == 2.0
        assert functions["KPI_ROI"] is sentinel
    finally:
        del functions["KPI_ROI"]
    assert not any(name.startswith("KPI_") for name in list(functions))
    model = formulas.ExcelModel().loads(str(path)).finish()  # formulas alone: KPI_* unknown
    solution = model.calculate()
    assert str(solution["'[kpi.xlsx]FUNNEL'!E2"].value[0, 0]) == "#NAME?"
    assert str(solution["'[kpi.xlsx]FUNNEL'!H3"].value[0, 0]) == "True"  # ISERROR(#NAME?): its functions work


# --- The formulas package's own ExcelModel as an oracle ----------------------------------------------


@pytest.mark.parametrize("name", ["native", "shared", "weekly"])
def test_same_values_as_formulas_excel_model(oracle: dict, name: str) -> None:
    path = oracle[name][0]
    assert identical(evaluate(path).values, formulas_oracle.evaluate(path).values) == []


def test_same_values_as_formulas_on_kpi_cells_and_errors(tmp_path: Path) -> None:
    path = kpi_workbook(tmp_path / "kpi.xlsx")
    values = evaluate(path).values
    assert identical(values, formulas_oracle.evaluate(path).values) == []
    assert any(isinstance(v, XLError) for v in values.values())


# --- Compile once, reuse ---------------------------------------------------------------------------------


def _count_compiles(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    compiles: list[tuple] = []
    compile_ = engine.build_program
    monkeypatch.setattr(engine, "build_program", lambda *args: compiles.append(args) or compile_(*args))
    return compiles


def test_reuse_gives_the_values_of_a_fresh_compile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Blank inputs in the compiled workbook and filled ones in the next, and the other way round."""
    small = {"channels": CHANNELS[:2], "weeks": 8}
    books = [
        weekly_workbook(tmp_path / "template.xlsx", filled=0, **small),
        weekly_workbook(tmp_path / "team-a.xlsx", seed=1, **small),
        weekly_workbook(tmp_path / "team-b.xlsx", seed=2, **small),
        weekly_workbook(tmp_path / "half.xlsx", seed=3, filled=4, **small),
    ]
    compiles = _count_compiles(monkeypatch)
    fresh = {}
    for path in books:
        clear_cache()
        fresh[path] = evaluate(path, cache=False).values
    assert fresh[books[1]] != fresh[books[2]]
    for first in books[:2]:  # compiled on the blank template, then on a filled workbook
        clear_cache()
        compiles.clear()
        for path in [first, *books]:
            assert evaluate(path, cache=False).values == fresh[path], (first.name, path.name)
        assert len(compiles) == 1


def test_reuse_with_array_formulas_and_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = native_workbook(tmp_path / "first.xlsx")
    wb = openpyxl.load_workbook(first)
    wb["Leads"]["C2"], wb["Settings"]["B1"], wb["Leads"]["D3"] = 1000, 0.5, None
    wb.save(tmp_path / "second.xlsx")
    compiles = _count_compiles(monkeypatch)
    evaluate(first)
    reused = evaluate(tmp_path / "second.xlsx").values
    assert len(compiles) == 1
    assert reused[("Calc", "B1")] == 2000  # the array formula: 1000 × 2
    assert reused[("Calc", "A18")] == 0.5 * 1550  # Rate × SUM(Leads!C2:C7)
    assert reused[("Calc", "A9")] == XLError.DIV0  # blank / 0
    clear_cache()
    assert evaluate(tmp_path / "second.xlsx").values == reused


def test_other_formulas_compile_anew(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = shared_workbook(tmp_path / "first.xlsx")
    wb = openpyxl.load_workbook(first)
    wb["S"]["C6"] = "=A6*B6+2"
    wb.save(tmp_path / "second.xlsx")
    compiles = _count_compiles(monkeypatch)
    assert evaluate(first).values[("S", "C6")] == 251
    assert evaluate(tmp_path / "second.xlsx").values[("S", "C6")] == 252
    assert len(compiles) == 2


# --- Bad input --------------------------------------------------------------------------------------------


def test_circular_reference_names_its_cells(tmp_path: Path) -> None:
    error = workbook_error(small_book(tmp_path / "loop.xlsx", {
        "A1": "=B1+1", "B1": "=A1*2",  # a loop of two
        "D1": "=SUM(D2:D4)", "D3": "=D1",  # a loop through a range
        "E1": "=A1+1",  # downstream of a loop, not in one
        "G5": "=SUM(G1:G9)",  # a cell that reads itself
        "F1": 5, "F2": "=F1*2",
    }, title="Loop"))
    assert (error.sheet, error.cell) == ("Loop", "A1")
    assert "circular reference" in error.message
    for cell in ("Loop!A1", "Loop!B1", "Loop!D1", "Loop!D3", "Loop!G5"):
        assert cell in error.message
    assert "E1" not in error.message and "F2" not in error.message


def test_unknown_function_is_name_error_as_in_excel(tmp_path: Path) -> None:
    """=FOO(…) and =BAR() are #NAME? in Excel: the other cells are computed, the calls reported."""
    cells = {"A1": "=SUM(1,2)", "B2": "=FOO(A1)", "C7": "=IF(A1>0,FOO(2),0)", "D1": "=BAR()", "E1": "=IF(A1>5,FOO(1),A1*2)"}
    result = evaluate(small_book(tmp_path / "foo.xlsx", cells))
    assert result.values[("Calc", "A1")] == 3
    assert result.values[("Calc", "B2")] == result.values[("Calc", "C7")] == result.values[("Calc", "D1")] == XLError.NAME
    assert result.values[("Calc", "E1")] == 6  # the branch that calls FOO is not taken
    assert result.unknown == {("Calc", "B2"): "FOO", ("Calc", "C7"): "FOO", ("Calc", "D1"): "BAR", ("Calc", "E1"): "FOO"}
    assert result.kept == {}


def test_unknown_function_refused_when_strict(tmp_path: Path) -> None:
    cells = {"A1": "=SUM(1,2)", "B2": "=FOO(A1)", "C7": "=IF(A1>0,FOO(2),0)", "D1": "=BAR()"}
    with pytest.raises(WorkbookError) as caught:
        evaluate(small_book(tmp_path / "foo.xlsx", cells), strict=True)
    error = caught.value
    assert (error.sheet, error.cell) == ("Calc", "B2")
    assert error.message == "unknown name or function BAR in Calc!D1; FOO in Calc!B2, Calc!C7"


def test_unknown_name(tmp_path: Path) -> None:
    path = small_book(tmp_path / "name.xlsx", {"A1": 2, "A2": "=Nope*A1", "A3": "=A1+1"})
    result = evaluate(path)
    assert result.values[("Calc", "A2")] == XLError.NAME and result.values[("Calc", "A3")] == 3
    assert result.unknown == {("Calc", "A2"): "NOPE"}
    with pytest.raises(WorkbookError, match="unknown name or function NOPE in Calc!A2"):
        evaluate(path, strict=True)


def test_function_excel_has_but_the_engine_lacks_keeps_stored_values(tmp_path: Path) -> None:
    """CUBEVALUE needs an OLAP connection: its cell and the cells reading it keep their stored values."""
    path = small_book(tmp_path / "cube.xlsx", {"A1": 2, "B1": '=CUBEVALUE("conn","x")', "C1": "=B1*2", "D1": "=A1*2"})
    result = evaluate(path)
    assert result.kept == {("Calc", "B1"): "CUBEVALUE", ("Calc", "C1"): "CUBEVALUE"}
    assert result.values == {("Calc", "D1"): 4}
    assert result.formula_cells == 3
    with pytest.raises(WorkbookError, match=r"cannot compute \(left as stored\): CUBEVALUE in Calc!B1, Calc!C1"):
        evaluate(path, strict=True)


def test_missing_sheet(tmp_path: Path) -> None:
    error = workbook_error(small_book(tmp_path / "sheet.xlsx", {"A1": 1, "B4": "=Nowhere!A1*2"}))
    assert (error.sheet, error.cell) == ("Calc", "B4")
    assert "missing sheet Nowhere in Calc!B4" in error.message


def test_unparsable_formula_is_left_as_stored(tmp_path: Path) -> None:
    path = small_book(tmp_path / "parse.xlsx", {"A1": 2, "A3": "=SUM(1,", "A4": "=A3+1", "A5": "=A1+1"})
    result = evaluate(path)
    assert result.kept == {("Calc", "A3"): "a formula the engine cannot parse", ("Calc", "A4"): "a formula the engine cannot parse"}
    assert result.values == {("Calc", "A5"): 3}
    with pytest.raises(WorkbookError) as caught:
        evaluate(path, strict=True)
    assert (caught.value.sheet, caught.value.cell) == ("Calc", "A3")


def test_let_lambda_and_named_lambdas(tmp_path: Path) -> None:
    """As Excel saves them: _xlfn.LET/_xlfn.LAMBDA with _xlpm. parameter names."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    ws["A1"], ws["A2"], ws["A3"] = 3, 4, 5
    ws["B1"] = "=_xlfn.LET(_xlpm.x,A1*2,_xlpm.y,_xlpm.x+1,_xlpm.x*_xlpm.y)"  # 6 × 7
    ws["B2"] = "=LET(x,A1,f,LAMBDA(v,v*10),f(x)+1)"  # 31
    ws["B3"] = "=Double(A2)+1"  # a named LAMBDA: 9
    ws["B4"] = "=LET(r,A1:A3,SUM(r))"  # a name bound to a reference: 12
    ws["B5"] = "=LAMBDA(x,y,x*y)(A2,A3)"  # called in place: 20
    ws["B6"] = "=Double(1,2)"  # wrong number of arguments: #VALUE!
    ws["B7"] = "=LET(x,A3,Double(x))"  # 10
    wb.defined_names["Double"] = DefinedName("Double", attr_text="_xlfn.LAMBDA(_xlpm.z,_xlpm.z*2)")
    wb.save(tmp_path / "let.xlsx")
    result = evaluate(tmp_path / "let.xlsx")
    assert [result.values[("S", f"B{i}")] for i in range(1, 8)] == [42, 31, 9, 12, 20, XLError.VALUE, 10]
    assert result.unknown == {} and result.kept == {}


def test_not_a_workbook(tmp_path: Path) -> None:
    (tmp_path / "text.xlsx").write_text("not a zip")
    assert "not an Excel workbook" in workbook_error(tmp_path / "text.xlsx").message
    assert "no such file" in workbook_error(tmp_path / "missing.xlsx").message


# --- The 1904 date system ------------------------------------------------------------------------------


def test_1904_date_system_matches_libreoffice(tmp_path: Path, libreoffice_convert: Callable[..., list[Path]]) -> None:
    """<workbookPr date1904="1">: serials count from 1904-01-01; date functions read and return them so."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Dates"
    ws["A1"], ws["A2"] = 41640 - 1462, 43000 - 1462  # 2014-01-01 and 2017-09-22 in the 1904 system
    formulas_ = ["=YEAR(A1)", "=MONTH(A2)", "=DAY(A2)", "=DATE(2014,1,1)", "=EDATE(A1,1)", "=EOMONTH(A2,0)",
                 "=WEEKDAY(A1)", "=A1+1", "=DAYS360(A1,A2)", "=NETWORKDAYS(A1,A2)", "=WORKDAY(A1,10)",
                 '=DATEVALUE("2014-03-01")', "=YEARFRAC(A1,A2)", '=TEXT(A1,"yyyy-mm-dd")', '=TEXT(A1,"0.0")']
    for i, formula in enumerate(formulas_, start=1):
        ws.cell(i, 2, formula)
    path = tmp_path / "d1904.xlsx"
    wb.save(path)
    values = evaluate(path).values
    assert values[("Dates", "B1")] == 2014 and values[("Dates", "B4")] == 41640 - 1462
    (copy,) = libreoffice_convert([path], tmp_path / "lo")
    assert mismatches(values, cached_values(copy)) == []


# --- Structured references and 3-D references -------------------------------------------------------


def tables_workbook(path: Path) -> Path:
    """An Excel table with a totals row, structured references in and out of it, and 3-D sums."""
    from openpyxl.worksheet.table import Table

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["Region", "Jan", "Feb", "Mar", "Total"])
    for region, jan, feb, mar in [("North", 10, 20, 30), ("South", 5, 6, 7), ("East", 1, 2, 3)]:
        ws.append([region, jan, feb, mar, "=SUM(Sales[[#This Row],[Jan]:[Mar]])"])
    ws.append(["Total", *(f"=SUBTOTAL(109,Sales[{c}])" for c in ("Jan", "Feb", "Mar", "Total"))])
    ws.add_table(Table(displayName="Sales", ref="A1:E5", totalsRowCount=1))
    calc = wb.create_sheet("Calc")
    for month, value in (("Jan", 1), ("Feb", 2), ("Mar", 4)):
        wb.create_sheet(month)["B2"] = value
    cells = {
        "A1": "=SUM(Sales[Jan])",  # 16
        "A2": "=ROWS(Sales[#All])",  # 5
        "A3": '=COUNTIF(Sales[Region],"N*")',  # 1
        "A4": "=SUM(Sales[[#Totals],[Feb]])",  # 28
        "A5": "=SUM(Sales)",  # the data body: 84 + 84
        "A6": "=INDEX(Sales[Mar],2)",  # 7
        "B1": "=SUM(Jan:Mar!B2)",  # 7
        "B2": "=SUM('Jan:Feb'!B2)",  # 3
        "B3": "=AVERAGE(Jan:Mar!B2)",  # 7 / 3
    }
    for ref, formula in cells.items():
        calc[ref] = formula
    wb.save(path)
    return path


def test_structured_and_3d_references(tmp_path: Path, libreoffice_convert: Callable[..., list[Path]]) -> None:
    path = tables_workbook(tmp_path / "tables.xlsx")
    values = evaluate(path).values
    assert [values[("Data", f"E{r}")] for r in (2, 3, 4)] == [60, 18, 6]
    assert [values[("Calc", f"A{r}")] for r in range(1, 7)] == [16, 5, 1, 28, 168, 7]
    assert values[("Calc", "B1")] == 7 and values[("Calc", "B2")] == 3 and values[("Calc", "B3")] == pytest.approx(7 / 3)
    # LibreOffice 7.4 answers #NAME? for Sales[#All] and for a quoted 3-D range ('Jan:Feb'!B2, as
    # Excel writes sheet names that need quotes), and counts the totals row in a bare table name
    # (Excel: "=SUM(Sales)" is the data body): those cells are checked by hand above only.
    lo_wrong = {("Calc", "A2"), ("Calc", "A5"), ("Calc", "B2")}
    (copy,) = libreoffice_convert([path], tmp_path / "lo")
    checked = {k: v for k, v in values.items() if k not in lo_wrong}
    assert mismatches(checked, cached_values(copy)) == []


def test_lambda_helpers(tmp_path: Path) -> None:
    """MAP, REDUCE, SCAN, BYROW, BYCOL, MAKEARRAY, written as Excel saves them (array formulas)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    for row in range(1, 4):
        ws.cell(row, 1, row)
        ws.cell(row, 2, row * 10)
    ws["D1"] = "=_xlfn.REDUCE(0,A1:A3,_xlfn.LAMBDA(_xlpm.a,_xlpm.b,_xlpm.a+_xlpm.b))"
    ws["E1"] = ArrayFormula("E1:E3", "=_xlfn.MAP(A1:A3,_xlfn.LAMBDA(_xlpm.x,_xlpm.x*2))")
    ws["F1"] = ArrayFormula("F1:F3", "=_xlfn.BYROW(A1:B3,_xlfn.LAMBDA(_xlpm.r,SUM(_xlpm.r)))")
    ws["G1"] = ArrayFormula("G1:H2", "=_xlfn.MAKEARRAY(2,2,_xlfn.LAMBDA(_xlpm.r,_xlpm.c,_xlpm.r*_xlpm.c))")
    ws["I1"] = ArrayFormula("I1:I3", "=_xlfn.SCAN(0,A1:A3,_xlfn.LAMBDA(_xlpm.a,_xlpm.b,_xlpm.a+_xlpm.b))")
    ws["J1"] = ArrayFormula("J1:K1", "=_xlfn.BYCOL(A1:B3,_xlfn.LAMBDA(_xlpm.c,MAX(_xlpm.c)))")
    ws["L1"] = "=_xlfn.MAP(A1:A3,5)"  # no LAMBDA where one belongs
    wb.save(tmp_path / "helpers.xlsx")
    values = evaluate(tmp_path / "helpers.xlsx").values
    got = {ref: values[("S", ref)] for ref in ("D1", "E1", "E2", "E3", "F1", "F2", "F3", "G1", "G2", "H1", "H2",
                                                "I1", "I2", "I3", "J1", "K1", "L1")}
    assert got == {"D1": 6, "E1": 2, "E2": 4, "E3": 6, "F1": 11, "F2": 22, "F3": 33, "G1": 1, "G2": 2, "H1": 2,
                   "H2": 4, "I1": 1, "I2": 3, "I3": 6, "J1": 3, "K1": 30, "L1": XLError.VALUE}


def test_arguments_left_empty_take_the_functions_default(tmp_path: Path) -> None:
    """XLOOKUP(x,a,b,,2): an empty if_not_found is #N/A, not 0; SEQUENCE(3,,,2) starts at 1."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    for row, (key, value) in enumerate([("a", 1), ("b", 2), ("c", 3)], start=1):
        ws.cell(row, 1, key)
        ws.cell(row, 2, value)
    ws["D1"] = '=_xlfn.XLOOKUP("zz",A1:A3,B1:B3,,2)'
    ws["D2"] = '=_xlfn.XLOOKUP("b*",A1:A3,B1:B3,,2)'
    ws["D3"] = '=_xlfn.XLOOKUP("zz",A1:A3,B1:B3,"none")'
    ws["E1"] = ArrayFormula("E1:E3", "=_xlfn.SEQUENCE(3,,,2)")
    ws["F1"] = '=_xlfn.XMATCH("c",A1:A3,,-1)'
    ws["G1"] = "=IF(TRUE,,1)"  # an empty argument elsewhere stays 0
    wb.save(tmp_path / "omit.xlsx")
    values = evaluate(tmp_path / "omit.xlsx").values
    got = [values[("S", ref)] for ref in ("D1", "D2", "D3", "E1", "E2", "E3", "F1", "G1")]
    assert got == [XLError.NA, 2, "none", 1, 3, 5, 3, 0]


def test_whole_columns_filters_and_line_breaks(tmp_path: Path) -> None:
    """Found on Excel's own workbooks: whole columns hold 1,048,576 cells (COUNTIF counts their
    blanks); rows an AutoFilter hides leave every SUBTOTAL; text keeps its line breaks."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    for row, value in enumerate(["a", "b", "a", None, "c"], start=1):
        if value:
            ws.cell(row, 1, value)
    for row, (key, value) in enumerate([("x", 1), ("y", 2)], start=1):
        ws.cell(row, 3, key)
        ws.cell(row, 4, value)
    ws["F1"] = '=COUNTIF(A:A,"<>a")'  # 1,048,576 − 2
    ws["F2"] = '=COUNTIFS(A:A,"",A:A,"<>b")'  # the blanks: 1,048,576 − 4
    ws["F3"] = '=_xlfn.XLOOKUP("y",C:C,D:D)'
    ws["F4"] = '=IF(TRUE,"a\nb")'
    data = wb.create_sheet("Data")
    data.append(["Units"])
    for units in [10, "32", 20, 1000, True, 30]:
        data.append([units])
    data.auto_filter.ref = "A1:A7"
    data.auto_filter.add_filter_column(0, ["10", "32", "20", "TRUE", "30"])
    data.row_dimensions[5].hidden = True  # 1000, filtered out
    data["E1"] = 7
    data.row_dimensions[1].hidden = True  # hidden by hand (outside the filtered rows)
    data["E2"] = "=SUBTOTAL(9,E1)"  # counted: only 109 leaves out rows hidden by hand
    data["E3"] = "=SUBTOTAL(109,E1)"
    data["E4"] = "=COUNT(A2:A7,\"5\",TRUE)"  # a reference: its numbers (4); typed arguments count too (2)
    data["E5"] = "=COUNTBLANK(B:B)"
    data["C1"] = "=SUBTOTAL(9,A2:A7)"  # 10 + 20 + 30: text, TRUE and the filtered row left out
    data["C2"] = "=SUBTOTAL(1,A2:A7)"
    data["C3"] = "=SUBTOTAL(3,A2:A7)"  # COUNTA: 10, "32", 20, TRUE, 30
    wb.save(tmp_path / "found.xlsx")
    values = evaluate(tmp_path / "found.xlsx").values
    assert [values[("S", f"F{r}")] for r in range(1, 5)] == [1048574, 1048572, 2, "a\nb"]
    assert [values[("Data", f"C{r}")] for r in range(1, 4)] == [60, 20, 5]
    assert [values[("Data", f"E{r}")] for r in range(2, 6)] == [7, 0, 6, 1048576]


def test_sheet_sheets_and_formulatext(tmp_path: Path) -> None:
    path = shared_workbook(tmp_path / "shared.xlsx")  # S!C2:C6 share "=A2*B2+1"
    wb = openpyxl.load_workbook(path)
    extra = wb.create_sheet("Info")
    extra["A1"], extra["A2"], extra["A3"] = "=SHEET()", "=SHEETS()", '=SHEET("S")'
    extra["A4"], extra["A5"] = "=FORMULATEXT(S!C4)", "=FORMULATEXT(S!A2)"
    wb.save(path)
    shared_workbook_formulas = openpyxl.load_workbook(path)["S"]["C4"].value
    values = evaluate(path).values
    assert [values[("Info", f"A{r}")] for r in range(1, 6)] == [
        len(wb.sheetnames), len(wb.sheetnames), wb.sheetnames.index("S") + 1, shared_workbook_formulas, XLError.NA]


def data_tables_workbook(path: Path) -> Path:
    """What-if data tables as Excel writes them: a loan payment over rates (a column of inputs),
    over terms (a row of inputs), and over both."""
    from openpyxl.worksheet.formula import DataTableFormula

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Loan"
    ws["A1"], ws["B1"], ws["C1"] = 0.05, 10, 1000  # rate, years, principal
    ws["D1"] = "=C1*(1+A1)^B1"  # what the principal grows to
    # one variable, inputs down column A (A4:A6), formula in B3: B4:B6 = D1 with A1 := A4 …
    ws["B3"] = "=D1"
    for row, rate in zip((4, 5, 6), (0.01, 0.02, 0.03)):
        ws.cell(row, 1, rate)
    ws["B4"] = DataTableFormula("B4:B6", r1="A1")
    # one variable, inputs along row 8 (E8:G8), formula in D9: E9:G9 = D1 with B1 := E8 …
    ws["D9"] = "=D1*2"
    for col, years in zip("EFG", (1, 2, 3)):
        ws[f"{col}8"] = years
    ws["E9"] = DataTableFormula("E9:G9", dtr=True, r1="B1")
    # two variables: rates down A12:A13, years along B11:C11, formula in A11
    ws["A11"] = "=D1"
    ws["A12"], ws["A13"], ws["B11"], ws["C11"] = 0.1, 0.2, 1, 2
    ws["B12"] = DataTableFormula("B12:C13", dt2D=True, dtr=True, r1="B1", r2="A1")
    wb.save(path)
    return path


def test_what_if_data_tables(tmp_path: Path) -> None:
    values = evaluate(data_tables_workbook(tmp_path / "tables.xlsx")).values
    def grow(rate: float, years: int) -> float:
        return 1000 * (1 + rate) ** years

    assert [values[("Loan", f"B{r}")] for r in (4, 5, 6)] == pytest.approx([grow(0.01, 10), grow(0.02, 10), grow(0.03, 10)])
    assert [values[("Loan", f"{c}9")] for c in "EFG"] == pytest.approx([2 * grow(0.05, y) for y in (1, 2, 3)])
    assert [values[("Loan", ref)] for ref in ("B12", "C12", "B13", "C13")] == pytest.approx(
        [grow(0.1, 1), grow(0.1, 2), grow(0.2, 1), grow(0.2, 2)])
    assert values[("Loan", "D1")] == pytest.approx(grow(0.05, 10))  # the inputs themselves untouched


def test_iterative_calculation(tmp_path: Path) -> None:
    """With Excel's iterative calculation on (<calcPr iterate="1">), a circular group is computed
    pass after pass until it settles; without it, the same workbook is refused."""
    def book(path: Path, iterate: bool) -> Path:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Loop"
        ws["A1"] = "=100+A2*0.1"  # A1 = 100 + A1/20 → 100 / 0.95
        ws["A2"] = "=A1/2"
        ws["B1"] = "=A1*2"  # downstream of the loop
        ws["C1"] = "=C1+1"  # a cell reading itself: counts up, pass after pass
        wb.calculation.iterate = iterate
        wb.calculation.iterateCount = 10
        wb.calculation.iterateDelta = 0.0001
        wb.save(path)
        return path

    values = evaluate(book(tmp_path / "on.xlsx", True)).values
    assert values[("Loop", "A1")] == pytest.approx(100 / 0.95, abs=1e-3)
    assert values[("Loop", "B1")] == pytest.approx(200 / 0.95, abs=1e-3)
    assert values[("Loop", "C1")] == 10  # ten passes, each adding 1 (it never settles)
    with pytest.raises(WorkbookError, match="circular reference"):
        evaluate(book(tmp_path / "off.xlsx", False))


def test_links_to_other_workbooks_are_refused(tmp_path: Path) -> None:
    """[1]Data!B2 is another workbook's cell, even when this one has a sheet named Data."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws["B2"] = 5
    ws["A1"] = "=[1]Data!B2*2"
    wb.save(tmp_path / "linked.xlsx")
    error = workbook_error(tmp_path / "linked.xlsx")
    assert (error.sheet, error.cell) == ("Data", "A1")
    assert error.message == "a link to another workbook (not followed) [1]Data in Data!A1"
