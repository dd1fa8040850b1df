"""The log never holds a full phone number or a secret, and it rotates in the log folder."""

from __future__ import annotations

import logging

import pytest

from app.platform import logging_setup
from app.platform.logging_setup import PrivacyFilter, configure, redact


@pytest.fixture
def logged(sambung_home):
    path = configure(verbose=False)
    yield path
    for handler in list(logging_setup._configured):
        logging.getLogger().removeHandler(handler)
        handler.close()
    logging_setup._configured.clear()
    logging_setup._known_secrets.clear()


@pytest.mark.parametrize("raw, masked", [
    ("081234567890", "0812****7890"),
    ("6281234567890", "0812****7890"),
    ("+6281234567890", "0812****7890"),
    ("+62 812-3456-7890", "0812****7890"),
    ("0221234567", "0221**4567"),
])
def test_indonesian_phone_numbers_keep_only_first_and_last_four_digits(raw, masked):
    assert redact(f"dialling {raw} now") == f"dialling {masked} now"


def test_account_numbers_timestamps_and_ips_are_not_mistaken_for_phones():
    text = "account 122300012345 at 2026-11-25 21:26:09 from 127.0.0.1:5060 request 0a81234567890f"
    assert redact(text) == text


@pytest.mark.parametrize("raw", [
    "password=hunter22", "token: abcdef123", '{"api_token": "s3cr3t-value"}', "Authorization: Bearer abc.def.ghi",
    "sip_password='pw-1234'", "postgresql://sambung:dbpass99@db.site/sambung",
])
def test_secret_values_are_redacted(raw):
    out = redact(raw)
    for secret in ("hunter22", "abcdef123", "s3cr3t-value", "abc.def.ghi", "pw-1234", "dbpass99"):
        assert secret not in out
    assert "***" in out


def test_file_log_masks_args_and_tracebacks_and_known_sip_password(logged):
    log = logging.getLogger("app.test")
    logging_setup.remember_secret("Rahasia#SIP99")
    log.warning("call to %s failed, account password %s", "+6281234567890", "Rahasia#SIP99")
    try:
        raise ValueError("number 081298765432 refused")
    except ValueError:
        log.exception("dial failed")
    for handler in logging_setup._configured:
        handler.flush()
    text = logged.read_text(encoding="utf-8")
    assert "0812****7890" in text and "0812****5432" in text
    assert "81234567890" not in text and "81298765432" not in text
    assert "Rahasia#SIP99" not in text
    assert "Traceback" in text


def test_log_file_rotates_in_the_log_folder(logged, sambung_home):
    handler = logging_setup._configured[0]
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    assert handler.maxBytes == 2 * 1024 * 1024 and handler.backupCount == 5
    assert logged.parent == sambung_home / "logs"


def test_filter_keeps_records_and_is_idempotent():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "to %s", ("081234567890",), None)
    f = PrivacyFilter()
    assert f.filter(record) and f.filter(record)
    assert record.getMessage() == "to 0812****7890"


def test_console_shows_only_warnings_unless_verbose(logged):
    import sys
    configure(verbose=False)
    def consoles():
        return [h for h in logging.getLogger().handlers if getattr(h, "stream", None) is sys.stderr]
    assert consoles() and all(h.level == logging.WARNING for h in consoles())
    configure(verbose=True)
    assert consoles() and all(h.level == logging.DEBUG for h in consoles())
