"""A 52-week × 5-channel prospecting tracker, grown ``scale`` times, for the engine benchmarks.

One team is 52 weekly rows; a tracker grown ``scale`` times stacks ``scale`` teams on the
``Weeks`` sheet. Each row holds, for each of the 5 channels, 4 inputs (contacts, replies,
meetings, deals) and 12 formulas (3 rates, 4 running totals per team reading the row above,
2 cumulative rates, a 4-week moving average, the pipeline value and the gap to the target,
both reading ``Settings``); ``Dashboard`` holds 252 formulas over whole columns (SUMIFS,
COUNTIFS, AVERAGEIFS, SUMPRODUCT …). So 3,120 formulas per team plus 252: 3,372 / 31,452 /
312,252 formulas at 1× / 10× / 100×. Inputs are pseudo-random (seeded) and never blank.
"""
from __future__ import annotations

import random
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

CHANNELS = ("Email", "Phone", "LinkedIn", "Events", "Referrals")
INPUTS = ("Contacts", "Replies", "Meetings", "Deals")
OUTPUTS = ("Reply rate", "Meeting rate", "Close rate", "Cum contacts", "Cum replies", "Cum meetings",
           "Cum deals", "Cum reply rate", "Cum close rate", "4-week avg contacts", "Pipeline", "Gap to target")
FIRST = 5  # first data row (rows 1-4: title and headers)
LEADING = 3  # Team, Week, Quarter
WIDTH = len(INPUTS) + len(OUTPUTS)


def _column(channel: int, offset: int) -> str:
    return get_column_letter(LEADING + 1 + channel * WIDTH + offset)


def _row_formulas(channel: int, r: int) -> list[str]:
    c, rp, m, d = (f"{_column(channel, i)}{r}" for i in range(4))
    cc, cr, cm, cd = (_column(channel, 4 + i) for i in range(3, 7))
    prev, setting = r - 1, channel + 2
    contacts = _column(channel, 0)
    return [
        f"=IF({c}=0,0,{rp}/{c})",
        f"=IF({rp}=0,0,{m}/{rp})",
        f"=IF({m}=0,0,{d}/{m})",
        *(f"=IF($A{r}=$A{prev},{col}{prev}+{x},{x})" for col, x in ((cc, c), (cr, rp), (cm, m), (cd, d))),
        f"=IF({cc}{r}=0,0,{cr}{r}/{cc}{r})",
        f"=IF({cm}{r}=0,0,{cd}{r}/{cm}{r})",
        f"=SUM({contacts}{r - 3}:{contacts}{r})/4",
        f"={d}*Settings!$B${setting}",
        f"={c}-Settings!$C${setting}",
    ]


def _dashboard(sheet, rows: int) -> int:  # type: ignore[no-untyped-def]
    last = FIRST + rows - 1
    span = lambda col: f"Weeks!${col}${FIRST}:${col}${last}"  # noqa: E731
    quarter = span("C")
    count = 0
    written = 1  # rows appended so far
    sheet.append(["Channel", "Measure", "Q1", "Q2", "Q3", "Q4", "Total", "Average", "Max"])
    for ch, name in enumerate(CHANNELS):
        for i, what in enumerate(INPUTS):
            col = span(_column(ch, i))
            row = [name, what, *(f"=SUMIFS({col},{quarter},{q})" for q in range(1, 5)),
                   f"=SUM({col})", f"=AVERAGE({col})", f"=MAX({col})"]
            sheet.append(row)
            written += 1
            count += 7
        contacts, replies, deals = span(_column(ch, 0)), span(_column(ch, 1)), span(_column(ch, 3))
        r = written
        sheet.append([name, "Reply rate", *(f"=IFERROR({get_column_letter(3 + q)}{r - 2}/{get_column_letter(3 + q)}{r - 3},0)"
                                           for q in range(4))])
        sheet.append([name, "Close rate", *(f"=IFERROR({get_column_letter(3 + q)}{r}/{get_column_letter(3 + q)}{r - 1},0)"
                                           for q in range(4))])
        sheet.append([name, "Weeks with a deal", *(f'=COUNTIFS({quarter},{q},{deals},">0")' for q in range(1, 5))])
        sheet.append([name, "Avg contacts", *(f"=AVERAGEIFS({contacts},{quarter},{q})" for q in range(1, 5))])
        setting = ch + 2
        sheet.append([name, "Summary", f"=SUMPRODUCT({deals},{contacts})", f"=SUMPRODUCT({replies})*Settings!$B${setting}",
                      f'=COUNTIF({contacts},">"&Settings!$C${setting})', f"=MIN({contacts})", f"=ROUND(AVERAGE({replies}),2)",
                      f"=COUNT({deals})"])
        written += 5
        count += 16 + 6
    sheet.append(["All", "Deals", f"=SUM(G2:G{written})", f'=SUMPRODUCT((B2:B{written}="Deals")*G2:G{written})'])
    return count + 2


def build_tracker(path: Path, scale: int, seed: int = 0) -> int:
    """Write the tracker grown ``scale`` times to ``path``; returns its number of formulas."""
    rnd = random.Random(seed)
    book = Workbook(write_only=True)
    weeks = book.create_sheet("Weeks")
    settings = book.create_sheet("Settings")
    dashboard = book.create_sheet("Dashboard")
    settings.append(["Channel", "Deal value", "Weekly target"])
    for name in CHANNELS:
        settings.append([name, rnd.randint(500, 5000), rnd.randint(20, 80)])
    weeks.append([f"Prospecting tracker, {scale} team(s)"])
    weeks.append([])
    weeks.append(["", "", "", *(name for name in CHANNELS for _ in range(WIDTH))])
    weeks.append(["Team", "Week", "Quarter", *(label for _ in CHANNELS for label in (*INPUTS, *OUTPUTS))])
    formulas = 0
    for team in range(scale):
        for week in range(1, 53):
            r = FIRST + team * 52 + week - 1
            row: list[object] = [f"T{team + 1}", week, min(4, (week - 1) // 13 + 1)]
            for ch in range(len(CHANNELS)):
                contacts = rnd.randint(0, 120)
                replies = rnd.randint(0, contacts // 3 + 1)
                meetings = rnd.randint(0, replies // 2 + 1)
                row += [contacts, replies, meetings, rnd.randint(0, meetings)]
                cells = _row_formulas(ch, r)
                row += cells
                formulas += len(cells)
            weeks.append(row)
    formulas += _dashboard(dashboard, 52 * scale)
    book.save(path)
    return formulas
