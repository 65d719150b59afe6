"""One reading of the weekly workbook (:class:`xlkpi.workbook.reader.WeeklyBook`): ``xlkpi check``,
``xlkpi import`` and ``xlkpi report`` see the same year, Settings and channels in the same file —
the shipped workbooks, their native export, and workbooks with edited Settings, a moved, renamed
or broken name — and a file they cannot read gets one line naming the file and the name or cell.

The oracle is openpyxl: the cells each defined name points to, read by another library.
"""
from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook
from openpyxl.workbook.defined_name import DefinedName

from xlkpi.cli import main
from xlkpi.engine import read_book
from xlkpi.errors import WorkbookError
from xlkpi.importer.workbook import read_target
from xlkpi.reporting.workbook_reader import read_workbook
from xlkpi.workbook.builder import shipped_path
from xlkpi.workbook.checker import check_workbook
from xlkpi.workbook.layout import FIRST_LEAD_ROW, STATUSES, iso_weeks, lead_columns
from xlkpi.workbook.reader import WeeklyBook, is_weekly_workbook

pytestmark = pytest.mark.slow  # every shipped workbook read by check, import and report

TEMPLATES = Path(__file__).resolve().parent.parent / "workbook_templates"
L = lead_columns()


def named(path: Path, name: str) -> list[Any]:
    """The values of the cells ``name`` points to, read by openpyxl."""
    wb = load_workbook(path)
    ((sheet, ref),) = wb.defined_names[name].destinations
    cells = wb[sheet][ref.replace("$", "")]
    return [c.value for row in cells for c in row] if isinstance(cells, tuple) else [cells.value]


def edit(path: Path, cells: dict[str, object] | None = None, names: dict[str, str | None] | None = None) -> Path:
    """``path`` with ``cells`` (defined name or "Sheet!A1" → value) typed and ``names`` (name → new
    destination, None: deleted) redefined, saved by openpyxl."""
    wb = load_workbook(path)
    for key, value in (cells or {}).items():
        if "!" in key:
            sheet, ref = key.split("!")
        else:
            ((sheet, ref),) = wb.defined_names[key].destinations
        wb[sheet][ref.replace("$", "")] = value
    for name, destination in (names or {}).items():
        del wb.defined_names[name]
        if destination is not None:
            wb.defined_names[name] = DefinedName(name, attr_text=destination)
    wb.save(path)
    return path


def copy(source: Path, tmp_path: Path, name: str = "book.xlsx") -> Path:
    return Path(shutil.copy(source, tmp_path / name))


def checker_view(path: Path, tmp_path: Path) -> tuple[int, str]:
    """What ``xlkpi check`` takes the year's week count and the channel list to be, in a copy of
    ``path`` with week 99 asked for and a lead on channel "§"."""
    probe = edit(copy(path, tmp_path, "probe.xlsx"), {"ReportWeekChoice": 99})
    wb = load_workbook(probe)
    ((leads, _),) = wb.defined_names["LeadChannel"].destinations
    ((settings, week_ref),) = wb.defined_names["ReportWeekChoice"].destinations
    lead_cell = f"{L['channel']}{FIRST_LEAD_ROW + 4000}"
    edit(probe, {f"{leads}!{lead_cell}": "§"})
    problems = {(p.sheet, p.cell): p.message for p in check_workbook(probe)}
    week, listed = problems[(settings, week_ref.replace("$", ""))], problems[(leads, lead_cell)]
    return int(week.rsplit(" ", 1)[1]), listed[listed.index("(") + 1:listed.rindex(")")]


def native(tmp_path: Path) -> Path:
    out = tmp_path / "native.xlsx"
    result = CliRunner().invoke(main, ["export", str(TEMPLATES / "xlkpi_example_fr.xlsx"), "-o", str(out), "--native"])
    assert result.exit_code == 0, result.output
    return out


BOOKS = ["xlkpi_weekly_en.xlsx", "xlkpi_weekly_fr.xlsx", "xlkpi_example_en.xlsx", "xlkpi_example_fr.xlsx", "native"]


@pytest.mark.parametrize("name", BOOKS)
def test_check_import_and_report_read_the_same_workbook(name: str, tmp_path: Path) -> None:
    path = native(tmp_path) if name == "native" else copy(TEMPLATES / name, tmp_path)
    year, = named(path, "Year")
    channels, statuses = named(path, "ChannelList"), named(path, "StatusList")
    book, target, data = WeeklyBook.open(path), read_target(path), read_workbook(path)
    assert book.lang == target.lang == data.lang == ("en" if name.endswith("en.xlsx") else "fr")
    assert book.year == target.year == data.year == year
    assert list(book.channels.values()) == list(target.channel_names.values()) == list(data.channel_names.values()) \
        == channels
    assert book.statuses == target.statuses == dict(zip(STATUSES, statuses))
    assert (data.currency, data.attribution_days, data.speed_hours) == \
        (*named(path, "Currency"), *named(path, "AttributionDays"), *named(path, "SpeedHours"))
    assert checker_view(path, tmp_path) == (len(iso_weeks(year)), ", ".join(sorted(channels)))


def test_edited_settings_are_read_alike(tmp_path: Path) -> None:
    """Another year (52 weeks instead of 53), currency, attribution window, a channel and a status renamed."""
    path = copy(shipped_path("en"), tmp_path)
    wb = load_workbook(path)
    email_cell, won_cell = named_cell(wb, "ChannelList", 0), named_cell(wb, "StatusList", STATUSES.index("won"))
    edit(path, {"Year": 2027, "Currency": "USD", "AttributionDays": 30, email_cell: "E-mail", won_cell: "signed"})
    target, data = read_target(path), read_workbook(path)
    assert target.year == data.year == 2027 and len(data.mondays) == 52
    assert target.channel_names["email"] == data.channel_names["email"] == "E-mail"
    assert target.statuses["won"] == "signed"
    assert (data.currency, data.attribution_days) == ("USD", 30)
    assert checker_view(path, tmp_path) == (52, "E-mail, LinkedIn, Phone, Postal mail, SMS")
    row = FIRST_LEAD_ROW + 1
    edit(path, {f"Leads!{L['channel']}{row}": "E-mail", f"Leads!{L['status']}{row}": "signed"})
    # the renamed labels are the lists the leads are checked against: no Leads problem; 2027 has 52
    # weeks, so the rows of 2026's week 53 (row 57) count nowhere on each channel sheet
    last = 5 + 52  # FIRST_WEEK_ROW + weeks
    assert {(p.sheet, p.cell, p.message) for p in check_workbook(path)} == {
        (c, f"A{last}", f"row {last} is below the last week of the year (row {last - 1}): it counts nowhere")
        for c in ("Email", "LinkedIn", "Phone", "SMS", "Postal mail")}


def named_cell(wb: Workbook, name: str, index: int) -> str:
    """Sheet!A1 of the ``index``-th cell of the one-column range ``name``."""
    ((sheet, ref),) = wb.defined_names[name].destinations
    first = ref.replace("$", "").split(":")[0]
    column = first.rstrip("0123456789")
    return f"{sheet}!{column}{int(first[len(column):]) + index}"


def test_names_are_followed_where_they_point(tmp_path: Path) -> None:
    """Year pointing elsewhere (another cell of Settings): every reader takes that cell, not B3."""
    path = edit(copy(shipped_path("fr"), tmp_path), {"Paramètres!D40": 2025},
                {"Year": "'Paramètres'!$D$40"})
    assert named(path, "Year") == [2025]
    assert WeeklyBook.open(path).year == read_target(path).year == read_workbook(path).year == 2025
    assert checker_view(path, tmp_path)[0] == len(iso_weeks(2025)) == 52


def test_a_missing_settings_name_is_found_where_the_layout_puts_it(tmp_path: Path) -> None:
    path = edit(copy(shipped_path("en"), tmp_path), {"Settings!B3": 2027}, {"Year": None, "Currency": None})
    assert "Year" not in load_workbook(path).defined_names
    assert read_target(path).year == read_workbook(path).year == 2027
    assert checker_view(path, tmp_path)[0] == 52
    assert read_workbook(path).currency == "EUR"  # Settings!B8 as the builder wrote it


@pytest.mark.parametrize("value, shown", [("twenty", "'twenty'"), (None, "''"), (1850, "1850"), (2026.5, "2026.5")])
def test_a_year_cell_without_a_year(tmp_path: Path, value: object, shown: str) -> None:
    path = edit(copy(shipped_path("en"), tmp_path), {"Settings!B3": value})
    expected = f"{path}: Settings!B3: {shown} is not a year from 1900 to 9999: type the year the workbook is for"
    for read in (read_target, read_workbook):
        with pytest.raises(WorkbookError) as error:
            read(path)
        assert str(error.value) == expected
    assert [(p.severity, p.sheet, p.cell, p.message) for p in check_workbook(path)] == [
        ("error", "Settings", "B3", f"Year of the weekly rows: {shown} is not a year from 1900 to 9999: type the year the workbook is for")]
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1 and "Settings!B3: Year of the weekly rows:" in result.output


def test_the_french_edition_says_it_in_french(tmp_path: Path) -> None:
    path = edit(copy(shipped_path("fr"), tmp_path), {"Paramètres!B3": "vingt"})
    with pytest.raises(WorkbookError, match=r"Paramètres!B3: 'vingt' n'est pas une année de 1900 à 9999"):
        read_target(path)


def test_a_broken_name_is_one_line_naming_it(tmp_path: Path) -> None:
    path = edit(copy(shipped_path("en"), tmp_path), names={"Year": "Settings!#REF!"})
    expected = (f"{path}: the defined name Year points to Settings!#REF!, not to cells of a sheet of this workbook")
    for read in (read_target, read_workbook, check_workbook):
        with pytest.raises(WorkbookError) as error:
            read(path)
        assert str(error.value) == expected
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1 and result.output.strip().endswith(expected.split(": ", 1)[1])
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_a_missing_lead_column_name(tmp_path: Path) -> None:
    """No LeadChannel: the import leaves the channel out, the report names it, check checks the rest."""
    row = FIRST_LEAD_ROW + 2
    path = edit(copy(shipped_path("en"), tmp_path),
                {f"Leads!{L['first_contact']}{row}": 46100, f"Leads!{L['first_reply']}{row}": 46090},
                {"LeadChannel": None})
    target = read_target(path)
    assert target.missing_lead_keys == ["channel"] and "channel" not in target.leads.columns
    with pytest.raises(WorkbookError, match=r"book\.xlsx: the defined name LeadChannel is missing"):
        read_workbook(path)
    assert [(p.cell, p.message.split(":")[0]) for p in check_workbook(path)] == [(f"{L['first_reply']}{row}", "First reply")]


def test_is_weekly_workbook(tmp_path: Path) -> None:
    plain = tmp_path / "plain.xlsx"
    Workbook().save(plain)
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook")
    assert is_weekly_workbook(shipped_path("fr")) and is_weekly_workbook(read_book(shipped_path("en")))
    assert not any(is_weekly_workbook(p) for p in (plain, text, tmp_path / "missing.xlsx", read_book(plain)))
    with pytest.raises(WorkbookError, match=r"plain\.xlsx: not an xlkpi weekly workbook"):
        WeeklyBook.open(plain)


@pytest.mark.parametrize("full_calc", [True, False])
def test_calc_on_load_and_staleness(tmp_path: Path, full_calc: bool) -> None:
    """openpyxl writes calcPr fullCalcOnLoad as asked, and no cached values: stale either way; after
    xlkpi recalc (cached values, the flag dropped) it is not. The oracle: calcPr as stored."""
    path = copy(shipped_path("en"), tmp_path)
    wb = load_workbook(path)
    wb.calculation.fullCalcOnLoad = full_calc
    wb.save(path)
    assert full_calc_on_load(path) is full_calc
    book = WeeklyBook.open(path)
    assert book.book.calc_on_load is full_calc and book.stale
    assert CliRunner().invoke(main, ["recalc", str(path)]).exit_code == 0
    fresh = WeeklyBook.open(path)
    assert full_calc_on_load(path) is False
    assert not fresh.book.calc_on_load and not fresh.stale


def full_calc_on_load(path: Path) -> bool:
    """calcPr's fullCalcOnLoad in xl/workbook.xml (absent: false, as OOXML defines it)."""
    with zipfile.ZipFile(path) as zf:
        calc = re.search(rb"<(?:\w+:)?calcPr\b[^>]*>", zf.read("xl/workbook.xml"))
    found = re.search(rb'fullCalcOnLoad="(\w+)"', calc.group(0)) if calc else None
    return found is not None and found.group(1) in (b"1", b"true")


def with_settings_xml(path: Path, cell: str, value: bytes) -> Path:
    """``path`` with the Settings sheet's ``cell`` (xl/worksheets/sheet3.xml) holding the raw number text ``value``."""
    part = "xl/worksheets/sheet3.xml"
    with zipfile.ZipFile(path) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    pattern = re.compile(rb'(<c r="' + cell.encode() + rb'"[^>]*?)(?:/>|>(?:<v>[^<]*</v>)?</c>)')
    assert len(pattern.findall(entries[part])) == 1
    entries[part] = pattern.sub(lambda m: re.sub(rb'\s+t="[^"]*"', b"", m.group(1)) + b' t="n"><v>' + value + b"</v></c>",
                                entries[part])
    out = path.with_name(f"edited_{path.name}")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries.items():
            target.writestr(name, data)
    return out


@pytest.mark.parametrize("number", [b"INF", b"-INF", b"NaN", b"1E+308"])
def test_a_year_or_week_beyond_any_number_is_a_message(tmp_path: Path, number: bytes) -> None:
    """Numbers no one types (infinite, not a number) in the Year and week cells: a message, no crash."""
    path = with_settings_xml(copy(shipped_path("en"), tmp_path), "B3", number)
    for read in (read_target, read_workbook):
        with pytest.raises(WorkbookError, match=r"Settings!B3: .* is not a year from 1900 to 9999"):
            read(path)
    assert [(p.sheet, p.cell) for p in check_workbook(path)] == [("Settings", "B3")]
    week = with_settings_xml(copy(shipped_path("en"), tmp_path), "B4", number)
    assert [(p.sheet, p.cell, p.message.split(":")[0]) for p in check_workbook(week)] == [
        ("Settings", "B4", "Week to report on (ISO week number; blank")]
