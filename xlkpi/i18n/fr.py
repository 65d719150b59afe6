"""French texts (see :mod:`xlkpi.i18n`). One dict per part of the product."""
from __future__ import annotations

# --- KPI functions: labels, descriptions, argument help, categories (xlkpi.registry) ----------
KPI: dict[str, str] = {
    # `xlkpi functions`: an optional argument
    "kpi.optional": "(facultatif)",
    "kpi.optional_default": "(facultatif, par défaut {default})",
    # xlkpi lite: the files for xlwings Lite
    "kpi.lite.exists": "déjà présents : {paths} ; utilisez --force pour les écraser",
    "kpi.lite.cannot_write": "{directory} : écriture impossible ({reason})",
    "kpi.lite.wrote": "{main} et {requirements} écrits",
    "kpi.lite.steps": (
        "Dans Excel (Windows, Mac ou le web) :\n"
        "  1. Accueil > Compléments : cherchez xlwings, ajoutez xlwings Lite, puis ouvrez-le avec son bouton de l'onglet Accueil.\n"
        "  2. Dans son onglet requirements.txt, ajoutez la ligne {requirement} (gardez les lignes déjà présentes) ; Lite l'installe.\n"
        "  3. Remplacez le contenu de main.py par le main.py écrit ici et enregistrez (Ctrl+S ou Cmd+S) : =KPI_ROI(12000; 4000) dans une cellule donne alors 2."
    ),
    # categories, in the order `xlkpi functions` lists them
    "kpi.category.Funnel": "Tout l'entonnoir",
    "kpi.category.Rates": "Taux",
    "kpi.category.Leads": "Journal des leads",
    "kpi.category.Decisions": "Décisions",
    # KPI_ROI
    "kpi.KPI_ROI.label": "Retour sur investissement (ROI)",
    "kpi.KPI_ROI.description": "Retour sur investissement : (revenu − coût) / coût, ou revenu / coût avec le mode « ratio »",
    "kpi.KPI_ROI.arg.revenue": "Chiffre d'affaires gagné grâce à la prospection, en devise",
    "kpi.KPI_ROI.arg.cost": "Coût total de la prospection (outils, fichiers, équipe, affranchissement), en devise",
    "kpi.KPI_ROI.arg.mode": "« net » (par défaut) : (revenu − coût) / coût ; « ratio » : revenu / coût",
    # KPI_CPL
    "kpi.KPI_CPL.label": "Coût par lead (CPL)",
    "kpi.KPI_CPL.description": "Coût par lead qualifié : coût / leads qualifiés",
    "kpi.KPI_CPL.arg.cost": "Coût total de la prospection (outils, fichiers, équipe, affranchissement), en devise",
    "kpi.KPI_CPL.arg.qualified_leads": "Nombre de leads qualifiés",
    # KPI_CPQ
    "kpi.KPI_CPQ.label": "Coût par opportunité qualifiée (CPQ)",
    "kpi.KPI_CPQ.description": "Coût par opportunité qualifiée : coût / opportunités qualifiées",
    "kpi.KPI_CPQ.arg.cost": "Coût total de la prospection (outils, fichiers, équipe, affranchissement), en devise",
    "kpi.KPI_CPQ.arg.qualified_opportunities": "Nombre d'opportunités qualifiées",
    # KPI_CAC
    "kpi.KPI_CAC.label": "Coût d'acquisition client (CAC)",
    "kpi.KPI_CAC.description": "Coût d'acquisition client : coût / nouveaux clients",
    "kpi.KPI_CAC.arg.cost": "Coût total de la prospection (outils, fichiers, équipe, affranchissement), en devise",
    "kpi.KPI_CAC.arg.new_customers": "Nombre de nouveaux clients gagnés",
    # KPI_COST_PER_MEETING
    "kpi.KPI_COST_PER_MEETING.label": "Coût par RDV qualifié",
    "kpi.KPI_COST_PER_MEETING.description": "Coût par RDV qualifié : coût / RDV qualifiés",
    "kpi.KPI_COST_PER_MEETING.arg.cost": "Coût total de la prospection (outils, fichiers, équipe, affranchissement), en devise",
    "kpi.KPI_COST_PER_MEETING.arg.meetings": "Nombre de RDV qualifiés tenus",
    # KPI_BREAKEVEN_COST
    "kpi.KPI_BREAKEVEN_COST.label": "Coût maximal rentable (point mort)",
    "kpi.KPI_BREAKEVEN_COST.description": "Coût maximal rentable (point mort) par opportunité ou par lead : valeur par vente × taux de conversion en vente",
    "kpi.KPI_BREAKEVEN_COST.arg.value_per_sale": "Marge (ou valeur client) par vente, en devise",
    "kpi.KPI_BREAKEVEN_COST.arg.win_rate": "Part de ces opportunités (ou leads) qui deviennent des ventes, par exemple 10 %",
    # KPI_UPLIFT
    "kpi.KPI_UPLIFT.label": "Hausse relative (uplift)",
    "kpi.KPI_UPLIFT.description": "Variation relative du chiffre d'affaires après un programme : (après − avant) / avant",
    "kpi.KPI_UPLIFT.arg.before": "Chiffre d'affaires par période avant le programme",
    "kpi.KPI_UPLIFT.arg.after": "Chiffre d'affaires par période après le programme",
    # KPI_GAIN
    "kpi.KPI_GAIN.label": "Gain de chiffre d'affaires",
    "kpi.KPI_GAIN.description": "Chiffre d'affaires gagné grâce à un programme sur plusieurs périodes : (après − avant) × périodes",
    "kpi.KPI_GAIN.arg.before": "Chiffre d'affaires par période avant le programme",
    "kpi.KPI_GAIN.arg.after": "Chiffre d'affaires par période après le programme",
    "kpi.KPI_GAIN.arg.periods": "Nombre de périodes à compter (1 par défaut ; 12 pour une année de mois)",
    # KPI_RATE
    "kpi.KPI_RATE.label": "Taux (partie / total)",
    "kpi.KPI_RATE.description": "Taux quelconque : les éléments comptés divisés par la base sur laquelle ils sont comptés",
    "kpi.KPI_RATE.arg.part": "Les éléments comptés (réponses, RDV …)",
    "kpi.KPI_RATE.arg.total": "La base sur laquelle ils sont comptés",
    # KPI_REPLY_RATE
    "kpi.KPI_REPLY_RATE.label": "Taux de réponse",
    "kpi.KPI_REPLY_RATE.description": "Taux de réponse : part des leads contactés qui ont répondu (réponses / base)",
    "kpi.KPI_REPLY_RATE.arg.replies": "Réponses reçues",
    "kpi.KPI_REPLY_RATE.arg.base": "Leads contactés (e-mail : e-mails ouverts ; LinkedIn : invitations acceptées)",
    # KPI_CONVERSION_RATE
    "kpi.KPI_CONVERSION_RATE.label": "Taux de conversion",
    "kpi.KPI_CONVERSION_RATE.description": "Taux de conversion : part des leads contactés devenus clients",
    "kpi.KPI_CONVERSION_RATE.arg.customers": "Nouveaux clients (contrats signés)",
    "kpi.KPI_CONVERSION_RATE.arg.contacted": "Leads contactés",
    # KPI_LEAD_CONVERSION_RATE
    "kpi.KPI_LEAD_CONVERSION_RATE.label": "Taux de conversion des leads",
    "kpi.KPI_LEAD_CONVERSION_RATE.description": "Taux de conversion des leads : part des leads qualifiés devenus clients",
    "kpi.KPI_LEAD_CONVERSION_RATE.arg.customers": "Nouveaux clients (contrats signés)",
    "kpi.KPI_LEAD_CONVERSION_RATE.arg.qualified_leads": "Leads qualifiés",
    # KPI_MEETING_TO_OPP_RATE
    "kpi.KPI_MEETING_TO_OPP_RATE.label": "Taux de transformation RDV → opportunité",
    "kpi.KPI_MEETING_TO_OPP_RATE.description": "Part des RDV tenus qui ont donné une opportunité",
    "kpi.KPI_MEETING_TO_OPP_RATE.arg.opportunities": "Opportunités créées",
    "kpi.KPI_MEETING_TO_OPP_RATE.arg.meetings": "RDV tenus",
    # KPI_OPP_TO_SALE_RATE
    "kpi.KPI_OPP_TO_SALE_RATE.label": "Taux de transformation opportunité → vente",
    "kpi.KPI_OPP_TO_SALE_RATE.description": "Taux de transformation : part des opportunités gagnées",
    "kpi.KPI_OPP_TO_SALE_RATE.arg.sales": "Ventes gagnées",
    "kpi.KPI_OPP_TO_SALE_RATE.arg.opportunities": "Opportunités",
    # KPI_CALL_TO_OPP_RATE
    "kpi.KPI_CALL_TO_OPP_RATE.label": "Taux de conversion des appels en opportunités (TCO)",
    "kpi.KPI_CALL_TO_OPP_RATE.description": "Taux de conversion des appels (TCO) : opportunités qualifiées par appel passé",
    "kpi.KPI_CALL_TO_OPP_RATE.arg.opportunities": "Opportunités qualifiées",
    "kpi.KPI_CALL_TO_OPP_RATE.arg.calls": "Appels passés",
    # KPI_PROGRESS
    "kpi.KPI_PROGRESS.label": "Avancement",
    "kpi.KPI_PROGRESS.description": "Avancement de la campagne : part des messages prévus déjà envoyés",
    "kpi.KPI_PROGRESS.arg.sent": "Messages (ou invitations, courriers) envoyés",
    "kpi.KPI_PROGRESS.arg.planned": "Messages prévus",
    # KPI_DELIVERABILITY
    "kpi.KPI_DELIVERABILITY.label": "Taux de délivrabilité",
    "kpi.KPI_DELIVERABILITY.description": "Délivrabilité : part des messages prévus qui ont été délivrés",
    "kpi.KPI_DELIVERABILITY.arg.delivered": "Messages délivrés",
    "kpi.KPI_DELIVERABILITY.arg.planned": "Messages prévus",
    # KPI_OPEN_RATE
    "kpi.KPI_OPEN_RATE.label": "Taux d'ouverture",
    "kpi.KPI_OPEN_RATE.description": "Taux d'ouverture : part des e-mails délivrés qui ont été ouverts",
    "kpi.KPI_OPEN_RATE.arg.opened": "E-mails ouverts",
    "kpi.KPI_OPEN_RATE.arg.delivered": "E-mails délivrés",
    # KPI_CLICK_RATE
    "kpi.KPI_CLICK_RATE.label": "Taux de clic",
    "kpi.KPI_CLICK_RATE.description": "Taux de clic : part des e-mails ouverts où un lien a été cliqué",
    "kpi.KPI_CLICK_RATE.arg.clicked": "E-mails avec un clic",
    "kpi.KPI_CLICK_RATE.arg.opened": "E-mails ouverts",
    # KPI_NEGATIVE_RATE
    "kpi.KPI_NEGATIVE_RATE.label": "Taux de réponses négatives",
    "kpi.KPI_NEGATIVE_RATE.description": "Taux de réponses négatives : part de la base du canal qui a répondu non ou refusé",
    "kpi.KPI_NEGATIVE_RATE.arg.negative": "Réponses négatives (ou refus)",
    "kpi.KPI_NEGATIVE_RATE.arg.base": "La base du canal : ouverts, acceptées, appels aboutis, délivrés ou envoyés",
    # KPI_POSITIVE_RATE
    "kpi.KPI_POSITIVE_RATE.label": "Taux de réponses positives",
    "kpi.KPI_POSITIVE_RATE.description": "Taux de réponses positives : part de la base du canal qui a répondu oui ou pris RDV",
    "kpi.KPI_POSITIVE_RATE.arg.positive": "Réponses positives ou RDV",
    "kpi.KPI_POSITIVE_RATE.arg.base": "La base du canal : délivrés (SMS) ou envoyés (courrier)",
    # KPI_MEETING_RATE
    "kpi.KPI_MEETING_RATE.label": "Taux de RDV",
    "kpi.KPI_MEETING_RATE.description": "Taux de RDV : part de la base du canal qui a pris RDV",
    "kpi.KPI_MEETING_RATE.arg.meetings": "RDV obtenus",
    "kpi.KPI_MEETING_RATE.arg.base": "La base du canal : délivrés (e-mail), messages lus (LinkedIn), appels aboutis (téléphone)",
    # KPI_OPT_OUT_RATE
    "kpi.KPI_OPT_OUT_RATE.label": "Taux de désinscription (STOP)",
    "kpi.KPI_OPT_OUT_RATE.description": "Taux de désinscription : part des messages délivrés suivis d'une désinscription ou d'un STOP",
    "kpi.KPI_OPT_OUT_RATE.arg.opt_outs": "Désinscriptions ou réponses STOP",
    "kpi.KPI_OPT_OUT_RATE.arg.base": "Messages délivrés (ou leads joignables)",
    # KPI_BOUNCE_RATE
    "kpi.KPI_BOUNCE_RATE.label": "Taux de rebond (hard / soft bounce)",
    "kpi.KPI_BOUNCE_RATE.description": "Taux de rebond : part des e-mails envoyés revenus en erreur (hard ou soft bounce)",
    "kpi.KPI_BOUNCE_RATE.arg.bounces": "Rebonds durs (ou temporaires)",
    "kpi.KPI_BOUNCE_RATE.arg.sent": "E-mails envoyés",
    # KPI_ACCEPTANCE_RATE
    "kpi.KPI_ACCEPTANCE_RATE.label": "Taux d'acceptation",
    "kpi.KPI_ACCEPTANCE_RATE.description": "Taux d'acceptation : part des invitations envoyées qui ont été acceptées",
    "kpi.KPI_ACCEPTANCE_RATE.arg.accepted": "Invitations acceptées",
    "kpi.KPI_ACCEPTANCE_RATE.arg.sent": "Invitations envoyées",
    # KPI_CONNECT_RATE
    "kpi.KPI_CONNECT_RATE.label": "Taux de joignabilité",
    "kpi.KPI_CONNECT_RATE.description": "Taux de joignabilité : part des appels passés qui ont abouti à un interlocuteur",
    "kpi.KPI_CONNECT_RATE.arg.connected": "Appels aboutis (un interlocuteur a répondu)",
    "kpi.KPI_CONNECT_RATE.arg.calls": "Appels passés",
    # KPI_CALLBACK_RATE
    "kpi.KPI_CALLBACK_RATE.label": "Taux de demandes de rappel",
    "kpi.KPI_CALLBACK_RATE.description": "Taux de demandes de rappel : part des appels aboutis où le contact a demandé à être rappelé",
    "kpi.KPI_CALLBACK_RATE.arg.callbacks": "Contacts qui ont demandé à être rappelés",
    "kpi.KPI_CALLBACK_RATE.arg.connected": "Appels aboutis (un interlocuteur a répondu)",
    # KPI_UNREACHED_RATE
    "kpi.KPI_UNREACHED_RATE.label": "Taux d'appels sans interlocuteur",
    "kpi.KPI_UNREACHED_RATE.description": "Taux d'appels sans interlocuteur : part des appels passés restés sans réponse",
    "kpi.KPI_UNREACHED_RATE.arg.unanswered": "Appels sans interlocuteur",
    "kpi.KPI_UNREACHED_RATE.arg.calls": "Appels passés",
    # KPI_OFF_TARGET_RATE
    "kpi.KPI_OFF_TARGET_RATE.label": "Taux hors cible",
    "kpi.KPI_OFF_TARGET_RATE.description": "Taux hors cible : part des appels aboutis à un interlocuteur hors cible",
    "kpi.KPI_OFF_TARGET_RATE.arg.off_target": "Réponses « hors cible »",
    "kpi.KPI_OFF_TARGET_RATE.arg.connected": "Appels aboutis (un interlocuteur a répondu)",
    # KPI_QUALIFICATION_LEVEL
    "kpi.KPI_QUALIFICATION_LEVEL.label": "Niveau de qualification",
    "kpi.KPI_QUALIFICATION_LEVEL.description": "Niveau de qualification : part des réponses clés recherchées qui ont été obtenues",
    "kpi.KPI_QUALIFICATION_LEVEL.arg.obtained": "Réponses clés obtenues",
    "kpi.KPI_QUALIFICATION_LEVEL.arg.sought": "Réponses clés recherchées",
    # KPI_NO_REPLY_RATE
    "kpi.KPI_NO_REPLY_RATE.label": "Taux de non-réponse",
    "kpi.KPI_NO_REPLY_RATE.description": "Part de la base sans réponse : (base − réponses) / base",
    "kpi.KPI_NO_REPLY_RATE.arg.replies": "Réponses reçues",
    "kpi.KPI_NO_REPLY_RATE.arg.base": "Messages délivrés (SMS) ou envoyés (courrier)",
    # KPI_AVG_CALL_LENGTH
    "kpi.KPI_AVG_CALL_LENGTH.label": "Durée moyenne d'appel",
    "kpi.KPI_AVG_CALL_LENGTH.description": "Durée moyenne d'appel : temps de conversation total / appels passés (dans l'unité du temps de conversation)",
    "kpi.KPI_AVG_CALL_LENGTH.arg.talk_time": "Temps de conversation total (en minutes, ou une durée)",
    "kpi.KPI_AVG_CALL_LENGTH.arg.calls": "Appels passés",
    # KPI_AVG_DAYS
    "kpi.KPI_AVG_DAYS.label": "Délai moyen entre deux étapes (jours)",
    "kpi.KPI_AVG_DAYS.description": "Nombre moyen de jours entre deux colonnes de dates (délai de conversion, réactivité), sur les leads ayant les deux dates",
    "kpi.KPI_AVG_DAYS.arg.start_dates": "Première date de chaque lead (par exemple le premier contact)",
    "kpi.KPI_AVG_DAYS.arg.end_dates": "Seconde date de chaque lead (par exemple la signature) ; les lignes sans l'une des deux sont ignorées",
    "kpi.KPI_AVG_DAYS.arg.criteria_range": "Facultatif : une colonne pour filtrer les lignes (canal, campagne, commercial …)",
    "kpi.KPI_AVG_DAYS.arg.criteria": "Facultatif : la valeur que doit avoir cette colonne (sans tenir compte de la casse)",
    # KPI_SHARE_WITHIN
    "kpi.KPI_SHARE_WITHIN.label": "Part traitée en moins de N heures (speed to lead)",
    "kpi.KPI_SHARE_WITHIN.description": "Part des leads traités dans les N heures suivant leur arrivée (speed to lead)",
    "kpi.KPI_SHARE_WITHIN.arg.start_dates": "Arrivée de chaque demande (date et heure)",
    "kpi.KPI_SHARE_WITHIN.arg.end_dates": "Premier traitement (date et heure ; vide = pas encore)",
    "kpi.KPI_SHARE_WITHIN.arg.hours": "Le délai en heures (speed to lead : 4)",
    "kpi.KPI_SHARE_WITHIN.arg.criteria_range": "Facultatif : une colonne pour filtrer les lignes (canal, campagne, commercial …)",
    "kpi.KPI_SHARE_WITHIN.arg.criteria": "Facultatif : la valeur que doit avoir cette colonne (sans tenir compte de la casse)",
    # KPI_CHURN
    "kpi.KPI_CHURN.label": "Taux de churn des leads",
    "kpi.KPI_CHURN.description": "Churn des leads : leads ayant répondu ou eu un RDV puis décroché / leads ayant répondu ou eu un RDV",
    "kpi.KPI_CHURN.arg.reply_dates": "Date de première réponse de chaque lead (vide = jamais répondu)",
    "kpi.KPI_CHURN.arg.meeting_dates": "Date de RDV de chaque lead (vide = pas de RDV)",
    "kpi.KPI_CHURN.arg.statuses": "Statut actuel de chaque lead",
    "kpi.KPI_CHURN.arg.churn_statuses": "Statuts qui signifient « a décroché », une plage ou une liste séparée par « ; » (par défaut « lost;silent;perdu;sans suite »)",
    "kpi.KPI_CHURN.arg.criteria_range": "Facultatif : une colonne pour filtrer les lignes (canal, campagne, commercial …)",
    "kpi.KPI_CHURN.arg.criteria": "Facultatif : la valeur que doit avoir cette colonne (sans tenir compte de la casse)",
    # KPI_ATTRIBUTED_REVENUE
    "kpi.KPI_ATTRIBUTED_REVENUE.label": "Chiffre d'affaires attribué",
    "kpi.KPI_ATTRIBUTED_REVENUE.description": "Chiffre d'affaires des ventes signées dans la fenêtre d'attribution suivant le premier contact",
    "kpi.KPI_ATTRIBUTED_REVENUE.arg.first_contact_dates": "Date du premier contact de chaque lead",
    "kpi.KPI_ATTRIBUTED_REVENUE.arg.signature_dates": "Date de signature de chaque lead (vide = non signé)",
    "kpi.KPI_ATTRIBUTED_REVENUE.arg.revenues": "Chiffre d'affaires de chaque vente",
    "kpi.KPI_ATTRIBUTED_REVENUE.arg.window_days": "Fenêtre d'attribution en jours après le premier contact (90 par défaut)",
    "kpi.KPI_ATTRIBUTED_REVENUE.arg.criteria_range": "Facultatif : une colonne pour filtrer les lignes (canal, campagne, commercial …)",
    "kpi.KPI_ATTRIBUTED_REVENUE.arg.criteria": "Facultatif : la valeur que doit avoir cette colonne (sans tenir compte de la casse)",
    # KPI_SLOT_REPLY_RATE
    "kpi.KPI_SLOT_REPLY_RATE.label": "Taux de réponse par créneau d'envoi",
    "kpi.KPI_SLOT_REPLY_RATE.description": "Taux de réponse des leads contactés un jour donné de la semaine (et à une heure donnée) : le meilleur créneau d'envoi",
    "kpi.KPI_SLOT_REPLY_RATE.arg.contact_times": "Date et heure du contact de chaque lead",
    "kpi.KPI_SLOT_REPLY_RATE.arg.reply_dates": "Date de réponse de chaque lead (vide = pas de réponse)",
    "kpi.KPI_SLOT_REPLY_RATE.arg.weekday": "Jour de la semaine, 1 = lundi … 7 = dimanche",
    "kpi.KPI_SLOT_REPLY_RATE.arg.hour": "Facultatif : heure de la journée, 0–23",
    # KPI_CHANNEL_SCORE
    "kpi.KPI_CHANNEL_SCORE.label": "Note du canal /10",
    "kpi.KPI_CHANNEL_SCORE.description": "Note du canal /10 : moyenne pondérée des rapports indicateur / objectif (objectif / valeur pour les indicateurs à minimiser), chacun plafonné à 1, × 10",
    "kpi.KPI_CHANNEL_SCORE.arg.values": "Les indicateurs du canal (taux de réponse, taux de RDV, CPL, ROI …)",
    "kpi.KPI_CHANNEL_SCORE.arg.targets": "L'objectif de chaque indicateur (> 0)",
    "kpi.KPI_CHANNEL_SCORE.arg.weights": "Le poids de chaque indicateur (≥ 0 ; vide = 0)",
    "kpi.KPI_CHANNEL_SCORE.arg.directions": "Facultatif : « higher » / « haut » (par défaut) ou « lower » / « bas » est meilleur, par indicateur",
    # KPI_BAND
    "kpi.KPI_BAND.label": "Niveau de référence (benchmark)",
    "kpi.KPI_BAND.description": "Niveau de référence d'une valeur : le libellé du plus haut seuil qu'elle atteint (#N/A sous tous les seuils)",
    "kpi.KPI_BAND.arg.value": "La valeur à situer (par exemple un taux de conversion des appels en opportunités)",
    "kpi.KPI_BAND.arg.lower_bounds": "Seuil bas de chaque niveau, croissant (par exemple 0 %, 1 %, 3 %, 6 %)",
    "kpi.KPI_BAND.arg.labels": "Le nom de chaque niveau (par exemple faible, courant, bon, excellent)",
    # KPI_AB_PVALUE
    "kpi.KPI_AB_PVALUE.label": "Test A/B : p-value",
    "kpi.KPI_AB_PVALUE.description": "Test A/B : p-value bilatérale du test z de deux proportions (variance poolée) comparant les taux de A et de B",
    "kpi.KPI_AB_PVALUE.arg.successes_a": "Réponses (succès) de la version A",
    "kpi.KPI_AB_PVALUE.arg.trials_a": "Messages envoyés (essais) de la version A",
    "kpi.KPI_AB_PVALUE.arg.successes_b": "Réponses (succès) de la version B",
    "kpi.KPI_AB_PVALUE.arg.trials_b": "Messages envoyés (essais) de la version B",
    # KPI_AB_VERDICT
    "kpi.KPI_AB_VERDICT.label": "Test A/B : verdict",
    "kpi.KPI_AB_VERDICT.description": "Verdict du test A/B en clair : « A est meilleur », « B est meilleur », « pas de différence significative » ou « pas assez de données » (avec lang \"fr\")",
    "kpi.KPI_AB_VERDICT.arg.successes_a": "Réponses (succès) de la version A",
    "kpi.KPI_AB_VERDICT.arg.trials_a": "Messages envoyés (essais) de la version A",
    "kpi.KPI_AB_VERDICT.arg.successes_b": "Réponses (succès) de la version B",
    "kpi.KPI_AB_VERDICT.arg.trials_b": "Messages envoyés (essais) de la version B",
    "kpi.KPI_AB_VERDICT.arg.alpha": "Seuil de signification (0,05 par défaut)",
    "kpi.KPI_AB_VERDICT.arg.lang": "Langue du verdict : « en » (par défaut) ou « fr »",
    # KPI_WILSON_LOW
    "kpi.KPI_WILSON_LOW.label": "Taux : borne basse de l'intervalle de confiance",
    "kpi.KPI_WILSON_LOW.description": "Borne basse de l'intervalle de confiance de Wilson d'un taux (succès / essais)",
    "kpi.KPI_WILSON_LOW.arg.successes": "Succès (réponses, RDV …)",
    "kpi.KPI_WILSON_LOW.arg.trials": "Essais (messages envoyés …)",
    "kpi.KPI_WILSON_LOW.arg.confidence": "Niveau de confiance (0,95 par défaut)",
    # KPI_WILSON_HIGH
    "kpi.KPI_WILSON_HIGH.label": "Taux : borne haute de l'intervalle de confiance",
    "kpi.KPI_WILSON_HIGH.description": "Borne haute de l'intervalle de confiance de Wilson d'un taux (succès / essais)",
    "kpi.KPI_WILSON_HIGH.arg.successes": "Succès (réponses, RDV …)",
    "kpi.KPI_WILSON_HIGH.arg.trials": "Essais (messages envoyés …)",
    "kpi.KPI_WILSON_HIGH.arg.confidence": "Niveau de confiance (0,95 par défaut)",
}

# --- The weekly workbook: sheet names, headers, instructions, number formats (xlkpi.workbook) -
WORKBOOK: dict[str, str] = {
}

# --- xlkpi check: messages and verdicts (xlkpi.workbook checker) -------------------------------
CHECK: dict[str, str] = {
}

# --- xlkpi import: messages, explanations (xlkpi.importer) -------------------------------------
IMPORT: dict[str, str] = {
    "import.bad_timezone": "fuseau horaire inconnu {zone!r} : donnez un nom IANA comme Europe/Paris (--timezone)",
    "import.bad_cell": "{file} : ligne {row}, colonne {column!r} : {value!r} n'est pas {expected}",
    "import.more_bad_cells": "… et {count} autres cellules illisibles (toutes avec --json)",
    "import.type.text": "un texte",
    "import.type.number": "un nombre",
    "import.type.bool": "une valeur oui/non",
    "import.type.datetime": "une date",
    "import.type.duration": "une durée (HH:MM:SS ou secondes)",
    "import.leads_full": "{book} : la feuille {sheet} n'a plus de ligne vide pour {count} nouveau(x) lead(s) (elle compte {rows} lignes)",
    "import.missing_columns": "{file} : colonnes manquantes pour le mapping {profile} : {columns}",
    "import.missing": "manquent : {columns}",
    "import.unknown_format": "{file} : format inconnu ; comparé à {tried} ; le plus proche : {closest}",
    "import.nothing_written": "rien n'a été écrit : {book} est inchangé",
    "import.done": "{book} : {changes} cellule(s) écrite(s) depuis {sources} ; {added} lead(s) ajouté(s), {updated} mis à jour ; recalculé",
    "import.unchanged": "{book} : déjà à jour avec {sources} (rien à changer)",
    "import.dry_run": "simulation : {changes} cellule(s) changeraient dans {book} ; rien n'a été écrit",
    "import.conflict": "conservé {cell} : {old} saisi à la main, l'import donne {new} (--force pour remplacer)",
    "import.conflicts": "{count} cellule(s) saisie(s) à la main conservée(s)",
    "import.cost_left": "coût à saisir sur {sheet}, semaines {weeks} : aucun export ne le donne ; saisissez-le (0 si aucun) ou ajoutez une règle de coût à un mapping",
    "import.other_years": "{file} : {count} ligne(s) datée(s) hors de {year} ignorée(s) (l'année du classeur seulement)",
    "import.unmapped_fields": "le classeur n'a pas de colonne Leads pour : {fields}",
    "import.heading.cell": "Cellule",
    "import.heading.old": "Avant",
    "import.heading.new": "Après",
    "import.heading.source": "Source",
    "import.explain.file": "{file} : {title} ({profile}), {rows} lignes, en-têtes en ligne {header}, encodage {encoding}, séparateur {delimiter!r}, {footer} ligne(s) de pied retirée(s)",
    "import.explain.column": "  {header} → {column} : {feeds}",
    "import.explain.unused": "(lue, non utilisée)",
    "import.explain.unmapped": "  valeurs de {header} que le mapping n'associe pas (laissées de côté) : {values}",
    "import.explain.ignored": "  en-têtes ignorés : {headers}",
    "import.explain.absent": "  colonnes absentes de ce fichier : {columns}",
    "import.explain.weeks": "  semaines {first}–{last} ; {filtered} ligne(s) filtrée(s), {other} datée(s) d'une autre année (ignorées), {undated} sans date",
    "import.explain.no_channel": "  lignes sans canal pour {rule} : {count} (associez leur valeur dans le mapping)",
    "import.explain.leads": "  {count} lead(s) ; {no_key} ligne(s) sans clé, {other} d'une autre année (ignorées)",
    "import.init_written": "écrit {output} : un mapping de départ pour {file} ({columns} colonnes) ; complétez ses règles [[weekly]] et [leads]",
    "import.init_exists": "{output} existe ; --force pour le remplacer",
}

# --- xlkpi report: headings, labels, notes (xlkpi.report) --------------------------------------
REPORT: dict[str, str] = {
}
