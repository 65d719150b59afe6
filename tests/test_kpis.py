"""The KPI library against hand-worked values, Excel's conventions and the registry's contract."""
from __future__ import annotations


import numpy as np
import pandas as pd
import pytest
from kpi_cases import CASES, same_result

import xlkpi
from xlkpi import REGISTRY, XLError




@pytest.mark.parametrize("name, args, expected, note", CASES, ids=[f"{c[0]}:{c[3][:40]}" for c in CASES])
def test_case(name: str, args: tuple, expected: object, note: str) -> None:
    result = REGISTRY[name](*args)
    assert same_result(result, expected), f"{name}{args} = {result!r}, expected {expected!r} ({note})"


@pytest.mark.parametrize("name, args, expected, note", CASES[:20], ids=[c[0] for c in CASES[:20]])
def test_python_api_matches_registry(name: str, args: tuple, expected: object, note: str) -> None:
    api = getattr(xlkpi, REGISTRY[name].python_name)
    assert same_result(api(*args), expected)


def test_every_function_has_a_hand_worked_case() -> None:
    covered = {c[0] for c in CASES}
    assert sorted(set(REGISTRY) - covered) == []


@pytest.mark.parametrize("kpi", REGISTRY.values(), ids=list(REGISTRY))
def test_every_function_is_documented(kpi: xlkpi.Kpi) -> None:
    for lang in ("en", "fr"):
        assert kpi.describe(lang) and kpi.label(lang) and kpi.category_label(lang)
        assert all(kpi.arg_doc(p.name, lang) for p in kpi.params)
    assert kpi.name.startswith("KPI_") and kpi.name.isupper()
    assert getattr(xlkpi, kpi.python_name).__doc__


def test_required_names_exist() -> None:
    for name in ("KPI_ROI", "KPI_CPL", "KPI_CPQ", "KPI_CAC", "KPI_RATE", "KPI_CHANNEL_SCORE"):
        assert name in REGISTRY


def test_optional_parameters_come_last() -> None:
    for kpi in REGISTRY.values():
        flags = [p.optional for p in kpi.params]
        assert flags == sorted(flags), kpi.name


def test_too_few_or_too_many_arguments() -> None:
    assert xlkpi.roi(1) is XLError.NA
    assert xlkpi.roi(1, 2, "net", 4) is XLError.VALUE


def test_series_elementwise_keeps_index_and_errors() -> None:
    weeks = pd.DataFrame({"cost": [500.0, 1000.0, 300.0], "leads": [25, 0, np.nan]}, index=["W1", "W2", "W3"])
    cpl = xlkpi.cpl(weeks["cost"], weeks["leads"])
    assert list(cpl.index) == ["W1", "W2", "W3"]
    assert cpl["W1"] == 20.0  # 500 / 25
    assert cpl["W2"] is XLError.DIV0  # no lead
    assert cpl["W3"] is XLError.DIV0  # NaN is a blank cell
    assert pd.to_numeric(cpl, errors="coerce").isna().tolist() == [False, True, True]


def test_array_and_scalar_broadcast() -> None:
    rates = xlkpi.rate(np.array([1, 2, 3]), 4)
    assert rates.dtype == float and rates.tolist() == [0.25, 0.5, 0.75]


def test_roi_modes_elementwise() -> None:
    out = xlkpi.roi([12000, 4000], [4000, 1000], "ratio")
    assert out == [3.0, 4.0]  # 12 000 / 4 000 and 4 000 / 1 000: a list for lists


def test_range_parameters_take_whole_columns() -> None:
    leads = pd.DataFrame({
        "first": pd.to_datetime(["2026-01-01", "2026-01-03", "2026-01-10"]),
        "signed": pd.to_datetime(["2026-01-31", None, "2026-02-19"]),
    })
    assert xlkpi.avg_days(leads["first"], leads["signed"]) == 35.0  # (30 + 40) / 2


def test_mismatched_elementwise_lengths_raise() -> None:
    with pytest.raises(ValueError, match="differ in length"):
        xlkpi.rate([1, 2], [3, 4, 5])


def test_error_text_is_an_error() -> None:
    assert XLError.parse("#div/0!") is XLError.DIV0
    assert XLError.DIV0 == "#DIV/0!" and str(XLError.NA) == "#N/A"
    assert xlkpi.rate("#VALUE!", 3) is XLError.VALUE


# --- parameters: limits and choices are declared, and enforced in one place (Param.clean)

@pytest.mark.parametrize("call, expected", [
    (lambda: xlkpi.roi(12000, 4000, " RATIO "), 3.0),  # an option word, case-insensitive, trimmed
    (lambda: xlkpi.roi(12000, 4000, 1), XLError.VALUE),  # not one of "net", "ratio"
    (lambda: xlkpi.ab_verdict(25, 80, 18, 100, 0.05, "FR"), "A est meilleur"),
    (lambda: xlkpi.slot_reply_rate([46027.375], [None], 1.5), XLError.NUM),  # weekday not whole
    (lambda: xlkpi.slot_reply_rate([46027.375], [None], 0), XLError.NUM),  # below 1
    (lambda: xlkpi.slot_reply_rate([46027.375], [46028], 1, 9), 1.0),  # Monday 9 h, replied
    (lambda: xlkpi.slot_reply_rate([46027.375], [None], 1, 24), XLError.NUM),  # hour above 23
    (lambda: xlkpi.slot_reply_rate([46027.375], [None], 1, 8.5), XLError.NUM),  # hour not whole
    (lambda: xlkpi.ab_verdict(18, 100, 25, 80, 0), XLError.NUM),  # alpha must be > 0 …
    (lambda: xlkpi.ab_verdict(18, 100, 25, 80, 1), XLError.NUM),  # … and < 1
    (lambda: xlkpi.wilson_high(3, 40, 0), XLError.NUM),  # confidence in (0, 1)
    (lambda: xlkpi.gain(5000, 8750, 0.5), 1875.0),  # periods need not be whole
    (lambda: xlkpi.rate(-1, 10), XLError.NUM),  # a count is ≥ 0
    (lambda: xlkpi.uplift(-100, 100), -2.0),  # an amount may be negative: (100 + 100) / −100
])
def test_declared_limits_and_choices(call, expected) -> None:
    assert same_result(call(), expected)


def test_every_parameter_states_its_limits() -> None:
    from xlkpi.values import Kind

    for kpi in REGISTRY.values():
        for p in kpi.params:
            if p.kind in (Kind.COUNT, Kind.FRACTION):
                assert p.minimum is not None and p.minimum >= 0, f"{kpi.name}.{p.name}"
            if p.kind is Kind.TEXT and p.name in ("mode", "lang"):
                assert p.choices and p.default in p.choices, f"{kpi.name}.{p.name}"


# --- the Python API: real signatures, keywords, help

def test_keywords_and_signature() -> None:
    import inspect

    assert xlkpi.roi(12000, 4000, mode="ratio") == 3.0
    assert xlkpi.roi(cost=4000, revenue=12000) == 2.0
    assert xlkpi.ab_verdict(25, 80, 18, 100, lang="fr") == "A est meilleur"  # alpha left at its default
    assert str(inspect.signature(xlkpi.roi)) == "(revenue, cost, mode='net')"
    assert str(inspect.signature(xlkpi.avg_days)) == "(start_dates, end_dates, criteria_range=None, criteria=None)"
    with pytest.raises(TypeError, match="mode"):
        xlkpi.roi(12000, 4000, "net", mode="ratio")
    with pytest.raises(TypeError, match="cost"):
        xlkpi.roi(12000, mode="ratio")  # with keywords, Python's rules: a required argument is missing
    with pytest.raises(TypeError, match="unexpected"):
        xlkpi.roi(12000, 4000, kind="ratio")


def test_help_shows_arguments_and_description() -> None:
    import pydoc

    page = pydoc.render_doc(xlkpi.roi, renderer=pydoc.plaintext)
    assert "roi(revenue, cost, mode='net')" in page
    assert REGISTRY["KPI_ROI"].describe() in page
    assert all(f"{p.name}: {REGISTRY['KPI_ROI'].arg_doc(p.name)}" in page for p in REGISTRY["KPI_ROI"].params)


def test_number_formats() -> None:
    from xlkpi.registry import NumberFormat

    formats = {name: kpi.number_format for name, kpi in REGISTRY.items()}
    assert formats["KPI_ROI"] is NumberFormat.PERCENT and formats["KPI_CPL"] is NumberFormat.MONEY
    assert formats["KPI_AVG_DAYS"] is NumberFormat.DAYS and formats["KPI_BAND"] is NumberFormat.TEXT
    assert {f for name, f in formats.items() if name.endswith("_RATE")} == {NumberFormat.PERCENT}
    assert {formats[n] for n in ("KPI_CPL", "KPI_CPQ", "KPI_CAC", "KPI_COST_PER_MEETING", "KPI_ATTRIBUTED_REVENUE")} \
        == {NumberFormat.MONEY}
