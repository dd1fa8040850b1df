"""An outside system's failure is shown by its message for people, in the interface's language,
without the technical detail the log keeps (app.views.i18n.user_message)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.services import errors
from app.views import i18n


def test_an_outside_failure_is_shown_without_its_detail_in_the_interface_language(qapp):
    failure = errors.ServiceUnavailable("ConnectionRefusedError: [Errno 111]", service="NOSSA", status_code=503)
    assert i18n.user_message(failure) == "The NOSSA system cannot be reached right now. Try again in a moment."
    assert i18n.install(QApplication.instance(), "id")
    try:
        assert i18n.user_message(failure) == "Sistem NOSSA sedang tidak dapat dihubungi. Coba lagi sebentar lagi."
    finally:
        i18n.install(QApplication.instance(), "en")


def test_a_failure_with_an_indonesian_only_message_or_a_plain_error_is_shown_as_it_is(qapp):
    assert i18n.user_message(errors.ServiceError("x", user_message="Kata sandi SMTP belum disimpan.")) \
        == "Kata sandi SMTP belum disimpan."
    assert i18n.user_message(RuntimeError("boom")) == "boom"
