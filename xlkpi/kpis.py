"""The KPI catalogue of KPI_SPEC.md: one registry entry per spreadsheet function.

Implementations receive arguments already coerced by :mod:`xlkpi.values` (numbers as float,
ranges as lists with None for blanks) and return a number, a text or an :class:`XLError`.
A division by zero raises ZeroDivisionError, which the registry turns into ``#DIV/0!``.
"""
from __future__ import annotations

import math
from statistics import NormalDist
from typing import Sequence

from .errors import XLError
from .registry import Kpi, Param, RangeSizeMismatch, kpi, register
from .values import Kind

C, A, F, T = Kind.COUNT, Kind.AMOUNT, Kind.FRACTION, Kind.TEXT
NUMS, DATES, TEXTS = Kind.NUMBERS, Kind.DATES, Kind.TEXTS

FUNNEL, RATES, LEADS, DECISIONS = "Funnel", "Rates", "Leads", "Decisions"

COST = Param("cost", A, "Total cost of the prospecting (tools, data, people, postage), in currency")


def divide(numerator: float, denominator: float) -> float:
    if denominator == 0:
        raise ZeroDivisionError
    return numerator / denominator


# --- Whole funnel ---------------------------------------------------------------------------


@kpi(
    "KPI_ROI",
    "Return on investment: (revenue − cost) / cost, or revenue / cost with mode \"ratio\"",
    description_fr="Retour sur investissement : (revenu − coût) / coût, ou revenu / coût avec le mode \"ratio\"",
    category=FUNNEL,
    en="Return on investment (ROI)",
    fr="Retour sur investissement (ROI)",
    params=[
        Param("revenue", A, "Revenue won from the prospecting, in currency"),
        COST,
        Param("mode", T, '"net" (default): (revenue − cost) / cost; "ratio": revenue / cost', "net"),
    ],
)
def roi(revenue: float, cost: float, mode: str) -> float | XLError:
    mode = str(mode).casefold()
    if mode == "net":
        return divide(revenue - cost, cost)
    if mode == "ratio":
        return divide(revenue, cost)
    return XLError.VALUE


def _cost_per(name: str, what: Param, description: str, description_fr: str, en: str, fr: str) -> None:
    register(Kpi(name, divide, (COST, what), description, FUNNEL, en, fr, description_fr=description_fr))


_cost_per("KPI_CPL", Param("qualified_leads", C, "Number of qualified leads"),
          "Cost per qualified lead: cost / qualified leads",
          "Coût par lead qualifié : coût / leads qualifiés",
          "Cost per lead (CPL)", "Coût par lead (CPL)")
_cost_per("KPI_CPQ", Param("qualified_opportunities", C, "Number of qualified opportunities"),
          "Cost per qualified opportunity: cost / qualified opportunities",
          "Coût par opportunité qualifiée : coût / opportunités qualifiées",
          "Cost per qualified opportunity (CPQ)", "Coût par opportunité qualifiée (CPQ)")
_cost_per("KPI_CAC", Param("new_customers", C, "Number of new customers won"),
          "Customer acquisition cost: cost / new customers",
          "Coût d'acquisition client : coût / nouveaux clients",
          "Customer acquisition cost (CAC)", "Coût d'acquisition client (CAC)")
_cost_per("KPI_COST_PER_MEETING", Param("meetings", C, "Number of qualified meetings held"),
          "Cost per qualified meeting: cost / meetings",
          "Coût par RDV qualifié : coût / RDV qualifiés",
          "Cost per meeting", "Coût par RDV qualifié")


@kpi(
    "KPI_BREAKEVEN_COST",
    "Highest affordable cost per opportunity (or lead): value per sale × its conversion rate to a sale",
    description_fr="Coût maximal rentable (point mort) par opportunité ou par lead : "
                   "valeur par vente × taux de conversion en vente",
    category=FUNNEL,
    en="Break-even cost",
    fr="Coût maximal rentable (point mort)",
    params=[
        Param("value_per_sale", A, "Margin (or customer value) per sale, in currency"),
        Param("win_rate", F, "Share of those opportunities (or leads) that become sales, e.g. 10 %"),
    ],
)
def breakeven_cost(value_per_sale: float, win_rate: float) -> float:
    return value_per_sale * win_rate


@kpi(
    "KPI_UPLIFT",
    "Relative change of revenue after a programme: (after − before) / before",
    description_fr="Variation relative du chiffre d'affaires après un programme : (après − avant) / avant",
    category=FUNNEL,
    en="Uplift",
    fr="Hausse relative (uplift)",
    params=[
        Param("before", A, "Revenue per period before the programme"),
        Param("after", A, "Revenue per period after the programme"),
    ],
)
def uplift(before: float, after: float) -> float:
    return divide(after - before, before)


@kpi(
    "KPI_GAIN",
    "Revenue gained by a programme over a number of periods: (after − before) × periods",
    description_fr="Chiffre d'affaires gagné grâce à un programme sur plusieurs périodes : (après − avant) × périodes",
    category=FUNNEL,
    en="Gain",
    fr="Gain de chiffre d'affaires",
    params=[
        Param("before", A, "Revenue per period before the programme"),
        Param("after", A, "Revenue per period after the programme"),
        Param("periods", C, "Number of periods to count (default 1; 12 for a year of months)", 1),
    ],
)
def gain(before: float, after: float, periods: float) -> float:
    return (after - before) * periods


# --- Rates: part / total, one named function per rate of the catalogue ------------------------

# (name, part, part doc, total, total doc, en, fr, French formula hint); the descriptions read
# "<en>: <part> / <total>" and "<fr> : <French formula hint>"
_RATES: list[tuple[str, str, str, str, str, str, str, str]] = [
    ("KPI_RATE", "part", "The items counted (replies, meetings …)", "total",
     "The base they are counted out of", "Rate (part / total)", "Taux (partie / total)", "partie / total"),
    ("KPI_REPLY_RATE", "replies", "Replies received", "base",
     "Leads contacted (email: emails opened; LinkedIn: invitations accepted)",
     "Reply rate", "Taux de réponse", "réponses / base"),
    ("KPI_CONVERSION_RATE", "customers", "New customers (deals signed)", "contacted",
     "Leads contacted", "Conversion rate", "Taux de conversion", "clients / leads contactés"),
    ("KPI_LEAD_CONVERSION_RATE", "customers", "New customers (deals signed)", "qualified_leads",
     "Qualified leads", "Lead conversion rate", "Taux de conversion des leads", "clients / leads qualifiés"),
    ("KPI_MEETING_TO_OPP_RATE", "opportunities", "Opportunities created", "meetings",
     "Meetings held", "Meeting → opportunity rate", "Taux de transformation RDV → opportunité", "opportunités / RDV"),
    ("KPI_OPP_TO_SALE_RATE", "sales", "Deals won", "opportunities", "Opportunities",
     "Opportunity → sale rate", "Taux de transformation opportunité → vente", "ventes / opportunités"),
    ("KPI_CALL_TO_OPP_RATE", "opportunities", "Qualified opportunities", "calls", "Calls made",
     "Call-to-opportunity rate (TCO)", "Taux de conversion des appels en opportunités (TCO)",
     "opportunités / appels passés"),
    ("KPI_PROGRESS", "sent", "Messages (or invitations, letters) sent", "planned",
     "Messages planned", "Progress", "Avancement", "envoyés / prévus"),
    ("KPI_DELIVERABILITY", "delivered", "Messages delivered", "planned", "Messages planned",
     "Deliverability", "Taux de délivrabilité", "délivrés / prévus"),
    ("KPI_OPEN_RATE", "opened", "Emails opened", "delivered", "Emails delivered",
     "Open rate", "Taux d'ouverture", "ouverts / délivrés"),
    ("KPI_CLICK_RATE", "clicked", "Emails with a click", "opened", "Emails opened",
     "Click rate", "Taux de clic", "cliqués / ouverts"),
    ("KPI_NEGATIVE_RATE", "negative", "Negative replies (or refusals)", "base",
     "The channel's base: opened, accepted, connected, delivered or sent",
     "Negative reply rate", "Taux de réponses négatives", "réponses négatives / base"),
    ("KPI_POSITIVE_RATE", "positive", "Positive replies or meetings", "base",
     "The channel's base: delivered (SMS) or sent (postal mail)",
     "Positive reply rate", "Taux de réponses positives", "réponses positives / base"),
    ("KPI_MEETING_RATE", "meetings", "Meetings booked", "base",
     "The channel's base: delivered (email), messages read (LinkedIn), connected (phone)",
     "Meeting rate", "Taux de RDV", "RDV / base"),
    ("KPI_OPT_OUT_RATE", "opt_outs", "Unsubscribes or STOP answers", "base",
     "Messages delivered (or contactable leads)", "Opt-out rate", "Taux de désinscription (STOP)",
     "désinscriptions / base"),
    ("KPI_BOUNCE_RATE", "bounces", "Hard (or soft) bounces", "sent", "Emails sent",
     "Bounce rate", "Taux de rebond (hard / soft bounce)", "rebonds / envoyés"),
    ("KPI_ACCEPTANCE_RATE", "accepted", "Invitations accepted", "sent", "Invitations sent",
     "Acceptance rate", "Taux d'acceptation", "acceptées / envoyées"),
    ("KPI_CONNECT_RATE", "connected", "Calls that reached someone", "calls", "Calls made",
     "Connect rate", "Taux de joignabilité", "appels aboutis / appels passés"),
    ("KPI_CALLBACK_RATE", "callbacks", "Contacts who asked to be called again", "connected",
     "Calls that reached someone", "Callback rate", "Taux de demandes de rappel",
     "demandes de rappel / appels aboutis"),
    ("KPI_UNREACHED_RATE", "unanswered", "Calls where no one answered", "calls", "Calls made",
     "No-one-reached rate", "Taux d'appels sans interlocuteur", "appels sans réponse / appels passés"),
    ("KPI_OFF_TARGET_RATE", "off_target", '"Not our target" answers', "connected",
     "Calls that reached someone", "Off-target rate", "Taux hors cible", "réponses hors cible / appels aboutis"),
    ("KPI_QUALIFICATION_LEVEL", "obtained", "Key answers obtained", "sought",
     "Key answers sought", "Qualification level", "Niveau de qualification", "réponses clés obtenues / recherchées"),
]

for _name, _part, _part_doc, _total, _total_doc, _en, _fr, _hint_fr in _RATES:
    register(Kpi(
        _name, divide, (Param(_part, C, _part_doc), Param(_total, C, _total_doc)),
        f"{_en}: {_part} / {_total}", RATES, _en, _fr, description_fr=f"{_fr} : {_hint_fr}",
    ))


@kpi(
    "KPI_NO_REPLY_RATE",
    "Share of the base that did not reply: (base − replies) / base",
    description_fr="Part de la base sans réponse : (base − réponses) / base",
    category=RATES,
    en="No-reply rate",
    fr="Taux de non-réponse",
    params=[
        Param("replies", C, "Replies received"),
        Param("base", C, "Messages delivered (SMS) or sent (postal mail)"),
    ],
)
def no_reply_rate(replies: float, base: float) -> float:
    return divide(base - replies, base)


@kpi(
    "KPI_AVG_CALL_LENGTH",
    "Average call length: total talk time / calls made (in the unit of the talk time)",
    description_fr="Durée moyenne d'appel : temps de conversation total / appels passés "
                   "(dans l'unité du temps de conversation)",
    category=RATES,
    en="Average call length",
    fr="Durée moyenne d'appel",
    params=[
        Param("talk_time", C, "Total talk time (minutes, or a time value)"),
        Param("calls", C, "Calls made"),
    ],
)
def avg_call_length(talk_time: float, calls: float) -> float:
    return divide(talk_time, calls)


# --- Lead log (ranges, one row per lead) -------------------------------------------------------

CRITERIA = [
    Param("criteria_range", TEXTS, "Optional: a column to filter rows on (channel, campaign, rep …)", None),
    Param("criteria", T, "Optional: the value that column must equal (case-insensitive)", None),
]


def _rows(*columns: Sequence, criteria_range: Sequence | None = None, criteria: str | None = None):
    """Zip equal-length columns, keeping the rows where ``criteria_range`` equals ``criteria``."""
    if criteria_range is not None and criteria is not None:
        columns = (*columns, criteria_range)
    if len({len(c) for c in columns}) > 1:
        raise RangeSizeMismatch
    rows = zip(*columns)
    if criteria_range is not None and criteria is not None:
        wanted = str(criteria).strip().casefold()
        return [r[:-1] for r in rows if r[-1] is not None and r[-1].casefold() == wanted]
    return list(rows)


def _avg_days(start_dates, end_dates, criteria_range, criteria) -> float:
    spans = [e - s for s, e in _rows(start_dates, end_dates, criteria_range=criteria_range, criteria=criteria)
             if s is not None and e is not None]
    return divide(sum(spans), len(spans))


register(Kpi(
    "KPI_AVG_DAYS", _avg_days,
    (Param("start_dates", DATES, "First date of each lead (e.g. first contact)"),
     Param("end_dates", DATES, "Second date of each lead (e.g. signature); rows missing either are skipped"),
     *CRITERIA),
    description="Average days between two date columns (time to conversion, reactivity), leads with both dates",
    description_fr="Nombre moyen de jours entre deux colonnes de dates (délai de conversion, réactivité), "
                   "sur les leads ayant les deux dates",
    category=LEADS, label_en="Average days between two steps", label_fr="Délai moyen entre deux étapes (jours)",
))


def _share_within(start_dates, end_dates, hours, criteria_range, criteria) -> float:
    rows = [(s, e) for s, e in _rows(start_dates, end_dates, criteria_range=criteria_range, criteria=criteria)
            if s is not None]
    fast = sum(1 for s, e in rows if e is not None and 0 <= (e - s) * 24 <= hours + 1e-9)
    return divide(fast, len(rows))


register(Kpi(
    "KPI_SHARE_WITHIN", _share_within,
    (Param("start_dates", DATES, "When each request came in (date-time)"),
     Param("end_dates", DATES, "When it was first handled (date-time; blank = not yet)"),
     Param("hours", C, "The time limit in hours (speed to lead: 4)"),
     *CRITERIA),
    description="Share of leads handled within N hours of their start (speed to lead)",
    description_fr="Part des leads traités dans les N heures suivant leur arrivée (speed to lead)",
    category=LEADS, label_en="Share handled within N hours",
    label_fr="Part traitée en moins de N heures (speed to lead)",
))

DEFAULT_CHURN_STATUSES = "lost;silent;perdu;sans suite"


def _churn(reply_dates, meeting_dates, statuses, churn_statuses, criteria_range, criteria) -> float:
    dropped = {s.strip().casefold() for cell in churn_statuses if cell for s in cell.split(";") if s.strip()}
    engaged = [st for r, m, st in _rows(reply_dates, meeting_dates, statuses,
                                        criteria_range=criteria_range, criteria=criteria)
               if r is not None or m is not None]
    churned = sum(1 for st in engaged if st is not None and st.casefold() in dropped)
    return divide(churned, len(engaged))


register(Kpi(
    "KPI_CHURN", _churn,
    (Param("reply_dates", DATES, "First reply date of each lead (blank = never replied)"),
     Param("meeting_dates", DATES, "Meeting date of each lead (blank = no meeting)"),
     Param("statuses", TEXTS, "Current status of each lead"),
     Param("churn_statuses", TEXTS,
           f'Statuses that mean "dropped out", a range or a list separated by ";" (default "{DEFAULT_CHURN_STATUSES}")',
           DEFAULT_CHURN_STATUSES),
     *CRITERIA),
    description="Lead churn: leads that replied or met and then dropped out / leads that replied or met",
    description_fr="Churn des leads : leads ayant répondu ou eu un RDV puis décroché "
                   "/ leads ayant répondu ou eu un RDV",
    category=LEADS, label_en="Lead churn", label_fr="Taux de churn des leads",
))


def _attributed_revenue(first_dates, signature_dates, revenues, window_days, criteria_range, criteria) -> float:
    return sum(
        rev or 0.0
        for f, s, rev in _rows(first_dates, signature_dates, revenues, criteria_range=criteria_range, criteria=criteria)
        if f is not None and s is not None and 0 <= s - f <= window_days
    )


register(Kpi(
    "KPI_ATTRIBUTED_REVENUE", _attributed_revenue,
    (Param("first_contact_dates", DATES, "First contact date of each lead"),
     Param("signature_dates", DATES, "Signature date of each lead (blank = not signed)"),
     Param("revenues", NUMS, "Revenue of each deal"),
     Param("window_days", C, "Attribution window in days after the first contact (default 90)", 90),
     *CRITERIA),
    description="Revenue of deals signed within the attribution window after the first contact",
    description_fr="Chiffre d'affaires des ventes signées dans la fenêtre d'attribution suivant le premier contact",
    category=LEADS, label_en="Attributed revenue", label_fr="Chiffre d'affaires attribué",
))


def _slot_reply_rate(contact_times, reply_dates, weekday, hour) -> float | XLError:
    if not 1 <= weekday <= 7 or weekday != int(weekday):
        return XLError.NUM
    if hour is not None and (not 0 <= hour <= 23 or hour != int(hour)):
        return XLError.NUM
    slot = []
    for sent, replied in _rows(contact_times, reply_dates):
        if sent is None:
            continue
        day = (int(math.floor(sent)) - 2) % 7 + 1  # serial 2 (1900-01-01) is a Monday in Excel's calendar
        at_hour = int(math.floor((sent % 1) * 24 + 1e-9))
        if day == weekday and (hour is None or at_hour == hour):
            slot.append(replied is not None)
    return divide(sum(slot), len(slot))


register(Kpi(
    "KPI_SLOT_REPLY_RATE", _slot_reply_rate,
    (Param("contact_times", DATES, "Date-time each lead was contacted"),
     Param("reply_dates", DATES, "Reply date of each lead (blank = no reply)"),
     Param("weekday", C, "Day of the week, 1 = Monday … 7 = Sunday"),
     Param("hour", C, "Optional: hour of the day, 0–23", None)),
    description="Reply rate of leads contacted on a given weekday (and hour): the send-time sweet spot",
    description_fr="Taux de réponse des leads contactés un jour donné de la semaine (et à une heure donnée) : "
                   "le meilleur créneau d'envoi",
    category=LEADS, label_en="Reply rate by send time", label_fr="Taux de réponse par créneau d'envoi",
))


# --- Decisions -------------------------------------------------------------------------------

_LOWER_IS_BETTER = {"lower", "low", "min", "-", "-1", "-1.0", "bas", "moins"}
_HIGHER_IS_BETTER = {"higher", "high", "max", "+", "1", "1.0", "haut", "plus", ""}


def _channel_score(values, targets, weights, directions) -> float | XLError:
    if directions is None:
        directions = [None] * len(values)
    weighted = total = 0.0
    for value, target, weight, direction in _rows(values, targets, weights, directions):
        weight = weight or 0.0
        if weight < 0 or target is None or target <= 0:
            return XLError.NUM
        key = (direction or "").casefold()
        if key in _LOWER_IS_BETTER:
            ratio = 1.0 if not value or value <= 0 else target / value
        elif key in _HIGHER_IS_BETTER:
            ratio = (value or 0.0) / target
        else:
            return XLError.VALUE
        weighted += weight * min(max(ratio, 0.0), 1.0)
        total += weight
    return 10 * divide(weighted, total)


register(Kpi(
    "KPI_CHANNEL_SCORE", _channel_score,
    (Param("values", NUMS, "The channel's indicators (reply rate, meeting rate, CPL, ROI …)"),
     Param("targets", NUMS, "The target of each indicator (> 0)"),
     Param("weights", NUMS, "The weight of each indicator (≥ 0; blank = 0)"),
     Param("directions", TEXTS, 'Optional: "higher" (default) or "lower" is better, per indicator', None)),
    description="Channel score /10: weighted mean of each indicator / its target "
                "(target / value where lower is better), capped at 1, × 10",
    description_fr="Note du canal /10 : moyenne pondérée des rapports indicateur / objectif "
                   "(objectif / valeur pour les indicateurs à minimiser), chacun plafonné à 1, × 10",
    category=DECISIONS, label_en="Channel score /10", label_fr="Note du canal /10",
))


def _band(value, lower_bounds, labels) -> str | XLError:
    if len(lower_bounds) != len(labels):
        return XLError.VALUE
    if any(b is None for b in lower_bounds) or any(b > a for a, b in zip(lower_bounds[1:], lower_bounds)):
        return XLError.VALUE
    found = [label for bound, label in zip(lower_bounds, labels) if value >= bound]
    return (found[-1] or "") if found else XLError.NA


register(Kpi(
    "KPI_BAND", _band,
    (Param("value", A, "The value to place (e.g. a call-to-opportunity rate)"),
     Param("lower_bounds", NUMS, "Ascending lower bound of each band (e.g. 0 %, 1 %, 3 %, 6 %)"),
     Param("labels", TEXTS, "The name of each band (e.g. low, common, good, excellent)")),
    description="Benchmark band of a value: the label of the highest lower bound it reaches (#N/A below all)",
    description_fr="Niveau de référence d'une valeur : le libellé du plus haut seuil qu'elle atteint "
                   "(#N/A sous tous les seuils)",
    category=DECISIONS, label_en="Benchmark band", label_fr="Niveau de référence (benchmark)",
))

AB = [
    Param("successes_a", C, "Replies (successes) of version A"),
    Param("trials_a", C, "Messages sent (trials) of version A"),
    Param("successes_b", C, "Replies (successes) of version B"),
    Param("trials_b", C, "Messages sent (trials) of version B"),
]


def _check_proportion(successes: float, trials: float) -> XLError | None:
    if trials == 0:
        return XLError.DIV0
    return XLError.NUM if successes > trials else None


def _ab_pvalue(sa: float, na: float, sb: float, nb: float) -> float | XLError:
    error = _check_proportion(sa, na) or _check_proportion(sb, nb)
    if error:
        return error
    pooled = (sa + sb) / (na + nb)
    se = math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb))
    if se == 0:
        return 1.0  # both versions all-success or all-failure: no difference
    z = (sa / na - sb / nb) / se
    return math.erfc(abs(z) / math.sqrt(2))


register(Kpi(
    "KPI_AB_PVALUE", _ab_pvalue, tuple(AB),
    description="A/B test: two-sided p-value of the two-proportion z-test (pooled) comparing A's and B's rates",
    description_fr="Test A/B : p-value bilatérale du test z de deux proportions (variance poolée) "
                   "comparant les taux de A et de B",
    category=DECISIONS, label_en="A/B test p-value", label_fr="Test A/B : p-value",
))

_VERDICTS = {
    "en": ("A is better", "B is better", "no significant difference", "not enough data"),
    "fr": ("A est meilleur", "B est meilleur", "pas de différence significative", "pas assez de données"),
}


def _ab_verdict(sa, na, sb, nb, alpha, lang) -> str | XLError:
    words = _VERDICTS.get(str(lang).casefold())
    if words is None:
        return XLError.VALUE
    if not 0 < alpha < 1:
        return XLError.NUM
    p_value = _ab_pvalue(sa, na, sb, nb)
    if isinstance(p_value, XLError):
        return p_value
    pooled = (sa + sb) / (na + nb)
    expected = min(n * q for n in (na, nb) for q in (pooled, 1 - pooled))
    if expected < 5:  # the normal approximation needs ≥ 5 expected successes and failures
        return words[3]
    if p_value >= alpha:
        return words[2]
    return words[0] if sa / na > sb / nb else words[1]


register(Kpi(
    "KPI_AB_VERDICT", _ab_verdict,
    (*AB,
     Param("alpha", F, "Significance level (default 0.05)", 0.05),
     Param("lang", T, 'Language of the verdict: "en" (default) or "fr"', "en")),
    description='A/B test verdict in words: "A is better", "B is better", "no significant difference" '
                'or "not enough data"',
    description_fr='Verdict du test A/B en clair : « A est meilleur », « B est meilleur », '
                   '« pas de différence significative » ou « pas assez de données » (avec lang "fr")',
    category=DECISIONS, label_en="A/B test verdict", label_fr="Test A/B : verdict",
))

CONFIDENCE = Param("confidence", F, "Confidence level (default 0.95)", 0.95)
RATE_OF = [Param("successes", C, "Successes (replies, meetings …)"), Param("trials", C, "Trials (messages sent …)")]


def _wilson(successes: float, trials: float, confidence: float, sign: int) -> float | XLError:
    error = _check_proportion(successes, trials)
    if error:
        return error
    if not 0 < confidence < 1:
        return XLError.NUM
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    p = successes / trials
    centre = p + z * z / (2 * trials)
    spread = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    return (centre + sign * spread) / (1 + z * z / trials)


@kpi("KPI_WILSON_LOW", "Lower bound of the Wilson confidence interval of a rate (successes / trials)",
     description_fr="Borne basse de l'intervalle de confiance de Wilson d'un taux (succès / essais)",
     category=DECISIONS, en="Rate, confidence interval low", fr="Taux : borne basse de l'intervalle de confiance",
     params=[*RATE_OF, CONFIDENCE])
def wilson_low(successes: float, trials: float, confidence: float) -> float | XLError:
    return _wilson(successes, trials, confidence, -1)


@kpi("KPI_WILSON_HIGH", "Upper bound of the Wilson confidence interval of a rate (successes / trials)",
     description_fr="Borne haute de l'intervalle de confiance de Wilson d'un taux (succès / essais)",
     category=DECISIONS, en="Rate, confidence interval high", fr="Taux : borne haute de l'intervalle de confiance",
     params=[*RATE_OF, CONFIDENCE])
def wilson_high(successes: float, trials: float, confidence: float) -> float | XLError:
    return _wilson(successes, trials, confidence, +1)
