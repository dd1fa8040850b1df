"""The e-mail the outbox sends: the RFO (a Datin customer not reached after 3 calls gets the reason
for outage; W-08 1.2.17: again after a close), progress to the customer (W-08 1.2.11), and a
customer's e-mail forwarded to the unit of its segment (W-89 1.2.7-1.2.9).

Renders an Indonesian template of app/resources/mail/ (first line "Subject: …") from an
outbox payload {template, to, ...the template's fields} — "rfo" and "rfo_closed"
{customer_name, ticket_number, rfo_cause, rfo_repair, agent}, "progress" {customer_name,
ticket_number, progress, agent}, "forward" {unit, segment, routing, original_from,
original_date, original_subject, original_body, hard_complaint, reply_to}, and "forward_ack"
{customer_name, unit, original_subject} to the customer — and sends it through the site's
SMTP server (settings smtp.host, port, starttls, ssl, username, sender, timeout; the
password from the keyring as "smtp_password").  Failures are typed like the HTTP clients' (app.services.errors):
`transient` ones (server down, 4xx) are retried by the outbox, the others (bad
address, refused login, STARTTLS missing) wait for a person.  The Message-ID is made
from the outbox idempotency key, so a duplicate send is recognisable.  It must not
touch the database, and never logs the password or a full address.
"""

from __future__ import annotations

import logging
import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path
from string import Template
from typing import Any, Callable, Mapping

from app.domain.text import Text
from app.platform import paths
from app.services import errors

log = logging.getLogger(__name__)
SERVICE = "SMTP"
# template -> (file, the payload fields it cannot go without)
TEMPLATES = {"rfo": ("rfo_id.txt", ("ticket_number",)), "rfo_closed": ("rfo_closed_id.txt", ("ticket_number",)),
             "progress": ("progress_id.txt", ("ticket_number", "progress")),
             "forward": ("forward_id.txt", ("original_subject", "original_body")),
             "forward_ack": ("forward_ack_id.txt", ("original_subject",))}


class SmtpUnavailable(errors.ServiceUnavailable):
    """Connection refused, timed out or dropped, or a 4xx answer: try again later."""
    default_message = Text("Server e-mail (SMTP) sedang tidak dapat dihubungi; e-mail akan dikirim ulang otomatis.",
                           "The e-mail server (SMTP) cannot be reached right now; the e-mail will be sent again "
                           "automatically.")


class SmtpAuthFailed(errors.AuthenticationFailed):
    default_message = Text("Login ke server e-mail (SMTP) ditolak: periksa nama pengguna/kata sandi SMTP.",
                           "The e-mail server (SMTP) refused the login: check the SMTP user name/password.")


class SmtpRejected(errors.RejectedRequest):
    """A 5xx for this message or address: resending it unchanged will not help."""
    default_message = Text("Server e-mail menolak pesan: {reason}", "The e-mail server refused the message: {reason}")


class SmtpNotConfigured(errors.ConfigurationError):
    default_message = Text("Server e-mail (SMTP) belum diatur dengan benar (pengaturan smtp). Hubungi admin.",
                           "The e-mail server (SMTP) is not set up correctly (smtp settings). Contact the admin.")


def _mask_address(address: str) -> str:
    name, _, domain = address.partition("@")
    return f"{name[:2]}***@{domain}" if domain else "***"


def render(payload: Mapping[str, Any], sender: str, template_dir: Path | None = None) -> EmailMessage:
    """The e-mail for one outbox payload; refuses a payload without a recipient or ticket number."""
    name, needed = TEMPLATES.get(str(payload.get("template", "rfo")), (None, ()))
    if name is None:
        raise SmtpRejected(detail=f"unknown template {payload.get('template')!r}", service=SERVICE,
                           server_message=Text(f"templat e-mail tidak dikenal: {payload.get('template')}",
                                               f"unknown e-mail template: {payload.get('template')}"))
    to = str(payload.get("to") or "").strip()
    if "@" not in to:
        raise SmtpRejected(detail="no recipient address", service=SERVICE,
                           server_message=Text("alamat e-mail pelanggan kosong atau tidak sah; perbarui data pelanggan",
                                               "the customer's e-mail address is empty or not valid; update the "
                                               "customer's data"))
    if "ticket_number" in needed and not payload.get("ticket_number"):
        raise SmtpRejected(detail="no ticket number", service=SERVICE,
                           server_message=Text("nomor tiket kosong", "no ticket number"))
    missing = [k for k in needed if not payload.get(k)]
    if missing:
        raise SmtpRejected(detail=f"missing {', '.join(missing)}", service=SERVICE,
                           server_message=Text(f"isi e-mail tidak lengkap: {', '.join(missing)}",
                                               f"the e-mail is incomplete: {', '.join(missing)}"))
    text = ((template_dir or paths.resource("mail")) / name).read_text(encoding="utf-8")
    values = {k: str(v if v not in (None, "") else "-") for k, v in payload.items()}
    for k in ("customer_name", "ticket_number", "rfo_cause", "rfo_repair", "agent"):
        values.setdefault(k, "-")
    first, _, body = Template(text).safe_substitute(values).partition("\n")
    if not first.lower().startswith("subject:"):
        raise SmtpNotConfigured(detail=f"template {name} lacks a Subject line", service=SERVICE)
    msg = EmailMessage()
    msg["Subject"] = first.split(":", 1)[1].strip()
    msg["From"] = sender
    msg["To"] = to
    if payload.get("reply_to"):
        msg["Reply-To"] = str(payload["reply_to"])
    msg["Date"] = formatdate(localtime=False)
    msg.set_content(body.lstrip("\n"), charset="utf-8")
    return msg


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    starttls: bool = True
    use_ssl: bool = False        # implicit TLS (port 465)
    username: str = ""
    sender: str = ""
    timeout: float = 10.0

    @classmethod
    def from_settings(cls, settings) -> "SmtpSettings":
        port = int(settings.get("smtp.port") or 587)
        return cls(host=str(settings.get("smtp.host") or ""), port=port,
                   starttls=bool(settings.get("smtp.starttls", True)),
                   use_ssl=bool(settings.get("smtp.ssl", port == 465)),
                   username=str(settings.get("smtp.username") or ""),
                   sender=str(settings.get("smtp.sender") or ""),
                   timeout=float(settings.get("smtp.timeout") or 10.0))


class RfoMailer:
    def __init__(self, config: SmtpSettings, password: Callable[[], str | None] | None = None,
                 tls_context: ssl.SSLContext | None = None) -> None:
        self.config = config
        self._password = password or (lambda: None)
        self.tls_context = tls_context

    @classmethod
    def from_settings(cls, settings, **kw) -> "RfoMailer":
        from app.platform.secrets import get_secret
        return cls(SmtpSettings.from_settings(settings), lambda: get_secret("smtp_password"), **kw)

    # -- outbox sender -----------------------------------------------------------------------
    def deliver(self, payload: Mapping[str, Any], idempotency_key: str) -> dict[str, Any]:
        """Outbox destination "email": render and send; a receipt dict for the outbox row."""
        c = self.config
        if not c.host or not c.sender:
            raise SmtpNotConfigured(detail="smtp.host or smtp.sender is empty", service=SERVICE)
        msg = render(payload, c.sender)
        domain = c.sender.rpartition("@")[2] or "sambung.local"
        msg["Message-ID"] = f"<{idempotency_key}@{domain}>"
        self.send(msg)
        log.info("%s e-mail (ticket %s) sent to %s", payload.get("template", "rfo"), payload.get("ticket_number"),
                 _mask_address(msg["To"]))
        return {"message_id": msg["Message-ID"], "ticket_number": payload.get("ticket_number")}

    def send(self, msg: EmailMessage) -> None:
        c = self.config
        try:
            if c.use_ssl:
                smtp = smtplib.SMTP_SSL(c.host, c.port, timeout=c.timeout,
                                        context=self.tls_context or ssl.create_default_context())
            else:
                smtp = smtplib.SMTP(c.host, c.port, timeout=c.timeout)
            with smtp:
                smtp.ehlo()
                if c.starttls and not c.use_ssl:
                    if not smtp.has_extn("starttls"):
                        raise SmtpNotConfigured(detail=f"{c.host}:{c.port} does not offer STARTTLS", service=SERVICE,
                                                user_message=Text("Server e-mail tidak mendukung STARTTLS; "
                                                                  "periksa pengaturan smtp (port/starttls).",
                                                                  "The e-mail server does not offer STARTTLS; "
                                                                  "check the smtp settings (port/starttls)."))
                    smtp.starttls(context=self.tls_context or ssl.create_default_context())
                    smtp.ehlo()
                if c.username:
                    password = self._password()
                    if not password:
                        raise SmtpNotConfigured(detail="smtp_password missing from the keyring", service=SERVICE,
                                                user_message=Text("Kata sandi SMTP belum disimpan; hubungi admin.",
                                                                  "The SMTP password is not saved; contact the admin."))
                    smtp.login(c.username, password)
                refused = smtp.send_message(msg)
                if refused:
                    raise SmtpRejected(detail=f"recipient refused: {refused}", service=SERVICE,
                                       server_message=Text("alamat penerima ditolak server",
                                                           "the server refused the recipient's address"))
        except errors.ServiceError:
            raise
        except smtplib.SMTPAuthenticationError as exc:
            raise SmtpAuthFailed(detail=f"SMTP {exc.smtp_code}", service=SERVICE) from exc
        except smtplib.SMTPNotSupportedError as exc:
            raise SmtpNotConfigured(detail=str(exc), service=SERVICE) from exc
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            raise _by_code(min(codes) if codes else 550, "recipient refused") from exc
        except smtplib.SMTPResponseException as exc:     # sender refused, data refused, other codes
            raise _by_code(exc.smtp_code, _text(exc.smtp_error)) from exc
        except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, socket.timeout, ConnectionError,
                OSError) as exc:
            raise SmtpUnavailable(detail=f"{type(exc).__name__}: {exc}", service=SERVICE) from exc
        except smtplib.SMTPException as exc:
            raise SmtpUnavailable(detail=f"{type(exc).__name__}: {exc}", service=SERVICE) from exc


def _text(raw: Any) -> str:
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def _by_code(code: int, detail: str) -> errors.ServiceError:
    if 400 <= code < 500:
        return SmtpUnavailable(detail=f"SMTP {code} {detail}", service=SERVICE)
    return SmtpRejected(detail=f"SMTP {code} {detail}", service=SERVICE,
                        server_message=f"{code} {detail}")
