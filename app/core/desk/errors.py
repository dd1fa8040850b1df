"""The desk's expected refusals, each with a message for the agent in both languages (app.domain.text)."""

from __future__ import annotations

from app.domain.text import TextError


class DeskError(TextError):
    """An expected refusal with a message for the agent (a Text; str(error) is its Indonesian wording)."""


class ResultInvalid(DeskError):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors
