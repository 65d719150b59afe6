"""`xlkpi check` (one test per problem it reports) and `xlkpi new`."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from xlkpi.cli import main
from xlkpi.errors import WorkbookError
from xlkpi.workbook.builder import shipped_path
from xlkpi.workbook.channels import CHANNELS
from xlkpi.workbook.checker import check_workbook
from xlkpi.workbook.layout import FIRST_WEEK_ROW, input_columns, lead_columns

EMAIL, PHONE = CHANNELS[0], next(c for c in CHANNELS if c.key == "phone")
E, P = input_columns(EMAIL), input_columns(PHONE)
ROW = FIRST_WEEK_ROW + 9  # week 10
GOOD_EMAIL = {"planned": 500, "sent": 480, "delivered": 470, "opened": 200, "clicked": 40, "replies": 20,
              "negative": 5, "unsubscribes": 3, "hard_bounces": 6, "soft_bounces": 4, "meetings": 4,
              "opportunities": 2, "deals": 1, "revenue": 9000, "cost": 350.5}
L = lead_columns()  # lead column key → letter


def edited(tmp_path: Path, lang: str = "en", **cells: object) -> Path:
    """A copy of the shipped template with ``cells`` ("Sheet!A1" written as Sheet__A1) set."""
    path = tmp_path / f"book_{lang}.xlsx"
    shutil.copy(shipped_path(lang), path)
    wb = load_workbook(path)
    for key, value in cells.items():
        sheet, ref = key.split("__")
        wb[sheet.replace("_", " ")][ref] = value
    wb.save(path)
    return path


def email_week(**overrides: object) -> dict[str, object]:
    values = {**GOOD_EMAIL, **overrides}
    return {f"Email__{E[k]}{ROW}": v for k, v in values.items()}


def found(path: Path) -> list[tuple[str, str, str, str]]:
    return [(p.severity, p.sheet, p.cell, p.message) for p in check_workbook(path)]


def test_a_fresh_template_and_a_consistent_week_have_no_problem(tmp_path):
    assert found(edited(tmp_path, **email_week())) == []
    assert found(shipped_path("fr")) == []


@pytest.mark.parametrize("value, message", [
    ("12", "'12' is not a number; a count must be a number"),
    ("twelve", "'twelve' is not a number; a count must be a number"),
    (True, "True is not a number; a count must be a number"),
    ("#N/A", "the error value #N/A where a count belongs"),
    (-3, "a count cannot be negative (-3)"),
    (2.5, "a count must be a whole number (2.5)"),
])
def test_a_count_that_is_not_a_count(tmp_path, value, message):
    problems = found(edited(tmp_path, **email_week(clicked=value)))
    assert problems == [("error", "Email", f"{E['clicked']}{ROW}", f"Clicked: {message}")]


def test_a_negative_cost_is_an_error_a_negative_revenue_is_not(tmp_path):
    problems = found(edited(tmp_path, **email_week(cost=-10, revenue=-500)))
    assert problems == [("error", "Email", f"{E['cost']}{ROW}", "Cost: an amount cannot be negative (-10)")]


@pytest.mark.parametrize("key, value, bound", [
    ("delivered", 481, "sent"),
    ("opened", 471, "delivered"),
    ("clicked", 201, "opened"),
    ("meetings", 21, "replies"),
    ("negative", 21, "replies"),
])
def test_a_count_above_the_count_it_is_part_of(tmp_path, key, value, bound):
    problems = found(edited(tmp_path, **email_week(**{key: value})))
    label, bound_label = EMAIL.input(key).label("en"), EMAIL.input(bound).label("en")
    assert problems == [("error", "Email", f"{E[key]}{ROW}",
                         f"{label} ({value}) exceeds {bound_label} ({GOOD_EMAIL[bound]}, {E[bound]}{ROW})")]


def test_phone_meetings_above_calls_that_reached_someone(tmp_path):
    cells = {f"Phone__{P[k]}{ROW}": v for k, v in
             {"calls": 100, "connected": 30, "meetings": 31, "cost": 200}.items()}
    assert found(edited(tmp_path, **cells)) == [
        ("error", "Phone", f"{P['meetings']}{ROW}", f"Meetings booked (31) exceeds Reached someone (30, {P['connected']}{ROW})")]


def test_a_week_filled_without_its_cost(tmp_path):
    cells = email_week()
    del cells[f"Email__{E['cost']}{ROW}"]
    assert found(edited(tmp_path, **cells)) == [
        ("error", "Email", f"{E['cost']}{ROW}",
         f"Cost is empty while week 10 is filled (Sent in {E['sent']}{ROW}); type 0 if it cost nothing")]


def test_planning_ahead_or_a_free_week_is_not_a_missing_cost(tmp_path):
    later = FIRST_WEEK_ROW + 20
    cells = {f"Email__{E['planned']}{later}": 800, **email_week(cost=0)}
    assert found(edited(tmp_path, **cells)) == []


def lead(row: int, **values: object) -> dict[str, object]:
    return {f"Leads__{L[k]}{row}": v for k, v in values.items()}


DAY = dt.datetime(2026, 3, 2, 9)
A_GOOD_LEAD = {"channel": "Email", "campaign": "Q1", "received": DAY, "first_contact": DAY + dt.timedelta(hours=2),
               "first_reply": DAY + dt.timedelta(days=2), "meeting": DAY + dt.timedelta(days=5),
               "opportunity": DAY + dt.timedelta(days=9), "signature": DAY + dt.timedelta(days=30),
               "revenue": 12000, "status": "won"}


def test_a_consistent_lead_has_no_problem(tmp_path):
    assert found(edited(tmp_path, **lead(2, **A_GOOD_LEAD))) == []


def test_lead_dates_out_of_order(tmp_path):
    cells = lead(7, **{**A_GOOD_LEAD, "meeting": DAY + dt.timedelta(days=1)})  # before the first reply
    assert found(edited(tmp_path, **cells)) == [
        ("error", "Leads", f"{L['meeting']}7",
         f"Meeting: 2026-03-03 09:00 is before First reply (2026-03-04 09:00, {L['first_reply']}7)")]


def test_lead_order_skips_dates_not_yet_known(tmp_path):
    cells = lead(3, channel="SMS", first_contact=DAY, signature=DAY - dt.timedelta(days=1), revenue=500, status="won")
    assert found(edited(tmp_path, **cells)) == [
        ("error", "Leads", f"{L['signature']}3",
         f"Signature: 2026-03-01 09:00 is before First contact (2026-03-02 09:00, {L['first_contact']}3)")]


def serial(date: dt.datetime) -> float:
    """Excel's serial number of ``date`` (1900 date system)."""
    return (date - dt.datetime(1899, 12, 30)) / dt.timedelta(days=1)


def test_a_lead_date_typed_as_a_serial_number_is_a_date(tmp_path):
    cells = lead(3, channel="SMS", first_contact=serial(DAY), signature=serial(DAY - dt.timedelta(days=1)))
    assert found(edited(tmp_path, **cells)) == [
        ("error", "Leads", f"{L['signature']}3",
         f"Signature: 2026-03-01 09:00 is before First contact (2026-03-02 09:00, {L['first_contact']}3)")]


def test_a_1904_workbook_counts_its_dates_from_1904(tmp_path):
    path = edited(tmp_path, **lead(3, channel="SMS", first_contact=DAY, signature=DAY - dt.timedelta(days=1)))
    wb = load_workbook(path)
    wb.epoch = CALENDAR_MAC_1904
    wb.save(path)
    assert found(path) == [
        ("error", "Leads", f"{L['signature']}3",
         f"Signature: 2026-03-01 09:00 is before First contact (2026-03-02 09:00, {L['first_contact']}3)")]


def test_text_in_a_lead_date_and_in_its_revenue(tmp_path):
    cells = lead(4, **{**A_GOOD_LEAD, "first_reply": "next week", "revenue": "12k"})
    assert found(edited(tmp_path, **cells)) == [
        ("error", "Leads", f"{L['first_reply']}4", "First reply: 'next week' is not a date"),
        ("error", "Leads", f"{L['revenue']}4", "Revenue: '12k' is not a number; an amount must be a number"),
    ]


def test_lead_values_outside_the_settings_lists(tmp_path):
    cells = lead(5, **{**A_GOOD_LEAD, "channel": "Fax", "status": "maybe"})
    problems = found(edited(tmp_path, **cells))
    assert [p[:3] for p in problems] == [("error", "Leads", f"{L['channel']}5"), ("error", "Leads", f"{L['status']}5")]
    assert problems[0][3].startswith("Channel: 'Fax' is not in the Settings list (Email, LinkedIn, Phone, Postal mail, SMS)")


def test_lead_warnings(tmp_path):
    cells = lead(6, campaign="Q1", first_contact=DAY, revenue=800, status="replied")
    assert found(edited(tmp_path, **cells)) == [
        ("warning", "Leads", f"{L['channel']}6", "Channel: empty; this lead counts in no channel"),
        ("warning", "Leads", f"{L['revenue']}6", "Revenue: revenue without a signature date is not attributed to the channel"),
    ]


@pytest.mark.parametrize("week", [0, 54, 10.5, "ten"])
def test_a_report_week_that_is_not_a_week_of_the_year(tmp_path, week):
    assert found(edited(tmp_path, Settings__B4=week)) == [
        ("error", "Settings", "B4",
         f"Week to report on (ISO week number; blank: the latest week with data): {week!r} is not a week from 1 to 53")]


def test_the_french_edition_reports_in_french_with_its_own_labels(tmp_path):
    cells = {f"Téléphone__{P[k]}{ROW}": v for k, v in {"calls": 10, "connected": 12, "refusals": "deux"}.items()}
    cells.update(lead(2, channel="Fax", first_contact=DAY))
    assert found(edited(tmp_path, "fr", **cells)) == [
        ("error", "Téléphone", f"{P['connected']}{ROW}", f"Interlocuteur joint (12) dépasse Appels passés (10, {P['calls']}{ROW})"),
        ("error", "Téléphone", f"{P['refusals']}{ROW}", "Refus : 'deux' n'est pas un nombre ; il faut un comptage"),
        ("error", "Téléphone", f"{P['cost']}{ROW}", (f"Coût est vide alors que la semaine 10 est remplie (Appels passés en "
                                                      f"{P['calls']}{ROW}) ; saisissez 0 si elle n'a rien coûté")),
        ("error", "Leads", f"{L['channel']}2",
         "Canal : 'Fax' n'est pas dans la liste de Paramètres (Courrier, Email, LinkedIn, SMS, Téléphone)"),
    ]


def test_not_an_xlkpi_workbook(tmp_path):
    path = tmp_path / "other.xlsx"
    Workbook().save(path)
    with pytest.raises(WorkbookError, match="other.xlsx: not an xlkpi weekly workbook"):
        check_workbook(path)


# --- The command line ----------------------------------------------------------------------------


def test_check_cli_lists_problems_and_exits_1_on_errors(tmp_path, sha256):
    path = edited(tmp_path, **email_week(opened=471), **lead(6, first_contact=DAY, revenue=800))
    before = sha256(path)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert f"error   Email!{E['opened']}{ROW}: Opened (471) exceeds Delivered (470, {E['delivered']}{ROW})" in result.output
    assert f"warning Leads!{L['channel']}6: Channel: empty" in result.output
    assert f"1 error(s), 2 warning(s) in {path}" in result.output
    assert sha256(path) == before


def test_check_cli_json_and_exit_0_on_warnings_only(tmp_path):
    path = edited(tmp_path, **lead(6, channel="Email", first_contact=DAY, revenue=800))
    result = CliRunner().invoke(main, ["check", str(path), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output) == [{"severity": "warning", "sheet": "Leads", "cell": f"{L['revenue']}6",
                                          "message": "Revenue: revenue without a signature date is not attributed to the channel"}]


@pytest.mark.parametrize("content, words", [(b"not a zip", "not an Excel workbook"), (None, "not an xlkpi weekly")])
def test_check_cli_on_a_file_it_cannot_read(tmp_path, content, words):
    path = tmp_path / "bad.xlsx"
    if content is None:
        Workbook().save(path)
    else:
        path.write_bytes(content)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert str(path) in result.output and words in result.output


def test_new_writes_a_workbook_that_checks_clean(tmp_path):
    out = tmp_path / "suivi.xlsx"
    result = CliRunner().invoke(main, ["new", str(out), "--year", "2027", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    assert wb.sheetnames == ["Mode d'emploi", "Tableau de bord", "Paramètres", "Email", "LinkedIn", "Téléphone",
                             "SMS", "Courrier", "Leads"]
    assert wb["Paramètres"]["B3"].value == 2027
    assert wb["Email"][f"B{FIRST_WEEK_ROW}"].value == dt.datetime(2027, 1, 4)  # Monday of ISO week 1 of 2027
    assert check_workbook(out) == []


def test_new_refuses_to_overwrite_without_force(tmp_path):
    out = tmp_path / "mine.xlsx"
    out.write_bytes(b"the user's data")
    result = CliRunner().invoke(main, ["new", str(out)])
    assert result.exit_code == 2 and "exists; use --force" in result.output
    assert out.read_bytes() == b"the user's data"
    assert CliRunner().invoke(main, ["new", str(out), "--force", "--year", "2026"]).exit_code == 0
    assert out.read_bytes() == shipped_path("en").read_bytes()


def test_new_wants_an_xlsx_name(tmp_path):
    result = CliRunner().invoke(main, ["new", str(tmp_path / "book.xls")])
    assert result.exit_code == 2 and "must be an .xlsx file" in result.output


def test_new_force_is_atomic(tmp_path, monkeypatch):
    out = tmp_path / "mine.xlsx"
    out.write_bytes(b"the user's data")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("xlkpi.xlsx.writer.os.fsync", disk_full)
    result = CliRunner().invoke(main, ["new", str(out), "--force"])
    assert result.exit_code == 1
    assert f"{out}: cannot write the workbook (No space left on device)" in result.output
    assert out.read_bytes() == b"the user's data"
    assert [p.name for p in tmp_path.iterdir()] == ["mine.xlsx"]  # no temporary file left
