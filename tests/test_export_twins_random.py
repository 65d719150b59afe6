"""Twin ≡ function beyond the hand-worked cases: random calls of every KPI (valid inputs mostly,
and blanks, zeros, negatives, text, errors, options, ranges of other sizes), one LibreOffice run.

The inputs stay inside what the twins promise (xlkpi/native_twins.py): no "" returned by a
formula, no booleans or numeric text inside ranges, at most one error cell per call.
"""
from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import openpyxl
from oracle import cached_values, same
from test_export_twins import uncached, write_cases

from xlkpi import REGISTRY, XLError
from xlkpi.engine import evaluate
from xlkpi.export import export_native
from xlkpi.registry import Kpi
from xlkpi.values import Kind

D0 = 46023  # 2026-01-01
CALLS_PER_KPI = 14
Rnd = random.Random


def _count(rnd: Rnd) -> object:
    return rnd.randint(0, 400) if rnd.random() < 0.75 else rnd.choice([None, 0, -3, "abc", "42", True, 2.5, XLError.NA])


def _amount(rnd: Rnd) -> object:
    return round(rnd.uniform(-2000, 20000), 2) if rnd.random() < 0.8 else rnd.choice([None, 0, "abc", "1e3", XLError.REF])


def _fraction(rnd: Rnd) -> object:
    return round(rnd.random(), 4) if rnd.random() < 0.8 else rnd.choice([None, 0, -0.1, 1.5, "x"])


OPTIONS: dict[str, Callable[[Rnd], object]] = {  # scalar parameters by name
    "mode": lambda r: r.choice(["net", "ratio", "Ratio ", " NET", None, "gross"]),
    "lang": lambda r: r.choice(["en", "fr", "FR", None, "de"]),
    "alpha": lambda r: r.choice([0.05, 0.01, 0.1, 0.2, None, 1.5]),
    "confidence": lambda r: r.choice([0.95, 0.9, 0.99, 0.5, None, 0]),
    "criteria": lambda r: r.choice(["email", "Phone", "sms", " EMAIL "]),
    "hour": lambda r: r.choice([9, 14, 10, 25]),
    "weekday": lambda r: r.choice([1, 2, 3, 4, 5, 6, 7, 8]),
    "hours": lambda r: r.choice([4, 24, 0.5, 48, None]),
    "window_days": lambda r: r.choice([90, 30, None, 10]),
    "periods": lambda r: r.choice([1, 12, None, -1, 3]),
    "successes_a": lambda r: r.randint(0, 60), "successes_b": lambda r: r.randint(0, 60),
    "trials_a": lambda r: r.choice([r.randint(40, 200), 0, 30]), "trials_b": lambda r: r.choice([r.randint(40, 200), 0]),
    "successes": lambda r: r.randint(0, 50), "trials": lambda r: r.choice([r.randint(20, 200), 0, 10]),
}


def _date(rnd: Rnd, times: bool) -> float:
    return D0 + rnd.randint(0, 60) + (rnd.randint(0, 23) / 24 if times else 0)


def _columns(kpi: Kpi, rnd: Rnd, n: int) -> dict[str, list]:
    """The range arguments of one call, row by row."""
    names = [p.name for p in kpi.params if p.kind.is_range]
    times = kpi.name in ("KPI_SHARE_WITHIN", "KPI_SLOT_REPLY_RATE")
    cols: dict[str, list] = {}
    for name in names:
        if name in ("start_dates", "first_contact_dates", "contact_times"):
            cols[name] = [None if rnd.random() < 0.15 else _date(rnd, times) for _ in range(n)]
        elif name in ("end_dates", "signature_dates"):
            first = cols.get("start_dates") or cols.get("first_contact_dates") or [D0] * n
            step = (lambda: rnd.randint(0, 72) / 24) if times else (lambda: rnd.randint(-3, 120))
            cols[name] = [None if s is None or rnd.random() < 0.25 else s + step() for s in first]
        elif name in ("reply_dates", "meeting_dates"):
            cols[name] = [None if rnd.random() < 0.4 else _date(rnd, times) for _ in range(n)]
        elif name == "statuses":
            cols[name] = [rnd.choice(["lost", "won", "silent", "Perdu", "open", None, "sans suite"]) for _ in range(n)]
        elif name == "churn_statuses":
            cols[name] = rnd.choice([["lost", "silent"], ["stalled", "lost", None], ["Perdu"]])
        elif name == "criteria_range":
            cols[name] = [rnd.choice(["email", "Phone", "SMS", None]) for _ in range(n)]
        elif name == "revenues":
            cols[name] = [None if rnd.random() < 0.2 else rnd.randint(0, 5000) for _ in range(n)]
        elif name == "values":
            cols[name] = [None if rnd.random() < 0.15 else round(rnd.uniform(-0.1, 40), 3) for _ in range(n)]
        elif name == "targets":
            cols[name] = [round(rnd.uniform(0.05, 30), 3) if rnd.random() > 0.03 else 0 for _ in range(n)]
        elif name == "weights":
            cols[name] = [rnd.choice([1, 2, 3, 0, None]) if rnd.random() > 0.03 else -1 for _ in range(n)]
        elif name == "directions":
            cols[name] = [rnd.choice(["higher", "lower", None, "bas", "+", "-1", "Low"]) if rnd.random() > 0.03
                          else "sideways" for _ in range(n)]
        elif name == "lower_bounds":
            bounds = sorted(round(rnd.uniform(0, 0.1), 3) for _ in range(n))
            cols[name] = bounds if rnd.random() > 0.1 else bounds[::-1]
        elif name == "labels":
            cols[name] = [rnd.choice(["low", "common", "good", "excellent", None]) for _ in range(n)]
        else:
            raise AssertionError(f"no generator for {kpi.name}'s range {name}")
    if rnd.random() < 0.05 and names:  # ranges of different sizes
        cols[names[-1]] = cols[names[-1]] + [cols[names[-1]][0]]
    if rnd.random() < 0.05 and names:  # one error inside a range
        column = cols[rnd.choice(names)]
        column[rnd.randrange(len(column))] = XLError.NA
    return cols


def random_calls(seed: int) -> list[tuple[str, tuple]]:
    rnd = random.Random(seed)
    calls = []
    for kpi in REGISTRY.values():
        for _ in range(CALLS_PER_KPI):
            columns = _columns(kpi, rnd, rnd.randint(1, 12))
            args: list[object] = []
            for param in kpi.params:
                if param.kind.is_range:
                    args.append(columns[param.name])
                elif param.name in OPTIONS:
                    args.append(OPTIONS[param.name](rnd))
                elif param.name == "value":  # KPI_BAND
                    args.append(round(rnd.uniform(-0.01, 0.12), 4))
                else:
                    args.append({Kind.COUNT: _count, Kind.AMOUNT: _amount, Kind.FRACTION: _fraction}[param.kind](rnd))
            while len(args) > sum(not p.optional for p in kpi.params) and rnd.random() < 0.3:
                args.pop()  # optional arguments left out
            calls.append((kpi.name, tuple(args)))
    return calls


def test_libreoffice_computes_random_calls_as_the_functions_do(tmp_path: Path,
                                                               libreoffice_convert: Callable[..., list[Path]]) -> None:
    wb = openpyxl.Workbook()
    expected = write_cases(wb, "Random", random_calls(seed=2026))
    wb.save(tmp_path / "random.xlsx")
    result = export_native(tmp_path / "random.xlsx", tmp_path / "native.xlsx")
    assert result.left_as_values == {}
    (copy,) = libreoffice_convert([uncached(tmp_path / "native.xlsx")], tmp_path / "lo")
    computed = cached_values(copy)
    assert len(expected) > len(REGISTRY) * CALLS_PER_KPI
    kinds = {type(v).__name__ for v in expected.values()}
    assert {"float", "XLError", "str"} <= kinds  # numbers, errors and verdicts all compared
    wrong = [(key, computed.get(key), want) for key, want in expected.items() if not same(want, computed.get(key))]
    assert wrong == []
    # the engine, which follows Excel where LibreOffice does not (SUM ignores TRUE in an array), agrees too
    engine = evaluate(tmp_path / "native.xlsx").values
    assert [(key, engine.get(key), want) for key, want in expected.items() if not same(engine.get(key), want)] == []
