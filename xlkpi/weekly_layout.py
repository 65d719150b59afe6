"""Where things are in the weekly workbook, and its texts: what both the builder
(:mod:`xlkpi.template`) and the checker (:mod:`xlkpi.checker`) read, without openpyxl (so that
``xlkpi recalc`` and ``xlkpi check`` start fast).

Issue 11 plans one layout module and one text catalogue per language; this is the first step:
the facts the checker needs, moved out of the builder.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .a1 import col_letters
from .channels import CHANNELS, Channel

LANGS = ("en", "fr")

# --- Texts: (English, French) ------------------------------------------------------------------

TEXT: dict[str, tuple[str, str]] = {
    "instructions": ("Instructions", "Mode d'emploi"),
    "dashboard": ("Dashboard", "Tableau de bord"),
    "settings": ("Settings", "Paramètres"),
    "leads": ("Leads", "Leads"),
    "title": ("xlkpi — weekly prospecting workbook {year}", "xlkpi — suivi hebdomadaire de la prospection {year}"),
    "routine": ("Every week", "Chaque semaine"),
    "step1": ("1. On each channel sheet, fill the yellow cells of last week's row (ISO week, Monday's date shown).",
              "1. Sur chaque feuille de canal, remplissez les cellules jaunes de la ligne de la semaine écoulée (semaine ISO, date du lundi)."),
    "step2": ("2. Put revenue and cost in the week they occurred; meetings, opportunities and deals in the week they happened.",
              "2. Saisissez chiffre d'affaires et coûts dans la semaine où ils ont eu lieu ; RDV, opportunités et signatures dans la semaine où ils se sont produits."),
    "step3": ("3. Log each lead on the Leads sheet (one row per lead) and update its dates and status as it moves on.",
              "3. Consignez chaque lead sur la feuille Leads (une ligne par lead) et mettez à jour ses dates et son statut."),
    "step4": ("4. On Settings, set the week to report on; the Dashboard compares it with the previous week and the year to date.",
              "4. Dans Paramètres, choisissez la semaine à analyser ; le tableau de bord la compare à la semaine précédente et au cumul annuel."),
    "step5": ("5. Read the channel scores and ranks, then move effort to what pays. Targets, weights and bands live on Settings.",
              "5. Lisez notes et rangs des canaux, puis déplacez l'effort vers ce qui rapporte. Objectifs, poids et seuils sont dans Paramètres."),
    "step6": ("6. Without Excel, `xlkpi recalc` computes every formula; in Excel the KPI_* functions come from the xlwings add-in.",
              "6. Sans Excel, `xlkpi recalc` calcule toutes les formules ; dans Excel les fonctions KPI_* viennent du complément xlwings."),
    "step7": ("7. Cut any lead KPI by campaign, rep or persona in a cell of your own, e.g. =KPI_CHURN(LeadFirstReply,LeadMeeting,LeadStatus,ChurnStatuses,LeadRep,\"Alice\").",
              "7. Déclinez un indicateur de leads par campagne, commercial ou persona dans une cellule à vous, p. ex. =KPI_CHURN(LeadFirstReply;LeadMeeting;LeadStatus;ChurnStatuses;LeadRep;\"Alice\")."),
    "per_channel": ("On the Dashboard, Contacted and Replies are, per channel:",
                    "Dans le tableau de bord, Contactés et Réponses sont, par canal :"),
    "colours": (("Yellow cells are inputs; all other cells are computed and locked (sheet protection, no password). "
                 "An empty rate means its base is 0 this week."),
                ("Les cellules jaunes sont à saisir ; les autres sont calculées et verrouillées (protection sans mot de passe). "
                 "Un taux vide signifie que sa base vaut 0 cette semaine.")),
    "kpis_used": ("KPIs used in this workbook", "Indicateurs utilisés dans ce classeur"),
    "kpi": ("Indicator", "Indicateur"),
    "function": ("Function", "Fonction"),
    "what": ("What it computes", "Ce qu'il calcule"),
    "where": ("Where", "Où"),
    "channel_title": ("{channel} {year} — one row per ISO week", "{channel} {year} — une ligne par semaine ISO"),
    "channel_hint": ("Fill the yellow cells; rates are computed. Totals are for the whole year.",
                     "Remplissez les cellules jaunes ; les taux sont calculés. Les totaux portent sur l'année."),
    "week": ("Week", "Semaine"),
    "monday": ("Monday", "Lundi"),
    "total": ("Year total", "Total année"),
    "dashboard_title": ("Dashboard {year}", "Tableau de bord {year}"),
    "report_week": ("Week to report on (set it on Settings)", "Semaine analysée (à choisir dans Paramètres)"),
    "week_to_report": ("Week to report on (ISO week number)", "Semaine à analyser (numéro de semaine ISO)"),
    "block_week": ("Selected week", "Semaine choisie"),
    "block_previous": ("Previous week", "Semaine précédente"),
    "block_ytd": ("Year to date, weeks 1 to", "Cumul annuel, semaines 1 à"),
    "ytd": ("Year to date", "Cumul annuel"),
    "channel": ("Channel", "Canal"),
    "all": ("All channels", "Tous canaux"),
    "volume": ("Contacted", "Contactés"),
    "replies": ("Replies", "Réponses"),
    "rank": ("Rank", "Rang"),
    "score_inputs": ("Score inputs, as the score reads them (no meeting: CPL = ∞)",
                     "Entrées de la note, telles que la note les lit (aucun RDV : CPL = ∞)"),
    "lead_title": ("Lead log, all leads", "Journal des leads, tous les leads"),
    "bench_title": ("Phone benchmark: call-to-opportunity rate (bands on Settings)",
                    "Repère téléphone : taux de conversion des appels (seuils dans Paramètres)"),
    "period": ("Period", "Période"),
    "chart_roi": ("ROI per channel, year to date", "ROI par canal, cumul annuel"),
    "chart_score": ("Channel score /10, year to date", "Note des canaux /10, cumul annuel"),
    "chart_reply": ("Weekly response rate (of contacted)", "Taux de réponse hebdomadaire (sur contactés)"),
    "chart_meeting": ("Weekly meeting rate (of contacted)", "Taux de RDV hebdomadaire (sur contactés)"),
    "settings_title": ("Settings", "Paramètres"),
    "year": ("Year of the weekly rows", "Année des lignes hebdomadaires"),
    "previous_week": ("Previous week", "Semaine précédente"),
    "currency": ("Currency of the amounts", "Devise des montants"),
    "attribution": ("Attribution window (days after the first contact)", "Fenêtre d'attribution (jours après le premier contact)"),
    "speed": ("Speed to lead: answer inbound requests within (hours)", "Speed to lead : traiter les demandes entrantes en moins de (heures)"),
    "score_title": ("Channel score /10: indicators, targets and weights", "Note des canaux /10 : indicateurs, objectifs et poids"),
    "target": ("Target", "Objectif"),
    "weight": ("Weight", "Poids"),
    "direction": ("Better when", "Meilleur si"),
    "higher": ("higher", "haut"),
    "lower": ("lower", "bas"),
    "score_note": ("Score = 10 × weighted mean of min(value / target, 1); where lower is better, min(target / value, 1).",
                   "Note = 10 × moyenne pondérée de min(valeur / objectif ; 1) ; si plus bas est meilleur, min(objectif / valeur ; 1)."),
    "bands_title": ("Call-to-opportunity rate (TCO) benchmark bands", "Seuils de référence du taux de conversion des appels (TCO)"),
    "band": ("Band", "Niveau"),
    "lower_bound": ("From (lower bound)", "À partir de (borne basse)"),
    "bands": ("low|common|good|excellent", "faible|courant|bon|excellent"),
    "statuses_title": ("Lead statuses", "Statuts des leads"),
    "statuses": ("new|contacted|replied|meeting|opportunity|won|lost|silent",
                 "nouveau|contacté|a répondu|RDV|opportunité|gagné|perdu|sans suite"),
    "churn_title": ("Statuses meaning dropped out (churn)", "Statuts signifiant décroché (churn)"),
    "churned": ("lost|silent", "perdu|sans suite"),
    "channels_title": ("Channels", "Canaux"),
    "campaign": ("Campaign", "Campagne"),
    "rep": ("Sales rep", "Commercial"),
    "persona": ("Persona / segment", "Persona / segment"),
    "received": ("Request received (inbound only)", "Demande reçue (entrants seulement)"),
    "first_contact": ("First contact", "Premier contact"),
    "first_reply": ("First reply", "Première réponse"),
    "meeting": ("Meeting", "RDV"),
    "opportunity": ("Opportunity", "Opportunité"),
    "signature": ("Signature", "Signature"),
    "revenue": ("Revenue", "Chiffre d'affaires"),
    "status": ("Status", "Statut"),
    "time_to_conversion": ("Time to conversion (days, first contact → signature)",
                           "Délai de conversion (jours, premier contact → signature)"),
    "contact_to_meeting": ("First contact → meeting (days)", "Premier contact → RDV (jours)"),
    "meeting_to_opp": ("Meeting → opportunity (days)", "RDV → opportunité (jours)"),
    "opp_to_signature": ("Opportunity → signature (days)", "Opportunité → signature (jours)"),
    "reactivity": ("Reactivity (days to first reply)", "Réactivité (jours jusqu'à la première réponse)"),
    "speed_to_lead": ("Speed to lead (share answered in time)", "Speed to lead (part traitée à temps)"),
    "bad_count": ("Enter a whole number, 0 or more.", "Saisissez un nombre entier, 0 ou plus."),
    "bad_minutes": ("Enter a number of minutes, 0 or more.", "Saisissez un nombre de minutes, 0 ou plus."),
    "bad_amount": ("Enter an amount.", "Saisissez un montant."),
    "bad_date": ("Enter a date (or a date and time).", "Saisissez une date (ou une date et une heure)."),
    "bad_list": ("Choose a value from the list (see Settings).", "Choisissez une valeur de la liste (voir Paramètres)."),
    "bad_number": ("Enter a number, 0 or more.", "Saisissez un nombre, 0 ou plus."),
    "bad_target": ("Enter a target above 0.", "Saisissez un objectif supérieur à 0."),
    "bad_week": ("Enter a week number of the year.", "Saisissez un numéro de semaine de l'année."),
}

def text(key: str, lang: str, **fields: object) -> str:
    return TEXT[key][lang == "fr"].format(**fields)



@dataclass(frozen=True)
class LeadColumn:
    key: str  # TEXT key of its header
    name: str  # the workbook-scoped name of its range
    kind: str  # "list", "text", "datetime", "amount"


LEAD_COLUMNS = (
    LeadColumn("channel", "LeadChannel", "list"),
    LeadColumn("campaign", "LeadCampaign", "text"),
    LeadColumn("rep", "LeadRep", "text"),
    LeadColumn("persona", "LeadPersona", "text"),
    LeadColumn("received", "LeadReceived", "datetime"),
    LeadColumn("first_contact", "LeadFirstContact", "datetime"),
    LeadColumn("first_reply", "LeadFirstReply", "datetime"),
    LeadColumn("meeting", "LeadMeeting", "datetime"),
    LeadColumn("opportunity", "LeadOpportunity", "datetime"),
    LeadColumn("signature", "LeadSignature", "datetime"),
    LeadColumn("revenue", "LeadRevenue", "amount"),
    LeadColumn("status", "LeadStatus", "list"),
)
LEAD_ROWS = 500


HEADER_ROW, TOTAL_ROW, FIRST_WEEK_ROW = 3, 4, 5  # channel sheets
FIRST_INPUT_COL = 3  # A: ISO week, B: its Monday


def iso_weeks(year: int) -> list[tuple[int, dt.date]]:
    """(ISO week number, its Monday) of every ISO week of ``year`` (52 or 53)."""
    count = dt.date(year, 12, 28).isocalendar()[1]
    return [(week, dt.date.fromisocalendar(year, week, 1)) for week in range(1, count + 1)]


def input_columns(channel: Channel) -> dict[str, str]:
    """Input key → column letter on the channel's sheet."""
    return {i.key: col_letters(FIRST_INPUT_COL + n) for n, i in enumerate(channel.inputs)}


def sheet_titles(lang: str) -> dict[str, str]:
    """Sheet key → title, in the workbook's order."""
    titles = {key: text(key, lang) for key in ("instructions", "dashboard", "settings")}
    titles.update({c.key: c.name(lang) for c in CHANNELS})
    titles["leads"] = text("leads", lang)
    return titles
