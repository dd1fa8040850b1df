"""The desk's expected refusals, each with a message for the agent (Indonesian)."""

from __future__ import annotations

from app.domain.text import TextError


class DeskError(TextError):
    """An expected refusal with a message for the agent (a Text, or Indonesian only in older refusals)."""


class ResultInvalid(DeskError):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors
