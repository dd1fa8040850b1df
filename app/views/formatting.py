"""How numbers, money, times and states read on screen (Indonesian conventions)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.domain.calling_hours import CustomerZone
from app.domain.money import rupiah
from app.domain.roles import Role
from app.views.i18n import current_language

STATE_LABELS = {
    "new": QT_TRANSLATE_NOOP("States", "New"),
    "claimed": QT_TRANSLATE_NOOP("States", "Taken"),
    "in_call": QT_TRANSLATE_NOOP("States", "In call"),
    "wrap_up": QT_TRANSLATE_NOOP("States", "Wrap-up"),
    "done": QT_TRANSLATE_NOOP("States", "Done"),
    "retry_later": QT_TRANSLATE_NOOP("States", "Retry"),
    "pending_until": QT_TRANSLATE_NOOP("States", "Pending"),
    "closed_unreachable": QT_TRANSLATE_NOOP("States", "Closed, unreachable"),
    "returned": QT_TRANSLATE_NOOP("States", "Returned"),
}


# One name per role wherever a person reads it: the login, the agent's top bar, the admin's user list.
ROLE_LABELS = {Role.AGENT: QT_TRANSLATE_NOOP("Roles", "Agent (CT-0/PRANPC)"),
               Role.TIER2: QT_TRANSLATE_NOOP("Roles", "Tier-2 agent"),
               Role.TEAM_LEADER: QT_TRANSLATE_NOOP("Roles", "Team leader"),
               Role.QC: QT_TRANSLATE_NOOP("Roles", "QC officer"),
               Role.ADMIN: QT_TRANSLATE_NOOP("Roles", "Administrator")}


# Ticket types and statuses as the Callback app and MyCX store them, in words (one home: the
# agent's card, the Tier-2 ticket panel and the team leader's ticket lists).
TICKET_TYPE_LABELS = {
    "super_emergency": QT_TRANSLATE_NOOP("Tier2", "Super emergency"),
    "buzzer": QT_TRANSLATE_NOOP("Tier2", "Buzzer"),
    "buzzer_visit": QT_TRANSLATE_NOOP("Tier2", "Buzzer visit"),
    "hard_complaint": QT_TRANSLATE_NOOP("Tier2", "Hard complaint"),
    "repaired_fault": QT_TRANSLATE_NOOP("Tier2", "Repaired fault"),
}
TICKET_STATUS_LABELS = {
    "open": QT_TRANSLATE_NOOP("Tier2", "Open"),
    "pending": QT_TRANSLATE_NOOP("Tier2", "Pending"),
    "closed": QT_TRANSLATE_NOOP("Tier2", "Closed"),
    "back_to_repair": QT_TRANSLATE_NOOP("Tier2", "Back to repair"),
}
# What a dapros calls a phone ("seluler", "rumah", "kantor"): data words, shown in the user's language.
PHONE_LABELS = {
    "seluler": QT_TRANSLATE_NOOP("Phones", "mobile"),
    "hp": QT_TRANSLATE_NOOP("Phones", "mobile"),
    "rumah": QT_TRANSLATE_NOOP("Phones", "home"),
    "kantor": QT_TRANSLATE_NOOP("Phones", "office"),
    "cp": QT_TRANSLATE_NOOP("Phones", "contact person"),
}


def ticket_type_label(value: str) -> str:
    """A ticket type in words; an unknown type (a new one in the Callback app) reads as itself, tidied."""
    if value in TICKET_TYPE_LABELS:
        return QCoreApplication.translate("Tier2", TICKET_TYPE_LABELS[value])
    return value.replace("_", " ")


def ticket_status_label(value: str) -> str:
    if value in TICKET_STATUS_LABELS:
        return QCoreApplication.translate("Tier2", TICKET_STATUS_LABELS[value])
    return value.replace("_", " ")


def phone_label(value: str | None) -> str:
    """The kind of phone number in the user's language; a label the site made up stays as typed."""
    key = (value or "").strip().lower()
    return QCoreApplication.translate("Phones", PHONE_LABELS[key]) if key in PHONE_LABELS else (value or "")


def reason_text(catalogue, code: str) -> str:
    """A reason's label in the language of the user interface; a retired code reads as itself."""
    try:
        return catalogue.get(code).label(current_language())
    except KeyError:
        return code


def role_label(role: Role | str) -> str:
    return QCoreApplication.translate("Roles", ROLE_LABELS.get(role, role))


def state_label(state: str) -> str:
    return QCoreApplication.translate("States", STATE_LABELS.get(state, state))


money = rupiah


def local_time(dt: datetime | None, region: str = "WIB", with_date: bool = True) -> str:
    if dt is None:
        return ""
    # A customer of unknown zone ("UNK") reads on the site's WIB clock; the card says the zone is unknown.
    zone = CustomerZone.parse(region).display_region
    local = dt.astimezone(zone.zone)
    fmt = "%d/%m %H:%M" if with_date else "%H:%M"
    return f"{local.strftime(fmt)} {zone.value}"


def hours_minutes(seconds: float | None) -> str:
    """A shift or a day's pauses: "3:05" (hours:minutes)."""
    if seconds is None:
        return ""
    minutes = int(seconds) // 60
    return f"{minutes // 60}:{minutes % 60:02d}"


def duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    s = int(seconds)
    return f"{s // 60:02d}:{s % 60:02d}" if s < 3600 else f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"
