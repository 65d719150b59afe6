"""English texts (see :mod:`xlkpi.i18n`). One dict per part of the product."""
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
    "report.title": "Prospecting report — week {week}, {year}",
    "report.subtitle": "Week of Monday {monday} · {file}",
    "report.headline": "This week, all channels",
    "report.metric.volume": "Contacted",
    "report.metric.replies": "Replies",
    "report.metric.meetings": "Meetings",
    "report.metric.deals": "Deals",
    "report.metric.revenue": "Revenue",
    "report.metric.cost": "Cost",
    "report.metric.roi": "ROI",
    "report.vs_previous": "vs previous week",
    "report.vs_average": "vs 4-week average",
    "report.ytd": "Year to date",
    "report.too_few": "too few to compare",
    "report.too_few_why": "rate this week {rate}; 95% Wilson interval {low} to {high}",
    "report.no_base": "nothing to compare with",
    "report.channels": "Channels this week",
    "report.col.channel": "Channel",
    "report.col.volume": "Contacted",
    "report.col.response_rate": "Response rate",
    "report.col.meeting_rate": "Meeting rate",
    "report.col.conversion_rate": "Conversion",
    "report.col.meetings": "Meetings",
    "report.col.opportunities": "Opportunities",
    "report.col.deals": "Deals",
    "report.col.revenue": "Revenue",
    "report.col.cost": "Cost",
    "report.col.cpl": "CPL",
    "report.col.cac": "CAC",
    "report.col.roi": "ROI",
    "report.col.score": "Score /10",
    "report.col.rank": "Rank",
    "report.col.rank_change": "Rank vs last week",
    "report.all": "All channels",
    "report.roi_chart": "ROI by channel, week {week}",
    "report.roi_none": "No channel had a cost this week: no ROI to show.",
    "report.funnel": "Funnel per channel, week {week}",
    "report.funnel_steps": "Contacted|Replies|Meetings|Opportunities|Deals",
    "report.trends": "The last 13 weeks",
    "report.trend_meetings": "Meetings per week",
    "report.trend_cpm": "Cost per meeting",
    "report.week_axis": "ISO week",
    "report.current_week": "week {week}",
    "report.leads": "Leads (every lead in the log)",
    "report.lead.leads": "Leads",
    "report.lead.speed_to_lead": "Speed to lead (within {hours} h)",
    "report.lead.reactivity": "Reactivity (days to reply)",
    "report.lead.time_to_conversion": "Time to conversion (days)",
    "report.lead.churn": "Churn",
    "report.lead.revenue_30d": "Attributed revenue, 30 days",
    "report.lead.revenue_90d": "Attributed revenue, 90 days",
    "report.breakdown.campaign": "By campaign",
    "report.breakdown.rep": "By sales rep",
    "report.breakdown.persona": "By persona",
    "report.group.campaign": "Campaign",
    "report.group.rep": "Sales rep",
    "report.group.persona": "Persona",
    "report.bcol.leads": "Leads",
    "report.bcol.meetings": "Meetings",
    "report.bcol.deals": "Deals",
    "report.bcol.conversion_rate": "Conversion",
    "report.bcol.revenue": "Revenue",
    "report.bcol.meetings_week": "Meetings this week",
    "report.bcol.change": "vs last week",
    "report.breakdown_note": "Costs are recorded per channel, not per campaign, rep or persona: ROI is shown per channel.",
    "report.movers": "Movers",
    "report.mover.best": "Best mover: {group} ({dimension}), meetings booked this week: {now} (the week before: {before}).",
    "report.mover.worst": "Worst mover: {group} ({dimension}), meetings booked this week: {now} (the week before: {before}).",
    "report.mover.none": "No campaign, rep or persona booked more or fewer meetings than the week before.",
    "report.dimension.campaign": "campaign",
    "report.dimension.rep": "sales rep",
    "report.dimension.persona": "persona",
    "report.notes": "Data notes",
    "report.note.recalculated": "Figures computed by the xlkpi engine (the workbook's stored values were out of date or for another week); the file was not changed.",
    "report.note.no_cost": "Activity but no cost entered: {weeks}. Their ROI and cost per meeting are not shown.",
    "report.note.problems": "xlkpi check: {errors} error(s), {warnings} warning(s).",
    "report.note.more": "… and {count} more (run: xlkpi check {file}).",
    "report.note.dashboard_differs": "The Dashboard sheet differs from these figures in {count} cell(s): {cells}.",
    "report.note.no_activity": "Nothing was entered for week {week}.",
    "report.note.import": "Last import: {file} ({source}, {rows} rows) on {date}. Held by this source's imports: weekly cells {cells}, leads {leads}.",
    "report.note.none": "No data problems found.",
    "report.footer": "Made with xlkpi from {file} on {date}. Rates are on contacted leads; ROI = (revenue − cost) / cost.",
    "report.email_text": "The weekly prospecting report, week {week} of {year}: open this message in a mail client that shows HTML.",
    "report.wrote": "wrote {path}",
    "report.pdf_skipped": "skipped {path}: WeasyPrint is not installed (pip install 'xlkpi[pdf]')",
    "report.failed": "FAILED   {message}",
    "report.batch_done": "{ok} report(s) written, {failed} failed, {seconds:.1f} s",
    "report.week": "Week",
    "report.previous": "Previous",
    "report.average_4w": "4-week avg",
    "report.unchanged": "unchanged",
    "report.new_rank": "new",
}
