"""French texts (see :mod:`xlkpi.i18n`). One dict per part of the product."""
from __future__ import annotations

# --- KPI functions: labels, descriptions, argument help, categories (xlkpi.registry) ----------
KPI: dict[str, str] = {
}

# --- The weekly workbook: sheet names, headers, instructions, number formats (xlkpi.workbook) -
WORKBOOK: dict[str, str] = {
    # sheets
    "workbook.sheet.instructions": "Mode d'emploi",
    "workbook.sheet.dashboard": "Tableau de bord",
    "workbook.sheet.settings": "Paramètres",
    "workbook.sheet.leads": "Leads",
    # channels and their weekly inputs
    "workbook.channel.email": "Email",
    "workbook.channel.linkedin": "LinkedIn",
    "workbook.channel.phone": "Téléphone",
    "workbook.channel.sms": "SMS",
    "workbook.channel.mail": "Courrier",
    "workbook.input.planned": "Prévus",
    "workbook.input.sent": "Envoyés",
    "workbook.input.invitations_sent": "Invitations envoyées",
    "workbook.input.letters_sent": "Courriers envoyés",
    "workbook.input.delivered": "Délivrés",
    "workbook.input.opened": "Ouverts",
    "workbook.input.clicked": "Cliqués",
    "workbook.input.replies": "Réponses",
    "workbook.input.negative": "Réponses négatives",
    "workbook.input.positive": "Réponses positives",
    "workbook.input.unsubscribes": "Désinscriptions",
    "workbook.input.hard_bounces": "Hard bounces",
    "workbook.input.soft_bounces": "Soft bounces",
    "workbook.input.accepted": "Invitations acceptées",
    "workbook.input.read": "Messages lus",
    "workbook.input.calls": "Appels passés",
    "workbook.input.connected": "Interlocuteur joint",
    "workbook.input.unanswered": "Sans interlocuteur",
    "workbook.input.callbacks": "Demandes de rappel",
    "workbook.input.refusals": "Refus",
    "workbook.input.off_target": "Hors cible",
    "workbook.input.talk_minutes": "Temps de conversation (minutes)",
    "workbook.input.sought": "Réponses clés recherchées",
    "workbook.input.obtained": "Réponses clés obtenues",
    "workbook.input.stop": "STOP (désinscriptions)",
    "workbook.input.meetings": "RDV obtenus",
    "workbook.input.opportunities": "Opportunités",
    "workbook.input.deals": "Signatures",
    "workbook.input.revenue": "Chiffre d'affaires",
    "workbook.input.cost": "Coût",
    # KPI columns whose label says more than the function's
    "workbook.column.response_of_contacted": "Taux de réponse (sur contactés)",
    "workbook.column.meeting_of_contacted": "Taux de RDV (sur contactés)",
    "workbook.column.cost_per_meeting": "Coût par RDV obtenu (CPL)",
    "workbook.column.reply_of_opened": "Taux de réponse (sur ouverts)",
    "workbook.column.meeting_of_delivered": "Taux de RDV (sur délivrés)",
    "workbook.column.unsubscribe_rate": "Taux de désinscription",
    "workbook.column.hard_bounce_rate": "Taux de hard bounce",
    "workbook.column.soft_bounce_rate": "Taux de soft bounce",
    "workbook.column.reply_of_accepted": "Taux de réponse (sur acceptées)",
    "workbook.column.meeting_of_read": "Taux de RDV (sur lus)",
    "workbook.column.meeting_of_reached": "Taux de RDV (sur joints)",
    "workbook.column.refusal_rate": "Taux de refus",
    "workbook.column.avg_call_minutes": "Durée moyenne d'appel (minutes)",
    "workbook.column.positive_meetings": "Taux de réponses positives (RDV)",
    # number formats, by kind ({symbol}: the currency's); thousands separators come from the locale
    "workbook.format.percent": "0.0 %",
    "workbook.format.percent2": "0.00 %",  # small targets (0.25 %)
    "workbook.format.money": '#,##0 "{symbol}"',
    "workbook.format.money2": '#,##0.00 "{symbol}"',
    "workbook.format.date": "dd/mm/yyyy",
    "workbook.format.datetime": "dd/mm/yyyy hh:mm",
    "workbook.format.count": "#,##0",
    "workbook.format.decimal": "0.0",
    "workbook.currency.EUR": "€",
    "workbook.currency.USD": "$",
    "workbook.currency.GBP": "£",
    "workbook.currency.CHF": "CHF",
    "workbook.currency.CAD": "$ CA",
    # Instructions
    "workbook.title": "xlkpi — suivi hebdomadaire de la prospection {year}",
    "workbook.routine": "Chaque semaine",
    "workbook.step1": ("1. Sur chaque feuille de canal, remplissez les cellules jaunes de la ligne de la semaine écoulée "
                       "(semaine ISO, date du lundi)."),
    "workbook.step2": ("2. Saisissez chiffre d'affaires et coûts dans la semaine où ils ont eu lieu ; RDV, opportunités "
                       "et signatures dans la semaine où ils se sont produits."),
    "workbook.step3": ("3. Consignez chaque lead sur la feuille Leads (une ligne par lead : identifiant, société, contact "
                       "et e-mail ou URL de profil) et mettez à jour ses dates et son statut."),
    "workbook.step4": ("4. Le tableau de bord analyse la dernière semaine renseignée, comparée à la semaine précédente "
                       "et au cumul annuel ; pour en voir une autre, saisissez son numéro dans Paramètres."),
    "workbook.step5": ("5. Lisez notes et rangs des canaux, puis déplacez l'effort vers ce qui rapporte. Objectifs, "
                       "poids et seuils sont dans Paramètres."),
    "workbook.step6": ("6. Sans Excel, `xlkpi recalc` calcule toutes les formules ; dans Excel les fonctions KPI_* "
                       "viennent du complément xlwings. `xlkpi check` signale les erreurs de saisie cellule par cellule."),
    "workbook.step7": ("7. Déclinez un indicateur de leads par campagne, commercial ou persona dans une cellule à vous, "
                       "p. ex. =KPI_CHURN(LeadFirstReply;LeadMeeting;LeadStatus;ChurnStatuses;LeadRep;\"Alice\")."),
    "workbook.per_channel": "Dans le tableau de bord, Contactés et Réponses sont, par canal :",
    "workbook.per_channel_line": "  {channel} : {volume} / {replies}",
    "workbook.lead_definition": ("Un lead est une personne contactée ; le coût par RDV obtenu (CPL) divise le coût d'un "
                                 "canal par ses RDV obtenus."),
    "workbook.colours": ("Les cellules jaunes sont à saisir ; les autres sont calculées et verrouillées (protection sans "
                         "mot de passe). Un taux vide signifie que sa base vaut 0 cette semaine."),
    "workbook.kpis_used": "Indicateurs utilisés dans ce classeur",
    "workbook.kpi": "Indicateur",
    "workbook.function": "Fonction",
    "workbook.what": "Ce qu'il calcule",
    "workbook.where": "Où",
    # channel sheets
    "workbook.channel_title": "{channel} {year} — une ligne par semaine ISO",
    "workbook.channel_hint": "Remplissez les cellules jaunes ; les taux sont calculés. Les totaux portent sur l'année.",
    "workbook.week": "Semaine",
    "workbook.monday": "Lundi",
    "workbook.total": "Total année",
    # Dashboard
    "workbook.dashboard_title": "Tableau de bord {year}",
    "workbook.report_week": "Semaine analysée",
    "workbook.block_week": "Semaine choisie",
    "workbook.block_previous": "Semaine précédente",
    "workbook.block_ytd": "Cumul annuel, semaines 1 à",
    "workbook.ytd": "Cumul annuel",
    "workbook.channel": "Canal",
    "workbook.all": "Tous canaux",
    "workbook.volume": "Contactés",
    "workbook.replies": "Réponses",
    "workbook.rank": "Rang",
    "workbook.score_inputs": "Entrées de la note, telles que la note les lit (aucun RDV : CPL = ∞)",
    "workbook.lead_title": "Journal des leads, tous les leads",
    "workbook.bench_title": "Repère téléphone : taux de conversion des appels (seuils dans Paramètres)",
    "workbook.period": "Période",
    "workbook.chart_roi": "ROI par canal, cumul annuel",
    "workbook.chart_score": "Note des canaux /10, cumul annuel",
    "workbook.chart_reply": "Taux de réponse hebdomadaire (sur contactés)",
    "workbook.chart_meeting": "Taux de RDV hebdomadaire (sur contactés)",
    "workbook.chart_data": "Données des graphiques : taux hebdomadaires, #N/A sans envoi (un trou dans la courbe)",
    # Settings
    "workbook.settings_title": "Paramètres",
    "workbook.year": "Année des lignes hebdomadaires",
    "workbook.week_to_report": "Semaine à analyser (numéro ISO ; vide : la dernière semaine renseignée)",
    "workbook.week_reported": "Semaine analysée",
    "workbook.latest_note": "(la dernière semaine renseignée)",
    "workbook.latest_week": "Dernière semaine renseignée (contacts ou coût sur une feuille de canal)",
    "workbook.previous_week": "Semaine précédente",
    "workbook.currency": "Devise des montants",
    "workbook.attribution": "Fenêtre d'attribution (jours après le premier contact)",
    "workbook.speed": "Speed to lead : traiter les demandes entrantes en moins de (heures)",
    "workbook.score_title": "Note des canaux /10 : indicateurs, objectifs et poids",
    "workbook.target": "Objectif",
    "workbook.weight": "Poids",
    "workbook.direction": "Meilleur si",
    "workbook.source": "D'où vient l'objectif",
    "workbook.higher": "haut",
    "workbook.lower": "bas",
    "workbook.score_note": ("Note = 10 × moyenne pondérée de min(valeur / objectif ; 1) ; si plus bas est meilleur, "
                            "min(objectif / valeur ; 1). Remplacez les objectifs par votre historique dès que vous en avez un."),
    "workbook.source.response": ("Baromètre 2026 de l'e-mail à froid d'Instantly : 3,43 % des contacts répondent en moyenne (le "
                                  "meilleur dixième 10,7 % et plus) ; 3,5 % est un chiffre d'équipe ordinaire."),
    "workbook.source.meeting": ("Cold Outreach Benchmarks 2026 (P. Korpak) : RDV obtenus par contact 0,7 à 2,5 % selon le secteur, "
                                 "1,0 % en SaaS B2B."),
    "workbook.source.conversion": ("Environ 1 % des contacts en RDV et 20 à 30 % des RDV signés (taux de signature B2B courants) : "
                                    "environ 0,25 % des contacts signent."),
    "workbook.source.cpl": ("Allston Labs, coût par RDV en prospection sortante : e-mail 100 à 400, LinkedIn 150 à 500, appels "
                             "SDR 300 à 800 (en dollars) ; 300 est au milieu."),
    "workbook.source.roi": ("Un canal qui rembourse son coût a un ROI de 0 % ; Allston Labs situe une valeur client saine à 3 à "
                             "4 fois le coût d'acquisition, d'où un chiffre d'affaires triple du coût : ROI 200 %."),
    "workbook.bands_title": "Seuils de référence du taux de conversion des appels (TCO)",
    "workbook.band": "Niveau",
    "workbook.lower_bound": "À partir de (borne basse)",
    "workbook.band.low": "faible",
    "workbook.band.common": "courant",
    "workbook.band.good": "bon",
    "workbook.band.excellent": "excellent",
    "workbook.statuses_title": "Statuts des leads",
    "workbook.status.new": "nouveau",
    "workbook.status.contacted": "contacté",
    "workbook.status.replied": "a répondu",
    "workbook.status.meeting": "RDV",
    "workbook.status.opportunity": "opportunité",
    "workbook.status.won": "gagné",
    "workbook.status.lost": "perdu",
    "workbook.status.silent": "sans suite",
    "workbook.churn_title": "Statuts signifiant décroché (churn)",
    "workbook.channels_title": "Canaux",
    # Leads
    "workbook.lead.lead_id": "Identifiant",
    "workbook.lead.company": "Société",
    "workbook.lead.contact": "Contact",
    "workbook.lead.email": "E-mail ou URL de profil",
    "workbook.lead.channel": "Canal",
    "workbook.lead.campaign": "Campagne",
    "workbook.lead.rep": "Commercial",
    "workbook.lead.persona": "Persona / segment",
    "workbook.lead.received": "Demande reçue (entrants seulement)",
    "workbook.lead.first_contact": "Premier contact",
    "workbook.lead.first_reply": "Première réponse",
    "workbook.lead.meeting": "RDV",
    "workbook.lead.opportunity": "Opportunité",
    "workbook.lead.signature": "Signature",
    "workbook.lead.revenue": "Chiffre d'affaires",
    "workbook.lead.status": "Statut",
    # lead KPIs on the Dashboard
    "workbook.time_to_conversion": "Délai de conversion (jours, premier contact → signature)",
    "workbook.contact_to_meeting": "Premier contact → RDV (jours)",
    "workbook.meeting_to_opp": "RDV → opportunité (jours)",
    "workbook.opp_to_signature": "Opportunité → signature (jours)",
    "workbook.reactivity": "Réactivité (jours jusqu'à la première réponse)",
    "workbook.speed_to_lead": "Speed to lead (part traitée à temps)",
    # data validation messages
    "workbook.bad_count": "Saisissez un nombre entier, 0 ou plus.",
    "workbook.bad_minutes": "Saisissez un nombre de minutes, 0 ou plus.",
    "workbook.bad_amount": "Saisissez un montant.",
    "workbook.bad_date": "Saisissez une date (ou une date et une heure).",
    "workbook.bad_list": "Choisissez une valeur de la liste (voir Paramètres).",
    "workbook.bad_number": "Saisissez un nombre, 0 ou plus.",
    "workbook.bad_target": "Saisissez un objectif supérieur à 0.",
    "workbook.bad_week": "Saisissez un numéro de semaine de l'année, ou laissez vide pour la dernière semaine renseignée.",
    # the example workbook
    "workbook.example_title": "xlkpi — classeur d'exemple {year} (données inventées)",
}

# --- xlkpi check: messages and verdicts (xlkpi.workbook checker) -------------------------------
CHECK: dict[str, str] = {
    "check.error": "erreur",
    "check.warning": "alerte",
    "check.summary": "{errors} erreur(s), {warnings} alerte(s) dans {path}",
    "check.about": "{label} : {message}",
    "check.count": "un comptage",
    "check.amount": "un montant",
    "check.minutes": "un nombre de minutes",
    "check.error_value": "la valeur d'erreur {value} là où il faut {a}",
    "check.not_number": "{value!r} n'est pas un nombre ; il faut {a}",
    "check.negative": "{a} ne peut pas être négatif ({value:g})",
    "check.not_whole": "un comptage est un nombre entier ({value:g})",
    "check.exceeds": "{label} ({value:g}) dépasse {bound} ({limit:g}, {cell})",
    "check.no_cost": ("{cost} est vide alors que la semaine {week} est remplie ({first} en {cell}) ; "
                      "saisissez 0 si elle n'a rien coûté"),
    "check.bad_week": "{value!r} n'est pas une semaine de 1 à {weeks}",
    "check.empty_week": ("la semaine {week} n'a aucune donnée alors que la semaine {latest} en a : le tableau de bord "
                         "affiche des zéros ; videz la cellule pour analyser la dernière semaine renseignée"),
    "check.below_last_row": ("la ligne {row} est sous la dernière ligne lue par les formules ({last}) : ce lead ne "
                             "compte nulle part ; remontez-le dans une ligne vide"),
    "check.below_last_week": "la ligne {row} est sous la dernière semaine de l'année (ligne {last}) : elle ne compte nulle part",
    "check.no_channel": "vide ; ce lead ne compte dans aucun canal",
    "check.not_listed": "{value!r} n'est pas dans la liste de Paramètres ({allowed})",
    "check.not_date": "{value!r} n'est pas une date",
    "check.before": "{date:%Y-%m-%d %H:%M} est antérieur à {earlier} ({earlier_date:%Y-%m-%d %H:%M}, {cell})",
    "check.unattributed": "chiffre d'affaires sans date de signature : il n'est attribué à aucun canal",
    "check.not_a_workbook": ("pas un classeur hebdomadaire xlkpi : il faut les feuilles {expected} "
                             "(ou celles d'une autre édition)"),
}

# --- xlkpi import: messages, explanations (xlkpi.importer) -------------------------------------
IMPORT: dict[str, str] = {
}

# --- xlkpi report: headings, labels, notes (xlkpi.report) --------------------------------------
REPORT: dict[str, str] = {
}
