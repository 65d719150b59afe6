"""Property: whatever lands in the cells, every KPI returns a number, a text or an Excel error."""
from __future__ import annotations

import datetime as dt
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from xlkpi import REGISTRY, XLError

cells = st.one_of(
    st.none(),
    st.just(""),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 1e308, -1e308, 5e-324, 1e-300]),
    st.text(max_size=8),
    st.sampled_from(["12", "18%", " 3 ", "2026-01-05", "lower", "ratio", "fr", "#DIV/0!", "#n/a"]),
    st.sampled_from(list(XLError)),
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.datetimes(min_value=dt.datetime(1950, 1, 1), max_value=dt.datetime(2100, 1, 1)),
)
arguments = st.one_of(cells, st.lists(cells, max_size=6), st.lists(st.lists(cells, min_size=1, max_size=2), max_size=4))


def _check(result: object) -> None:
    if isinstance(result, float):
        assert math.isfinite(result)
    else:
        assert isinstance(result, (str, XLError)), repr(result)


def _property(name: str):
    kpi = REGISTRY[name]

    @settings(max_examples=150, deadline=None)
    @given(st.lists(arguments, min_size=0, max_size=len(kpi.params) + 1))
    def check(args: list) -> None:
        _check(kpi(*args))

    check.__name__ = f"test_{kpi.python_name}_never_raises"
    return check


for _name in REGISTRY:
    globals()[f"test_{REGISTRY[_name].python_name}_never_raises"] = _property(_name)
