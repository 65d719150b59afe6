"""The report's charts with matplotlib's object API (Agg; no pyplot, so no global backend or figure
list is touched — safe in a notebook): ROI by channel, a funnel per channel,
13-week trends. Each is drawn once and rendered as SVG (the HTML page) and PNG (e-mail, chat)."""
from __future__ import annotations

import io
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..i18n import text
from . import numbers
from .figures import Figures
from .workbook_reader import CHANNEL_KEYS

COLOURS = dict(zip(CHANNEL_KEYS, ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b")))
GAIN, LOSS, MUTED, INK = "#2e7d32", "#c62828", "#9e9e9e", "#222222"
STYLE = {
    "font.family": "DejaVu Sans", "font.size": 11, "axes.spines.top": False, "axes.spines.right": False,
    "axes.titlesize": 12, "axes.titleweight": "bold", "axes.titlelocation": "left", "svg.fonttype": "none",
    "svg.hashsalt": "xlkpi", "axes.edgecolor": "#888888", "xtick.color": "#555555", "ytick.color": "#555555",
}


def _style() -> Any:
    return matplotlib.rc_context(STYLE)  # type: ignore[arg-type]  # matplotlib's stubs want literal keys


WIDTH = 5.0  # inches (480 px): the page shows it at its size, smaller on a phone


@dataclass
class Chart:
    key: str  # file-name stem and cid
    title: str
    figure: Figure
    _svg: bytes | None = None
    _png: bytes | None = None

    def _save(self, kind: str, **options: Any) -> bytes:
        buffer = io.BytesIO()
        with _style():
            self.figure.savefig(buffer, format=kind, **options)
        return buffer.getvalue()

    def svg(self) -> bytes:
        """The chart as an SVG document (text kept as text: small, sharp, searchable)."""
        if self._svg is None:
            self._svg = self._save("svg", metadata={"Date": None, "Creator": None})
        return self._svg

    def png(self, dpi: int = 110) -> bytes:
        if self._png is None:
            self._png = self._save("png", dpi=dpi, metadata={"Software": None})
        return self._png

    def close(self) -> None:
        self.figure.clear()


def _figure(height: float, left: float, bottom: float, top: float = 0.4, right: float = 0.2) -> tuple[Figure, Any]:
    """A figure WIDTH × ``height`` inches with one axes and fixed margins in inches (a layout
    engine would measure every label at each rendering: twice the time)."""
    fig = Figure(figsize=(WIDTH, height))
    ax = fig.subplots()
    fig.subplots_adjust(left=left / WIDTH, right=1 - right / WIDTH, bottom=bottom / height, top=1 - top / height)
    return fig, ax


def _formatter(fn: Callable[[float], str]) -> FuncFormatter:
    return FuncFormatter(lambda value, _: fn(value))


def roi_axes(ax: Axes, figures: Figures) -> bool:
    """ROI of each channel with a cost this week: sorted bars, zero line, losses in red, labels.
    False when no channel has an ROI."""
    lang = figures.lang
    roi = figures.channels.loc[list(CHANNEL_KEYS), "roi_ytd"].dropna().sort_values()
    if roi.empty:
        ax.axis("off")
        ax.text(0.5, 0.5, text("report.roi_none", lang), ha="center", va="center", color=MUTED, wrap=True)
        return False
    names = [figures.channel_names[k] for k in roi.index]
    colours = [LOSS if v < 0 else GAIN for v in roi]
    bars = ax.barh(names, roi.values, color=colours, height=0.6)
    ax.axvline(0, color=INK, linewidth=1)
    span = max(roi.max(), 0) - min(roi.min(), 0) or 1.0
    ax.set_xlim(min(roi.min(), 0) - span * 0.08, max(roi.max(), 0) + span * 0.25)
    for bar, value in zip(bars, roi.values):  # a loss's label right of the zero line, clear of the names
        ax.text(max(value, 0) + span * 0.02, bar.get_y() + bar.get_height() / 2, numbers.percent(value, lang, 0),
                va="center", ha="left", fontsize=10, color=LOSS if value < 0 else INK)
    ax.xaxis.set_major_locator(MaxNLocator(4))
    ax.xaxis.set_major_formatter(_formatter(lambda v: numbers.percent(v, lang, 0)))
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    return True


def roi_chart(figures: Figures) -> Chart:
    title = text("report.roi_chart", figures.lang)
    with _style():
        fig, ax = _figure(0.9 + 0.45 * len(CHANNEL_KEYS), left=1.1, bottom=0.45)
        roi_axes(ax, figures)
        ax.set_title(title)
    return Chart("roi", title, fig)


def funnel_chart(figures: Figures) -> Chart:
    """One block per channel with activity this week: the five steps as bars, count and step rate
    (one axes: a figure of many small axes takes several times longer to lay out)."""
    lang = figures.lang
    steps = text("report.funnel_steps", lang).split("|")
    keys = ("volume", "replies", "meetings", "opportunities", "deals")
    active = [k for k in CHANNEL_KEYS if figures.funnel.loc[k, "volume"] > 0]
    title = text("report.funnel", lang, week=figures.week)
    block = len(keys) + 1.6  # rows per channel: its title, five steps, a gap
    with _style():
        fig, ax = _figure(0.5 + 1.2 * max(len(active), 1), left=1.15, bottom=0.1)
        ax.set_title(title)
        ticks, labels = [], []
        for n, key in enumerate(active):
            row = figures.funnel.loc[key]
            values = [row[k] / row["volume"] for k in keys]  # each channel's bars on its own scale
            y = [n * block + 1 + m for m in range(len(keys))]
            ax.barh(y, values, color=COLOURS[key], height=0.75, alpha=0.85)
            ax.text(0, n * block, figures.channel_names[key], fontsize=11, fontweight="bold", va="center")
            for m, key_m in enumerate(keys):
                label = numbers.count(row[key_m], lang)
                if m:
                    label += f"  ({numbers.percent(row[f'{key_m}_rate'], lang)})"
                ax.text(values[m] + 0.02, y[m], label, va="center", fontsize=9, color=INK)
            ticks += y
            labels += steps
        ax.set_yticks(ticks, labels)
        ax.tick_params(axis="y", length=0, labelsize=9)
        ax.set_ylim(max(len(active), 1) * block - 1, -0.8)
        ax.set_xlim(0, 1.6)
        ax.set_xticks([])
        for side in ("bottom", "left"):
            ax.spines[side].set_visible(False)
        if not active:
            ax.text(0.8, 2, text("report.note.no_activity", lang, week=figures.week), ha="center", color=MUTED)
    return Chart("funnel", title, fig)


def trend_axes(ax: Axes, figures: Figures, metric: str) -> None:
    """13 weeks of ``metric`` per channel; empty weeks are gaps; the current week marked."""
    lang = figures.lang
    frame = figures.trends[metric].unstack("channel")
    for key in CHANNEL_KEYS:
        if key in frame and frame[key].notna().any():
            ax.plot(frame.index, frame[key], marker="o", markersize=3, linewidth=1.6, color=COLOURS[key],
                    label=figures.channel_names[key])
    ax.axvline(figures.week, color=MUTED, linestyle="--", linewidth=1)
    ax.annotate(text("report.current_week", lang, week=figures.week), (figures.week, 1), xycoords=("data", "axes fraction"),
                ha="right", va="top", fontsize=9, color="#555555", xytext=(-3, 0), textcoords="offset points")
    ax.set_xlabel(text("report.week_axis", lang), fontsize=9)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    fmt = (lambda v: numbers.money(v, lang, figures.currency)) if metric == "cost_per_meeting" else (lambda v: numbers.count(v, lang))
    ax.yaxis.set_major_formatter(_formatter(fmt))
    ax.set_ylim(bottom=0)


def trend_chart(figures: Figures, metric: str) -> Chart:
    key = {"meetings": "report.trend_meetings", "cost_per_meeting": "report.trend_cpm"}[metric]
    title = text(key, figures.lang)
    with _style():
        fig, ax = _figure(3.6, left=0.8, bottom=1.1)
        trend_axes(ax, figures, metric)
        ax.set_title(title)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=3, frameon=False, fontsize=9)
    return Chart(f"trend_{metric}", title, fig)


def charts(figures: Figures) -> list[Chart]:
    """Every chart of the report, in page order."""
    return [roi_chart(figures), funnel_chart(figures), trend_chart(figures, "meetings"),
            trend_chart(figures, "cost_per_meeting")]


def summary_png(figures: Figures, headline: list[tuple[str, str, str, str]], dpi: int = 110) -> bytes:
    """The headline strip (label, value, change vs the previous week, its tone: "up" good, "down"
    bad) over the ROI chart, one picture for a chat channel."""
    lang = figures.lang
    with _style():
        fig = Figure(figsize=(9, 5.2))
        fig.text(0.02, 0.95, text("report.title", lang, week=figures.week, year=figures.year), fontsize=14,
                 fontweight="bold", va="top")
        width = 0.96 / len(headline)
        for n, (label, value, change, tone) in enumerate(headline):
            x = 0.02 + n * width
            fig.patches.append(FancyBboxPatch(
                (x + 0.004, 0.64), width - 0.008, 0.22, boxstyle="round,pad=0.004,rounding_size=0.01",
                transform=fig.transFigure, facecolor="#f3f6fa", edgecolor="#d0d7e2"))
            fig.text(x + width / 2, 0.83, label, ha="center", va="top", fontsize=8.5, color="#555555")
            fig.text(x + width / 2, 0.765, value, ha="center", va="center", fontsize=12.5, fontweight="bold")
            colour = {"up": GAIN, "down": LOSS}.get(tone, "#777777")
            fig.text(x + width / 2, 0.68, textwrap.fill(change, 16), ha="center", va="center", fontsize=8, color=colour,
                     linespacing=1.1)
        ax = fig.add_axes((0.16, 0.07, 0.8, 0.47))
        roi_axes(ax, figures)
        ax.set_title(text("report.roi_chart", lang))
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()
