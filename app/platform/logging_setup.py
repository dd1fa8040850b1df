"""Where Sambung's log goes and what it may contain.

`configure(verbose)` sends records from INFO up (DEBUG when verbose) to rotating
files in app.platform.paths.log_dir() (5 × 2 MB, so a help-desk can ask for the whole
folder) and warnings (everything when verbose) to stderr.  Every handler carries `PrivacyFilter`: Indonesian phone numbers are
masked to their first and last four digits and anything shaped like a secret
(password/token/secret/authorization values, Bearer tokens, the SIP password
itself when known) is replaced by `***`.  The filter works on the formatted
message and on exception text, so a careless `%r` cannot leak.  This module must
not import Qt or anything above app core; it must never raise while logging.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
from pathlib import Path

from app.platform import paths

LOG_FILE_NAME = "sambung.log"
MAX_BYTES = 2 * 1024 * 1024
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"
REDACTED = "***"

# Indonesian numbers as written: 08…, 628…, +62…, 0062…, with optional separators between digit groups.
# Look-arounds keep account numbers and ids (long digit runs glued to other digits) out of it.
_PHONE = re.compile(r"(?<![\w+])(?:\+62|0062|62|0)[\s\-.]?\(?\d[\d\s\-.()]{6,16}\d(?!\w)")
_BEARER = re.compile(r"(?i)\b(bearer|basic|digest)\s+[A-Za-z0-9\-._~+/=:,\"]+")
_SECRET_KEYS = r"(?:password|passwd|pwd|token|api_token|secret|authorization|sip_password|smtp_password)"
# key=value, key: value, "key": "value", 'key': 'value'
_KEY_VALUE = re.compile(
    r"(?i)([\"']?\b[\w\-]*" + _SECRET_KEYS + r"[\w\-]*[\"']?\s*[:=]\s*)"
    r"(\"[^\"]*\"|'[^']*'|[^\s,;}&]+)")
# URLs with credentials: scheme://user:pass@host
_URL_PASSWORD = re.compile(r"(\b[a-z][a-z0-9+.\-]*://[^/\s:@]+:)([^@\s/]+)(@)", re.IGNORECASE)

_known_secrets: set[str] = set()


def remember_secret(value: str | None) -> None:
    """Redact this exact value wherever it appears (e.g. the SIP password once read)."""
    if value and len(value) >= 4:
        _known_secrets.add(value)


def mask_phone_text(match: re.Match) -> str:
    text = match.group(0)
    digits = re.sub(r"\D", "", text)
    if digits.startswith("0062"):
        national = "0" + digits[4:]
    elif digits.startswith("62"):
        national = "0" + digits[2:]
    else:
        national = digits
    # Too short or not shaped like a national number (0 then 1-9): not a phone, leave it.
    if len(national) < 9 or len(national) > 14 or national[1] == "0":
        return text
    return national[:4] + "*" * (len(national) - 8) + national[-4:]


def redact(text: str) -> str:
    """The text with phone numbers masked and secrets replaced by ***."""
    if not text:
        return text
    for secret in _known_secrets:
        if secret in text:
            text = text.replace(secret, REDACTED)
    text = _BEARER.sub(lambda m: f"{m.group(1)} {REDACTED}", text)
    text = _URL_PASSWORD.sub(lambda m: m.group(1) + REDACTED + m.group(3), text)

    def key_value(m: re.Match) -> str:
        value = m.group(2)
        quote = value[0] if value[:1] in ("'", '"') else ""
        return m.group(1) + quote + REDACTED + quote
    text = _KEY_VALUE.sub(key_value, text)
    return _PHONE.sub(mask_phone_text, text)


class PrivacyFilter(logging.Filter):
    """Rewrites each record so that what any handler formats is already masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string is still logged, masked
            message = f"{record.msg!r} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        # The traceback is now text; a formatter must not rebuild the unmasked one.
        record.exc_info = None
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def log_file() -> Path:
    return paths.log_dir() / LOG_FILE_NAME


_configured: list[logging.Handler] = []


def configure(verbose: bool = False) -> Path:
    """Install the rotating file log and the stderr log; safe to call again. Returns the log file."""
    root = logging.getLogger()
    for handler in _configured:
        root.removeHandler(handler)
        handler.close()
    _configured.clear()
    # Handlers installed earlier (basicConfig) get the filter too: nothing bypasses it.
    privacy = PrivacyFilter()
    for handler in root.handlers:
        handler.addFilter(privacy)
    formatter = logging.Formatter(FORMAT)
    path = log_file()
    file_handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                                                        encoding="utf-8", delay=True)
    file_handler.setLevel(logging.DEBUG if verbose else logging.INFO)
    file_handler.setFormatter(formatter)
    file_handler.addFilter(privacy)
    handlers: list[logging.Handler] = [file_handler]
    console_level = logging.DEBUG if verbose else logging.WARNING
    consoles = [h for h in root.handlers
                if isinstance(h, logging.StreamHandler) and not isinstance(h, logging.FileHandler)
                and getattr(h, "stream", None) in (sys.stderr, sys.stdout)]
    for console in consoles:        # e.g. an earlier basicConfig: warnings only unless -v
        console.setLevel(console_level)
    if not consoles:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(console_level)
        stream.setFormatter(formatter)
        stream.addFilter(privacy)
        handlers.append(stream)
    for handler in handlers:
        root.addHandler(handler)
        _configured.append(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    # Third-party chatter stays out of the agent's log unless asked for.
    for noisy in ("urllib3", "alembic", "sqlalchemy.engine"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if verbose else logging.WARNING)
    try:
        from app.platform.secrets import get_secret
        for name in ("sip_password", "api_token", "smtp_password"):
            remember_secret(get_secret(name))
    except Exception:  # noqa: BLE001 - no keyring must not stop the log
        pass
    return path


def tail(lines: int = 200, path: Path | None = None) -> list[str]:
    """The last lines of the current log file (already masked when written)."""
    path = path or log_file()
    try:
        with open(path, "rb") as fh:
            fh.seek(0, 2)
            size = fh.tell()
            fh.seek(max(0, size - 256 * 1024))
            data = fh.read().decode("utf-8", errors="replace")
    except OSError:
        return []
    return data.splitlines()[-lines:]
