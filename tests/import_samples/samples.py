"""Sample exports for ``xlkpi import``, one per built-in profile (and per header version or
language worth testing), written from the header rows found in real exports (their sources in
SOURCES.md beside this file) and rows drawn from a seeded generator over each tool's real value
sets.

Regenerate the shipped samples (workbook_templates/exports/) with:

    PYTHONPATH=. python tests/import_samples/samples.py workbook_templates/exports

The .xls sample needs LibreOffice (``soffice``) to convert its .xlsx twin; the run is
deterministic (same seed, same files; the .xls bytes may differ with the LibreOffice version).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl

SEED = 19
YEAR = 2026
PARIS = ZoneInfo("Europe/Paris")
FOOTER = [[], ["Grand Totals (40 records)"], [], ["Confidential Information - Do Not Distribute"],
          ["Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."]]

# --- Header rows (SOURCES.md says where each comes from) ------------------------------------------
AIRCALL = ["line", "datetime (tz offset incl.)", "number timezone", "datetime (utc)", "country_code", "direction",
           "from", "to", "answered", "missed_call_reason", "user", "duration (total)", "duration (in call)",
           "voicemail", "recording", "comments", "tags", "call type", "customer number"]
WAALAXY = ["linkedinUrl", "firstName", "lastName", "company_name", "proEmail", "state", "prospectList",
           "messageSent", "messageReplied", "connectionRequestDate", "connectedAt", "firstMessageAt",
           "lastLinkedinReplyDate", "lastReplyDetectedDate", "lastEmailSentDate", "lastEmailReplyDate"]
LEMLIST = ["email", "firstName", "lastName", "companyName", "campaigns", "owner", "leadStatus", "addedToLemlist",
           "firstContactedDate", "lastContactedDate", "lastRepliedDate", "lastLeadMarkedAsInterestedDate",
           "emailDeliverability"]
HUBSPOT_DEFAULT = ["Record ID", "First Name", "Last Name", "Email", "Phone Number", "Contact owner",
                   "Primary Associated Company ID", "Last Activity Date", "Lead Status", "Marketing contact status",
                   "Create Date", "Associated Company"]
HUBSPOT_2023 = [
    "Record ID", "First Name", "Last Name", "Annual Revenue", "Average Pageviews", "Became a Customer Date",
    "Became a Lead Date", "Became a Marketing Qualified Lead Date", "Became a Sales Qualified Lead Date",
    "Became a Subscriber Date", "Became an Evangelist Date", "Became an Opportunity Date", "Became an Other Lifecycle Date",
    "Buying Role", "City", "Close Date", "Company Name", "Contact owner", "Country/Region", "Create Date",
    "Date of last meeting booked in meetings tool", "Email", "First Deal Created Date", "Industry", "Job Title",
    "Last Activity Date", "Last Contacted", "Latest Source", "Lead Status", "Lifecycle Stage", "Mobile Phone Number",
    "Number of Associated Deals", "Original Source", "Original Source Drill-Down 1", "Original Source Drill-Down 2",
    "Persona", "Phone Number", "Total Revenue", "Associated Company", "Associated Deal", "Associated Company IDs",
    "Associated Deal IDs"]
HUBSPOT_CURRENT = ["Record ID", "First Name", "Last Name", "Email", "Phone Number", "Company Name", "City",
                   "State/Region", "Country/Region", "Original Traffic Source", "Original Traffic Source Drill-Down 1",
                   "Original Traffic Source Drill-Down 2", "Lifecycle Stage", "Lead Status", "Message", "Create Date"]
HUBSPOT_COMPANIES = ["Record ID", "Company name", "Website URL", "Company owner", "Create Date"]
HUBSPOT_DEALS = ["Record ID", "Deal Name", "Deal Stage", "Amount", "Deal owner", "Close Date", "Create Date",
                 "Last Activity Date"]
PIPEDRIVE_EN = ["Deal - ID", "Deal - Title", "Deal - Creator", "Deal - Owner", "Deal - Value", "Deal - Currency of Value",
                "Deal - Weighted value", "Deal - Currency of Weighted value", "Deal - Probability", "Deal - Organization",
                "Deal - Organization ID", "Deal - Pipeline", "Deal - Contact person", "Deal - Contact person ID",
                "Deal - Stage", "Deal - Label", "Deal - Status", "Deal - Deal created", "Deal - Update time",
                "Deal - Last activity date", "Deal - Next activity date", "Deal - Expected close date", "Deal - Won time",
                "Deal - Lost time", "Deal - Lost reason", "Deal - Source origin", "Deal - Source channel",
                "Deal - Product name", "Deal - Product quantity", "Deal - Product amount"]
PIPEDRIVE_FR = ["Affaire - ID", "Affaire - Titre", "Affaire - Propriétaire", "Affaire - Valeur", "Affaire - Organisation",
                "Affaire - Pipeline", "Affaire - Personne à contacter", "Affaire - Étape", "Affaire - Statut",
                "Affaire - Affaire créée", "Affaire - Heure de mise à jour", "Affaire - Date de gain",
                "Affaire - Date de perte", "Affaire - Raison de la perte", "Affaire - Source du lead"]
PIPEDRIVE_DE = ["Deal - Titel", "Deal - Organisation", "Deal - Wert", "Deal - Status", "Deal - Verlustgrund",
                "Deal - Besitzer", "Deal - Deal erstellt", "Deal - Datum des verlorenen Deals", "Deal - Phase",
                "Deal - Zu erledigende Aktivitäten", "Deal - Kontaktperson", "Deal - Deal abgeschlossen am",
                "Deal - Erledigte Aktivitäten", "Deal - Anzahl E-Mail-Nachrichten", "Deal - ID", "Deal - Label",
                "Deal - Datum der letzten Aktivität", "Deal - Letzte E-Mail erhalten", "Deal - Letzte E-Mail gesendet",
                "Deal - Letzte Phasenänderung", "Deal - Datum nächste Aktivität", "Deal - Wahrscheinlichkeit",
                "Deal - Gesamtzahl der Aktivitäten", "Deal - Zeit der Aktualisierung", "Deal - Sichtbar für",
                "Deal - Gewichteter Wert", "Deal - Pipeline", "Deal - Datum des gewonnenen Deals"]
PIPEDRIVE_ES = ["Trato - ID", "Trato - Título", "Trato - Valor", "Trato - Etapa", "Trato - Estado",
                "Trato - Probabilidad", "Trato - Etiqueta", "Trato - Trato creado"]
PIPEDRIVE_PERSONS = ["Person - ID", "Person - Name", "Person - First name", "Person - Last name", "Person - Organization",
                     "Person - Organization ID", "Person - Job title", "Person - Email - Work", "Person - Phone - Work",
                     "Person - Labels", "Person - Owner", "Person - Person created", "Person - Update time"]
PIPEDRIVE_ACTIVITIES = ["Activity - ID", "Activity - Subject", "Activity - Type", "Activity - Done",
                        "Activity - Due date", "Activity - Marked as done time", "Activity - Assigned to user",
                        "Deal - Title", "Person - Name", "Organization - Name"]
SALESFORCE_OPPORTUNITIES = ["Opportunity Owner", "Account Name", "Opportunity Name", "Stage", "Fiscal Period", "Amount",
                            "Probability (%)", "Age", "Close Date", "Created Date", "Next Step", "Lead Source", "Type"]
SALESFORCE_LEADS = ["Lead Owner", "First Name", "Last Name", "Title", "Company / Account", "Lead Source", "Rating",
                    "Email", "Lead Status", "Created Date", "Last Activity"]
APOLLO = ["First Name", "Last Name", "Title", "Company", "Company Name for Emails", "Email", "Email Status", "Seniority",
          "Departments", "Contact Owner", "Stage", "Lists", "Last Contacted", "Person Linkedin Url", "Website",
          "Apollo Contact Id", "Apollo Account Id"]
ZOHO_LEADS = ["Record Id", "Lead Owner", "Company", "First Name", "Last Name", "Email", "Lead Source", "Lead Status",
              "Created Time", "Modified Time"]
ZOHO_DEALS = ["Record Id", "Deal Owner", "Deal Name", "Amount", "Currency", "Closing Date", "Account Name",
              "Contact Name", "Stage", "Lead Source", "Created Time"]
BREVO = ["Campaign ID", "Campaign name", "Sent date", "Sent", "Delivered", "Unique opens", "Unique clicks",
         "Hard bounces", "Soft bounces", "Unsubscriptions"]
RINGOVER = ["Call ID", "Start time", "Direction", "Status", "Incall duration", "User", "From", "To"]

FIRST = ["Claire", "Hugo", "Léa", "Mathis", "Inès", "Lucas", "Chloé", "Nathan", "Zoé", "Éloïse", "Jules", "Manon"]
LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Lefèvre"]
COMPANY = ["Boulangeries Durand", "Acme SAS", "Globex", "Initech", "Hooli", "Vandelay", "Umbrella", "Stark", "Wayne"]
REPS = ["Alice Martin", "Bob Leroy"]


def _when(rng: random.Random, first_week: int = 2, last_week: int = 12) -> dt.datetime:
    """A working-hours moment of an ISO week of YEAR, naive, in Paris."""
    week = rng.randint(first_week, last_week)
    day = dt.date.fromisocalendar(YEAR, week, rng.randint(1, 5))
    return dt.datetime.combine(day, dt.time(rng.randint(8, 18), rng.choice((0, 15, 30, 45))))


def _iso(moment: dt.datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return "" if moment is None else moment.strftime(fmt)


def _person(rng: random.Random, n: int) -> tuple[str, str, str, str]:
    first, last, company = rng.choice(FIRST), rng.choice(LAST), rng.choice(COMPANY)
    email = f"{first.lower()}.{last.lower()}{n}@{company.split()[0].lower()}.example"
    return first, last, company, email.replace("é", "e").replace("è", "e").replace("ï", "i").replace("ë", "e")


Rows = list[list[object]]


def aircall(rng: random.Random) -> Rows:
    rows: Rows = []
    for n in range(60):
        local = _when(rng).replace(tzinfo=PARIS)
        utc = local.astimezone(dt.timezone.utc)
        direction = rng.choice(("outbound", "outbound", "outbound", "inbound"))
        answered = rng.choice(("Yes", "No"))
        seconds = rng.randint(20, 600) if answered == "Yes" else 0
        offset = local.strftime("%z")
        rows.append(["Sales FR", local.strftime("%Y-%m-%d %H:%M:%S") + f" {offset[:3]}:{offset[3:]}", "Europe/Paris",
                     utc.strftime("%Y-%m-%d %H:%M:%S"), "FR", direction, "+33187654321", f"+3361234{n:04d}", answered,
                     "" if answered == "Yes" else "no_answer", rng.choice(REPS), seconds + 9, seconds, "", "", "", "",
                     "call", f"+3361234{n:04d}"])
    return rows


def waalaxy(rng: random.Random) -> Rows:
    rows: Rows = []
    for n in range(40):
        first, last, company, email = _person(rng, n)
        invited = _when(rng, 2, 9)
        connected = invited + dt.timedelta(days=rng.randint(1, 9)) if rng.random() < 0.6 else None
        replied = connected + dt.timedelta(days=rng.randint(1, 5)) if connected and rng.random() < 0.4 else None
        state = rng.choice(("interested", "not_interested", "later_interested")) if replied else ""
        rows.append([f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{n}", first, last, company,
                     email if rng.random() < 0.5 else "", state, "Q1 founders", "yes" if connected else "no",
                     "yes" if replied else "no", _iso(invited), _iso(connected), _iso(connected), _iso(replied),
                     _iso(replied), "", ""])
    return rows


def lemlist(rng: random.Random) -> Rows:
    rows: Rows = []
    statuses = ["Email sent", "Email opened", "Email clicked", "Email replied", "Email bounced", "Unsubscribed from email"]
    for n in range(40):
        first, last, company, email = _person(rng, n)
        contacted = _when(rng, 2, 10)
        status = rng.choice(statuses)
        replied = contacted + dt.timedelta(days=rng.randint(1, 6)) if status == "Email replied" else None
        deliverability = "undeliverable" if status == "Email bounced" else rng.choice(("deliverable", "risky"))
        rows.append([email, first, last, company, "Cold outreach Q1", rng.choice(REPS), status,
                     _iso(contacted - dt.timedelta(days=2), "%Y-%m-%dT%H:%M:%S.000Z"),
                     _iso(contacted, "%Y-%m-%dT%H:%M:%S.000Z"), _iso(contacted, "%Y-%m-%dT%H:%M:%S.000Z"),
                     _iso(replied, "%Y-%m-%dT%H:%M:%S.000Z"), "", deliverability])
    return rows


def hubspot_default(rng: random.Random) -> Rows:
    rows: Rows = []
    for n in range(30):
        first, last, company, email = _person(rng, n)
        rows.append([1001 + n, first, last, email, "", rng.choice(REPS), 500 + n % 7, _iso(_when(rng)),
                     rng.choice(("NEW", "OPEN", "IN_PROGRESS", "")), "Marketing contact", _iso(_when(rng, 1, 6)), company])
    return rows


def hubspot_2023(rng: random.Random) -> Rows:
    rows: Rows = []
    for n in range(40):
        first, last, company, email = _person(rng, n)
        created = _when(rng, 1, 4)
        meeting = created + dt.timedelta(days=rng.randint(3, 20)) if rng.random() < 0.5 else None
        opportunity = meeting + dt.timedelta(days=rng.randint(1, 10)) if meeting and rng.random() < 0.6 else None
        customer = opportunity + dt.timedelta(days=rng.randint(5, 20)) if opportunity and rng.random() < 0.5 else None
        source = rng.choice(("Email Marketing", "Social Media", "Offline Sources", "Organic Search", "Direct Traffic"))
        stage = "customer" if customer else "opportunity" if opportunity else "salesqualifiedlead" if meeting else "lead"
        revenue = rng.choice((1200, 2500, 4800)) if customer else ""
        row = {"Record ID": 2001 + n, "First Name": first, "Last Name": last, "Email": email, "Company Name": company,
               "Contact owner": rng.choice(REPS), "Create Date": _iso(created), "Became a Customer Date": _iso(customer),
               "Became an Opportunity Date": _iso(opportunity), "Date of last meeting booked in meetings tool": _iso(meeting),
               "Original Source": source, "Lifecycle Stage": stage, "Total Revenue": revenue, "Associated Company": company,
               "Persona": "Persona 1"}
        rows.append([row.get(h, "") for h in HUBSPOT_2023])
    return rows


def hubspot_current(rng: random.Random) -> Rows:
    rows: Rows = []
    for n in range(20):
        first, last, company, email = _person(rng, n)
        rows.append([3001 + n, first, last, email, "", company, "Lyon", "", "France",
                     rng.choice(("Email Marketing", "Organic Social", "Offline Sources")), "", "", "lead", "NEW", "",
                     _iso(_when(rng, 2, 8))])
    return rows


def hubspot_companies(rng: random.Random) -> Rows:
    return [[4001 + n, name, f"{name.split()[0].lower()}.example", rng.choice(REPS), _iso(_when(rng, 1, 8))]
            for n, name in enumerate(COMPANY)]


def hubspot_deals(rng: random.Random) -> Rows:
    rows: Rows = []
    for n in range(25):
        created = _when(rng, 2, 8)
        stage = rng.choice(("appointmentscheduled", "qualifiedtobuy", "closedwon", "closedlost"))
        closed = created + dt.timedelta(days=rng.randint(5, 25))
        rows.append([5001 + n, f"{rng.choice(COMPANY)} - New business", stage, rng.choice((900, 2400, 7500)),
                     rng.choice(REPS), _iso(closed, "%Y-%m-%d"), _iso(created), _iso(closed)])
    return rows


def _deal(rng: random.Random) -> tuple[dt.datetime, str, dt.datetime | None, dt.datetime | None]:
    created = _when(rng, 2, 9)
    status = rng.choice(("open", "won", "won", "lost"))
    closed = created + dt.timedelta(days=rng.randint(3, 20))
    return created, status, closed if status == "won" else None, closed if status == "lost" else None


def pipedrive_en(rng: random.Random) -> Rows:
    rows: Rows = []
    for n in range(40):
        created, status, won, lost = _deal(rng)
        first, last, company, _ = _person(rng, n)
        value = rng.choice((1500, 3200, 8000))
        currency = "EUR" if n % 5 else "USD"
        rows.append([100 + n, f"{company} deal", "Alice Martin", rng.choice(REPS), value, currency, value * 0.5, currency,
                     "", company, 10 + n, "Sales", f"{first} {last}", 300 + n, rng.choice(("Qualified", "Proposal")), "",
                     {"open": "Open", "won": "Won", "lost": "Lost"}[status], _iso(created, "%Y-%m-%d %H:%M:%S"),
                     _iso(created, "%Y-%m-%d %H:%M:%S"), "", "", "", _iso(won, "%Y-%m-%d %H:%M:%S"),
                     _iso(lost, "%Y-%m-%d %H:%M:%S"), "No budget" if lost else "",
                     rng.choice(("Manually created", "Import", "Web forms")),
                     rng.choice(("Cold call", "Email", "LinkedIn", "", "")), "", "", ""])
    return rows


def pipedrive_fr(rng: random.Random) -> Rows:
    rows: Rows = []
    for n in range(30):
        created, status, won, lost = _deal(rng)
        first, last, company, _ = _person(rng, n)
        rows.append([600 + n, f"{company} – équipement", rng.choice(REPS), rng.choice((1500, 3200)), company, "Ventes",
                     f"{first} {last}", rng.choice(("Contact effectué", "Démo programmée")),
                     {"open": "En cours", "won": "Gagnée", "lost": "Perdue"}[status], _iso(created, "%Y-%m-%d %H:%M:%S"),
                     _iso(created, "%Y-%m-%d %H:%M:%S"), _iso(won, "%Y-%m-%d %H:%M:%S"), _iso(lost, "%Y-%m-%d %H:%M:%S"),
                     "Pas de budget" if lost else "", rng.choice(("Téléphone", "LinkedIn", "E-mail"))])
    return rows


def pipedrive_de(rng: random.Random) -> Rows:
    rows: Rows = []
    for n in range(20):
        created, status, won, lost = _deal(rng)
        first, last, company, _ = _person(rng, n)
        row = {"Deal - Titel": f"{company} Angebot", "Deal - Organisation": company, "Deal - Wert": 2000,
               "Deal - Status": {"open": "Offen", "won": "Gewonnen", "lost": "Verloren"}[status],
               "Deal - Besitzer": rng.choice(REPS), "Deal - Deal erstellt": _iso(created, "%Y-%m-%d %H:%M:%S"),
               "Deal - Datum des verlorenen Deals": _iso(lost, "%Y-%m-%d %H:%M:%S"), "Deal - Phase": "Qualifiziert",
               "Deal - Kontaktperson": f"{first} {last}", "Deal - ID": 700 + n, "Deal - Pipeline": "Vertrieb",
               "Deal - Datum des gewonnenen Deals": _iso(won, "%Y-%m-%d %H:%M:%S")}
        rows.append([row.get(h, "") for h in PIPEDRIVE_DE])
    return rows


def pipedrive_es(rng: random.Random) -> Rows:
    rows: Rows = []
    for n in range(20):
        created, status, _, _ = _deal(rng)
        rows.append([800 + n, f"{rng.choice(COMPANY)} propuesta", 1800, "Calificado",
                     {"open": "Abierto", "won": "Ganado", "lost": "Perdido"}[status], 50, "", _iso(created, "%Y-%m-%d %H:%M:%S")])
    return rows


def pipedrive_persons(rng: random.Random) -> Rows:
    rows: Rows = []
    for n in range(25):
        first, last, company, email = _person(rng, n)
        created = _when(rng, 1, 8)
        rows.append([900 + n, f"{first} {last}", first, last, company, 10 + n, "CEO", email, "", "", rng.choice(REPS),
                     _iso(created, "%Y-%m-%d %H:%M:%S"), _iso(created, "%Y-%m-%d %H:%M:%S")])
    return rows


def pipedrive_activities(rng: random.Random) -> Rows:
    rows: Rows = []
    for n in range(60):
        due = _when(rng, 2, 10)
        kind = rng.choice(("call", "call", "email", "meeting", "task"))
        done = rng.random() < 0.8
        first, last, company, _ = _person(rng, n)
        rows.append([1000 + n, f"{kind.title()} {first}", kind, "Done" if done else "To do", _iso(due, "%Y-%m-%d"),
                     _iso(due + dt.timedelta(hours=1), "%Y-%m-%d %H:%M:%S") if done else "", rng.choice(REPS),
                     f"{company} deal", f"{first} {last}", company])
    return rows


def salesforce_opportunities(rng: random.Random) -> Rows:
    rows: Rows = []
    for n in range(40):
        created, status, won, lost = _deal(rng)
        stage = {"open": rng.choice(("Prospecting", "Proposal/Price Quote")), "won": "Closed Won", "lost": "Closed Lost"}[status]
        close = won or lost or created + dt.timedelta(days=30)
        company = rng.choice(COMPANY)
        rows.append([rng.choice(REPS), company, f"{company} - {n}", stage, "Q1-2026", rng.choice((5000, 12000)),
                     {"Closed Won": 100, "Closed Lost": 0}.get(stage, 20), 12, close.strftime("%m/%d/%Y"),
                     created.strftime("%m/%d/%Y"), "", rng.choice(("Cold Call", "Email", "LinkedIn", "Web")), "New Business"])
    return rows


def salesforce_leads(rng: random.Random) -> Rows:
    rows: Rows = []
    statuses = ("Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted")
    for n in range(30):
        first, last, company, email = _person(rng, n)
        rows.append([rng.choice(REPS), first, last, "CEO", company, rng.choice(("Cold Call", "Email", "Web")), "Warm",
                     email, rng.choice(statuses), _when(rng, 1, 9).strftime("%m/%d/%Y"), ""])
    return rows


def apollo(rng: random.Random) -> Rows:
    rows: Rows = []
    for n in range(30):
        first, last, company, email = _person(rng, n)
        rows.append([first, last, "Head of Sales", company, company, email, rng.choice(("Verified", "Unavailable")),
                     "Head", "Sales", rng.choice(REPS), rng.choice(("Cold", "Approaching", "Replied", "Not Interested")),
                     "Q1 founders", _iso(_when(rng, 2, 9), "%Y-%m-%d"),
                     f"http://www.linkedin.com/in/{first.lower()}-{last.lower()}-{n}", f"http://{company.split()[0].lower()}.example",
                     f"65f0{n:04d}a1b2c3d4e5f6a7b8", f"65e0{n:04d}a1b2c3d4e5f6a7b8"])
    return rows


def zoho_leads(rng: random.Random) -> Rows:
    rows: Rows = []
    statuses = ("Not Contacted", "Attempted to Contact", "Contacted", "Pre-Qualified", "Junk Lead")
    for n in range(25):
        first, last, company, email = _person(rng, n)
        created = _when(rng, 1, 9)
        rows.append([f"zcrm_48768760000{n:05d}", rng.choice(REPS), company, first, last, email,
                     rng.choice(("Cold Call", "Email", "LinkedIn")), rng.choice(statuses),
                     _iso(created, "%Y-%m-%d %H:%M:%S"), _iso(created, "%Y-%m-%d %H:%M:%S")])
    return rows


def zoho_deals(rng: random.Random) -> Rows:
    rows: Rows = []
    for n in range(25):
        created, status, won, lost = _deal(rng)
        first, last, company, _ = _person(rng, n)
        stage = {"open": "Qualification", "won": "Closed Won", "lost": "Closed Lost"}[status]
        rows.append([f"zcrm_48768760001{n:05d}", rng.choice(REPS), f"{company} renewal", rng.choice((2500, 6000)), "EUR",
                     _iso(won or lost or created + dt.timedelta(days=40), "%Y-%m-%d"), company, f"{first} {last}", stage,
                     rng.choice(("Cold Call", "Email", "LinkedIn")), _iso(created, "%Y-%m-%d %H:%M:%S")])
    return rows


def brevo(rng: random.Random) -> Rows:
    rows: Rows = []
    for n in range(12):
        sent = rng.randint(200, 900)
        delivered = sent - rng.randint(2, 20)
        opens = int(delivered * rng.uniform(0.2, 0.5))
        rows.append([40 + n, f"Newsletter #{n + 1}", _iso(_when(rng, 2, 12), "%Y-%m-%d %H:%M"), sent, delivered, opens,
                     int(opens * rng.uniform(0.05, 0.3)), sent - delivered - rng.randint(0, 2), rng.randint(0, 2),
                     rng.randint(0, 6)])
    return rows


def ringover(rng: random.Random) -> Rows:
    rows: Rows = []
    for n in range(50):
        start = _when(rng)
        status = rng.choice(("ANSWERED", "MISSED"))
        seconds = rng.randint(15, 500) if status == "ANSWERED" else 0
        rows.append([f"{9000000 + n}", start.strftime("%d/%m/%Y %H:%M:%S"), rng.choice(("out", "out", "in")), status,
                     f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}", rng.choice(REPS),
                     "+33187654321", f"+3361234{n:04d}"])
    return rows


# file name → (header row, rows, options: delimiter, footer, title)
Sample = tuple[list[str], Callable[[random.Random], Rows], dict[str, object]]
SAMPLES: dict[str, Sample] = {
    "aircall_calls.csv": (AIRCALL, aircall, {}),
    "waalaxy_prospects.csv": (WAALAXY, waalaxy, {}),
    "lemlist_contacts.csv": (LEMLIST, lemlist, {}),
    "hubspot_contacts_all_contacts_view.csv": (HUBSPOT_DEFAULT, hubspot_default, {}),
    "hubspot_contacts_all_properties_2023.csv": (HUBSPOT_2023, hubspot_2023, {}),
    "hubspot_contacts_original_traffic_source.csv": (HUBSPOT_CURRENT, hubspot_current, {}),
    "hubspot_companies.csv": (HUBSPOT_COMPANIES, hubspot_companies, {}),
    "hubspot_deals.xlsx": (HUBSPOT_DEALS, hubspot_deals, {}),
    "pipedrive_deals.csv": (PIPEDRIVE_EN, pipedrive_en, {}),
    "pipedrive_deals_fr.csv": (PIPEDRIVE_FR, pipedrive_fr, {"delimiter": ";"}),
    "pipedrive_deals_de.csv": (PIPEDRIVE_DE, pipedrive_de, {}),
    "pipedrive_deals_es.csv": (PIPEDRIVE_ES, pipedrive_es, {}),
    "pipedrive_persons.csv": (PIPEDRIVE_PERSONS, pipedrive_persons, {}),
    "pipedrive_activities.csv": (PIPEDRIVE_ACTIVITIES, pipedrive_activities, {}),
    "salesforce_opportunities.csv": (SALESFORCE_OPPORTUNITIES, salesforce_opportunities,
                                     {"footer": True, "title": "Opportunities by Stage"}),
    "salesforce_leads.xlsx": (SALESFORCE_LEADS, salesforce_leads, {"footer": True, "title": "My Leads"}),
    "apollo_contacts.csv": (APOLLO, apollo, {}),
    "zoho_leads.csv": (ZOHO_LEADS, zoho_leads, {}),
    "zoho_deals.csv": (ZOHO_DEALS, zoho_deals, {}),
    "brevo_campaigns.csv": (BREVO, brevo, {}),
    "ringover_calls.csv": (RINGOVER, ringover, {"delimiter": ";"}),
}


def write(path: Path, headers: list[str], rows: Rows, delimiter: str = ",", footer: bool = False,
          title: str | None = None) -> Path:
    """A .csv (UTF-8, CRLF) or .xlsx file: an optional title, the header row, the rows, an optional footer."""
    lines: list[list[object]] = ([[title], []] if title else []) + [list(headers), *rows] + (FOOTER if footer else [])
    if path.suffix == ".xlsx":
        book = openpyxl.Workbook()
        for line in lines:
            book.active.append(line)
        book.save(path)
        return path
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(lines)
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return path


def write_sample(folder: Path, name: str, seed: int = SEED) -> Path:
    headers, make, options = SAMPLES[name]
    return write(folder / name, headers, make(random.Random(f"{seed}:{name}")), **options)  # type: ignore[arg-type]


def write_xls(folder: Path, seed: int = SEED) -> Path:
    """aircall_calls.xls: the Aircall sample as a legacy Excel file (LibreOffice converts its .xlsx twin)."""
    with tempfile.TemporaryDirectory() as work:
        twin = write(Path(work) / "aircall_calls.xlsx", AIRCALL, aircall(random.Random(f"{seed}:aircall_calls.csv")))
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{work}/profile", "--convert-to", "xls",
                        "--outdir", work, str(twin)], check=True, capture_output=True, timeout=300)
        return Path(shutil.copy(Path(work) / "aircall_calls.xls", folder / "aircall_calls.xls"))


def write_all(folder: Path, seed: int = SEED, xls: bool = True) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = [write_sample(folder, name, seed) for name in SAMPLES]
    return written + ([write_xls(folder, seed)] if xls else [])


if __name__ == "__main__":
    for path in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "workbook_templates/exports")):
        print(path)
