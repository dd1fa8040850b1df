"""User-visible messages made outside the screens, in both of the program's languages.

The screens translate their own words through Qt (`tr()`); the core and the domain do not
know Qt, yet their refusals ("Akses ditolak…", "Dengarkan rekaman dulu…") end up on a
screen.  Such a message is a `Text`: the Indonesian and the English wording side by side,
written together where the rule is.  `str()` is the Indonesian wording, so the command line,
the logs and a screen that does not ask keep reading Bahasa Indonesia; a screen shows
`text.get(language)` (app.views.i18n.message does it for an exception).  An exception carries
its Text in `.text` (`TextError`, or any exception class that stores one there).
tests/test_translations.py checks every Text has both wordings with the same placeholders, and
that no new bare-string refusal appears outside app/views.  Nothing here knows Qt.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    id: str          # Bahasa Indonesia: what the CLI, the logs and the default UI read
    en: str

    def __str__(self) -> str:
        return self.id

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.id

    def __add__(self, other: "Text | str") -> "Text":
        """Two sentences, one after the other, in each language (a str reads the same in both:
        a code, a number, a system's own words)."""
        if not isinstance(other, Text):
            return Text(f"{self.id} {other}", f"{self.en} {other}")
        return Text(f"{self.id} {other.id}", f"{self.en} {other.en}")

    def format(self, **values: object) -> "Text":
        """Each wording with its {placeholders} filled; a Text value fills each language with its own."""
        return Text(self.id.format(**{k: v.id if isinstance(v, Text) else v for k, v in values.items()}),
                    self.en.format(**{k: v.en if isinstance(v, Text) else v for k, v in values.items()}))


class TextError(Exception):
    """An expected refusal whose message a screen shows in the user's language."""

    def __init__(self, text: Text | str) -> None:
        super().__init__(str(text))
        self.text = text if isinstance(text, Text) else None


def text_of(error: BaseException) -> Text | None:
    """The bilingual message an exception carries, if it carries one."""
    text = getattr(error, "text", None)
    return text if isinstance(text, Text) else None


def words_of(error: BaseException) -> Text | str:
    """What to tell people about an exception: its Text when it carries one, else its str()."""
    return text_of(error) or str(error)


class Worded:
    """A verdict with a `message: Text | None` (a dataclass field of the subclass), also read as
    its two wordings."""

    message: Text | None

    @property
    def message_id(self) -> str:
        return self.message.id if self.message else ""

    @property
    def message_en(self) -> str:
        return self.message.en if self.message else ""
