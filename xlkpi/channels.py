"""The prospecting channels of the weekly workbook, declared once (KPI_SPEC "Per channel").

Each channel lists its weekly input columns (with the input each may not exceed, for the
checker), which inputs are its volume (leads contacted) and its replies on the dashboard, and
its KPI columns: a registry function and the inputs it takes. The template
(:mod:`xlkpi.template`) is built from these declarations; labels default to the registry's.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from . import kpis as _kpis  # noqa: F401  (fills the registry)
from .registry import REGISTRY

InputKind = Literal["count", "amount", "minutes"]


@dataclass(frozen=True)
class Input:
    """A weekly input column."""

    key: str
    en: str
    fr: str
    kind: InputKind = "count"
    at_most: str | None = None  # key of an input of the same week this one may not exceed

    def label(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


@dataclass(frozen=True)
class KpiColumn:
    """A KPI column: ``function(*args)`` over the row's inputs; its last argument is the denominator."""

    function: str
    args: tuple[str, ...]
    en: str | None = None  # default: the registry's label
    fr: str | None = None

    def label(self, lang: str) -> str:
        own = self.fr if lang == "fr" else self.en
        return own or REGISTRY[self.function].label(lang)


@dataclass(frozen=True)
class Channel:
    key: str
    en: str
    fr: str
    inputs: tuple[Input, ...]
    volume: str  # the input counting leads contacted
    replies: str  # the input counting replies (phone: calls that reached someone)
    kpis: tuple[KpiColumn, ...]

    def name(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en

    def input(self, key: str) -> Input:
        return next(i for i in self.inputs if i.key == key)


def funnel(meetings_at_most: str) -> tuple[Input, ...]:
    """The funnel inputs every channel shares."""
    return (
        Input("meetings", "Meetings booked", "RDV obtenus", at_most=meetings_at_most),
        Input("opportunities", "Opportunities", "Opportunités"),
        Input("deals", "Deals signed", "Signatures"),
        Input("revenue", "Revenue", "Chiffre d'affaires", "amount"),
        Input("cost", "Cost", "Coût", "amount"),
    )


def funnel_kpis(volume: str, replies: str, response_rate: bool = True) -> tuple[KpiColumn, ...]:
    """The KPI columns every channel shares (the dashboard computes the same on its sums);
    ``response_rate=False`` where the channel already has a column replies / volume."""
    response = KpiColumn("KPI_REPLY_RATE", (replies, volume), "Response rate (of contacted)",
                         "Taux de réponse (sur contactés)")
    return (
        *((response,) if response_rate else ()),
        KpiColumn("KPI_MEETING_RATE", ("meetings", volume), "Meeting rate (of contacted)", "Taux de RDV (sur contactés)"),
        KpiColumn("KPI_CONVERSION_RATE", ("deals", volume)),
        KpiColumn("KPI_CPL", ("cost", "meetings")),
        KpiColumn("KPI_CPQ", ("cost", "opportunities")),
        KpiColumn("KPI_CAC", ("cost", "deals")),
        KpiColumn("KPI_ROI", ("revenue", "cost")),
    )


PLANNED = Input("planned", "Planned", "Prévus")
SENT = Input("sent", "Sent", "Envoyés")
NEGATIVE_OF_REPLIES = Input("negative", "Negative replies", "Réponses négatives", at_most="replies")

CHANNELS: tuple[Channel, ...] = (
    Channel(
        "email", "Email", "Email",
        (PLANNED, SENT,
         Input("delivered", "Delivered", "Délivrés", at_most="sent"),
         Input("opened", "Opened", "Ouverts", at_most="delivered"),
         Input("clicked", "Clicked", "Cliqués", at_most="opened"),
         Input("replies", "Replies", "Réponses", at_most="delivered"),
         NEGATIVE_OF_REPLIES,
         Input("unsubscribes", "Unsubscribes", "Désinscriptions", at_most="delivered"),
         Input("hard_bounces", "Hard bounces", "Hard bounces", at_most="sent"),
         Input("soft_bounces", "Soft bounces", "Soft bounces", at_most="sent"),
         *funnel("replies")),
        "sent", "replies",
        (KpiColumn("KPI_PROGRESS", ("sent", "planned")),
         KpiColumn("KPI_DELIVERABILITY", ("delivered", "planned")),
         KpiColumn("KPI_OPEN_RATE", ("opened", "delivered")),
         KpiColumn("KPI_CLICK_RATE", ("clicked", "opened")),
         KpiColumn("KPI_REPLY_RATE", ("replies", "opened"), "Reply rate (of opened)", "Taux de réponse (sur ouverts)"),
         KpiColumn("KPI_NEGATIVE_RATE", ("negative", "opened")),
         KpiColumn("KPI_MEETING_RATE", ("meetings", "delivered"), "Meeting rate (of delivered)", "Taux de RDV (sur délivrés)"),
         KpiColumn("KPI_OPT_OUT_RATE", ("unsubscribes", "delivered"), "Unsubscribe rate", "Taux de désinscription"),
         KpiColumn("KPI_BOUNCE_RATE", ("hard_bounces", "sent"), "Hard bounce rate", "Taux de hard bounce"),
         KpiColumn("KPI_BOUNCE_RATE", ("soft_bounces", "sent"), "Soft bounce rate", "Taux de soft bounce"),
         *funnel_kpis("sent", "replies")),
    ),
    Channel(
        "linkedin", "LinkedIn", "LinkedIn",
        (PLANNED,
         Input("sent", "Invitations sent", "Invitations envoyées"),
         Input("accepted", "Invitations accepted", "Invitations acceptées", at_most="sent"),
         Input("read", "Messages read", "Messages lus", at_most="accepted"),
         Input("replies", "Replies", "Réponses", at_most="accepted"),
         NEGATIVE_OF_REPLIES,
         *funnel("replies")),
        "sent", "replies",
        (KpiColumn("KPI_PROGRESS", ("sent", "planned")),
         KpiColumn("KPI_ACCEPTANCE_RATE", ("accepted", "sent")),
         KpiColumn("KPI_REPLY_RATE", ("replies", "accepted"), "Reply rate (of accepted)", "Taux de réponse (sur acceptées)"),
         KpiColumn("KPI_NEGATIVE_RATE", ("negative", "accepted")),
         KpiColumn("KPI_MEETING_RATE", ("meetings", "read"), "Meeting rate (of read)", "Taux de RDV (sur lus)"),
         *funnel_kpis("sent", "replies")),
    ),
    Channel(
        "phone", "Phone", "Téléphone",
        (Input("calls", "Calls made", "Appels passés"),
         Input("connected", "Reached someone", "Interlocuteur joint", at_most="calls"),
         Input("unanswered", "No one reached", "Sans interlocuteur", at_most="calls"),
         Input("callbacks", "Asked to call back", "Demandes de rappel", at_most="connected"),
         Input("refusals", "Refusals", "Refus", at_most="connected"),
         Input("off_target", "Not our target", "Hors cible", at_most="connected"),
         Input("talk_minutes", "Talk time (minutes)", "Temps de conversation (minutes)", "minutes"),
         Input("sought", "Key answers sought", "Réponses clés recherchées"),
         Input("obtained", "Key answers obtained", "Réponses clés obtenues", at_most="sought"),
         *funnel("connected")),
        "calls", "connected",
        (KpiColumn("KPI_CONNECT_RATE", ("connected", "calls")),
         KpiColumn("KPI_CALLBACK_RATE", ("callbacks", "connected")),
         KpiColumn("KPI_MEETING_RATE", ("meetings", "connected"), "Meeting rate (of reached)", "Taux de RDV (sur joints)"),
         KpiColumn("KPI_NEGATIVE_RATE", ("refusals", "connected"), "Refusal rate", "Taux de refus"),
         KpiColumn("KPI_UNREACHED_RATE", ("unanswered", "calls")),
         KpiColumn("KPI_OFF_TARGET_RATE", ("off_target", "connected")),
         KpiColumn("KPI_AVG_CALL_LENGTH", ("talk_minutes", "calls"), "Average call length (minutes)",
                   "Durée moyenne d'appel (minutes)"),
         KpiColumn("KPI_QUALIFICATION_LEVEL", ("obtained", "sought")),
         KpiColumn("KPI_CALL_TO_OPP_RATE", ("opportunities", "calls")),
         *funnel_kpis("calls", "connected", response_rate=False)),
    ),
    Channel(
        "sms", "SMS", "SMS",
        (PLANNED, SENT,
         Input("delivered", "Delivered", "Délivrés", at_most="sent"),
         Input("replies", "Replies", "Réponses", at_most="delivered"),
         Input("positive", "Positive replies", "Réponses positives", at_most="replies"),
         NEGATIVE_OF_REPLIES,
         Input("stop", "STOP (opt-outs)", "STOP (désinscriptions)", at_most="delivered"),
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
        "mail", "Postal mail", "Courrier",
        (PLANNED,
         Input("sent", "Letters sent", "Courriers envoyés"),
         Input("replies", "Replies", "Réponses", at_most="sent"),
         NEGATIVE_OF_REPLIES,
         *funnel("replies")),
        "sent", "replies",
        (KpiColumn("KPI_PROGRESS", ("sent", "planned")),
         KpiColumn("KPI_NO_REPLY_RATE", ("replies", "sent")),
         KpiColumn("KPI_NEGATIVE_RATE", ("negative", "sent")),
         KpiColumn("KPI_POSITIVE_RATE", ("meetings", "sent"), "Positive rate (meetings)", "Taux de réponses positives (RDV)"),
         *funnel_kpis("sent", "replies")),
    ),
)


def _check(channels: tuple[Channel, ...]) -> None:
    """Every KPI names a registry function with as many required arguments as it is given, and
    every key refers to an input of its channel."""
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
        for lang in ("en", "fr"):
            labels = [k.label(lang) for k in channel.kpis] + [i.label(lang) for i in channel.inputs]
            if len(set(labels)) != len(labels):
                raise ValueError(f"{channel.key}: two columns share a {lang} label")
        if not any(k.args == (channel.replies, channel.volume) for k in channel.kpis):
            raise ValueError(f"{channel.key}: no KPI column replies / volume")


_check(CHANNELS)
