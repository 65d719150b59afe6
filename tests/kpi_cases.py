"""Hand-worked cases for every KPI function: (Excel name, arguments, expected, where it comes from).

Every expected value is worked out by hand (the arithmetic is in the note) or taken from
KPI_SPEC's worked examples. test_kpis.py checks each one, and fails if a registry entry has
no case here. Dates are Excel serials: 46023 is 2026-01-01 (a Thursday).
"""
from __future__ import annotations

import datetime as dt
import math

from xlkpi import XLError

D0 = 46023  # 2026-01-01
DIV0, VALUE, NUM, NA = XLError.DIV0, XLError.VALUE, XLError.NUM, XLError.NA

CASES: list[tuple[str, tuple, object, str]] = [
    # --- spec worked examples
    ("KPI_CPQ", (4000, 80), 50.0, "spec: 4 000 € / 80 opportunities"),
    ("KPI_CALL_TO_OPP_RATE", (300, 10000), 0.03, "spec: 300 / 10 000 calls"),
    ("KPI_ROI", (12000, 4000), 2.0, "spec: (12 000 − 4 000) / 4 000"),
    ("KPI_ROI", (12000, 4000, "ratio"), 3.0, "spec: 12 000 / 4 000"),
    ("KPI_ROI", (80 * 0.125 * 1200, 4000), 2.0, "spec: 80 opps × 12.5 % × 1 200 € = 12 000 €"),
    ("KPI_BREAKEVEN_COST", (400, 0.10), 40.0, "spec: 400 € × 10 %"),
    ("KPI_CPL", (500, 25), 20.0, "spec: 500 € / 25 leads"),
    ("KPI_ROI", (4000, 1000), 3.0, "spec: (4 000 − 1 000) / 1 000"),
    ("KPI_CONVERSION_RATE", (3, 100), 0.03, "spec multichannel: email 3 signed / 100"),
    ("KPI_CONVERSION_RATE", (4, 80), 0.05, "spec multichannel: LinkedIn 4 / 80"),
    ("KPI_CONVERSION_RATE", (2, 40), 0.05, "spec multichannel: phone 2 / 40"),
    ("KPI_REPLY_RATE", (18, 100), 0.18, "spec multichannel: email 18 replies / 100"),
    ("KPI_REPLY_RATE", (25, 80), 0.3125, "spec multichannel: LinkedIn 25 / 80"),
    ("KPI_MEETING_RATE", (5, 40), 0.125, "spec multichannel: phone 5 meetings / 40"),
    ("KPI_GAIN", (5000, 8750), 3750.0, "spec: 8 750 − 5 000 a month"),
    ("KPI_GAIN", (5000, 8750, 12), 45000.0, "spec: 3 750 × 12 a year"),
    ("KPI_UPLIFT", (5000, 8750), 0.75, "spec: 3 750 / 5 000 = +75 %"),
    # --- Excel conventions
    ("KPI_ROI", (12000, 0), DIV0, "cost 0"),
    ("KPI_ROI", (12000, None), DIV0, "blank cost"),
    ("KPI_ROI", (None, 4000), -1.0, "blank revenue is 0: (0 − 4 000) / 4 000"),
    ("KPI_ROI", (12000, 4000, "gross"), VALUE, "unknown mode"),
    ("KPI_ROI", (12000, 4000, None), 2.0, "blank optional mode is the default"),
    ("KPI_ROI", ("12000", "4000"), 2.0, "numeric text is a number, as in Excel arithmetic"),
    ("KPI_ROI", (-2000, 4000), -1.5, "revenue may be negative: (−2 000 − 4 000) / 4 000"),
    ("KPI_ROI", (1000, -500), -3.0, "cost may be negative: (1 000 + 500) / −500"),
    ("KPI_CPL", (500, 0), DIV0, "no leads"),
    ("KPI_CPL", ("abc", 25), VALUE, "text that is not a number"),
    ("KPI_CPL", (500, -1), NUM, "negative count"),
    ("KPI_CPL", ("#N/A", 0), NA, "an error passed in comes out, before #DIV/0!"),
    ("KPI_CPL", (XLError.REF, XLError.NUM), XLError.REF, "first error wins (left to right)"),
    ("KPI_CPL", (True, 4), 0.25, "TRUE is 1 in arithmetic"),
    ("KPI_CPL", ([[500]], [[25]]), 20.0, "a 1×1 range is its cell"),
    ("KPI_CPL", ([500, 600], 25), VALUE, "a multi-cell range where a number is expected"),
    ("KPI_CPL", (float("inf"), 25), NUM, "infinity is not a number Excel can hold"),
    ("KPI_CAC", (4000, 10), 400.0, "4 000 € / 10 customers"),
    ("KPI_CAC", (4000, 0), DIV0, "no customer"),
    ("KPI_COST_PER_MEETING", (1500, 6), 250.0, "1 500 € / 6 meetings"),
    ("KPI_BREAKEVEN_COST", (1200, 0.05), 60.0, "CAC ceiling: 1 200 € × 5 % lead→customer"),
    ("KPI_BREAKEVEN_COST", (400, -0.1), NUM, "negative rate"),
    ("KPI_UPLIFT", (0, 100), DIV0, "no revenue before"),
    ("KPI_UPLIFT", (8000, 6000), -0.25, "(6 000 − 8 000) / 8 000"),
    ("KPI_GAIN", (5000, 8750, -1), NUM, "negative number of periods"),
    # --- rates
    ("KPI_RATE", (1, 3), 1 / 3, "1 / 3"),
    ("KPI_RATE", (0, 0), DIV0, "0 / 0"),
    ("KPI_RATE", (None, 10), 0.0, "blank part is 0"),
    ("KPI_RATE", (12, 10), 1.2, "a rate above 1 is returned as is"),
    ("KPI_RATE", ("18%", 1), 0.18, "percent text"),
    ("KPI_LEAD_CONVERSION_RATE", (3, 25), 0.12, "3 customers / 25 qualified leads"),
    ("KPI_MEETING_TO_OPP_RATE", (4, 6), 4 / 6, "4 opportunities / 6 meetings"),
    ("KPI_OPP_TO_SALE_RATE", (10, 80), 0.125, "10 won / 80 opportunities"),
    ("KPI_PROGRESS", (450, 500), 0.9, "450 sent / 500 planned"),
    ("KPI_DELIVERABILITY", (480, 500), 0.96, "480 delivered / 500 planned"),
    ("KPI_OPEN_RATE", (240, 480), 0.5, "240 opened / 480 delivered"),
    ("KPI_CLICK_RATE", (12, 240), 0.05, "12 clicked / 240 opened"),
    ("KPI_NEGATIVE_RATE", (6, 240), 0.025, "6 negative / 240 opened"),
    ("KPI_POSITIVE_RATE", (9, 300), 0.03, "9 positive / 300 delivered SMS"),
    ("KPI_OPT_OUT_RATE", (3, 480), 0.00625, "3 unsubscribes / 480 delivered"),
    ("KPI_BOUNCE_RATE", (20, 500), 0.04, "20 hard bounces / 500 sent"),
    ("KPI_ACCEPTANCE_RATE", (36, 120), 0.3, "36 accepted / 120 invitations"),
    ("KPI_CONNECT_RATE", (45, 150), 0.3, "45 connected / 150 calls"),
    ("KPI_CALLBACK_RATE", (9, 45), 0.2, "9 callbacks / 45 connected"),
    ("KPI_UNREACHED_RATE", (105, 150), 0.7, "105 unanswered / 150 calls"),
    ("KPI_OFF_TARGET_RATE", (5, 45), 1 / 9, "5 off target / 45 connected"),
    ("KPI_QUALIFICATION_LEVEL", (3, 4), 0.75, "3 of 4 key answers"),
    ("KPI_NO_REPLY_RATE", (15, 300), 0.95, "(300 − 15) / 300"),
    ("KPI_NO_REPLY_RATE", (0, 0), DIV0, "nothing sent"),
    ("KPI_AVG_CALL_LENGTH", (540, 150), 3.6, "540 min of talk / 150 calls"),
    # --- lead log: first contact D0, D0+2, D0+10; signatures D0+30, blank, D0+40
    ("KPI_AVG_DAYS", ([D0, D0 + 2, D0 + 10], [D0 + 30, None, D0 + 40]), 30.0,
     "rows with both dates: (30 + 30) / 2"),
    ("KPI_AVG_DAYS", ([D0, None], [None, D0]), DIV0, "no row has both dates"),
    ("KPI_AVG_DAYS", ([D0, D0], [D0 + 1]), VALUE, "ranges of different sizes"),
    ("KPI_AVG_DAYS", ([D0, D0 + 1], [D0 + 3, "#N/A"]), NA, "an error inside a range propagates"),
    ("KPI_AVG_DAYS", ([dt.date(2026, 1, 1), dt.datetime(2026, 1, 5, 12)], [dt.date(2026, 1, 3), dt.date(2026, 1, 9)]),
     2.75, "Python dates and date-times: (2 + 3.5) / 2"),
    ("KPI_AVG_DAYS", ([D0, D0, D0], [D0 + 2, D0 + 4, D0 + 9], ["email", "Phone", "email"], "EMAIL"), 5.5,
     "email rows only (case-insensitive): (2 + 9) / 2"),
    ("KPI_SHARE_WITHIN", ([D0, D0, D0, None], [D0 + 3 / 24, D0 + 5 / 24, None, D0], 4), 1 / 3,
     "3 requests (blank start skipped): 3 h within, 5 h not, never not → 1 / 3"),
    ("KPI_SHARE_WITHIN", ([D0], [D0 + 4 / 24], 4), 1.0, "exactly 4 h counts as within"),
    ("KPI_SHARE_WITHIN", ([None], [None], 4), DIV0, "no request"),
    ("KPI_CHURN", ([D0, D0, None, D0], [None, D0 + 5, None, None], ["lost", "won", "lost", "Perdu"]), 2 / 3,
     "engaged: rows 1, 2, 4 (row 3 never replied); dropped: 'lost', 'Perdu' → 2 / 3"),
    ("KPI_CHURN", ([D0, D0], [None, None], ["silent", "stalled"], "stalled"), 0.5,
     "custom churn statuses: only 'stalled' counts → 1 / 2"),
    ("KPI_CHURN", ([None], [None], ["lost"]), DIV0, "nobody replied"),
    ("KPI_ATTRIBUTED_REVENUE", ([D0, D0, D0, D0], [D0 + 30, D0 + 91, None, D0 + 90], [1000, 2000, 3000, 500]), 1500.0,
     "signed within 90 days: day 30 (1 000) and day 90 (500)"),
    ("KPI_ATTRIBUTED_REVENUE", ([D0, D0], [D0 + 30, D0 + 45], [1000, 2000], 30), 1000.0, "30-day window"),
    ("KPI_ATTRIBUTED_REVENUE", ([D0, D0], [D0 + 3, D0 + 4], [1000, 2000], 90, ["email", "sms"], "sms"), 2000.0,
     "sms rows only"),
    # contacts: D0+4 is Monday 2026-01-05; 9 h and 14 h
    ("KPI_SLOT_REPLY_RATE", ([D0 + 4 + 9 / 24, D0 + 4 + 14 / 24, D0 + 5 + 9 / 24, D0 + 11 + 9 / 24],
                             [D0 + 5, None, D0 + 6, None], 1), 1 / 3,
     "Mondays: 05/01 9 h (replied), 05/01 14 h (no), 12/01 9 h (no) → 1 / 3"),
    ("KPI_SLOT_REPLY_RATE", ([D0 + 4 + 9 / 24, D0 + 4 + 14 / 24, D0 + 11 + 9 / 24], [D0 + 5, None, None], 1, 9), 0.5,
     "Mondays at 9 h: 1 replied of 2"),
    ("KPI_SLOT_REPLY_RATE", ([D0], [None], 8), NUM, "weekday out of 1–7"),
    ("KPI_SLOT_REPLY_RATE", ([D0 + 4], [None], 2), DIV0, "nobody contacted on Tuesdays"),
    # --- decisions
    ("KPI_CHANNEL_SCORE", ([0.18, 0.06, 30], [0.2, 0.05, 20], [2, 1, 1], ["higher", "higher", "lower"]),
     10 * (2 * 0.9 + 1 * 1 + 1 * (20 / 30)) / 4,
     "reply 0.18/0.2 = 0.9 (w 2), meetings capped at 1, CPL 20/30 → 10 × 3.4667 / 4 = 8.667"),
    ("KPI_CHANNEL_SCORE", ([0.5, 0.5], [0.25, 0.25], [1, 1]), 10.0, "above every target: capped at 10"),
    ("KPI_CHANNEL_SCORE", ([0.1, None], [0.2, 0.1], [1, None]), 5.0, "blank weight is 0: 10 × 0.5"),
    ("KPI_CHANNEL_SCORE", ([0.1], [0], [1]), NUM, "target 0"),
    ("KPI_CHANNEL_SCORE", ([0.1], [0.2], [0]), DIV0, "all weights 0"),
    ("KPI_CHANNEL_SCORE", ([0.1, 0.2], [0.2], [1]), VALUE, "ranges of different sizes"),
    ("KPI_CHANNEL_SCORE", ([40], [20], [1], ["bas"]), 5.0, "French 'bas' = lower is better: 20 / 40"),
    ("KPI_CHANNEL_SCORE", ([0.1], [0.2], [1], ["sideways"]), VALUE, "unknown direction"),
    ("KPI_BAND", (0.04, [0, 0.01, 0.03, 0.06], ["low", "common", "good", "excellent"]), "good",
     "spec bands: 3–6 % good"),
    ("KPI_BAND", (0.06, [0, 0.01, 0.03, 0.06], ["low", "common", "good", "excellent"]), "excellent", "at a bound"),
    ("KPI_BAND", (-0.01, [0, 0.01], ["low", "common"]), NA, "below every band"),
    ("KPI_BAND", (0.02, [0.03, 0.01], ["a", "b"]), VALUE, "bounds not ascending"),
    # two-proportion z-test, pooled p = 43/180; se = sqrt(p(1−p)(1/100 + 1/80)) = 0.063961;
    # z = (0.18 − 0.3125) / se = −2.07159; p-value = erfc(2.07159 / √2) = 0.038304
    ("KPI_AB_PVALUE", (18, 100, 25, 80), 0.038304, "email vs LinkedIn replies of the spec's table"),
    ("KPI_AB_PVALUE", (10, 100, 10, 100), 1.0, "identical rates"),
    ("KPI_AB_PVALUE", (0, 50, 0, 60), 1.0, "no success anywhere"),
    ("KPI_AB_PVALUE", (11, 10, 1, 10), NUM, "more successes than trials"),
    ("KPI_AB_PVALUE", (1, 0, 1, 10), DIV0, "no trial"),
    ("KPI_AB_VERDICT", (18, 100, 25, 80), "B is better", "p = 0.038 < 0.05, B's 31 % > A's 18 %"),
    ("KPI_AB_VERDICT", (18, 100, 25, 80, 0.01), "no significant difference", "p = 0.038 ≥ 0.01"),
    ("KPI_AB_VERDICT", (25, 80, 18, 100, 0.05, "fr"), "A est meilleur", "same test, sides swapped, French"),
    ("KPI_AB_VERDICT", (3, 40, 1, 40), "not enough data", "expected successes (4/80 × 40 = 2) < 5"),
    ("KPI_AB_VERDICT", (18, 100, 25, 80, 0.05, "de"), VALUE, "unknown language"),
    ("KPI_AB_VERDICT", (18, 100, 25, 80, 1.5), NUM, "alpha outside (0, 1)"),
    # Wilson 3 / 40 at 95 %: z = 1.959964, p = 0.075; centre = p + z²/80 = 0.123018;
    # spread = z·sqrt(p(1−p)/40 + z²/6400) = 0.094701; ÷ (1 + z²/40 = 1.096036)
    ("KPI_WILSON_LOW", (3, 40), 0.025836, "(0.123018 − 0.094701) / 1.096036"),
    ("KPI_WILSON_HIGH", (3, 40), 0.198642, "(0.123018 + 0.094701) / 1.096036"),
    ("KPI_WILSON_LOW", (0, 10), 0.0, "0 successes: the low bound is 0"),
    ("KPI_WILSON_HIGH", (10, 10), 1.0, "all successes: the high bound is 1"),
    ("KPI_WILSON_LOW", (3, 0), DIV0, "no trial"),
    ("KPI_WILSON_HIGH", (5, 4), NUM, "more successes than trials"),
    ("KPI_WILSON_LOW", (3, 40, 1), NUM, "confidence must be in (0, 1)"),
]


def same_result(result: object, expected: object) -> bool:
    """A KPI's result against a case's expected value: numbers to 1e-5 relative (the cases are
    worked by hand to a few digits), anything else (errors, text) of the same type and equal."""
    if isinstance(expected, float):
        return isinstance(result, float) and math.isclose(result, expected, rel_tol=1e-5, abs_tol=1e-9)
    return type(result) is type(expected) and result == expected
