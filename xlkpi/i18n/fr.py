"""French texts (see :mod:`xlkpi.i18n`). One dict per part of the product."""
from __future__ import annotations

# --- KPI functions: labels, descriptions, argument help, categories (xlkpi.registry) ----------
KPI: dict[str, str] = {
}

# --- The weekly workbook: sheet names, headers, instructions, number formats (xlkpi.workbook) -
WORKBOOK: dict[str, str] = {
}

# --- xlkpi check: messages and verdicts (xlkpi.workbook checker) -------------------------------
CHECK: dict[str, str] = {
}

# --- xlkpi import: messages, explanations (xlkpi.importer) -------------------------------------
IMPORT: dict[str, str] = {
}

# --- xlkpi report: headings, labels, notes (xlkpi.report) --------------------------------------
REPORT: dict[str, str] = {
    "report.title": "Rapport de prospection — semaine {week}, {year}",
    "report.subtitle": "Semaine du lundi {monday} · {file}",
    "report.headline": "Cette semaine, tous canaux",
    "report.metric.volume": "Contactés",
    "report.metric.replies": "Réponses",
    "report.metric.meetings": "RDV",
    "report.metric.deals": "Signatures",
    "report.metric.revenue": "Chiffre d'affaires",
    "report.metric.cost": "Coût",
    "report.metric.roi": "ROI",
    "report.vs_previous": "vs semaine précédente",
    "report.vs_average": "vs moyenne sur 4 semaines",
    "report.ytd": "Cumul annuel",
    "report.too_few": "trop peu pour comparer",
    "report.too_few_why": "taux de la semaine {rate} ; intervalle de Wilson à 95 % : {low} à {high}",
    "report.no_base": "rien à quoi comparer",
    "report.channels": "Les canaux cette semaine",
    "report.col.channel": "Canal",
    "report.col.volume": "Contactés",
    "report.col.response_rate": "Taux de réponse",
    "report.col.meeting_rate": "Taux de RDV",
    "report.col.conversion_rate": "Conversion",
    "report.col.meetings": "RDV",
    "report.col.opportunities": "Opportunités",
    "report.col.deals": "Signatures",
    "report.col.revenue": "Chiffre d'affaires",
    "report.col.cost": "Coût",
    "report.col.cpl": "CPL",
    "report.col.cac": "CAC",
    "report.col.roi": "ROI",
    "report.col.score": "Note /10",
    "report.col.rank": "Rang",
    "report.col.rank_change": "Rang vs semaine passée",
    "report.all": "Tous canaux",
    "report.roi_chart": "ROI par canal, semaine {week}",
    "report.roi_none": "Aucun canal n'a de coût cette semaine : pas de ROI à montrer.",
    "report.funnel": "Entonnoir par canal, semaine {week}",
    "report.funnel_steps": "Contactés|Réponses|RDV|Opportunités|Signatures",
    "report.trends": "Les 13 dernières semaines",
    "report.trend_meetings": "RDV par semaine",
    "report.trend_cpm": "Coût par RDV",
    "report.week_axis": "Semaine ISO",
    "report.current_week": "semaine {week}",
    "report.leads": "Leads (tous les leads du journal)",
    "report.lead.leads": "Leads",
    "report.lead.speed_to_lead": "Speed to lead (en moins de {hours} h)",
    "report.lead.reactivity": "Réactivité (jours jusqu'à la réponse)",
    "report.lead.time_to_conversion": "Délai de conversion (jours)",
    "report.lead.churn": "Churn",
    "report.lead.revenue_30d": "CA attribué, 30 jours",
    "report.lead.revenue_90d": "CA attribué, 90 jours",
    "report.breakdown.campaign": "Par campagne",
    "report.breakdown.rep": "Par commercial",
    "report.breakdown.persona": "Par persona",
    "report.group.campaign": "Campagne",
    "report.group.rep": "Commercial",
    "report.group.persona": "Persona",
    "report.bcol.leads": "Leads",
    "report.bcol.meetings": "RDV",
    "report.bcol.deals": "Signatures",
    "report.bcol.conversion_rate": "Conversion",
    "report.bcol.revenue": "Chiffre d'affaires",
    "report.bcol.meetings_week": "RDV cette semaine",
    "report.bcol.change": "vs semaine passée",
    "report.breakdown_note": "Les coûts sont saisis par canal, pas par campagne, commercial ou persona : le ROI est donné par canal.",
    "report.movers": "Évolutions",
    "report.mover.best": "Meilleure progression : {group} ({dimension}), RDV obtenus cette semaine : {now} (la semaine précédente : {before}).",
    "report.mover.worst": "Plus forte baisse : {group} ({dimension}), RDV obtenus cette semaine : {now} (la semaine précédente : {before}).",
    "report.mover.none": "Aucune campagne, aucun commercial ni persona n'a obtenu plus ou moins de RDV que la semaine précédente.",
    "report.dimension.campaign": "campagne",
    "report.dimension.rep": "commercial",
    "report.dimension.persona": "persona",
    "report.notes": "Notes sur les données",
    "report.note.recalculated": "Chiffres calculés par le moteur xlkpi (les valeurs enregistrées du classeur n'étaient pas à jour ou portaient sur une autre semaine) ; le fichier n'a pas été modifié.",
    "report.note.no_cost": "Activité sans coût saisi : {weeks}. Leur ROI et leur coût par RDV ne sont pas affichés.",
    "report.note.problems": "xlkpi check : {errors} erreur(s), {warnings} avertissement(s).",
    "report.note.more": "… et {count} de plus (lancez : xlkpi check {file}).",
    "report.note.dashboard_differs": "Le tableau de bord diffère de ces chiffres dans {count} cellule(s) : {cells}.",
    "report.note.no_activity": "Rien n'a été saisi pour la semaine {week}.",
    "report.note.import": "Dernier import : {file} ({source}, {rows} lignes) le {date}. Tenus par les imports de cette source : cellules hebdomadaires {cells}, leads {leads}.",
    "report.note.none": "Aucun problème de données.",
    "report.footer": "Produit par xlkpi à partir de {file} le {date}. Les taux portent sur les leads contactés ; ROI = (CA − coût) / coût.",
    "report.email_text": "Le rapport hebdomadaire de prospection, semaine {week} de {year} : ouvrez ce message dans un logiciel de messagerie qui affiche le HTML.",
    "report.wrote": "écrit {path}",
    "report.pdf_skipped": "{path} non produit : WeasyPrint n'est pas installé (pip install 'xlkpi[pdf]')",
    "report.failed": "ÉCHEC    {message}",
    "report.batch_done": "{ok} rapport(s) écrit(s), {failed} en échec, {seconds:.1f} s",
    "report.week": "Semaine",
    "report.previous": "Précédente",
    "report.average_4w": "Moy. 4 sem.",
    "report.unchanged": "inchangé",
    "report.new_rank": "nouveau",
}
