"""The KPI catalogue of KPI_SPEC.md: every spreadsheet function, declared one way.

Each KPI is one :func:`~xlkpi.registry.declare` call: Excel name, category, number format,
implementation, parameters with their constraints, and native twin (``twin=``, a builder of
:mod:`xlkpi.native_twins`, with ``twin_note`` for what it does differently). Implementations receive arguments
already cleaned by :meth:`~xlkpi.registry.Param.clean` (numbers as float within their limits,
option words in lower case, ranges as lists with None for blanks) and return a number, a text
or an :class:`XLError`; a division by zero raises ZeroDivisionError, which the registry turns
into ``#DIV/0!``. The words (labels, descriptions, argument help) are in the KPI part of
:mod:`xlkpi.i18n`.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import NormalDist

from . import native_twins as twins
from .errors import XLError
from .registry import NumberFormat, RangeSizeMismatch, amount, count, dates, declare, fraction, numbers, option, texts, word

FUNNEL, RATES, LEADS, DECISIONS = "Funnel", "Rates", "Leads", "Decisions"
PERCENT, MONEY, DAYS, DECIMAL, TEXT = (NumberFormat.PERCENT, NumberFormat.MONEY, NumberFormat.DAYS,
                                       NumberFormat.DECIMAL, NumberFormat.TEXT)


def divide(numerator: float, denominator: float) -> float:
    if denominator == 0:
        raise ZeroDivisionError
    return numerator / denominator


# --- Whole funnel ---------------------------------------------------------------------------

def _roi(revenue: float, cost: float, mode: str) -> float:
    return divide(revenue - cost, cost) if mode == "net" else divide(revenue, cost)


def _breakeven_cost(value_per_sale: float, win_rate: float) -> float:
    return value_per_sale * win_rate


def _uplift(before: float, after: float) -> float:
    return divide(after - before, before)


def _gain(before: float, after: float, periods: float) -> float:
    return (after - before) * periods


declare("KPI_ROI", FUNNEL, PERCENT, _roi, amount("revenue"), amount("cost"), option("mode", ("net", "ratio"), "net"),
        twin=twins.roi)
declare("KPI_CPL", FUNNEL, MONEY, divide, amount("cost"), count("qualified_leads"), twin=twins.ratio)
declare("KPI_CPQ", FUNNEL, MONEY, divide, amount("cost"), count("qualified_opportunities"), twin=twins.ratio)
declare("KPI_CAC", FUNNEL, MONEY, divide, amount("cost"), count("new_customers"), twin=twins.ratio)
declare("KPI_COST_PER_MEETING", FUNNEL, MONEY, divide, amount("cost"), count("meetings"), twin=twins.ratio)
declare("KPI_BREAKEVEN_COST", FUNNEL, MONEY, _breakeven_cost, amount("value_per_sale"), fraction("win_rate"),
        twin=twins.breakeven_cost)
declare("KPI_UPLIFT", FUNNEL, PERCENT, _uplift, amount("before"), amount("after"), twin=twins.uplift)
declare("KPI_GAIN", FUNNEL, MONEY, _gain, amount("before"), amount("after"), count("periods", 1), twin=twins.gain)

# --- Rates: part / total, one named function per rate of the catalogue ------------------------

declare("KPI_RATE", RATES, PERCENT, divide, count("part"), count("total"), twin=twins.ratio)
declare("KPI_REPLY_RATE", RATES, PERCENT, divide, count("replies"), count("base"), twin=twins.ratio)
declare("KPI_CONVERSION_RATE", RATES, PERCENT, divide, count("customers"), count("contacted"), twin=twins.ratio)
declare("KPI_LEAD_CONVERSION_RATE", RATES, PERCENT, divide, count("customers"), count("qualified_leads"), twin=twins.ratio)
declare("KPI_MEETING_TO_OPP_RATE", RATES, PERCENT, divide, count("opportunities"), count("meetings"), twin=twins.ratio)
declare("KPI_OPP_TO_SALE_RATE", RATES, PERCENT, divide, count("sales"), count("opportunities"), twin=twins.ratio)
declare("KPI_CALL_TO_OPP_RATE", RATES, PERCENT, divide, count("opportunities"), count("calls"), twin=twins.ratio)
declare("KPI_PROGRESS", RATES, PERCENT, divide, count("sent"), count("planned"), twin=twins.ratio)
declare("KPI_DELIVERABILITY", RATES, PERCENT, divide, count("delivered"), count("planned"), twin=twins.ratio)
declare("KPI_OPEN_RATE", RATES, PERCENT, divide, count("opened"), count("delivered"), twin=twins.ratio)
declare("KPI_CLICK_RATE", RATES, PERCENT, divide, count("clicked"), count("opened"), twin=twins.ratio)
declare("KPI_NEGATIVE_RATE", RATES, PERCENT, divide, count("negative"), count("base"), twin=twins.ratio)
declare("KPI_POSITIVE_RATE", RATES, PERCENT, divide, count("positive"), count("base"), twin=twins.ratio)
declare("KPI_MEETING_RATE", RATES, PERCENT, divide, count("meetings"), count("base"), twin=twins.ratio)
declare("KPI_OPT_OUT_RATE", RATES, PERCENT, divide, count("opt_outs"), count("base"), twin=twins.ratio)
declare("KPI_BOUNCE_RATE", RATES, PERCENT, divide, count("bounces"), count("sent"), twin=twins.ratio)
declare("KPI_ACCEPTANCE_RATE", RATES, PERCENT, divide, count("accepted"), count("sent"), twin=twins.ratio)
declare("KPI_CONNECT_RATE", RATES, PERCENT, divide, count("connected"), count("calls"), twin=twins.ratio)
declare("KPI_CALLBACK_RATE", RATES, PERCENT, divide, count("callbacks"), count("connected"), twin=twins.ratio)
declare("KPI_UNREACHED_RATE", RATES, PERCENT, divide, count("unanswered"), count("calls"), twin=twins.ratio)
declare("KPI_OFF_TARGET_RATE", RATES, PERCENT, divide, count("off_target"), count("connected"), twin=twins.ratio)
declare("KPI_QUALIFICATION_LEVEL", RATES, PERCENT, divide, count("obtained"), count("sought"), twin=twins.ratio)


def _no_reply_rate(replies: float, base: float) -> float:
    return divide(base - replies, base)


declare("KPI_NO_REPLY_RATE", RATES, PERCENT, _no_reply_rate, count("replies"), count("base"), twin=twins.no_reply_rate)
declare("KPI_AVG_CALL_LENGTH", RATES, DECIMAL, divide, count("talk_time"), count("calls"), twin=twins.ratio)

# --- Lead log (ranges, one row per lead) -------------------------------------------------------

CRITERIA = (texts("criteria_range", None), word("criteria", None))  # optional row filter, last


def _rows(*columns: Sequence, criteria_range: Sequence | None = None, criteria: str | None = None) -> list[tuple]:
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


def _share_within(start_dates, end_dates, hours, criteria_range, criteria) -> float:
    rows = [(s, e) for s, e in _rows(start_dates, end_dates, criteria_range=criteria_range, criteria=criteria)
            if s is not None]
    fast = sum(1 for s, e in rows if e is not None and 0 <= (e - s) * 24 <= hours + 1e-9)
    return divide(fast, len(rows))


DEFAULT_CHURN_STATUSES = "lost;silent;perdu;sans suite"


def _churn(reply_dates, meeting_dates, statuses, churn_statuses, criteria_range, criteria) -> float:
    dropped = {s.strip().casefold() for cell in churn_statuses if cell for s in cell.split(";") if s.strip()}
    engaged = [st for r, m, st in _rows(reply_dates, meeting_dates, statuses,
                                        criteria_range=criteria_range, criteria=criteria)
               if r is not None or m is not None]
    churned = sum(1 for st in engaged if st is not None and st.casefold() in dropped)
    return divide(churned, len(engaged))


def _attributed_revenue(first_dates, signature_dates, revenues, window_days, criteria_range, criteria) -> float:
    return sum(
        rev or 0.0
        for f, s, rev in _rows(first_dates, signature_dates, revenues, criteria_range=criteria_range, criteria=criteria)
        if f is not None and s is not None and 0 <= s - f <= window_days
    )


def _slot_reply_rate(contact_times, reply_dates, weekday, hour) -> float:
    slot = []
    for sent, replied in _rows(contact_times, reply_dates):
        if sent is None:
            continue
        day = (math.floor(sent) - 2) % 7 + 1  # serial 2 (1900-01-01) is a Monday in Excel's calendar
        at_hour = math.floor((sent % 1) * 24 + 1e-9)
        if day == weekday and (hour is None or at_hour == hour):
            slot.append(replied is not None)
    return divide(sum(slot), len(slot))


declare("KPI_AVG_DAYS", LEADS, DAYS, _avg_days, dates("start_dates"), dates("end_dates"), *CRITERIA, twin=twins.avg_days)
declare("KPI_SHARE_WITHIN", LEADS, PERCENT, _share_within,
        dates("start_dates"), dates("end_dates"), count("hours"), *CRITERIA, twin=twins.share_within)
declare("KPI_CHURN", LEADS, PERCENT, _churn, dates("reply_dates"), dates("meeting_dates"), texts("statuses"),
        texts("churn_statuses", DEFAULT_CHURN_STATUSES), *CRITERIA, twin=twins.churn,
        twin_note="a cell of a churn-status range holding several statuses separated by \";\" is read as one "
                  "status (a single text argument is split)")
declare("KPI_ATTRIBUTED_REVENUE", LEADS, MONEY, _attributed_revenue, dates("first_contact_dates"),
        dates("signature_dates"), numbers("revenues"), count("window_days", 90), *CRITERIA, twin=twins.attributed_revenue)
declare("KPI_SLOT_REPLY_RATE", LEADS, PERCENT, _slot_reply_rate, dates("contact_times"), dates("reply_dates"),
        count("weekday", minimum=1, maximum=7, whole=True), count("hour", None, maximum=23, whole=True),
        twin=twins.slot_reply_rate)

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


def _band(value, lower_bounds, labels) -> str | XLError:
    if len(lower_bounds) != len(labels):
        return XLError.VALUE
    if any(b is None for b in lower_bounds) or any(b > a for a, b in zip(lower_bounds[1:], lower_bounds)):
        return XLError.VALUE
    found = [label for bound, label in zip(lower_bounds, labels) if value >= bound]
    return (found[-1] or "") if found else XLError.NA


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


_VERDICTS = {
    "en": ("A is better", "B is better", "no significant difference", "not enough data"),
    "fr": ("A est meilleur", "B est meilleur", "pas de différence significative", "pas assez de données"),
}


def _ab_verdict(sa, na, sb, nb, alpha, lang) -> str | XLError:
    words = _VERDICTS[lang]
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


def _wilson(successes: float, trials: float, confidence: float, sign: int) -> float | XLError:
    error = _check_proportion(successes, trials)
    if error:
        return error
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    p = successes / trials
    centre = p + z * z / (2 * trials)
    spread = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    return (centre + sign * spread) / (1 + z * z / trials)


def _wilson_low(successes: float, trials: float, confidence: float) -> float | XLError:
    return _wilson(successes, trials, confidence, -1)


def _wilson_high(successes: float, trials: float, confidence: float) -> float | XLError:
    return _wilson(successes, trials, confidence, +1)


AB = (count("successes_a"), count("trials_a"), count("successes_b"), count("trials_b"))
RATE_OF = (count("successes"), count("trials"), fraction("confidence", 0.95, maximum=1.0, exclusive=True))

declare("KPI_CHANNEL_SCORE", DECISIONS, DECIMAL, _channel_score,
        numbers("values"), numbers("targets"), numbers("weights"), texts("directions", None),
        twin=twins.channel_score(_LOWER_IS_BETTER, _HIGHER_IS_BETTER))
declare("KPI_BAND", DECISIONS, TEXT, _band, amount("value"), numbers("lower_bounds"), texts("labels"),
        twin=twins.band, twin_note="the bounds must be a range (not an array constant)")
declare("KPI_AB_PVALUE", DECISIONS, DECIMAL, _ab_pvalue, *AB, twin=twins.ab_pvalue)
declare("KPI_AB_VERDICT", DECISIONS, TEXT, _ab_verdict,
        *AB, fraction("alpha", 0.05, maximum=1.0, exclusive=True), option("lang", tuple(_VERDICTS), "en"),
        twin=twins.ab_verdict(_VERDICTS))
declare("KPI_WILSON_LOW", DECISIONS, PERCENT, _wilson_low, *RATE_OF, twin=twins.wilson("-"))
declare("KPI_WILSON_HIGH", DECISIONS, PERCENT, _wilson_high, *RATE_OF, twin=twins.wilson("+"))
