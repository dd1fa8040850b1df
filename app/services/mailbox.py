"""The site mailbox over IMAP (imaplib): the customers' e-mails not taken in yet, and marking one done.

A message is "taken in" once it carries the IMAP keyword `$Sambung` (and \\Seen); the
caller marks it only after its own records are committed, so a crash in between reads
it again and the caller recognises it by its Message-ID.  Settings `mail_intake.*`
(host, port, ssl, starttls, username, mailbox, timeout); the password from the keyring
as "imap_password".  Failures are typed like the other clients' (app.services.errors).
It must not touch the database, and never logs the password or a full address.
"""

from __future__ import annotations

import imaplib
import logging
import socket
import ssl
from dataclasses import dataclass
from typing import Callable

from app.domain.text import Text
from app.services import errors

log = logging.getLogger(__name__)
SERVICE = "IMAP"
DONE_KEYWORD = "$Sambung"


class MailboxUnavailable(errors.ServiceUnavailable):
    default_message = Text("Kotak surat (IMAP) tidak dapat dihubungi; coba lagi nanti.",
                           "The mailbox (IMAP) cannot be reached; try again later.")


class MailboxLoginFailed(errors.AuthenticationFailed):
    default_message = Text("Login ke kotak surat (IMAP) ditolak: periksa nama pengguna/kata sandi IMAP.",
                           "The mailbox (IMAP) refused the login: check the IMAP user name and password.")


class MailboxNotConfigured(errors.ConfigurationError):
    default_message = Text("Kotak surat (IMAP) belum diatur (pengaturan mail_intake). Hubungi admin.",
                           "The mailbox (IMAP) is not set up (mail_intake settings). Contact the admin.")


@dataclass(frozen=True)
class MailboxSettings:
    host: str
    port: int = 993
    use_ssl: bool = True
    starttls: bool = False
    username: str = ""
    mailbox: str = "INBOX"
    timeout: float = 10.0

    @classmethod
    def from_settings(cls, settings) -> "MailboxSettings":
        port = int(settings.get("mail_intake.port") or 993)
        return cls(host=str(settings.get("mail_intake.host") or ""), port=port,
                   use_ssl=bool(settings.get("mail_intake.ssl", port == 993)),
                   starttls=bool(settings.get("mail_intake.starttls", False)),
                   username=str(settings.get("mail_intake.username") or ""),
                   mailbox=str(settings.get("mail_intake.mailbox") or "INBOX"),
                   timeout=float(settings.get("mail_intake.timeout") or 10.0))


class Mailbox:
    """`with Mailbox(...) as box:` then `box.waiting()` -> [(uid, raw bytes)], `box.mark_done(uid)`."""

    def __init__(self, config: MailboxSettings, password: Callable[[], str | None],
                 tls_context: ssl.SSLContext | None = None) -> None:
        self.config = config
        self._password = password
        self.tls_context = tls_context
        self._imap: imaplib.IMAP4 | None = None

    @classmethod
    def from_settings(cls, settings) -> "Mailbox":
        from app.platform.secrets import get_secret
        return cls(MailboxSettings.from_settings(settings), lambda: get_secret("imap_password"))

    def __enter__(self) -> "Mailbox":
        c = self.config
        if not c.host or not c.username:
            raise MailboxNotConfigured(detail="mail_intake.host or username is empty", service=SERVICE)
        password = self._password()
        if not password:
            raise MailboxNotConfigured(detail="imap_password missing from the keyring", service=SERVICE,
                                       user_message=Text("Kata sandi IMAP belum disimpan; hubungi admin.",
                                                         "The IMAP password is not saved; contact the admin."))
        try:
            if c.use_ssl:
                self._imap = imaplib.IMAP4_SSL(c.host, c.port, ssl_context=self.tls_context
                                               or ssl.create_default_context(), timeout=c.timeout)
            else:
                self._imap = imaplib.IMAP4(c.host, c.port, timeout=c.timeout)
                if c.starttls:
                    self._imap.starttls(self.tls_context or ssl.create_default_context())
            self._imap.login(c.username, password)
            self._ok(self._imap.select(c.mailbox), "SELECT")
        except imaplib.IMAP4.error as exc:
            self._close()
            if "auth" in str(exc).lower() or "login" in str(exc).lower():
                raise MailboxLoginFailed(detail=f"IMAP login: {exc}", service=SERVICE) from exc
            raise MailboxUnavailable(detail=f"IMAP: {exc}", service=SERVICE) from exc
        except (OSError, socket.timeout) as exc:
            self._close()
            raise MailboxUnavailable(detail=f"{type(exc).__name__}: {exc}", service=SERVICE) from exc
        return self

    def __exit__(self, *exc) -> None:
        self._close()

    def _close(self) -> None:
        if self._imap is not None:
            try:
                self._imap.logout()
            except (imaplib.IMAP4.error, OSError):
                pass
            self._imap = None

    @staticmethod
    def _ok(answer, what: str):
        status, data = answer
        if status != "OK":
            raise MailboxUnavailable(detail=f"IMAP {what}: {status} {data!r}", service=SERVICE)
        return data

    def waiting(self, limit: int = 200) -> list[tuple[str, bytes]]:
        """Messages not taken in yet, oldest first: (uid, the whole message)."""
        try:
            uids = self._ok(self._imap.uid("SEARCH", None, "UNKEYWORD", DONE_KEYWORD), "SEARCH")[0].split()
            out = []
            for uid in uids[:limit]:
                data = self._ok(self._imap.uid("FETCH", uid, "(BODY.PEEK[])"), "FETCH")
                raw = next((part[1] for part in data if isinstance(part, tuple)), None)
                if raw is not None:
                    out.append((uid.decode(), raw))
            return out
        except (imaplib.IMAP4.error, OSError) as exc:
            raise MailboxUnavailable(detail=f"IMAP: {exc}", service=SERVICE) from exc

    def mark_done(self, uid: str) -> None:
        try:
            self._ok(self._imap.uid("STORE", uid, "+FLAGS", f"({DONE_KEYWORD} \\Seen)"), "STORE")
        except (imaplib.IMAP4.error, OSError) as exc:
            raise MailboxUnavailable(detail=f"IMAP: {exc}", service=SERVICE) from exc
