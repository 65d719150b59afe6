"""xlkpi import on exports with real header rows (tests/import_samples/SOURCES.md): every weekly
figure checked against pandas reading the same file, what a file cannot fill said in the default
output with exit 3, money in another currency, unknown files, bad bytes and numbers, two accounts,
re-imports byte for byte."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from import_samples import samples

from xlkpi.cli import main
from xlkpi.importer.profiles import builtin, detect, profile_text
from xlkpi.importer.readers import open_export
from xlkpi.importer.targets import CHANNELS, input_columns
from xlkpi.workbook.builder import build_template

pytestmark = pytest.mark.slow  # every shipped sample export, checked against pandas

TZ = "Europe/Paris"
YEAR = samples.YEAR

EXPECTED_PROFILE = {
    "aircall_calls.csv": "aircall.calls", "waalaxy_prospects.csv": "waalaxy.prospects",
    "lemlist_contacts.csv": "lemlist.contacts", "hubspot_contacts_all_contacts_view.csv": "hubspot.contacts",
    "hubspot_contacts_all_properties_2023.csv": "hubspot.contacts",
    "hubspot_contacts_original_traffic_source.csv": "hubspot.contacts", "hubspot_companies.csv": "hubspot.companies",
    "hubspot_deals.xlsx": "hubspot.deals", "pipedrive_deals.csv": "pipedrive.deals",
    "pipedrive_deals_fr.csv": "pipedrive.deals", "pipedrive_deals_de.csv": "pipedrive.deals",
    "pipedrive_deals_es.csv": "pipedrive.deals", "pipedrive_persons.csv": "pipedrive.persons",
    "pipedrive_activities.csv": "pipedrive.activities", "salesforce_opportunities.csv": "salesforce.opportunities",
    "salesforce_leads.xlsx": "salesforce.leads", "apollo_contacts.csv": "apollo.contacts", "zoho_leads.csv": "zoho.leads",
    "zoho_deals.csv": "zoho.deals", "brevo_campaigns.csv": "brevo.campaigns", "ringover_calls.csv": "ringover.calls",
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "weekly.xlsx"
    build_template(path, YEAR, "en")
    return path


@pytest.fixture
def book(template: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(template, tmp_path / "weekly.xlsx"))


def sample(tmp_path: Path, name: str) -> Path:
    return samples.write_sample(tmp_path, name)


def run(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["import", *map(str, args), "--timezone", TZ, "-q"])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def weekly_column(book: Path, channel: str, key: str) -> dict[int, float]:
    """ISO week → the value of the channel sheet's ``key`` input (None cells left out)."""
    letters = input_columns(next(c for c in CHANNELS if c.key == channel))[key]
    wb = openpyxl.load_workbook(book, data_only=True, read_only=True)
    try:
        ws = wb[{"email": "Email", "linkedin": "LinkedIn", "phone": "Phone"}[channel]]
        out = {}
        for row in ws.iter_rows(min_row=5, max_row=60):
            week = row[0].value
            value = ws[f"{letters}{row[0].row}"].value
            if isinstance(week, (int, float)) and value is not None:
                out[int(week)] = float(value)
        return out
    finally:
        wb.close()


def leads_column(book: Path, header: str) -> list[object]:
    wb = openpyxl.load_workbook(book, data_only=True, read_only=True)
    try:
        rows = list(wb["Leads"].iter_rows(min_row=1, max_row=600, max_col=20, values_only=True))
    finally:
        wb.close()
    index = next(i for i, row in enumerate(rows) if header in row)
    column = rows[index].index(header)
    return [row[column] for row in rows[index + 1:] if any(v is not None for v in row[:5])]


def by_week(dates: pd.Series, values: pd.Series | None = None) -> dict[int, float]:
    """pandas: the count (or sum of ``values``) per ISO week of YEAR."""
    dates = pd.to_datetime(dates, errors="coerce")
    iso = dates.dt.isocalendar()
    keep = (iso["year"] == YEAR).fillna(False).astype(bool)
    series = (values if values is not None else pd.Series(1.0, index=dates.index))[keep]
    return {int(w): float(v) for w, v in series.groupby(iso["week"][keep].astype(int)).sum().items()}


def filled(found: dict[int, float], expected: dict[int, float]) -> bool:
    """The workbook's weeks holding a figure other than 0 are pandas' non-empty groups, with their values."""
    mine, theirs = ({w: v for w, v in d.items() if v} for d in (found, expected))
    return mine.keys() == theirs.keys() and all(mine[w] == pytest.approx(theirs[w]) for w in mine)


@pytest.mark.parametrize("name", [*samples.SAMPLES])
def test_every_sample_is_detected_as_its_profile(tmp_path: Path, name: str) -> None:
    fit, compared = detect(open_export(sample(tmp_path, name)).headers, builtin())
    assert fit is not None and fit.mapping.name == EXPECTED_PROFILE[name]


def test_aircall_xls_and_csv_give_pandas_figures(book: Path, tmp_path: Path) -> None:
    xls = Path("workbook_templates/exports/aircall_calls.xls")
    assert run(book, xls)[0] == 0
    frame = pd.read_csv(sample(tmp_path, "aircall_calls.csv"), dtype=str)
    out = frame[frame["direction"] == "outbound"]
    local = pd.to_datetime(out["datetime (utc)"]).dt.tz_localize("UTC").dt.tz_convert(TZ).dt.tz_localize(None)
    assert filled(weekly_column(book, "phone", "calls"), by_week(local))
    answered = out["answered"] == "Yes"
    assert filled(weekly_column(book, "phone", "connected"), by_week(local[answered]))
    minutes = by_week(local, out["duration (in call)"].astype(float) / 60)
    assert filled(weekly_column(book, "phone", "talk_minutes"), minutes)


def test_hubspot_default_view_fills_leads_and_names_what_it_cannot(book: Path, tmp_path: Path,
                                                                  sha256: Callable[[Path], str]) -> None:
    export = sample(tmp_path, "hubspot_contacts_all_contacts_view.csv")
    before = sha256(book)
    code, output = run(book, export, "--strict")
    assert code == 1 and "--strict: imported partly" in output and sha256(book) == before
    code, output = run(book, export)
    assert code == 3
    assert ("<source>.meetings not filled: the file has no Date of last meeting booked in meetings tool, "
            "Original Traffic Source") in output
    assert "imported partly (see the notes above): exit status 3" in output
    frame = pd.read_csv(export, dtype=str)
    in_year = pd.to_datetime(frame["Create Date"]).dt.year == YEAR
    emails = leads_column(book, "E-mail or profile URL")
    assert sorted(map(str, emails)) == sorted(frame.loc[in_year, "Email"])
    assert f"{int((~in_year).sum())} row(s) dated outside {YEAR} skipped" in output


def test_hubspot_2023_original_source_against_pandas(book: Path, tmp_path: Path) -> None:
    export = sample(tmp_path, "hubspot_contacts_all_properties_2023.csv")
    code, output = run(book, export)
    frame = pd.read_csv(export, dtype=str, keep_default_na=False)
    channels = {"Email Marketing": "email", "Social Media": "linkedin", "Offline Sources": "phone"}
    channel = frame["Original Source"].map(channels)
    for key, column in (("meetings", "Date of last meeting booked in meetings tool"),
                        ("opportunities", "Became an Opportunity Date"), ("deals", "Became a Customer Date")):
        for ch in ("email", "linkedin", "phone"):
            mine = frame[(channel == ch) & (frame[column] != "")]
            assert filled(weekly_column(book, ch, key), by_week(mine[column])), (key, ch)
    dates = frame[["Date of last meeting booked in meetings tool", "Became an Opportunity Date", "Became a Customer Date"]]
    dated = dates.apply(lambda c: pd.to_datetime(c, errors="coerce").dt.isocalendar()["year"] == YEAR).any(axis=1)
    lost = int((dated & channel.isna()).sum())
    assert lost and code == 3
    assert f"{lost} row(s) counted in no weekly figure: their channel is not mapped" in output


def test_pipedrive_currency_refused_then_converted_and_no_channel_counted(book: Path, tmp_path: Path,
                                                                         sha256: Callable[[Path], str]) -> None:
    export = sample(tmp_path, "pipedrive_deals.csv")
    frame = pd.read_csv(export, dtype=str, keep_default_na=False)
    usd = int((frame["Deal - Currency of Value"] == "USD").sum())
    before = sha256(book)
    code, output = run(book, export)
    assert code == 1 and f"amounts in USD ({usd}), not in the workbook's currency (EUR)" in output and sha256(book) == before
    code, output = run(book, export, "--rate", "USD=0.92")
    assert code == 3  # deals without a source channel: counted, listed, exit 3
    channel = frame["Deal - Source channel"].map({"Cold call": "phone", "Email": "email", "LinkedIn": "linkedin"})
    assert f"{int(channel.isna().sum())} row(s) counted in no weekly figure: their channel is not mapped" in output
    rate = frame["Deal - Currency of Value"].map({"EUR": 1.0, "USD": 0.92})
    won = frame["Deal - Status"] == "Won"
    for ch in ("phone", "email", "linkedin"):
        mine = won & (channel == ch)
        revenue = by_week(frame.loc[mine, "Deal - Won time"], frame.loc[mine, "Deal - Value"].astype(float) * rate[mine])
        assert filled(weekly_column(book, ch, "revenue"), revenue), ch
        assert filled(weekly_column(book, ch, "opportunities"), by_week(frame.loc[channel == ch, "Deal - Deal created"]))
    mapping = tmp_path / "rates.toml"
    mapping.write_text(profile_text("pipedrive.deals") + "\n[rates]\nUSD = 0.92\n")
    assert run(book, export, "--mapping", mapping)[1].count("nothing to change") == 1  # the same figures, from [rates]


def test_pipedrive_french_statuses_and_reimport_identical(book: Path, tmp_path: Path,
                                                          sha256: Callable[[Path], str]) -> None:
    export = sample(tmp_path, "pipedrive_deals_fr.csv")
    assert run(book, export)[0] == 0
    frame = pd.read_csv(export, dtype=str, sep=";", keep_default_na=False)
    statuses = leads_column(book, "Status")
    expected = frame["Affaire - Statut"].map({"Gagnée": "won", "Perdue": "lost", "En cours": "opportunity"})
    assert sorted(statuses) == sorted(expected)
    won = frame[(frame["Affaire - Statut"] == "Gagnée") & (frame["Affaire - Source du lead"] == "Téléphone")]
    assert filled(weekly_column(book, "phone", "deals"), by_week(won["Affaire - Date de gain"]))
    after = sha256(book)
    code, output = run(book, export)
    assert code == 0 and "nothing to change" in output and sha256(book) == after
    lines = export.read_text(encoding="utf-8").splitlines()
    changed = next(n for n, line in enumerate(lines) if ";Gagnée;" in line)
    lines[changed] = lines[changed].replace(";Gagnée;", ";Perdue;")
    export.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    code, output = run(book, export)
    assert code == 0 and "nothing to change" not in output and sha256(book) != after


def test_lemlist_undeliverable_bounces_and_lost_statuses(book: Path, tmp_path: Path) -> None:
    export = sample(tmp_path, "lemlist_contacts.csv")
    assert run(book, export)[0] == 0
    frame = pd.read_csv(export, dtype=str, keep_default_na=False)
    bounced = frame[frame["emailDeliverability"] == "undeliverable"]
    assert len(bounced) and filled(weekly_column(book, "email", "hard_bounces"), by_week(
        pd.to_datetime(bounced["firstContactedDate"]).dt.tz_convert(TZ).dt.tz_localize(None)))
    status = dict(zip(leads_column(book, "E-mail or profile URL"), leads_column(book, "Status")))
    names = dict(zip(leads_column(book, "E-mail or profile URL"), leads_column(book, "Contact")))
    for _, row in frame.iterrows():
        want = {"Email bounced": "lost", "Unsubscribed from email": "lost", "Email replied": "replied"}.get(
            row["leadStatus"], "contacted")
        assert status[row["email"]] == want, row["leadStatus"]
        assert names[row["email"]] == f"{row['firstName']} {row['lastName']}"


def test_pipedrive_activities_weekly_calls_and_emails(book: Path, tmp_path: Path) -> None:
    export = sample(tmp_path, "pipedrive_activities.csv")
    assert run(book, export)[0] == 0
    frame = pd.read_csv(export, dtype=str, keep_default_na=False)
    done = frame[frame["Activity - Done"] == "Done"]
    assert filled(weekly_column(book, "phone", "calls"), by_week(done.loc[done["Activity - Type"] == "call",
                                                                          "Activity - Marked as done time"]))
    assert filled(weekly_column(book, "email", "sent"), by_week(done.loc[done["Activity - Type"] == "email",
                                                                         "Activity - Marked as done time"]))


def test_an_unknown_file_gets_its_closest_profile_only_when_columns_match(book: Path, tmp_path: Path) -> None:
    nothing = tmp_path / "notes.csv"
    nothing.write_text("Topic,Mood\nlunch,good\n")
    code, output = run(book, nothing)
    assert code == 1 and "no built-in profile has any of its columns" in output and "closest" not in output
    assert f"xlkpi import --init-mapping {nothing} -o my.toml" in output and "--show-profile hubspot.contacts" in output
    some = tmp_path / "contacts.csv"
    some.write_text("Record ID,Phone Number,Contact owner,Lifecycle Stage\n1,+33100,Ann,lead\n")
    code, output = run(book, some)
    assert code == 1 and "closest: hubspot.contacts (3 of its 17 columns; missing: Email)" in output
    assert "--show-profile hubspot.contacts" in output


def test_show_profile_prints_a_mapping_to_copy(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["import", "--show-profile", "pipedrive.deals"])
    assert result.exit_code == 0 and '"Affaire - Statut"' in result.output
    result = CliRunner().invoke(main, ["import", "--show-profile", "nope"])
    assert result.exit_code == 1 and "unknown profile 'nope': choose one of aircall.calls" in result.output


def test_one_bad_byte_in_a_utf8_file_is_named(book: Path, tmp_path: Path, sha256: Callable[[Path], str]) -> None:
    export = sample(tmp_path, "lemlist_contacts.csv")
    lines = export.read_bytes().split(b"\r\n")
    assert any(b"\xc3" in line for line in lines)  # accented names, in UTF-8
    lines[30] = lines[30].replace(b",Cold", b",Caf\xe9 Cold")  # one cp1252 byte
    export.write_bytes(b"\r\n".join(lines))
    before = sha256(book)
    code, output = run(book, export)
    assert code == 1 and "line 31: byte 0xE9 is not UTF-8, though the rest of the file is UTF-8" in output
    assert sha256(book) == before


@pytest.mark.parametrize("bad", ["inf", "1e309", "nan", "-Infinity"])
def test_non_finite_numbers_are_refused_by_row_and_column(book: Path, tmp_path: Path, bad: str,
                                                          sha256: Callable[[Path], str]) -> None:
    export = sample(tmp_path, "brevo_campaigns.csv")
    lines = export.read_text().splitlines()
    cells = lines[4].split(",")
    cells[3] = bad
    lines[4] = ",".join(cells)
    export.write_text("\n".join(lines) + "\n")
    before = sha256(book)
    code, output = run(book, export)
    assert code == 1 and f"row 5, column 'Sent': '{bad}' is not a number" in output and sha256(book) == before


def test_two_accounts_add_up_and_stay_apart(book: Path, tmp_path: Path, sha256: Callable[[Path], str]) -> None:
    export = sample(tmp_path, "aircall_calls.csv")
    frame = pd.read_csv(export, dtype=str, keep_default_na=False)
    halves = [frame[frame["user"] == rep] for rep in samples.REPS]
    files = []
    for n, half in enumerate(halves):
        files.append(tmp_path / f"account{n}.csv")
        half.to_csv(files[-1], index=False)
    assert run(book, files[0], "--account", "paris")[0] == 0
    assert run(book, files[1], "--account", "lyon")[0] == 0
    out = frame[frame["direction"] == "outbound"]
    local = pd.to_datetime(out["datetime (utc)"]).dt.tz_localize("UTC").dt.tz_convert(TZ).dt.tz_localize(None)
    assert filled(weekly_column(book, "phone", "calls"), by_week(local))  # overlapping weeks: both accounts added
    after = sha256(book)
    code, output = run(book, files[0], "--account", "paris")
    assert code == 0 and "nothing to change" in output and sha256(book) == after


@pytest.mark.parametrize(("toml", "message"), [
    ("x = " + "[" * 1000 + "]" * 1000 + "\n", "not valid TOML (nested too deep)"),
    ('[columns]\nd = { aliases = [] }\n', "columns.d.aliases = []: give a text or a list of texts"),
    ('[columns]\nd = { aliases = ["D"], type = "datetime" }\n', "nothing to import: uncomment or write a [[weekly]] rule"),
])
def test_hostile_mappings_get_one_line(book: Path, tmp_path: Path, toml: str, message: str) -> None:
    mapping = tmp_path / "m.toml"
    mapping.write_text(toml)
    code, output = run(book, sample(tmp_path, "aircall_calls.csv"), "--mapping", mapping)
    assert code == 1 and message in output and len(output.strip().splitlines()) == 2  # the error, "nothing written"


def test_bad_rate_is_a_usage_error(book: Path, tmp_path: Path) -> None:
    code, output = run(book, sample(tmp_path, "pipedrive_deals.csv"), "--rate", "USD=abc")
    assert code == 2 and "give CODE=RATE" in output


def test_shipped_samples_are_the_seeded_script_output(tmp_path: Path) -> None:
    for path in samples.write_all(tmp_path, xls=False):
        shipped = Path("workbook_templates/exports") / path.name
        if path.suffix == ".csv":
            assert hashlib.sha256(shipped.read_bytes()).digest() == hashlib.sha256(path.read_bytes()).digest(), path.name
        else:  # .xlsx: the same cells (the zip's timestamps differ)
            read = [list(pd.read_excel(p, header=None, dtype=str, engine="openpyxl").fillna("").itertuples(index=False)) for p in (shipped, path)]
            assert read[0] == read[1], path.name
    assert re.search(r"Sales FR", Path("workbook_templates/exports/aircall_calls.csv").read_text())
    assert dt.date.fromisocalendar(YEAR, 2, 1).year == YEAR


def test_an_always_empty_source_channel_is_said_not_dropped(book: Path, tmp_path: Path) -> None:
    """Issue 19's case: every deal without a channel wrote nothing weekly and exited 0, said only in --json."""
    export = sample(tmp_path, "pipedrive_deals.csv")
    frame = pd.read_csv(export, dtype=str, keep_default_na=False)
    frame["Deal - Source channel"] = ""
    frame.to_csv(export, index=False)
    code, output = run(book, export, "--rate", "USD=0.92", "--explain")
    assert code == 3
    assert f"{len(frame)} row(s) counted in no weekly figure: their channel is not mapped (rows 2, 3, 4, 5, 6…)" in output
    assert f"rows with no channel for opportunities (source): {len(frame)}" in output  # --explain, though no week is filled
    assert weekly_column(book, "phone", "opportunities") == {} and len(leads_column(book, "Lead id")) == len(frame)


def test_leads_without_an_id_are_keyed_by_email_or_name(book: Path, tmp_path: Path) -> None:
    export = sample(tmp_path, "salesforce_leads.xlsx")
    assert run(book, export)[0] == 0
    frame = pd.read_excel(export, header=2, dtype=str, engine="openpyxl").iloc[:-4]  # the title rows above, the report footer below
    in_year = pd.to_datetime(frame["Created Date"], format="%m/%d/%Y").dt.year == YEAR
    assert sorted(map(str, leads_column(book, "E-mail or profile URL"))) == sorted(frame.loc[in_year, "Email"])


def test_brevo_ringover_salesforce_zoho_against_pandas(book: Path, tmp_path: Path) -> None:
    files = {name: sample(tmp_path, name) for name in ("brevo_campaigns.csv", "ringover_calls.csv",
                                                        "salesforce_opportunities.csv", "zoho_deals.csv")}
    code, _ = run(book, *files.values())
    assert code == 3  # Salesforce's "Web" deals have no channel: said, exit 3
    brevo = pd.read_csv(files["brevo_campaigns.csv"], dtype=str)
    for key, column in (("sent", "Sent"), ("hard_bounces", "Hard bounces"), ("unsubscribes", "Unsubscriptions")):
        assert filled(weekly_column(book, "email", key), by_week(brevo["Sent date"], brevo[column].astype(float))), key
    ringover = pd.read_csv(files["ringover_calls.csv"], dtype=str, sep=";")
    out = ringover[ringover["Direction"] == "out"]
    started = pd.to_datetime(out["Start time"], format="%d/%m/%Y %H:%M:%S")
    assert filled(weekly_column(book, "phone", "calls"), by_week(started))
    answered = out["Status"] == "ANSWERED"
    minutes = pd.to_timedelta(out["Incall duration"]).dt.total_seconds() / 60
    assert filled(weekly_column(book, "phone", "talk_minutes"), by_week(started, minutes))
    assert filled(weekly_column(book, "phone", "connected"), by_week(started[answered]))
    # Phone deals: Salesforce "Cold Call" and Zoho "Cold Call" deals won, added in one cell per week.
    sf = pd.read_csv(files["salesforce_opportunities.csv"], dtype=str, skiprows=2).iloc[:-4]
    zoho = pd.read_csv(files["zoho_deals.csv"], dtype=str)
    won = pd.concat([pd.to_datetime(sf.loc[(sf["Stage"] == "Closed Won") & (sf["Lead Source"] == "Cold Call"), "Close Date"],
                                    format="%m/%d/%Y"),
                     pd.to_datetime(zoho.loc[(zoho["Stage"] == "Closed Won") & (zoho["Lead Source"] == "Cold Call"),
                                             "Closing Date"])], ignore_index=True)
    assert filled(weekly_column(book, "phone", "deals"), by_week(won))


def test_hubspot_companies_fill_leads_only_and_a_four_column_deals_view_imports(book: Path, tmp_path: Path) -> None:
    from xlkpi.importer import import_exports

    export = sample(tmp_path, "hubspot_companies.csv")
    result = import_exports(book, [export], timezone=TZ)
    frame = pd.read_csv(export, dtype=str)
    in_year = pd.to_datetime(frame["Create Date"]).dt.year == YEAR
    assert {c["sheet"] for c in result.changes} == {"Leads"} and result.sources[0].profile == "hubspot.companies"
    assert sorted(leads_column(book, "Company")) == sorted(frame.loc[in_year, "Company name"])
    deals = tmp_path / "deals.csv"
    deals.write_text("Record ID,Deal Name,Deal Stage,Amount\r\n7,Acme - renewal,closedwon,1200\r\n8,Beta,closedlost,300\r\n")
    result = import_exports(book, [deals], timezone=TZ)
    assert result.exit_code == 3 and set(result.sources[0].unfilled) == {"<source>.opportunities", "<source>.deals",
                                                                         "<source>.revenue"}
    assert result.leads_added == 2


@pytest.mark.parametrize(("name", "kind"), [("pipedrive_deals.csv", "records"), ("hubspot_contacts_all_contacts_view.csv",
                                                                                "records"),
                                            ("pipedrive_activities.csv", "events"), ("aircall_calls.csv", "events"),
                                            ("brevo_campaigns.csv", "totals")])
def test_the_starter_mapping_guesses_the_kind(tmp_path: Path, name: str, kind: str) -> None:
    from xlkpi.importer.init_mapping import init_mapping

    text, _ = init_mapping(sample(tmp_path, name))
    assert f'kind = "{kind}"' in text and "\n[[weekly]]" not in text and "\n[leads]" not in text
