"""English texts (see :mod:`xlkpi.i18n`). One dict per part of the product."""
from __future__ import annotations

# --- KPI functions: labels, descriptions, argument help, categories (xlkpi.registry) ----------
KPI: dict[str, str] = {
    # `xlkpi functions`: an optional argument
    "kpi.optional": "(optional)",
    "kpi.optional_default": "(optional, default {default})",
    # xlkpi lite: the files for xlwings Lite
    "kpi.lite.exists": "already there: {paths}; use --force to overwrite them",
    "kpi.lite.cannot_write": "{directory}: cannot write ({reason})",
    "kpi.lite.wrote": "wrote {main} and {requirements}",
    "kpi.lite.steps": (
        "In Excel (Windows, Mac or the web):\n"
        "  1. Home > Add-ins: search for xlwings, add xlwings Lite, then open it with its button on the Home tab.\n"
        "  2. In its requirements.txt tab, add the line {requirement} (keep the lines already there); Lite installs it.\n"
        "  3. Replace the content of main.py with the main.py written here and save (Ctrl+S or Cmd+S): =KPI_ROI(12000, 4000) in a cell now gives 2."
    ),
    # categories, in the order `xlkpi functions` lists them
    "kpi.category.Funnel": "Whole funnel",
    "kpi.category.Rates": "Rates",
    "kpi.category.Leads": "Lead log",
    "kpi.category.Decisions": "Decisions",
    # KPI_ROI
    "kpi.KPI_ROI.label": "Return on investment (ROI)",
    "kpi.KPI_ROI.description": "Return on investment: (revenue − cost) / cost, or revenue / cost with mode \"ratio\"",
    "kpi.KPI_ROI.arg.revenue": "Revenue won from the prospecting, in currency",
    "kpi.KPI_ROI.arg.cost": "Total cost of the prospecting (tools, data, people, postage), in currency",
    "kpi.KPI_ROI.arg.mode": "\"net\" (default): (revenue − cost) / cost; \"ratio\": revenue / cost",
    # KPI_CPL
    "kpi.KPI_CPL.label": "Cost per lead (CPL)",
    "kpi.KPI_CPL.description": "Cost per qualified lead: cost / qualified leads",
    "kpi.KPI_CPL.arg.cost": "Total cost of the prospecting (tools, data, people, postage), in currency",
    "kpi.KPI_CPL.arg.qualified_leads": "Number of qualified leads",
    # KPI_CPQ
    "kpi.KPI_CPQ.label": "Cost per qualified opportunity (CPQ)",
    "kpi.KPI_CPQ.description": "Cost per qualified opportunity: cost / qualified opportunities",
    "kpi.KPI_CPQ.arg.cost": "Total cost of the prospecting (tools, data, people, postage), in currency",
    "kpi.KPI_CPQ.arg.qualified_opportunities": "Number of qualified opportunities",
    # KPI_CAC
    "kpi.KPI_CAC.label": "Customer acquisition cost (CAC)",
    "kpi.KPI_CAC.description": "Customer acquisition cost: cost / new customers",
    "kpi.KPI_CAC.arg.cost": "Total cost of the prospecting (tools, data, people, postage), in currency",
    "kpi.KPI_CAC.arg.new_customers": "Number of new customers won",
    # KPI_COST_PER_MEETING
    "kpi.KPI_COST_PER_MEETING.label": "Cost per meeting",
    "kpi.KPI_COST_PER_MEETING.description": "Cost per qualified meeting: cost / meetings",
    "kpi.KPI_COST_PER_MEETING.arg.cost": "Total cost of the prospecting (tools, data, people, postage), in currency",
    "kpi.KPI_COST_PER_MEETING.arg.meetings": "Number of qualified meetings held",
    # KPI_BREAKEVEN_COST
    "kpi.KPI_BREAKEVEN_COST.label": "Break-even cost",
    "kpi.KPI_BREAKEVEN_COST.description": "Highest affordable cost per opportunity (or lead): value per sale × its conversion rate to a sale",
    "kpi.KPI_BREAKEVEN_COST.arg.value_per_sale": "Margin (or customer value) per sale, in currency",
    "kpi.KPI_BREAKEVEN_COST.arg.win_rate": "Share of those opportunities (or leads) that become sales, e.g. 10 %",
    # KPI_UPLIFT
    "kpi.KPI_UPLIFT.label": "Uplift",
    "kpi.KPI_UPLIFT.description": "Relative change of revenue after a programme: (after − before) / before",
    "kpi.KPI_UPLIFT.arg.before": "Revenue per period before the programme",
    "kpi.KPI_UPLIFT.arg.after": "Revenue per period after the programme",
    # KPI_GAIN
    "kpi.KPI_GAIN.label": "Gain",
    "kpi.KPI_GAIN.description": "Revenue gained by a programme over a number of periods: (after − before) × periods",
    "kpi.KPI_GAIN.arg.before": "Revenue per period before the programme",
    "kpi.KPI_GAIN.arg.after": "Revenue per period after the programme",
    "kpi.KPI_GAIN.arg.periods": "Number of periods to count (default 1; 12 for a year of months)",
    # KPI_RATE
    "kpi.KPI_RATE.label": "Rate (part / total)",
    "kpi.KPI_RATE.description": "Any rate: the items counted divided by the base they are counted out of",
    "kpi.KPI_RATE.arg.part": "The items counted (replies, meetings …)",
    "kpi.KPI_RATE.arg.total": "The base they are counted out of",
    # KPI_REPLY_RATE
    "kpi.KPI_REPLY_RATE.label": "Reply rate",
    "kpi.KPI_REPLY_RATE.description": "Reply rate: share of the leads contacted who replied (replies / base)",
    "kpi.KPI_REPLY_RATE.arg.replies": "Replies received",
    "kpi.KPI_REPLY_RATE.arg.base": "Leads contacted (email: emails opened; LinkedIn: invitations accepted)",
    # KPI_CONVERSION_RATE
    "kpi.KPI_CONVERSION_RATE.label": "Conversion rate",
    "kpi.KPI_CONVERSION_RATE.description": "Conversion rate: share of the leads contacted who became customers",
    "kpi.KPI_CONVERSION_RATE.arg.customers": "New customers (deals signed)",
    "kpi.KPI_CONVERSION_RATE.arg.contacted": "Leads contacted",
    # KPI_LEAD_CONVERSION_RATE
    "kpi.KPI_LEAD_CONVERSION_RATE.label": "Lead conversion rate",
    "kpi.KPI_LEAD_CONVERSION_RATE.description": "Lead conversion rate: share of the qualified leads who became customers",
    "kpi.KPI_LEAD_CONVERSION_RATE.arg.customers": "New customers (deals signed)",
    "kpi.KPI_LEAD_CONVERSION_RATE.arg.qualified_leads": "Qualified leads",
    # KPI_MEETING_TO_OPP_RATE
    "kpi.KPI_MEETING_TO_OPP_RATE.label": "Meeting → opportunity rate",
    "kpi.KPI_MEETING_TO_OPP_RATE.description": "Share of the meetings held that turned into an opportunity",
    "kpi.KPI_MEETING_TO_OPP_RATE.arg.opportunities": "Opportunities created",
    "kpi.KPI_MEETING_TO_OPP_RATE.arg.meetings": "Meetings held",
    # KPI_OPP_TO_SALE_RATE
    "kpi.KPI_OPP_TO_SALE_RATE.label": "Opportunity → sale rate",
    "kpi.KPI_OPP_TO_SALE_RATE.description": "Win rate: share of the opportunities that were won",
    "kpi.KPI_OPP_TO_SALE_RATE.arg.sales": "Deals won",
    "kpi.KPI_OPP_TO_SALE_RATE.arg.opportunities": "Opportunities",
    # KPI_CALL_TO_OPP_RATE
    "kpi.KPI_CALL_TO_OPP_RATE.label": "Call-to-opportunity rate (TCO)",
    "kpi.KPI_CALL_TO_OPP_RATE.description": "Call-to-opportunity rate (TCO): qualified opportunities per call made",
    "kpi.KPI_CALL_TO_OPP_RATE.arg.opportunities": "Qualified opportunities",
    "kpi.KPI_CALL_TO_OPP_RATE.arg.calls": "Calls made",
    # KPI_PROGRESS
    "kpi.KPI_PROGRESS.label": "Progress",
    "kpi.KPI_PROGRESS.description": "Progress of the campaign: share of the planned messages already sent",
    "kpi.KPI_PROGRESS.arg.sent": "Messages (or invitations, letters) sent",
    "kpi.KPI_PROGRESS.arg.planned": "Messages planned",
    # KPI_DELIVERABILITY
    "kpi.KPI_DELIVERABILITY.label": "Deliverability",
    "kpi.KPI_DELIVERABILITY.description": "Deliverability: share of the planned messages that were delivered",
    "kpi.KPI_DELIVERABILITY.arg.delivered": "Messages delivered",
    "kpi.KPI_DELIVERABILITY.arg.planned": "Messages planned",
    # KPI_OPEN_RATE
    "kpi.KPI_OPEN_RATE.label": "Open rate",
    "kpi.KPI_OPEN_RATE.description": "Open rate: share of the delivered emails that were opened",
    "kpi.KPI_OPEN_RATE.arg.opened": "Emails opened",
    "kpi.KPI_OPEN_RATE.arg.delivered": "Emails delivered",
    # KPI_CLICK_RATE
    "kpi.KPI_CLICK_RATE.label": "Click rate",
    "kpi.KPI_CLICK_RATE.description": "Click rate: share of the opened emails in which a link was clicked",
    "kpi.KPI_CLICK_RATE.arg.clicked": "Emails with a click",
    "kpi.KPI_CLICK_RATE.arg.opened": "Emails opened",
    # KPI_NEGATIVE_RATE
    "kpi.KPI_NEGATIVE_RATE.label": "Negative reply rate",
    "kpi.KPI_NEGATIVE_RATE.description": "Negative reply rate: share of the channel's base that answered no or refused",
    "kpi.KPI_NEGATIVE_RATE.arg.negative": "Negative replies (or refusals)",
    "kpi.KPI_NEGATIVE_RATE.arg.base": "The channel's base: opened, accepted, connected, delivered or sent",
    # KPI_POSITIVE_RATE
    "kpi.KPI_POSITIVE_RATE.label": "Positive reply rate",
    "kpi.KPI_POSITIVE_RATE.description": "Positive reply rate: share of the channel's base that answered yes or booked a meeting",
    "kpi.KPI_POSITIVE_RATE.arg.positive": "Positive replies or meetings",
    "kpi.KPI_POSITIVE_RATE.arg.base": "The channel's base: delivered (SMS) or sent (postal mail)",
    # KPI_MEETING_RATE
    "kpi.KPI_MEETING_RATE.label": "Meeting rate",
    "kpi.KPI_MEETING_RATE.description": "Meeting rate: share of the channel's base that booked a meeting",
    "kpi.KPI_MEETING_RATE.arg.meetings": "Meetings booked",
    "kpi.KPI_MEETING_RATE.arg.base": "The channel's base: delivered (email), messages read (LinkedIn), connected (phone)",
    # KPI_OPT_OUT_RATE
    "kpi.KPI_OPT_OUT_RATE.label": "Opt-out rate",
    "kpi.KPI_OPT_OUT_RATE.description": "Opt-out rate: share of the messages delivered answered by an unsubscribe or a STOP",
    "kpi.KPI_OPT_OUT_RATE.arg.opt_outs": "Unsubscribes or STOP answers",
    "kpi.KPI_OPT_OUT_RATE.arg.base": "Messages delivered (or contactable leads)",
    # KPI_BOUNCE_RATE
    "kpi.KPI_BOUNCE_RATE.label": "Bounce rate",
    "kpi.KPI_BOUNCE_RATE.description": "Bounce rate: share of the emails sent that bounced back (hard or soft)",
    "kpi.KPI_BOUNCE_RATE.arg.bounces": "Hard (or soft) bounces",
    "kpi.KPI_BOUNCE_RATE.arg.sent": "Emails sent",
    # KPI_ACCEPTANCE_RATE
    "kpi.KPI_ACCEPTANCE_RATE.label": "Acceptance rate",
    "kpi.KPI_ACCEPTANCE_RATE.description": "Acceptance rate: share of the invitations sent that were accepted",
    "kpi.KPI_ACCEPTANCE_RATE.arg.accepted": "Invitations accepted",
    "kpi.KPI_ACCEPTANCE_RATE.arg.sent": "Invitations sent",
    # KPI_CONNECT_RATE
    "kpi.KPI_CONNECT_RATE.label": "Connect rate",
    "kpi.KPI_CONNECT_RATE.description": "Connect rate: share of the calls made that reached someone",
    "kpi.KPI_CONNECT_RATE.arg.connected": "Calls that reached someone",
    "kpi.KPI_CONNECT_RATE.arg.calls": "Calls made",
    # KPI_CALLBACK_RATE
    "kpi.KPI_CALLBACK_RATE.label": "Callback rate",
    "kpi.KPI_CALLBACK_RATE.description": "Callback rate: share of the calls that reached someone where the contact asked to be called again",
    "kpi.KPI_CALLBACK_RATE.arg.callbacks": "Contacts who asked to be called again",
    "kpi.KPI_CALLBACK_RATE.arg.connected": "Calls that reached someone",
    # KPI_UNREACHED_RATE
    "kpi.KPI_UNREACHED_RATE.label": "No-one-reached rate",
    "kpi.KPI_UNREACHED_RATE.description": "No-one-reached rate: share of the calls made where no one answered",
    "kpi.KPI_UNREACHED_RATE.arg.unanswered": "Calls where no one answered",
    "kpi.KPI_UNREACHED_RATE.arg.calls": "Calls made",
    # KPI_OFF_TARGET_RATE
    "kpi.KPI_OFF_TARGET_RATE.label": "Off-target rate",
    "kpi.KPI_OFF_TARGET_RATE.description": "Off-target rate: share of the calls that reached someone outside the target",
    "kpi.KPI_OFF_TARGET_RATE.arg.off_target": "\"Not our target\" answers",
    "kpi.KPI_OFF_TARGET_RATE.arg.connected": "Calls that reached someone",
    # KPI_QUALIFICATION_LEVEL
    "kpi.KPI_QUALIFICATION_LEVEL.label": "Qualification level",
    "kpi.KPI_QUALIFICATION_LEVEL.description": "Qualification level: share of the key answers sought that were obtained",
    "kpi.KPI_QUALIFICATION_LEVEL.arg.obtained": "Key answers obtained",
    "kpi.KPI_QUALIFICATION_LEVEL.arg.sought": "Key answers sought",
    # KPI_NO_REPLY_RATE
    "kpi.KPI_NO_REPLY_RATE.label": "No-reply rate",
    "kpi.KPI_NO_REPLY_RATE.description": "Share of the base that did not reply: (base − replies) / base",
    "kpi.KPI_NO_REPLY_RATE.arg.replies": "Replies received",
    "kpi.KPI_NO_REPLY_RATE.arg.base": "Messages delivered (SMS) or sent (postal mail)",
    # KPI_AVG_CALL_LENGTH
    "kpi.KPI_AVG_CALL_LENGTH.label": "Average call length",
    "kpi.KPI_AVG_CALL_LENGTH.description": "Average call length: total talk time / calls made (in the unit of the talk time)",
    "kpi.KPI_AVG_CALL_LENGTH.arg.talk_time": "Total talk time (minutes, or a time value)",
    "kpi.KPI_AVG_CALL_LENGTH.arg.calls": "Calls made",
    # KPI_AVG_DAYS
    "kpi.KPI_AVG_DAYS.label": "Average days between two steps",
    "kpi.KPI_AVG_DAYS.description": "Average days between two date columns (time to conversion, reactivity), leads with both dates",
    "kpi.KPI_AVG_DAYS.arg.start_dates": "First date of each lead (e.g. first contact)",
    "kpi.KPI_AVG_DAYS.arg.end_dates": "Second date of each lead (e.g. signature); rows missing either are skipped",
    "kpi.KPI_AVG_DAYS.arg.criteria_range": "Optional: a column to filter rows on (channel, campaign, rep …)",
    "kpi.KPI_AVG_DAYS.arg.criteria": "Optional: the value that column must equal (case-insensitive)",
    # KPI_SHARE_WITHIN
    "kpi.KPI_SHARE_WITHIN.label": "Share handled within N hours",
    "kpi.KPI_SHARE_WITHIN.description": "Share of leads handled within N hours of their start (speed to lead)",
    "kpi.KPI_SHARE_WITHIN.arg.start_dates": "When each request came in (date-time)",
    "kpi.KPI_SHARE_WITHIN.arg.end_dates": "When it was first handled (date-time; blank = not yet)",
    "kpi.KPI_SHARE_WITHIN.arg.hours": "The time limit in hours (speed to lead: 4)",
    "kpi.KPI_SHARE_WITHIN.arg.criteria_range": "Optional: a column to filter rows on (channel, campaign, rep …)",
    "kpi.KPI_SHARE_WITHIN.arg.criteria": "Optional: the value that column must equal (case-insensitive)",
    # KPI_CHURN
    "kpi.KPI_CHURN.label": "Lead churn",
    "kpi.KPI_CHURN.description": "Lead churn: leads that replied or met and then dropped out / leads that replied or met",
    "kpi.KPI_CHURN.arg.reply_dates": "First reply date of each lead (blank = never replied)",
    "kpi.KPI_CHURN.arg.meeting_dates": "Meeting date of each lead (blank = no meeting)",
    "kpi.KPI_CHURN.arg.statuses": "Current status of each lead",
    "kpi.KPI_CHURN.arg.churn_statuses": "Statuses that mean \"dropped out\", a range or a list separated by \";\" (default \"lost;silent;perdu;sans suite\")",
    "kpi.KPI_CHURN.arg.criteria_range": "Optional: a column to filter rows on (channel, campaign, rep …)",
    "kpi.KPI_CHURN.arg.criteria": "Optional: the value that column must equal (case-insensitive)",
    # KPI_ATTRIBUTED_REVENUE
    "kpi.KPI_ATTRIBUTED_REVENUE.label": "Attributed revenue",
    "kpi.KPI_ATTRIBUTED_REVENUE.description": "Revenue of deals signed within the attribution window after the first contact",
    "kpi.KPI_ATTRIBUTED_REVENUE.arg.first_contact_dates": "First contact date of each lead",
    "kpi.KPI_ATTRIBUTED_REVENUE.arg.signature_dates": "Signature date of each lead (blank = not signed)",
    "kpi.KPI_ATTRIBUTED_REVENUE.arg.revenues": "Revenue of each deal",
    "kpi.KPI_ATTRIBUTED_REVENUE.arg.window_days": "Attribution window in days after the first contact (default 90)",
    "kpi.KPI_ATTRIBUTED_REVENUE.arg.criteria_range": "Optional: a column to filter rows on (channel, campaign, rep …)",
    "kpi.KPI_ATTRIBUTED_REVENUE.arg.criteria": "Optional: the value that column must equal (case-insensitive)",
    # KPI_SLOT_REPLY_RATE
    "kpi.KPI_SLOT_REPLY_RATE.label": "Reply rate by send time",
    "kpi.KPI_SLOT_REPLY_RATE.description": "Reply rate of leads contacted on a given weekday (and hour): the send-time sweet spot",
    "kpi.KPI_SLOT_REPLY_RATE.arg.contact_times": "Date-time each lead was contacted",
    "kpi.KPI_SLOT_REPLY_RATE.arg.reply_dates": "Reply date of each lead (blank = no reply)",
    "kpi.KPI_SLOT_REPLY_RATE.arg.weekday": "Day of the week, 1 = Monday … 7 = Sunday",
    "kpi.KPI_SLOT_REPLY_RATE.arg.hour": "Optional: hour of the day, 0–23",
    # KPI_CHANNEL_SCORE
    "kpi.KPI_CHANNEL_SCORE.label": "Channel score /10",
    "kpi.KPI_CHANNEL_SCORE.description": "Channel score /10: weighted mean of each indicator / its target (target / value where lower is better), capped at 1, × 10",
    "kpi.KPI_CHANNEL_SCORE.arg.values": "The channel's indicators (reply rate, meeting rate, CPL, ROI …)",
    "kpi.KPI_CHANNEL_SCORE.arg.targets": "The target of each indicator (> 0)",
    "kpi.KPI_CHANNEL_SCORE.arg.weights": "The weight of each indicator (≥ 0; blank = 0)",
    "kpi.KPI_CHANNEL_SCORE.arg.directions": "Optional: \"higher\" (default) or \"lower\" is better, per indicator",
    # KPI_BAND
    "kpi.KPI_BAND.label": "Benchmark band",
    "kpi.KPI_BAND.description": "Benchmark band of a value: the label of the highest lower bound it reaches (#N/A below all)",
    "kpi.KPI_BAND.arg.value": "The value to place (e.g. a call-to-opportunity rate)",
    "kpi.KPI_BAND.arg.lower_bounds": "Ascending lower bound of each band (e.g. 0 %, 1 %, 3 %, 6 %)",
    "kpi.KPI_BAND.arg.labels": "The name of each band (e.g. low, common, good, excellent)",
    # KPI_AB_PVALUE
    "kpi.KPI_AB_PVALUE.label": "A/B test p-value",
    "kpi.KPI_AB_PVALUE.description": "A/B test: two-sided p-value of the two-proportion z-test (pooled) comparing A's and B's rates",
    "kpi.KPI_AB_PVALUE.arg.successes_a": "Replies (successes) of version A",
    "kpi.KPI_AB_PVALUE.arg.trials_a": "Messages sent (trials) of version A",
    "kpi.KPI_AB_PVALUE.arg.successes_b": "Replies (successes) of version B",
    "kpi.KPI_AB_PVALUE.arg.trials_b": "Messages sent (trials) of version B",
    # KPI_AB_VERDICT
    "kpi.KPI_AB_VERDICT.label": "A/B test verdict",
    "kpi.KPI_AB_VERDICT.description": "A/B test verdict in words: \"A is better\", \"B is better\", \"no significant difference\" or \"not enough data\"",
    "kpi.KPI_AB_VERDICT.arg.successes_a": "Replies (successes) of version A",
    "kpi.KPI_AB_VERDICT.arg.trials_a": "Messages sent (trials) of version A",
    "kpi.KPI_AB_VERDICT.arg.successes_b": "Replies (successes) of version B",
    "kpi.KPI_AB_VERDICT.arg.trials_b": "Messages sent (trials) of version B",
    "kpi.KPI_AB_VERDICT.arg.alpha": "Significance level (default 0.05)",
    "kpi.KPI_AB_VERDICT.arg.lang": "Language of the verdict: \"en\" (default) or \"fr\"",
    # KPI_WILSON_LOW
    "kpi.KPI_WILSON_LOW.label": "Rate, confidence interval low",
    "kpi.KPI_WILSON_LOW.description": "Lower bound of the Wilson confidence interval of a rate (successes / trials)",
    "kpi.KPI_WILSON_LOW.arg.successes": "Successes (replies, meetings …)",
    "kpi.KPI_WILSON_LOW.arg.trials": "Trials (messages sent …)",
    "kpi.KPI_WILSON_LOW.arg.confidence": "Confidence level (default 0.95)",
    # KPI_WILSON_HIGH
    "kpi.KPI_WILSON_HIGH.label": "Rate, confidence interval high",
    "kpi.KPI_WILSON_HIGH.description": "Upper bound of the Wilson confidence interval of a rate (successes / trials)",
    "kpi.KPI_WILSON_HIGH.arg.successes": "Successes (replies, meetings …)",
    "kpi.KPI_WILSON_HIGH.arg.trials": "Trials (messages sent …)",
    "kpi.KPI_WILSON_HIGH.arg.confidence": "Confidence level (default 0.95)",
}

# --- The weekly workbook: sheet names, headers, instructions, number formats (xlkpi.workbook) -
WORKBOOK: dict[str, str] = {
}

# --- xlkpi check: messages and verdicts (xlkpi.workbook checker) -------------------------------
CHECK: dict[str, str] = {
}

# --- xlkpi import: messages, explanations (xlkpi.importer) -------------------------------------
IMPORT: dict[str, str] = {
    "import.bad_timezone": "unknown time zone {zone!r}: give an IANA name such as Europe/Paris (--timezone)",
    "import.bad_cell": "{file}: row {row}, column {column!r}: {value!r} is not a {expected}",
    "import.more_bad_cells": "… and {count} more cells that did not parse (all of them with --json)",
    "import.type.text": "text",
    "import.type.number": "number",
    "import.type.bool": "yes/no value",
    "import.type.datetime": "date",
    "import.type.duration": "duration (HH:MM:SS or seconds)",
    "import.leads_full": "{book}: sheet {sheet} has no empty row left for {count} new lead(s) (it holds {rows} rows)",
    "import.missing_columns": "{file}: columns missing for mapping {profile}: {columns}",
    "import.missing": "missing: {columns}",
    "import.unknown_format": "{file}: unknown format; compared with {tried}; closest: {closest}",
    "import.nothing_written": "nothing written: {book} is unchanged",
    "import.done": "{book}: {changes} cell(s) written from {sources}; {added} lead(s) added, {updated} updated; recalculated",
    "import.unchanged": "{book}: already up to date with {sources} (nothing to change)",
    "import.dry_run": "dry run: {changes} cell(s) would change in {book}; nothing written",
    "import.conflict": "kept {cell}: {old} typed by hand, the import has {new} (use --force to overwrite)",
    "import.conflicts": "{count} cell(s) typed by hand were kept",
    "import.cost_left": "cost left to you on {sheet}, weeks {weeks}: no export carries it; type it (0 if none) or add a cost rule to a mapping",
    "import.other_years": "{file}: {count} row(s) dated outside {year} skipped (the workbook's year only)",
    "import.unmapped_fields": "the workbook has no Leads column for: {fields}",
    "import.heading.cell": "Cell",
    "import.heading.old": "Old",
    "import.heading.new": "New",
    "import.heading.source": "Source",
    "import.explain.file": "{file}: {title} ({profile}), {rows} rows, header on row {header}, encoding {encoding}, delimiter {delimiter!r}, {footer} footer row(s) dropped",
    "import.explain.column": "  {header} → {column}: {feeds}",
    "import.explain.unused": "(read, not used)",
    "import.explain.unmapped": "  values of {header} the mapping does not map (left out): {values}",
    "import.explain.ignored": "  ignored headers: {headers}",
    "import.explain.absent": "  columns this file does not have: {columns}",
    "import.explain.weeks": "  weeks {first}–{last}; {filtered} row(s) filtered out, {other} dated in another year (skipped), {undated} without a date",
    "import.explain.no_channel": "  rows with no channel for {rule}: {count} (map their value in the mapping)",
    "import.explain.leads": "  {count} lead(s); {no_key} row(s) without a key, {other} in another year (skipped)",
    "import.init_written": "wrote {output}: a starting mapping for {file} ({columns} columns); edit its [[weekly]] rules and [leads]",
    "import.init_exists": "{output} exists; use --force to overwrite it",
}

# --- xlkpi report: headings, labels, notes (xlkpi.report) --------------------------------------
REPORT: dict[str, str] = {
}
