"""xlkpi import: hand-worked counts per profile and file variant, the round trip to the Dashboard
against pandas, idempotence, later exports, lossless writing, conflicts and every bad input."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import exports_fixtures as fixtures
import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from exports_fixtures import (
    AIRCALL_VERSIONS,
    PARIS,
    aircall,
    hubspot_contacts,
    hubspot_deals,
    lemlist,
    pipedrive,
    serial,
    waalaxy,
)

from xlkpi.cli import main
from xlkpi.importer import import_exports
from xlkpi.importer.profiles import builtin, detect
from xlkpi.xlsx.writer import write_cells
from xlkpi.workbook.builder import build_template
from xlkpi.workbook.layout import FIRST_LEAD_ROW, LAST_LEAD_ROW, LEAD_ROWS, lead_columns

pytestmark = pytest.mark.slow  # imports into whole weekly workbooks

TZ = "Europe/Paris"
D = dt.datetime


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "weekly.xlsx"
    build_template(path, 2026, "en")
    return path


@pytest.fixture
def book(template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "weekly.xlsx"
    shutil.copy(template, path)
    return path


def part_hashes(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: hashlib.sha256(z.read(i)).hexdigest() for i in z.infolist()}


def values(path: Path, sheet: str, refs: list[str]) -> list[object]:
    wb = openpyxl.load_workbook(path, data_only=True, read_only=True)
    try:
        ws = wb[sheet]
        return [ws[r].value for r in refs]
    finally:
        wb.close()


def lead_cell(key: str, lead: int) -> str:
    """The Leads cell of column ``key`` (a LEAD_COLUMNS key) for the ``lead``-th lead row (from 1)."""
    return f"{lead_columns()[key]}{FIRST_LEAD_ROW + lead - 1}"


def lead_values(path: Path, cells: list[tuple[str, int]], sheet: str = "Leads") -> list[object]:
    """The values of the Leads cells (column key, lead number from 1), through the workbook layout."""
    return values(path, sheet, [lead_cell(key, lead) for key, lead in cells])


# Week 2 of 2026 starts Monday 5 January (row 6 of a channel sheet), week 3 on 12 January (row 7).
CALLS = [
    (D(2026, 1, 5, 9, 0), "outbound", "Yes", 120),
    (D(2026, 1, 5, 10, 0), "outbound", "No", 0),
    (D(2026, 1, 6, 9, 0), "inbound", "Yes", 300),  # inbound: filtered out
    (D(2026, 1, 11, 23, 30), "outbound", "Yes", 90),  # Sunday 23:30 in Paris (22:30 UTC): still week 2
    (D(2026, 1, 12, 0, 30), "outbound", "yes", 30),  # Monday 00:30 in Paris (Sunday 23:30 UTC): week 3
    (D(2025, 12, 20, 9, 0), "outbound", "Yes", 60),  # another year: skipped
]
# By hand: week 2: 3 calls (2 answered, 1 not), 120+90 s = 3.5 min; week 3: 1 call answered, 0.5 min.
PHONE_EXPECTED = {"C6": 3, "D6": 2, "E6": 1, "I6": 3.5, "C7": 1, "D7": 1, "E7": 0, "I7": 0.5}

VARIANTS = [
    ("calls.csv", {}),
    ("calls.csv", {"encoding": "utf-8-sig", "footer": True}),
    ("calls.tsv", {"encoding": "utf-16", "delimiter": "\t"}),
    ("calls.csv", {"encoding": "cp1252", "delimiter": ";", "decimal": ",", "footer": True}),
    ("calls.txt", {"title": "Calls, last week", "footer": True}),
    ("calls.xlsx", {"footer": True, "title": "Call history report"}),
]


@pytest.mark.parametrize("version", AIRCALL_VERSIONS)
@pytest.mark.parametrize(("name", "options"), VARIANTS)
def test_aircall_counts_by_hand(book: Path, tmp_path: Path, version: str, name: str, options: dict) -> None:
    export = aircall(tmp_path / name, CALLS, version, **options)
    result = import_exports(book, [export], timezone=TZ)
    assert result.sources[0].profile == "aircall.calls"
    assert result.sources[0].weekly is not None and result.sources[0].weekly.other_years == 1
    got = dict(zip(PHONE_EXPECTED, values(book, "Phone", list(PHONE_EXPECTED))))
    assert got == pytest.approx(PHONE_EXPECTED)
    assert values(book, "Phone", ["C5", "C8"]) == [None, None]  # weeks outside the export untouched


PROSPECTS = [
    {"linkedinUrl": "https://www.linkedin.com/in/ann-lee", "firstName": "Ann", "lastName": "Lee", "company_name": "Acme",
     "proEmail": "ann@acme.fr", "state": "interested", "prospectList": "CEOs Lyon", "messageSent": "yes",
     "messageReplied": "yes", "connectionRequestDate": D(2026, 1, 5, 8), "connectedAt": D(2026, 1, 7, 8),
     "lastLinkedinReplyDate": D(2026, 1, 13, 8)},
    {"linkedinUrl": "https://www.linkedin.com/in/bob-roy", "firstName": "Bob", "lastName": "Roy", "state": "not_interested",
     "prospectList": "CEOs Lyon", "messageSent": "yes", "messageReplied": "yes", "connectionRequestDate": D(2026, 1, 6, 8),
     "connectedAt": D(2026, 1, 12, 8), "lastLinkedinReplyDate": D(2026, 1, 14, 8)},
    {"linkedinUrl": "https://www.linkedin.com/in/cy-dupont", "firstName": "Cy", "lastName": "Dupont", "state": "",
     "prospectList": "CFOs", "messageSent": "no", "messageReplied": "no", "connectionRequestDate": D(2026, 1, 13, 8)},
]


def test_waalaxy_counts_and_leads_by_hand(book: Path, tmp_path: Path) -> None:
    export = waalaxy(tmp_path / "prospects.csv", PROSPECTS)
    result = import_exports(book, [export], timezone=TZ)
    # By hand: invitations week 2: Ann, Bob; week 3: Cy. Accepted week 2: Ann; week 3: Bob.
    # Replies week 3: Ann and Bob; negative (not interested) week 3: Bob.
    assert values(book, "LinkedIn", ["D6", "E6", "G6", "H6", "D7", "E7", "G7", "H7"]) == [2, 1, 0, 0, 1, 1, 2, 1]
    rows = lead_values(book, [("channel", 1), ("campaign", 1), ("first_contact", 1), ("first_reply", 1), ("status", 1),
                              ("channel", 2), ("status", 2), ("channel", 3), ("status", 3), ("first_reply", 3),
                              ("channel", 4)])
    assert rows[:2] == ["LinkedIn", "CEOs Lyon"]
    assert rows[2] == D(2026, 1, 5, 9)  # 08:00 UTC is 09:00 in Paris
    assert rows[3] == D(2026, 1, 13, 9)
    assert rows[4:] == ["replied", "LinkedIn", "lost", "LinkedIn", None, None, None]  # an empty state: no status
    assert result.leads_added == 3
    assert result.unmapped_fields == []  # the Leads sheet has a column for every lead field Waalaxy gives
    assert lead_values(book, [("lead_id", 1), ("company", 1), ("contact", 1), ("email", 1), ("company", 2),
                              ("email", 2)]) == ["https://www.linkedin.com/in/ann-lee", "Acme", "Ann Lee", "ann@acme.fr",
                                                 None, "https://www.linkedin.com/in/bob-roy"]  # no e-mail: the profile


def test_lemlist_counts_and_leads(book: Path, tmp_path: Path) -> None:
    contacts = [
        {"email": "a@x.fr", "campaigns": "Q1", "owner": "Alice", "leadStatus": "interested",
         "firstContactedDate": D(2026, 1, 5, 10), "lastRepliedDate": D(2026, 1, 6, 10)},
        {"email": "b@x.fr", "campaigns": "Q1", "owner": "Alice", "leadStatus": "contacted",
         "firstContactedDate": D(2026, 1, 5, 11), "emailDeliverability": "bounced"},
    ]
    import_exports(book, [lemlist(tmp_path / "lemlist.csv", contacts)], timezone=TZ)
    # Email sheet: sent D, replies H, hard bounces K (week 2 = row 6)
    assert values(book, "Email", ["D6", "H6", "K6"]) == [2, 1, 1]
    assert lead_values(book, [("channel", 1), ("campaign", 1), ("rep", 1), ("status", 1), ("status", 2)]) == [
        "Email", "Q1", "Alice", "replied", "contacted"]


@pytest.mark.parametrize(("version", "options"), [("en", {}), ("2023", {"encoding": "utf-16", "delimiter": "\t"}),
                                                  ("fr", {"delimiter": ";", "decimal": ","})])
def test_hubspot_contacts_by_channel(book: Path, tmp_path: Path, version: str, options: dict) -> None:
    contacts = [
        {"id": 101, "email": "a@x.fr", "created": D(2026, 1, 2, 9), "source": "Offline Sources", "stage": "customer",
         "meeting": D(2026, 1, 6, 14), "opportunity": D(2026, 1, 7, 9), "customer": D(2026, 1, 14, 9), "revenue": 1500.5},
        {"id": 102, "email": "b@x.fr", "created": D(2026, 1, 2, 9), "source": "Email Marketing", "stage": "opportunity",
         "meeting": D(2026, 1, 8, 14), "opportunity": D(2026, 1, 13, 9)},
        {"id": 103, "email": "c@x.fr", "created": D(2026, 1, 2, 9), "source": "Direct Traffic", "stage": "lead",
         "meeting": D(2026, 1, 8, 14)},  # no channel for Direct Traffic: reported, not counted
    ]
    result = import_exports(book, [hubspot_contacts(tmp_path / "contacts.csv", contacts, version, **options)], timezone=TZ)
    weekly = result.sources[0].weekly
    assert weekly is not None and sum(weekly.no_channel.values()) == 1
    assert list(result.sources[0].unmapped.values()) == [{"Direct Traffic": 1}]
    # Phone: meetings L, opportunities M, deals N, revenue O; Email: meetings M, opportunities N
    assert values(book, "Phone", ["L6", "M6", "N7", "O7"]) == [1, 1, 1, 1500.5]
    assert values(book, "Email", ["M6", "N7"]) == [1, 1]
    assert lead_values(book, [("channel", 1), ("status", 1), ("revenue", 1), ("channel", 2), ("status", 2),
                              ("channel", 3), ("status", 3)]) == [
        "Phone", "won", 1500.5, "Email", "opportunity", None, "new"]


def test_hubspot_deals_and_pipedrive(book: Path, tmp_path: Path) -> None:
    deals = [[1, "Acme", "closedwon", "2000", D(2026, 1, 5, 9), D(2026, 1, 13, 9), "Alice", "true", "", "Offline Sources", ""],
             [2, "Beta", "appointment", "500", D(2026, 1, 6, 9), "", "Alice", "false", "", "Offline Sources", ""]]
    hubspot = hubspot_deals(tmp_path / "deals.csv", deals)
    rows = [[7, "Gamma", "1 200,50", "EUR", D(2026, 1, 5, 9), "Won", "WON", D(2026, 1, 14, 9), "", "Bob", "Cold call",
             "Gamma SA", "Guy"],
            [8, "Delta", "300", "EUR", D(2026, 1, 5, 9), "Lost", "lost", "", D(2026, 1, 9, 9), "Bob", "LinkedIn",
             "Delta", "Dan"]]
    drive = pipedrive(tmp_path / "pipedrive.csv", rows, old=True, encoding="cp1252", delimiter=";", decimal=",")
    import_exports(book, [hubspot, drive], timezone=TZ)
    # Phone opportunities week 2: HubSpot 2 + Pipedrive 1 (summed, one cell, two sources); deals week 3: 1 + 1;
    # revenue week 3: 2000 + 1200.5. LinkedIn opportunities week 2: 1 (column J on LinkedIn).
    assert values(book, "Phone", ["M6", "N7", "O7"]) == [3, 2, 3200.5]
    assert values(book, "LinkedIn", ["J6"]) == [1]
    # Leads: the two HubSpot deals (stage closedwon → won, any other stage → opportunity), then the Pipedrive ones.
    assert lead_values(book, [("channel", 1), ("status", 1), ("revenue", 1), ("status", 2), ("company", 2)]) == [
        "Phone", "won", 2000, "opportunity", "Beta"]
    assert lead_values(book, [("channel", 3), ("status", 3), ("revenue", 3), ("channel", 4), ("status", 4)]) == [
        "Phone", "won", 1200.5, "LinkedIn", "lost"]


def test_round_trip_dashboard_equals_pandas(book: Path, tmp_path: Path) -> None:
    write_cells(book, book, {("Settings", "B4"): 53})  # the dashboard's year to date: every week
    calls = aircall(tmp_path / "calls.csv", CALLS * 7, "2024")
    prospects = waalaxy(tmp_path / "prospects.csv", PROSPECTS)
    result = CliRunner().invoke(main, ["import", str(book), str(calls), str(prospects), "--timezone", TZ])
    assert result.exit_code == 0, result.output
    # Independently, with pandas, from the export files.
    frame = pd.read_csv(calls)
    stamps = pd.to_datetime(frame["datetime (utc)"]).dt.tz_localize("UTC").dt.tz_convert(TZ)
    out = frame[(frame["direction"] == "outbound") & (stamps.dt.isocalendar().year == 2026).to_numpy()]
    w = pd.read_csv(prospects)
    sent = (pd.to_datetime(w["connectionRequestDate"]).dt.tz_convert(TZ).dt.year == 2026).sum()
    replies = (w["messageReplied"] == "yes").sum()
    wb = openpyxl.load_workbook(book, data_only=True, read_only=True)
    dash: dict[object, list[object]] = {}
    in_ytd = False
    for row in wb["Dashboard"].iter_rows(max_col=3):
        label = row[0].value
        in_ytd = in_ytd or (isinstance(label, str) and label.startswith("Year to date"))
        if in_ytd and label in ("Phone", "LinkedIn"):
            dash.setdefault(label, [c.value for c in row[1:3]])  # the block's Contacted and Replies
    wb.close()
    assert dash["Phone"] == [len(out), (out["answered"].str.lower() == "yes").sum()]
    assert dash["LinkedIn"] == [sent, replies]


def test_twice_changes_nothing_and_later_export_replaces(book: Path, tmp_path: Path, sha256: Callable[[Path], str]) -> None:
    first = aircall(tmp_path / "first.csv", CALLS, "2024")
    import_exports(book, [first], timezone=TZ)
    after_first = sha256(book)
    again = import_exports(book, [first], timezone=TZ)
    assert again.changes == [] and sha256(book) == after_first
    # A later export covers week 3 only, with two calls: week 3 is replaced, week 2 kept.
    later = aircall(tmp_path / "later.csv", [(D(2026, 1, 13, 9), "outbound", "No", 0),
                                             (D(2026, 1, 14, 9), "outbound", "Yes", 60)], "2021")
    import_exports(book, [later], timezone=TZ)
    assert values(book, "Phone", ["C6", "C7", "D7", "E7", "I7"]) == [3, 2, 1, 1, 1]


def test_other_parts_byte_identical(book: Path, tmp_path: Path) -> None:
    before = part_hashes(book)
    import_exports(book, [aircall(tmp_path / "c.csv", CALLS)], timezone=TZ, recalc=False)
    after = part_hashes(book)
    changed = {p for p in before if before[p] != after.get(p)}
    # the Phone sheet (its values), the workbook's relationships and content types (the record, once)
    assert changed == {"xl/worksheets/sheet6.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"}
    assert set(after) - set(before) == {"customXml/item1.xml", "customXml/itemProps1.xml", "customXml/_rels/item1.xml.rels"}


def test_typed_cells_are_conflicts_unless_force(book: Path, tmp_path: Path) -> None:
    write_cells(book, book, {("Phone", "C6"): 10})  # a person typed week 2's calls
    export = aircall(tmp_path / "c.csv", CALLS)
    result = CliRunner().invoke(main, ["import", str(book), str(export), "--timezone", TZ])
    assert result.exit_code == 3
    assert "Phone!C6" in result.output and "--force" in result.output
    assert values(book, "Phone", ["C6", "D6"]) == [10, 2]
    result = CliRunner().invoke(main, ["import", str(book), str(export), "--timezone", TZ, "--force"])
    assert result.exit_code == 0, result.output
    assert values(book, "Phone", ["C6"]) == [3]


def test_dry_run_table_and_json(book: Path, tmp_path: Path, sha256: Callable[[Path], str]) -> None:
    before = sha256(book)
    export = aircall(tmp_path / "c.csv", CALLS)
    result = CliRunner().invoke(main, ["import", str(book), str(export), "--timezone", TZ, "--dry-run", "--explain"])
    assert result.exit_code == 0
    assert "Phone!C6" in result.output and "→" in result.output and "direction → direction: filter" in result.output
    assert sha256(book) == before
    result = CliRunner().invoke(main, ["import", str(book), str(export), "--timezone", TZ, "--dry-run", "--json"])
    data = json.loads(result.output)
    assert {(c["cell"], c["new"]) for c in data["changes"]} >= {("C6", 3), ("C7", 1)}


def bad_dates(tmp_path: Path) -> Path:
    path = aircall(tmp_path / "bad.csv", CALLS)
    text = path.read_text().splitlines()
    text[2] = text[2].replace("2026-01-05", "2026-13-45", 2)
    path.write_text("\n".join(text))
    return path


def extra_fields(tmp_path: Path) -> Path:
    path = aircall(tmp_path / "extra.csv", CALLS)
    lines = path.read_text().splitlines()
    lines[2] += ",surplus,cells"
    path.write_text("\n".join(lines))
    return path


BAD = {
    "unknown format": (lambda t: (t / "x.csv").write_text("a,b,c\n1,2,3\n") and t / "x.csv", "no built-in profile has any of its columns. Next step: write a mapping with `xlkpi import --init-mapping"),
    "no such export": (lambda t: t / "missing.csv", "no such file"),
    "not an export": (lambda t: (t / "x.pdf").write_text("%PDF") and t / "x.pdf", "not an export"),
    "bad dates": (bad_dates, "row 3, column 'datetime (utc)'"),
    "extra fields": (extra_fields, "Expected 19 fields in line 3, saw 21"),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_input_writes_nothing(book: Path, tmp_path: Path, case: str, sha256: Callable[[Path], str]) -> None:
    make, message = BAD[case]
    before = sha256(book)
    result = CliRunner().invoke(main, ["import", str(book), str(make(tmp_path)), "--timezone", TZ])
    assert result.exit_code == 1
    assert message in result.output and "nothing written" in result.output
    assert sha256(book) == before


def test_missing_columns_named_with_own_mapping(book: Path, tmp_path: Path, sha256: Callable[[Path], str]) -> None:
    mapping = tmp_path / "m.toml"
    mapping.write_text('[profile]\nname = "mine"\n[columns]\nwhen = { aliases = ["When"], type = "datetime" }\n'
                       'n = { aliases = ["Count"], type = "number" }\n'
                       '[[weekly]]\nchannel = "sms"\ninput = "sent"\nrule = "sum"\ncolumn = "n"\ndate = "when"\n')
    export = tmp_path / "sms.csv"
    export.write_text("When,Other\n2026-01-05,3\n")
    before = sha256(book)
    result = CliRunner().invoke(main, ["import", str(book), str(export), "--mapping", str(mapping), "--timezone", TZ])
    assert result.exit_code == 1 and "columns missing for mapping mine: Count" in result.output
    assert sha256(book) == before
    export.write_text("When,Count\n2026-01-05,3\n2026-01-06,4\n")
    result = CliRunner().invoke(main, ["import", str(book), str(export), "--mapping", str(mapping), "--timezone", TZ])
    assert result.exit_code == 0, result.output
    assert values(book, "SMS", ["D6"]) == [7]


def test_bad_timezone_and_bad_workbook(book: Path, tmp_path: Path, sha256: Callable[[Path], str]) -> None:
    export = aircall(tmp_path / "c.csv", CALLS)
    before = sha256(book)
    result = CliRunner().invoke(main, ["import", str(book), str(export), "--timezone", "Mars/Olympus"])
    assert result.exit_code == 1 and "unknown time zone" in result.output and sha256(book) == before
    result = CliRunner().invoke(main, ["import", str(export), str(export)])
    assert result.exit_code == 1 and "must be an .xlsx" in result.output


def test_init_mapping_round_trip(book: Path, tmp_path: Path) -> None:
    export = aircall(tmp_path / "c.csv", CALLS)
    out = tmp_path / "m.toml"
    result = CliRunner().invoke(main, ["import", "--init-mapping", str(export), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert 'aliases = ["datetime (utc)"], type = "datetime"' in text and 'type = "bool"' in text
    assert 'kind = "events"' in text and "#   phone (Phone): calls = 'Calls made'" in text
    before = hashlib.sha256(book.read_bytes()).hexdigest()
    result = CliRunner().invoke(main, ["import", str(book), str(export), "--mapping", str(out), "--timezone", "UTC"])
    assert result.exit_code == 1 and "nothing to import: uncomment or write a [[weekly]] rule" in result.output
    assert hashlib.sha256(book.read_bytes()).hexdigest() == before  # the unedited starter wrote nothing
    rule = '# [[weekly]]\n# channel = "email"\n# input = "sent"\n# rule = "count"\n# date = "datetime_tz_offset_incl"\n'
    assert rule in text
    out.write_text(text.replace(rule, '[[weekly]]\nchannel = "phone"\ninput = "calls"\ndate = "datetime_utc"\n'))
    result = CliRunner().invoke(main, ["import", str(book), str(export), "--mapping", str(out), "--timezone", "UTC"])
    assert result.exit_code == 0, result.output
    # every 2026 call, both directions, by UTC time: all five in week 2 (Monday 00:30 in Paris is Sunday in UTC)
    assert values(book, "Phone", ["C6", "C7"]) == [5, None]


@pytest.mark.parametrize(("headers", "profile"), [
    (fixtures.WAALAXY_HEADERS, "waalaxy.prospects"),
    (fixtures.LEMLIST_HEADERS, "lemlist.contacts"),
    (fixtures.HUBSPOT_EN, "hubspot.contacts"),
    (fixtures.HUBSPOT_2023, "hubspot.contacts"),
    (fixtures.HUBSPOT_FR, "hubspot.contacts"),
    (fixtures.HUBSPOT_DEALS, "hubspot.deals"),  # a deals file has every column contacts require, and more of its own
    (fixtures.PIPEDRIVE, "pipedrive.deals"),
    (fixtures.PIPEDRIVE_OLD, "pipedrive.deals"),
    ([h.upper() for h in fixtures.PIPEDRIVE], "pipedrive.deals"),  # header case drifts
])
def test_each_profile_is_detected_from_its_headers(headers: list[str], profile: str) -> None:
    fit, compared = detect(headers, builtin())
    assert fit is not None and fit.mapping.name == profile
    assert len(compared) == len(builtin()) == 16


def test_excel_serial_dates(book: Path, tmp_path: Path) -> None:
    rows = [[9, "Eps", "100", "EUR", serial(D(2026, 1, 5, 9)), "x", "open", "", "", "Bob", "phone", "Eps", "E"]]
    import_exports(book, [pipedrive(tmp_path / "p.csv", rows)], timezone=TZ)
    assert values(book, "Phone", ["M6"]) == [1]
    assert lead_values(book, [("opportunity", 1)]) == [D(2026, 1, 5, 9)]


def test_french_workbook_messages(tmp_path: Path) -> None:
    path = tmp_path / "fr.xlsx"
    build_template(path, 2026, "fr")
    export = aircall(tmp_path / "c.csv", CALLS)
    result = CliRunner().invoke(main, ["import", str(path), str(export), "--timezone", TZ])
    assert result.exit_code == 0 and "cellule(s) écrite(s)" in result.output
    assert "coût à saisir sur Téléphone, semaines 2–3" in result.output
    assert values(path, "Téléphone", ["C6"]) == [3]
    assert PARIS.key == TZ
    import_exports(path, [waalaxy(tmp_path / "w.csv", PROSPECTS)], timezone=TZ)
    assert lead_values(path, [("status", 1), ("status", 2)]) == ["a répondu", "perdu"]  # the French edition's statuses


def test_full_leads_sheet_writes_nothing(book: Path, tmp_path: Path, sha256: Callable[[Path], str]) -> None:
    campaign = lead_columns()["campaign"]  # every row the formulas read holds a typed lead
    write_cells(book, book, {("Leads", f"{campaign}{row}"): "typed" for row in range(FIRST_LEAD_ROW, LAST_LEAD_ROW + 1)})
    before = sha256(book)
    result = CliRunner().invoke(main, ["import", str(book), str(waalaxy(tmp_path / "w.csv", PROSPECTS)), "--timezone", TZ])
    assert result.exit_code == 1
    assert f"no empty row left for 3 new lead(s) (it holds {LEAD_ROWS} rows)" in result.output
    assert sha256(book) == before


def test_leads_upserts_by_email_and_fills_every_key(book: Path, tmp_path: Path) -> None:
    """The Leads sheet has lead_id, company, contact and email columns (by defined name): a lead a
    person typed is found by its e-mail, its typed cells kept, its empty ones filled."""
    write_cells(book, book, {("Leads", lead_cell("channel", 1)): "Email", ("Leads", lead_cell("email", 1)): "ANN@acme.fr"})
    export = waalaxy(tmp_path / "prospects.csv", [{**PROSPECTS[0], "proEmail": "ann@acme.fr"}, PROSPECTS[1]])
    result = import_exports(book, [export], timezone=TZ)
    assert result.unmapped_fields == []
    assert [(c["cell"], c["old"], c["new"]) for c in result.conflicts] == [(lead_cell("channel", 1), "Email", "LinkedIn")]
    row1 = lead_values(book, [("channel", 1), ("campaign", 1), ("lead_id", 1), ("company", 1), ("contact", 1), ("email", 1)])
    assert row1 == ["Email", "CEOs Lyon", "https://www.linkedin.com/in/ann-lee", "Acme", "Ann Lee", "ANN@acme.fr"]
    assert lead_values(book, [("channel", 2), ("lead_id", 2), ("contact", 2), ("channel", 3)]) == [
        "LinkedIn", "https://www.linkedin.com/in/bob-roy", "Bob Roy", None]
    assert result.leads_added == 1 and result.leads_updated == 1  # Ann found by her e-mail, Bob new
    again = import_exports(book, [export], timezone=TZ)
    assert again.changes == [] and len(again.conflicts) == 1


def test_lead_rows_update_by_key_and_keep_typed_fields(book: Path, tmp_path: Path) -> None:
    first = waalaxy(tmp_path / "one.csv", PROSPECTS[:1])
    import_exports(book, [first], timezone=TZ)
    write_cells(book, book, {("Leads", lead_cell("rep", 1)): "Alice",  # a person adds a rep, edits the campaign
                             ("Leads", lead_cell("campaign", 1)): "Typed campaign"})
    later = waalaxy(tmp_path / "two.csv", [{**PROSPECTS[0], "state": "not_interested", "prospectList": "New list"},
                                           PROSPECTS[2]])
    result = import_exports(book, [later], timezone=TZ)
    assert lead_values(book, [("campaign", 1), ("rep", 1), ("status", 1), ("channel", 2), ("channel", 3)]) == [
        "Typed campaign", "Alice", "lost", "LinkedIn", None]
    assert [(c["cell"], c["old"], c["new"]) for c in result.conflicts] == [
        (lead_cell("campaign", 1), "Typed campaign", "New list")]
    assert result.leads_added == 1 and result.leads_updated == 1


def test_costs_and_totals_through_a_mapping(book: Path, tmp_path: Path) -> None:
    """A totals export (one row per campaign and week) with a cost per SMS and a fixed cost per week."""
    mapping = tmp_path / "sms.toml"
    mapping.write_text('''[profile]
name = "sms.totals"
kind = "totals"
[columns]
week = { aliases = ["Week starting"], type = "datetime" }
sent = { aliases = ["Sent"], type = "number" }
delivered = { aliases = ["Delivered"], type = "number" }
[defaults]
date = "week"
[[weekly]]
channel = "sms"
input = "sent"
rule = "sum"
column = "sent"
[[weekly]]
channel = "sms"
input = "delivered"
rule = "sum"
column = "delivered"
[[weekly]]
channel = "sms"
input = "cost"
rule = "sum"
column = "sent"
scale = 0.05
[[weekly]]
channel = "sms"
input = "cost"
rule = "fixed"
amount = 20
''')
    export = tmp_path / "sms.csv"
    export.write_text("Campaign;Week starting;Sent;Delivered\nA;05/01/2026;1 000;980\nB;05/01/2026;200;190\n"
                      "A;19/01/2026;400;395\n")
    assert import_exports(book, [export], mapping=mapping, timezone=TZ).cost_left == {}
    # SMS inputs: planned C, sent D, delivered E, …, cost N. Week 2: 1200 sent, 1170 delivered, cost 60 + 20;
    # week 3 (covered, no row): 0, cost 20; week 4: 400, 395, cost 20 + 20.
    assert values(book, "SMS", ["D6", "E6", "N6", "D7", "N7", "D8", "E8", "N8"]) == [1200, 1170, 80, 0, 20, 400, 395, 40]


def test_json_lists_every_bad_cell(book: Path, tmp_path: Path, sha256: Callable[[Path], str]) -> None:
    calls = [(D(2026, 1, 5, 9), "outbound", "maybe", 10)] * 30  # 30 answered values that are not yes/no
    export = aircall(tmp_path / "c.csv", calls)
    before = sha256(book)
    result = CliRunner().invoke(main, ["import", str(book), str(export), "--timezone", TZ, "--json"])
    data = json.loads(result.output)
    assert result.exit_code == 1 and data["bad_cells"] == 30 and len(data["problems"]) == 30
    assert data["problems"][0] == {"file": str(export), "row": 2, "column": "answered", "value": "maybe", "expected": "bool"}
    result = CliRunner().invoke(main, ["import", str(book), str(export), "--timezone", TZ])
    assert "and 10 more cells" in result.output
    assert sha256(book) == before


def test_write_cells_creates_missing_cells_and_refuses_formulas(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    write_cells(book, out, {("Phone", "C6"): 4, ("Leads", "Z2"): "x", ("Leads", "A900"): "far", ("Phone", "D6"): None})
    assert values(out, "Phone", ["C6", "D6"]) == [4, None]
    assert values(out, "Leads", ["Z2", "A900"]) == ["x", "far"]
    with pytest.raises(ValueError, match="formula cells"):
        write_cells(book, tmp_path / "no.xlsx", {("Phone", "Q6"): 1})
    assert not (tmp_path / "no.xlsx").exists()


@pytest.mark.parametrize(("toml", "message"), [
    ("[profile\nname = 1", "not valid TOML"),
    ('[columns]\nd = { aliases = ["D"], type = "date" }\n', "columns.d: type = 'date': choose one of"),
    ('[columns]\nd = { aliases = ["D"], type = "datetime" }\n[[weekly]]\nchannel = "phone"\ninput = "dials"\ndate = "d"\n',
     "weekly[0].input = 'dials': the phone sheet's inputs are"),
    ('[columns]\nd = { aliases = ["D"], type = "datetime" }\n[[weekly]]\nchannel = "fax"\ninput = "sent"\ndate = "d"\n',
     "weekly[0].channel = 'fax'"),
])
def test_bad_mapping_writes_nothing(book: Path, tmp_path: Path, toml: str, message: str, sha256: Callable[[Path], str]) -> None:
    mapping = tmp_path / "bad.toml"
    mapping.write_text(toml)
    export = tmp_path / "x.csv"
    export.write_text("D\n2026-01-05\n")
    before = sha256(book)
    result = CliRunner().invoke(main, ["import", str(book), str(export), "--mapping", str(mapping)])
    assert result.exit_code == 1 and message in result.output and str(mapping) in result.output
    assert sha256(book) == before


def test_after_recalc_only_sheets_and_the_calc_flag_change(book: Path, tmp_path: Path) -> None:
    before = part_hashes(book)
    import_exports(book, [aircall(tmp_path / "c.csv", CALLS)], timezone=TZ)
    after = part_hashes(book)
    changed = {p for p in before if before[p] != after[p]}
    assert all(p.startswith("xl/worksheets/") for p in changed - {"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                                                   "[Content_Types].xml"})
    kept = {p for p in before if not p.startswith("xl/worksheets/")} - {"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                                                         "[Content_Types].xml"}
    assert kept and all(before[p] == after[p] for p in kept)  # styles, theme, drawings, charts, docProps


def test_two_tools_fill_one_lead_row(book: Path, tmp_path: Path) -> None:
    """lemlist and HubSpot know the same person (by e-mail): one Leads row, the later import's
    values win over the earlier one's (neither was typed by a person); ids are prefixed per tool."""
    lem = lemlist(tmp_path / "lemlist.csv", [{"email": "a@x.fr", "campaigns": "Q1", "owner": "Alice", "leadStatus": "interested",
                                              "firstContactedDate": D(2026, 1, 5, 10)}])
    hub = hubspot_contacts(tmp_path / "contacts.csv", [{"id": 101, "email": "A@x.fr", "created": D(2026, 1, 2, 9),
                                                        "owner": "Bruno", "source": "Email Marketing", "stage": "customer",
                                                        "customer": D(2026, 1, 14, 9), "revenue": 900}])
    import_exports(book, [lem], timezone=TZ)
    result = import_exports(book, [hub], timezone=TZ)
    assert result.conflicts == [] and result.leads_added == 0
    assert lead_values(book, [("channel", 1), ("campaign", 1), ("rep", 1), ("status", 1), ("revenue", 1), ("lead_id", 1),
                              ("email", 1), ("channel", 2)]) == [
        "Email", "Q1", "Bruno", "won", 900, "hubspot:101", "a@x.fr", None]


def test_unique_per_week_and_readable_dry_run(book: Path, tmp_path: Path) -> None:
    """A mapping counting the distinct numbers called per week (a lead called twice counts once)."""
    mapping = tmp_path / "unique.toml"
    mapping.write_text('[profile]\nname = "dials"\n[columns]\nat = { aliases = ["datetime (utc)"], type = "datetime", '
                       'timezone = "utc" }\nnumber = { aliases = ["customer number"] }\n[[weekly]]\nchannel = "phone"\n'
                       'input = "calls"\nrule = "unique"\ncolumn = "number"\ndate = "at"\n')
    export = tmp_path / "calls.csv"
    export.write_text("datetime (utc),customer number\n2026-01-05 08:00:00,+331\n2026-01-06 08:00:00,+331\n"
                      "2026-01-06 09:00:00,+332\n2026-01-13 09:00:00,+331\n2025-06-01 09:00:00,+333\n")
    result = CliRunner().invoke(main, ["import", str(book), str(export), "--mapping", str(mapping), "--timezone", TZ])
    assert result.exit_code == 0, result.output
    assert values(book, "Phone", ["C6", "C7"]) == [2, 1]
    assert "1 row(s) counted in no weekly figure: dated outside 2026 (rows 6…)" in result.output
    prospects = waalaxy(tmp_path / "w.csv", PROSPECTS[:1])
    result = CliRunner().invoke(main, ["import", str(book), str(prospects), "--timezone", TZ, "--dry-run"])
    assert f"Leads!{lead_cell('first_contact', 1)}" in result.output and "2026-01-05 09:00" in result.output


def test_overlapping_exports_together_count_each_row_once(book: Path, tmp_path: Path) -> None:
    """Monday's export and Wednesday's (which repeats Monday's calls, in the older header version)
    imported in one command: each call counted once, whatever file and version it comes from."""
    monday = aircall(tmp_path / "monday.csv", CALLS[:2], "2024")
    wednesday = aircall(tmp_path / "wednesday.csv", CALLS, "2024")
    older = aircall(tmp_path / "older.csv", [(D(2026, 1, 14, 9), "outbound", "Yes", 60)], "local")
    import_exports(book, [monday, wednesday, older], timezone=TZ)
    assert values(book, "Phone", ["C6", "D6", "C7", "D7"]) == [3, 2, 2, 2]


def test_cp1252_byte_after_the_sniffed_start(book: Path, tmp_path: Path) -> None:
    """A file whose first 64 KiB are plain ASCII and whose later rows hold a cp1252 character."""
    calls = [(D(2026, 1, 5, 9), "outbound", "Yes", 60)] * 1500
    export = aircall(tmp_path / "c.csv", calls, "2024", encoding="cp1252", delimiter=";")
    last = aircall(tmp_path / "last.csv", calls[:1], "2024", delimiter=";").read_text().splitlines()[-1]
    export.write_bytes(export.read_bytes() + (last.replace("Alice Martin", "Hélène Dupré") + "\r\n").encode("cp1252"))
    result = import_exports(book, [export], timezone=TZ)
    assert result.sources[0].encoding == "cp1252"
    assert values(book, "Phone", ["C6"]) == [1501]
