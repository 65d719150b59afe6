"""Realistic export files for the import tests, built from rows given as Python values: each
tool's headers (in each header version), encodings, delimiters, decimal commas, Excel serial
dates and Salesforce-style footers."""
from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl

PARIS = ZoneInfo("Europe/Paris")
FOOTER = [[], ["Grand Totals (12 records)"], [], ["Confidential Information - Do Not Distribute"],
          ["Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."]]


def write_table(path: Path, headers: list[str], rows: list[list[object]], *, encoding: str = "utf-8",
                delimiter: str = ",", decimal: str = ".", footer: bool = False, title: str | None = None) -> Path:
    """A delimited text file (.csv/.tsv/.txt) or, for .xlsx, a workbook."""
    def cell(value: object) -> object:
        if isinstance(value, float) and decimal == ",":
            return repr(value).replace(".", ",")
        return "" if value is None else value

    if path.suffix == ".xlsx":
        book = openpyxl.Workbook()
        sheet = book.active
        if title:
            sheet.append([title])
            sheet.append([])
        sheet.append(headers)
        for row in rows:
            sheet.append(list(row))
        if footer:
            for line in FOOTER:
                sheet.append(line)
        book.save(path)
        return path
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    if title:
        writer.writerow([title])
        writer.writerow([])
    writer.writerow(headers)
    for row in rows:
        writer.writerow([cell(v) for v in row])
    if footer:
        for line in FOOTER:
            writer.writerow(line)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def serial(moment: dt.datetime) -> float:
    """An Excel serial date-time (1900 system)."""
    return (moment - dt.datetime(1899, 12, 30)).total_seconds() / 86400


# --- Aircall calls -----------------------------------------------------------------------------
# A call: (local time in Paris, direction, answered, seconds in call)
Call = tuple[dt.datetime, str, str, int]

AIRCALL_VERSIONS = ("2024", "2021", "local")


def aircall(path: Path, calls: list[Call], version: str = "2024", **options: object) -> Path:
    """2024: lower-case, a local (with offset) and a UTC date-time column (the current export's
    first columns); 2021: split local date and time, "datetime (UTC)", "via" (an older export's
    columns, in its order); local: the whole local date-time, day first, in "date (tz offset incl.)",
    no UTC column, durations as HH:MM:SS."""
    rows = []
    for local, direction, answered, seconds in calls:
        aware = local.replace(tzinfo=PARIS)
        utc = aware.astimezone(dt.timezone.utc).replace(tzinfo=None)
        offset = aware.strftime("%z")
        reason = "" if answered.lower() == "yes" else "no_answer"
        ends = ["+33612345678", "+33187654321"]
        if version == "2024":
            rows.append(["Sales FR", local.strftime("%Y-%m-%d %H:%M:%S") + f" {offset[:3]}:{offset[3:]}", "Europe/Paris",
                         utc.strftime("%Y-%m-%d %H:%M:%S"), "FR", direction, *ends, answered, reason, "Alice Martin",
                         seconds + 12, seconds, "", "", "", "", "call", "+33187654321"])
        elif version == "2021":
            rows.append(["Sales FR", local.strftime("%d/%m/%Y"), local.strftime("%H:%M:%S"), "Europe/Paris",
                         utc.strftime("%Y-%m-%d %H:%M:%S"), "FR", direction, *ends, answered, reason, "Alice Martin",
                         seconds + 12, seconds, "Aircall app", "", ""])
        else:
            hms = f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
            rows.append(["Sales FR", local.strftime("%d/%m/%Y %H:%M"), direction, *ends, answered, reason,
                         "Alice Martin", hms, hms, ""])
    headers = {
        "2024": ["line", "datetime (tz offset incl.)", "number timezone", "datetime (utc)", "country_code", "direction",
                 "from", "to", "answered", "missed_call_reason", "user", "duration (total)", "duration (in call)",
                 "voicemail", "recording", "comments", "tags", "call type", "customer number"],
        "2021": ["line", "date (TZ offset incl.)", "time (TZ offset incl.)", "number timezone", "datetime (UTC)",
                 "country_code", "direction", "from", "to", "answered", "missed_call_reason", "user", "duration (total)",
                 "duration (in call)", "via", "voicemail", "tags"],
        "local": ["line", "date (tz offset incl.)", "direction", "from", "to", "answered", "missed_call_reason", "user",
                  "duration (total)", "duration (in call)", "tags"],
    }[version]
    return write_table(path, headers, rows, **options)  # type: ignore[arg-type]


# --- Waalaxy prospects -------------------------------------------------------------------------
WAALAXY_HEADERS = ["linkedinUrl", "firstName", "lastName", "company_name", "proEmail", "state", "prospectList",
                   "messageSent", "messageReplied", "connectionRequestDate", "connectedAt", "firstMessageAt",
                   "lastLinkedinReplyDate", "lastReplyDetectedDate", "lastEmailSentDate", "lastEmailReplyDate"]


def waalaxy(path: Path, prospects: list[dict[str, object]], **options: object) -> Path:
    """Prospects given as dicts keyed by the export's headers (missing keys empty); dates as datetimes."""
    def value(v: object) -> object:
        return v.strftime("%Y-%m-%dT%H:%M:%S.000Z") if isinstance(v, dt.datetime) else v

    rows = [[value(p.get(h, "")) for h in WAALAXY_HEADERS] for p in prospects]
    return write_table(path, WAALAXY_HEADERS, rows, **options)  # type: ignore[arg-type]


# --- lemlist contacts ---------------------------------------------------------------------------
LEMLIST_HEADERS = ["email", "firstName", "lastName", "companyName", "campaigns", "owner", "leadStatus", "addedToLemlist",
                   "firstContactedDate", "lastContactedDate", "lastRepliedDate", "lastLeadMarkedAsInterestedDate",
                   "emailDeliverability"]


def lemlist(path: Path, contacts: list[dict[str, object]], **options: object) -> Path:
    rows = [[(c.get(h).isoformat() if isinstance(c.get(h), dt.datetime) else c.get(h, ""))  # type: ignore[union-attr]
             for h in LEMLIST_HEADERS] for c in contacts]
    return write_table(path, LEMLIST_HEADERS, rows, **options)  # type: ignore[arg-type]


# --- HubSpot contacts ---------------------------------------------------------------------------
HUBSPOT_EN = ["Record ID", "Email", "First Name", "Last Name", "Contact owner", "Create Date", "Lead Status",
              "Lifecycle Stage", "Persona", "Original Traffic Source", "Date of first engagement", "Last Contacted",
              "Lead response time (HH:mm:ss)", "Date of last meeting booked in meetings tool",
              'Date entered "Opportunity (Lifecycle Stage Pipeline)"', 'Date entered "Customer (Lifecycle Stage Pipeline)"',
              "Total Revenue", "Associated Company"]
HUBSPOT_2023 = [*HUBSPOT_EN[:14], "Became an Opportunity Date", "Became a Customer Date", *HUBSPOT_EN[16:]]
HUBSPOT_FR = ["ID de fiche d'informations", "E-mail", "Prénom", "Nom", "Propriétaire du contact", "Date de création",
              "Statut du lead", "Phase du cycle de vie", "Persona", "Source d'origine", "Date du premier engagement",
              "Dernier contact", "Temps de réponse au lead (HH:mm:ss)",
              "Date de la dernière réunion réservée dans l'outil de réunions",
              "Date d'entrée dans « Opportunité (Pipeline des phases du cycle de vie) »",
              "Date d'entrée dans « Client (Pipeline des phases du cycle de vie) »", "Chiffre d'affaires total",
              "Entreprise associée"]
HUBSPOT_VERSIONS = {"en": HUBSPOT_EN, "2023": HUBSPOT_2023, "fr": HUBSPOT_FR}
HUBSPOT_FIELDS = ["id", "email", "first", "last", "owner", "created", "lead_status", "stage", "persona", "source",
                  "first_engagement", "last_contacted", "response", "meeting", "opportunity", "customer", "revenue", "company"]


def hubspot_contacts(path: Path, contacts: list[dict[str, object]], version: str = "en", **options: object) -> Path:
    """Contacts keyed by HUBSPOT_FIELDS; dates as datetimes, written ``YYYY-MM-DD HH:MM``."""
    def value(v: object) -> object:
        return v.strftime("%Y-%m-%d %H:%M") if isinstance(v, dt.datetime) else v

    rows = [[value(c.get(f, "")) for f in HUBSPOT_FIELDS] for c in contacts]
    return write_table(path, HUBSPOT_VERSIONS[version], rows, **options)  # type: ignore[arg-type]


# --- HubSpot deals ------------------------------------------------------------------------------
HUBSPOT_DEALS = ["Record ID", "Deal Name", "Deal Stage", "Amount", "Create Date", "Close Date", "Deal owner",
                 "Is Closed Won", "Lead Type", "Original Traffic Source", "Associated Contact IDs"]


def hubspot_deals(path: Path, deals: list[list[object]], **options: object) -> Path:
    rows = [[v.strftime("%Y-%m-%d %H:%M") if isinstance(v, dt.datetime) else v for v in d] for d in deals]
    return write_table(path, HUBSPOT_DEALS, rows, **options)  # type: ignore[arg-type]


# --- Pipedrive deals ----------------------------------------------------------------------------
PIPEDRIVE = ["Deal - ID", "Deal - Title", "Deal - Value", "Deal - Currency", "Deal - Deal created", "Deal - Stage",
             "Deal - Status", "Deal - Won time", "Deal - Lost time", "Deal - Owner", "Deal - Source",
             "Deal - Organization", "Deal - Contact person"]
PIPEDRIVE_OLD = [h if h != "Deal - Deal created" else "Deal - Creation date" for h in PIPEDRIVE]


def pipedrive(path: Path, deals: list[list[object]], old: bool = False, **options: object) -> Path:
    rows = [[v.strftime("%Y-%m-%d %H:%M:%S") if isinstance(v, dt.datetime) else v for v in d] for d in deals]
    return write_table(path, PIPEDRIVE_OLD if old else PIPEDRIVE, rows, **options)  # type: ignore[arg-type]
