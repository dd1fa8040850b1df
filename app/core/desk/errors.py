"""The desk's expected refusals, each with a message for the agent (Indonesian)."""

from __future__ import annotations


class DeskError(Exception):
    """An expected refusal with a message for the agent (Indonesian)."""


class ResultInvalid(DeskError):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors
