"""English texts (see :mod:`xlkpi.i18n`). One dict per part of the product."""
from __future__ import annotations

# --- KPI functions: labels, descriptions, argument help, categories (xlkpi.registry) ----------
KPI: dict[str, str] = {
}

# --- The weekly workbook: sheet names, headers, instructions, number formats (xlkpi.workbook) -
WORKBOOK: dict[str, str] = {
    # sheets
    "workbook.sheet.instructions": "Instructions",
    "workbook.sheet.dashboard": "Dashboard",
    "workbook.sheet.settings": "Settings",
    "workbook.sheet.leads": "Leads",
    # channels and their weekly inputs
    "workbook.channel.email": "Email",
    "workbook.channel.linkedin": "LinkedIn",
    "workbook.channel.phone": "Phone",
    "workbook.channel.sms": "SMS",
    "workbook.channel.mail": "Postal mail",
    "workbook.input.planned": "Planned",
    "workbook.input.sent": "Sent",
    "workbook.input.invitations_sent": "Invitations sent",
    "workbook.input.letters_sent": "Letters sent",
    "workbook.input.delivered": "Delivered",
    "workbook.input.opened": "Opened",
    "workbook.input.clicked": "Clicked",
    "workbook.input.replies": "Replies",
    "workbook.input.negative": "Negative replies",
    "workbook.input.positive": "Positive replies",
    "workbook.input.unsubscribes": "Unsubscribes",
    "workbook.input.hard_bounces": "Hard bounces",
    "workbook.input.soft_bounces": "Soft bounces",
    "workbook.input.accepted": "Invitations accepted",
    "workbook.input.read": "Messages read",
    "workbook.input.calls": "Calls made",
    "workbook.input.connected": "Reached someone",
    "workbook.input.unanswered": "No one reached",
    "workbook.input.callbacks": "Asked to call back",
    "workbook.input.refusals": "Refusals",
    "workbook.input.off_target": "Not our target",
    "workbook.input.talk_minutes": "Talk time (minutes)",
    "workbook.input.sought": "Key answers sought",
    "workbook.input.obtained": "Key answers obtained",
    "workbook.input.stop": "STOP (opt-outs)",
    "workbook.input.meetings": "Meetings booked",
    "workbook.input.opportunities": "Opportunities",
    "workbook.input.deals": "Deals signed",
    "workbook.input.revenue": "Revenue",
    "workbook.input.cost": "Cost",
    # KPI columns whose label says more than the function's
    "workbook.column.response_of_contacted": "Response rate (of contacted)",
    "workbook.column.meeting_of_contacted": "Meeting rate (of contacted)",
    "workbook.column.cost_per_meeting": "Cost per meeting booked (CPL)",
    "workbook.column.reply_of_opened": "Reply rate (of opened)",
    "workbook.column.meeting_of_delivered": "Meeting rate (of delivered)",
    "workbook.column.unsubscribe_rate": "Unsubscribe rate",
    "workbook.column.hard_bounce_rate": "Hard bounce rate",
    "workbook.column.soft_bounce_rate": "Soft bounce rate",
    "workbook.column.reply_of_accepted": "Reply rate (of accepted)",
    "workbook.column.meeting_of_read": "Meeting rate (of read)",
    "workbook.column.meeting_of_reached": "Meeting rate (of reached)",
    "workbook.column.refusal_rate": "Refusal rate",
    "workbook.column.avg_call_minutes": "Average call length (minutes)",
    "workbook.column.positive_meetings": "Positive rate (meetings)",
    # number formats, by kind ({symbol}: the currency's)
    "workbook.format.percent": "0.0%",
    "workbook.format.percent2": "0.00%",  # small targets (0.25 %)
    "workbook.format.money": '"{symbol}"#,##0',
    "workbook.format.money2": '"{symbol}"#,##0.00',
    "workbook.format.date": "yyyy-mm-dd",
    "workbook.format.datetime": "yyyy-mm-dd hh:mm",
    "workbook.format.count": "#,##0",
    "workbook.format.decimal": "0.0",
    "workbook.currency.EUR": "€",
    "workbook.currency.USD": "$",
    "workbook.currency.GBP": "£",
    "workbook.currency.CHF": "CHF ",
    "workbook.currency.CAD": "C$",
    # Instructions
    "workbook.title": "xlkpi — weekly prospecting workbook {year}",
    "workbook.routine": "Every week",
    "workbook.step1": "1. On each channel sheet, fill the yellow cells of last week's row (ISO week, Monday's date shown).",
    "workbook.step2": ("2. Put revenue and cost in the week they occurred; meetings, opportunities and deals in the week "
                       "they happened."),
    "workbook.step3": ("3. Log each lead on the Leads sheet (one row per lead: its id, company, contact and e-mail or "
                       "profile URL) and update its dates and status as it moves on."),
    "workbook.step4": ("4. The Dashboard reports on the latest week with data, compared with the previous week and the "
                       "year to date; to look at another week, type its number on Settings."),
    "workbook.step5": ("5. Read the channel scores and ranks, then move effort to what pays. Targets, weights and bands "
                       "live on Settings."),
    "workbook.step6": ("6. Without Excel, `xlkpi recalc` computes every formula; in Excel the KPI_* functions come from "
                       "the xlwings add-in. `xlkpi check` lists typing mistakes cell by cell."),
    "workbook.step7": ("7. Cut any lead KPI by campaign, rep or persona in a cell of your own, e.g. "
                       "=KPI_CHURN(LeadFirstReply,LeadMeeting,LeadStatus,ChurnStatuses,LeadRep,\"Alice\")."),
    "workbook.per_channel": "On the Dashboard, Contacted and Replies are, per channel:",
    "workbook.per_channel_line": "  {channel}: {volume} / {replies}",
    "workbook.lead_definition": ("A lead is a person contacted; the cost per meeting booked (CPL) divides a channel's "
                                 "cost by its meetings booked."),
    "workbook.colours": ("Yellow cells are inputs; all other cells are computed and locked (sheet protection, no "
                         "password). An empty rate means its base is 0 this week."),
    "workbook.kpis_used": "KPIs used in this workbook",
    "workbook.kpi": "Indicator",
    "workbook.function": "Function",
    "workbook.what": "What it computes",
    "workbook.where": "Where",
    # channel sheets
    "workbook.channel_title": "{channel} {year} — one row per ISO week",
    "workbook.channel_hint": "Fill the yellow cells; rates are computed. Totals are for the whole year.",
    "workbook.week": "Week",
    "workbook.monday": "Monday",
    "workbook.total": "Year total",
    # Dashboard
    "workbook.dashboard_title": "Dashboard {year}",
    "workbook.report_week": "Week reported on",
    "workbook.block_week": "Selected week",
    "workbook.block_previous": "Previous week",
    "workbook.block_ytd": "Year to date, weeks 1 to",
    "workbook.ytd": "Year to date",
    "workbook.channel": "Channel",
    "workbook.all": "All channels",
    "workbook.volume": "Contacted",
    "workbook.replies": "Replies",
    "workbook.rank": "Rank",
    "workbook.score_inputs": "Score inputs, as the score reads them (no meeting: CPL = ∞)",
    "workbook.lead_title": "Lead log, all leads",
    "workbook.bench_title": "Phone benchmark: call-to-opportunity rate (bands on Settings)",
    "workbook.period": "Period",
    "workbook.chart_roi": "ROI per channel, year to date",
    "workbook.chart_score": "Channel score /10, year to date",
    "workbook.chart_reply": "Weekly response rate (of contacted)",
    "workbook.chart_meeting": "Weekly meeting rate (of contacted)",
    "workbook.chart_data": "Chart data: weekly rates, #N/A where nothing was sent (a gap in the line)",
    # Settings
    "workbook.settings_title": "Settings",
    "workbook.year": "Year of the weekly rows",
    "workbook.week_to_report": "Week to report on (ISO week number; blank: the latest week with data)",
    "workbook.week_reported": "Week reported on",
    "workbook.latest_note": "(the latest week with data)",
    "workbook.latest_week": "Latest week with data (contacts or cost on a channel sheet)",
    "workbook.previous_week": "Previous week",
    "workbook.currency": "Currency of the amounts",
    "workbook.attribution": "Attribution window (days after the first contact)",
    "workbook.speed": "Speed to lead: answer inbound requests within (hours)",
    "workbook.score_title": "Channel score /10: indicators, targets and weights",
    "workbook.target": "Target",
    "workbook.weight": "Weight",
    "workbook.direction": "Better when",
    "workbook.source": "Where the target comes from",
    "workbook.higher": "higher",
    "workbook.lower": "lower",
    "workbook.score_note": ("Score = 10 × weighted mean of min(value / target, 1); where lower is better, "
                            "min(target / value, 1). Replace the targets with your own history once you have one."),
    "workbook.source.response": ("Instantly's 2026 cold e-mail benchmark: 3.43 % of contacts reply on average (the top tenth 10.7 % "
                                  "and more); 3.5 % is an ordinary team's figure."),
    "workbook.source.meeting": ("Cold Outreach Benchmarks 2026 (P. Korpak): meetings booked per contact 0.7–2.5 % by industry, 1.0 "
                                 "% in B2B SaaS."),
    "workbook.source.conversion": ("About 1 % of contacts meet and 20–30 % of meetings sign (common B2B win rates): about 0.25 % of "
                                    "contacts sign."),
    "workbook.source.cpl": ("Allston Labs, cost per meeting for cold outbound: e-mail 100–400, LinkedIn 150–500, SDR calls "
                             "300–800 (in dollars); 300 sits in the middle."),
    "workbook.source.roi": ("A channel that earns back its cost has ROI 0 %; Allston Labs puts a healthy lifetime value at 3–4× "
                             "the acquisition cost, hence revenue 3× cost: ROI 200 %."),
    "workbook.bands_title": "Call-to-opportunity rate (TCO) benchmark bands",
    "workbook.band": "Band",
    "workbook.lower_bound": "From (lower bound)",
    "workbook.band.low": "low",
    "workbook.band.common": "common",
    "workbook.band.good": "good",
    "workbook.band.excellent": "excellent",
    "workbook.statuses_title": "Lead statuses",
    "workbook.status.new": "new",
    "workbook.status.contacted": "contacted",
    "workbook.status.replied": "replied",
    "workbook.status.meeting": "meeting",
    "workbook.status.opportunity": "opportunity",
    "workbook.status.won": "won",
    "workbook.status.lost": "lost",
    "workbook.status.silent": "silent",
    "workbook.churn_title": "Statuses meaning dropped out (churn)",
    "workbook.channels_title": "Channels",
    # Leads
    "workbook.lead.lead_id": "Lead id",
    "workbook.lead.company": "Company",
    "workbook.lead.contact": "Contact",
    "workbook.lead.email": "E-mail or profile URL",
    "workbook.lead.channel": "Channel",
    "workbook.lead.campaign": "Campaign",
    "workbook.lead.rep": "Sales rep",
    "workbook.lead.persona": "Persona / segment",
    "workbook.lead.received": "Request received (inbound only)",
    "workbook.lead.first_contact": "First contact",
    "workbook.lead.first_reply": "First reply",
    "workbook.lead.meeting": "Meeting",
    "workbook.lead.opportunity": "Opportunity",
    "workbook.lead.signature": "Signature",
    "workbook.lead.revenue": "Revenue",
    "workbook.lead.status": "Status",
    # lead KPIs on the Dashboard
    "workbook.time_to_conversion": "Time to conversion (days, first contact → signature)",
    "workbook.contact_to_meeting": "First contact → meeting (days)",
    "workbook.meeting_to_opp": "Meeting → opportunity (days)",
    "workbook.opp_to_signature": "Opportunity → signature (days)",
    "workbook.reactivity": "Reactivity (days to first reply)",
    "workbook.speed_to_lead": "Speed to lead (share answered in time)",
    # data validation messages
    "workbook.bad_count": "Enter a whole number, 0 or more.",
    "workbook.bad_minutes": "Enter a number of minutes, 0 or more.",
    "workbook.bad_amount": "Enter an amount.",
    "workbook.bad_date": "Enter a date (or a date and time).",
    "workbook.bad_list": "Choose a value from the list (see Settings).",
    "workbook.bad_number": "Enter a number, 0 or more.",
    "workbook.bad_target": "Enter a target above 0.",
    "workbook.bad_week": "Enter a week number of the year, or leave it blank for the latest week with data.",
    # the example workbook
    "workbook.example_title": "xlkpi — example workbook {year} (invented data)",
}

# --- xlkpi check: messages and verdicts (xlkpi.workbook checker) -------------------------------
CHECK: dict[str, str] = {
    "check.error": "error",
    "check.warning": "warning",
    "check.summary": "{errors} error(s), {warnings} warning(s) in {path}",
    "check.about": "{label}: {message}",
    "check.count": "a count",
    "check.amount": "an amount",
    "check.minutes": "a number of minutes",
    "check.error_value": "the error value {value} where {a} belongs",
    "check.not_number": "{value!r} is not a number; {a} must be a number",
    "check.negative": "{a} cannot be negative ({value:g})",
    "check.not_whole": "a count must be a whole number ({value:g})",
    "check.exceeds": "{label} ({value:g}) exceeds {bound} ({limit:g}, {cell})",
    "check.no_cost": "{cost} is empty while week {week} is filled ({first} in {cell}); type 0 if it cost nothing",
    "check.bad_week": "{value!r} is not a week from 1 to {weeks}",
    "check.empty_week": ("week {week} has no data while week {latest} has: the Dashboard shows zeros; clear the cell "
                         "to report on the latest week with data"),
    "check.below_last_row": ("row {row} is below the last row the formulas read ({last}): this lead counts nowhere; "
                             "move it up into an empty row"),
    "check.below_last_week": "row {row} is below the last week of the year (row {last}): it counts nowhere",
    "check.no_channel": "empty; this lead counts in no channel",
    "check.not_listed": "{value!r} is not in the Settings list ({allowed})",
    "check.not_date": "{value!r} is not a date",
    "check.before": "{date:%Y-%m-%d %H:%M} is before {earlier} ({earlier_date:%Y-%m-%d %H:%M}, {cell})",
    "check.unattributed": "revenue without a signature date is not attributed to the channel",
    "check.not_a_workbook": "not an xlkpi weekly workbook: expected the sheets {expected} (or another edition's)",
}

# --- xlkpi import: messages, explanations (xlkpi.importer) -------------------------------------
IMPORT: dict[str, str] = {
}

# --- xlkpi report: headings, labels, notes (xlkpi.report) --------------------------------------
REPORT: dict[str, str] = {
}
