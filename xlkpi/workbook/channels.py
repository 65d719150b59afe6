"""The prospecting channels of the weekly workbook, declared once (KPI_SPEC "Per channel").

Each channel lists its weekly input columns (with the input each may not exceed, for the
checker), which inputs are its volume (leads contacted) and its replies on the dashboard, its
KPI columns (a registry function and the inputs it takes) and which of them is its response
rate (replies / volume, the Dashboard's weekly chart). Labels come from the text catalogue
(:mod:`xlkpi.i18n`): a channel's name is ``workbook.channel.<key>``, an input's
``workbook.input.<text>``, a KPI column's its own ``workbook.column.<text>`` or the registry's.
Adding a channel is one declaration here plus its texts in each catalogue.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .. import kpis as _kpis  # noqa: F401  (fills the registry)
from ..i18n import LANGS, text
from ..registry import REGISTRY

InputKind = Literal["count", "amount", "minutes"]


@dataclass(frozen=True)
class Input:
    """A weekly input column."""

    key: str
    kind: InputKind = "count"
    at_most: str | None = None  # key of an input of the same week this one may not exceed
    text: str | None = None  # its label's key, workbook.input.<text>; default: its key

    def label(self, lang: str) -> str:
        return text(f"workbook.input.{self.text or self.key}", lang)


@dataclass(frozen=True)
class KpiColumn:
    """A KPI column: ``function(*args)`` over the row's inputs; its last argument is the denominator."""

    function: str
    args: tuple[str, ...]
    text: str | None = None  # its label's key, workbook.column.<text>; default: the registry's label

    def label(self, lang: str) -> str:
        return text(f"workbook.column.{self.text}", lang) if self.text else REGISTRY[self.function].label(lang)


@dataclass(frozen=True)
class Channel:
    key: str
    inputs: tuple[Input, ...]
    volume: str  # the input counting leads contacted
    replies: str  # the input counting replies (phone: calls that reached someone)
    kpis: tuple[KpiColumn, ...]
    response_kpi: str = "KPI_REPLY_RATE"  # the function of its response-rate column (replies / volume)

    def name(self, lang: str) -> str:
        return text(f"workbook.channel.{self.key}", lang)

    def input(self, key: str) -> Input:
        return next(i for i in self.inputs if i.key == key)

    def column(self, function: str, args: tuple[str, ...]) -> int:
        """Index of the KPI column ``function(*args)``."""
        return next(n for n, k in enumerate(self.kpis) if k.function == function and k.args == args)

    def response_column(self) -> int:
        """Index of its response-rate column: replies / volume."""
        return self.column(self.response_kpi, (self.replies, self.volume))

    def meeting_column(self) -> int:
        """Index of its meeting-rate column: meetings / volume."""
        return self.column("KPI_MEETING_RATE", ("meetings", self.volume))


def funnel(meetings_at_most: str) -> tuple[Input, ...]:
    """The funnel inputs every channel shares."""
    return (
        Input("meetings", at_most=meetings_at_most),
        Input("opportunities"),
        Input("deals"),
        Input("revenue", "amount"),
        Input("cost", "amount"),
    )


def funnel_kpis(volume: str, replies: str, response_rate: bool = True) -> tuple[KpiColumn, ...]:
    """The KPI columns every channel shares (the dashboard computes the same on its sums);
    ``response_rate=False`` where the channel already has a column replies / volume."""
    response = KpiColumn("KPI_REPLY_RATE", (replies, volume), "response_of_contacted")
    return (
        *((response,) if response_rate else ()),
        KpiColumn("KPI_MEETING_RATE", ("meetings", volume), "meeting_of_contacted"),
        KpiColumn("KPI_CONVERSION_RATE", ("deals", volume)),
        KpiColumn("KPI_CPL", ("cost", "meetings"), "cost_per_meeting"),
        KpiColumn("KPI_CPQ", ("cost", "opportunities")),
        KpiColumn("KPI_CAC", ("cost", "deals")),
        KpiColumn("KPI_ROI", ("revenue", "cost")),
    )


PLANNED = Input("planned")
SENT = Input("sent")
NEGATIVE_OF_REPLIES = Input("negative", at_most="replies")

CHANNELS: tuple[Channel, ...] = (
    Channel(
        "email",
        (PLANNED, SENT,
         Input("delivered", at_most="sent"),
         Input("opened", at_most="delivered"),
         Input("clicked", at_most="opened"),
         Input("replies", at_most="delivered"),
         NEGATIVE_OF_REPLIES,
         Input("unsubscribes", at_most="delivered"),
         Input("hard_bounces", at_most="sent"),
         Input("soft_bounces", at_most="sent"),
         *funnel("replies")),
        "sent", "replies",
        (KpiColumn("KPI_PROGRESS", ("sent", "planned")),
         KpiColumn("KPI_DELIVERABILITY", ("delivered", "planned")),
         KpiColumn("KPI_OPEN_RATE", ("opened", "delivered")),
         KpiColumn("KPI_CLICK_RATE", ("clicked", "opened")),
         KpiColumn("KPI_REPLY_RATE", ("replies", "opened"), "reply_of_opened"),
         KpiColumn("KPI_NEGATIVE_RATE", ("negative", "opened")),
         KpiColumn("KPI_MEETING_RATE", ("meetings", "delivered"), "meeting_of_delivered"),
         KpiColumn("KPI_OPT_OUT_RATE", ("unsubscribes", "delivered"), "unsubscribe_rate"),
         KpiColumn("KPI_BOUNCE_RATE", ("hard_bounces", "sent"), "hard_bounce_rate"),
         KpiColumn("KPI_BOUNCE_RATE", ("soft_bounces", "sent"), "soft_bounce_rate"),
         *funnel_kpis("sent", "replies")),
    ),
    Channel(
        "linkedin",
        (PLANNED,
         Input("sent", text="invitations_sent"),
         Input("accepted", at_most="sent"),
         Input("read", at_most="accepted"),
         Input("replies", at_most="accepted"),
         NEGATIVE_OF_REPLIES,
         *funnel("replies")),
        "sent", "replies",
        (KpiColumn("KPI_PROGRESS", ("sent", "planned")),
         KpiColumn("KPI_ACCEPTANCE_RATE", ("accepted", "sent")),
         KpiColumn("KPI_REPLY_RATE", ("replies", "accepted"), "reply_of_accepted"),
         KpiColumn("KPI_NEGATIVE_RATE", ("negative", "accepted")),
         KpiColumn("KPI_MEETING_RATE", ("meetings", "read"), "meeting_of_read"),
         *funnel_kpis("sent", "replies")),
    ),
    Channel(
        "phone",
        (Input("calls"),
         Input("connected", at_most="calls"),
         Input("unanswered", at_most="calls"),
         Input("callbacks", at_most="connected"),
         Input("refusals", at_most="connected"),
         Input("off_target", at_most="connected"),
         Input("talk_minutes", "minutes"),
         Input("sought"),
         Input("obtained", at_most="sought"),
         *funnel("connected")),
        "calls", "connected",
        (KpiColumn("KPI_CONNECT_RATE", ("connected", "calls")),
         KpiColumn("KPI_CALLBACK_RATE", ("callbacks", "connected")),
         KpiColumn("KPI_MEETING_RATE", ("meetings", "connected"), "meeting_of_reached"),
         KpiColumn("KPI_NEGATIVE_RATE", ("refusals", "connected"), "refusal_rate"),
         KpiColumn("KPI_UNREACHED_RATE", ("unanswered", "calls")),
         KpiColumn("KPI_OFF_TARGET_RATE", ("off_target", "connected")),
         KpiColumn("KPI_AVG_CALL_LENGTH", ("talk_minutes", "calls"), "avg_call_minutes"),
         KpiColumn("KPI_QUALIFICATION_LEVEL", ("obtained", "sought")),
         KpiColumn("KPI_CALL_TO_OPP_RATE", ("opportunities", "calls")),
         *funnel_kpis("calls", "connected", response_rate=False)),
        response_kpi="KPI_CONNECT_RATE",
    ),
    Channel(
        "sms",
        (PLANNED, SENT,
         Input("delivered", at_most="sent"),
         Input("replies", at_most="delivered"),
         Input("positive", at_most="replies"),
         NEGATIVE_OF_REPLIES,
         Input("stop", at_most="delivered"),
         *funnel("replies")),
        "sent", "replies",
        (KpiColumn("KPI_PROGRESS", ("sent", "planned")),
         KpiColumn("KPI_DELIVERABILITY", ("delivered", "planned")),
         KpiColumn("KPI_NO_REPLY_RATE", ("replies", "delivered")),
         KpiColumn("KPI_NEGATIVE_RATE", ("negative", "delivered")),
         KpiColumn("KPI_POSITIVE_RATE", ("positive", "delivered")),
         KpiColumn("KPI_OPT_OUT_RATE", ("stop", "delivered")),
         *funnel_kpis("sent", "replies")),
    ),
    Channel(
        "mail",
        (PLANNED,
         Input("sent", text="letters_sent"),
         Input("replies", at_most="sent"),
         NEGATIVE_OF_REPLIES,
         *funnel("replies")),
        "sent", "replies",
        (KpiColumn("KPI_PROGRESS", ("sent", "planned")),
         KpiColumn("KPI_NO_REPLY_RATE", ("replies", "sent")),
         KpiColumn("KPI_NEGATIVE_RATE", ("negative", "sent")),
         KpiColumn("KPI_POSITIVE_RATE", ("meetings", "sent"), "positive_meetings"),
         *funnel_kpis("sent", "replies")),
    ),
)


def check_channels(channels: tuple[Channel, ...]) -> None:
    """Every KPI names a registry function with as many required arguments as it is given, every
    key refers to an input of its channel, each channel has its response and meeting rates, and
    no two columns of a sheet (nor two channels) share a label in any language."""
    keys_seen = [c.key for c in channels]
    if len(set(keys_seen)) != len(keys_seen):
        raise ValueError("two channels share a key")
    for channel in channels:
        keys = [i.key for i in channel.inputs]
        if len(set(keys)) != len(keys):
            raise ValueError(f"{channel.key}: duplicate input keys")
        refs = [channel.volume, channel.replies, *(i.at_most for i in channel.inputs if i.at_most)]
        refs += [a for k in channel.kpis for a in k.args]
        if unknown := set(refs) - set(keys):
            raise ValueError(f"{channel.key}: unknown input keys {sorted(unknown)}")
        for column in channel.kpis:
            kpi = REGISTRY.get(column.function)
            if kpi is None:
                raise ValueError(f"{channel.key}: {column.function} is not a registry function")
            if len(column.args) != sum(not p.optional for p in kpi.params):
                raise ValueError(f"{channel.key}: {column.function} takes its required arguments only")
        for lang in LANGS:
            labels = [k.label(lang) for k in channel.kpis] + [i.label(lang) for i in channel.inputs]
            if len(set(labels)) != len(labels):
                raise ValueError(f"{channel.key}: two columns share a {lang} label")
        for what, find in (("response rate", channel.response_column), ("meeting rate", channel.meeting_column)):
            try:
                find()
            except StopIteration:
                raise ValueError(f"{channel.key}: no {what} column over its volume") from None
    for lang in LANGS:
        names = [c.name(lang) for c in channels]
        if len(set(names)) != len(names):
            raise ValueError(f"two channels share the {lang} name")


check_channels(CHANNELS)
