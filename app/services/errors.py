"""Typed failures of the outside systems (i-payment, MyCX, TAMARA, Callback app).

Every client raises one of these, never a bare `requests` exception.  Each carries a
message for the agent (`user_message`: Bahasa Indonesia; `user_text`: both languages when
it was written as a Text), a technical `detail` for the log, the HTTP status and request
ID when there was one, and `transient`: True when the same request may succeed later (the
outbox retries it), False when a person has to act.  `str(error)` and `.text` are the
whole description (message, detail, status, request).  Nothing here may hold a token or a
full phone number.
"""

from __future__ import annotations

from app.domain.text import Text, TextError

_OUTSIDE = Text("luar", "outside")      # the system's name when the caller did not give one


def _formatted(message: Text | str, **values: Text | str) -> Text | str:
    """`message` (a Text, or Indonesian only) with its {placeholders} filled."""
    if isinstance(message, Text):
        return message.format(**values)
    return message.format(**{k: str(v) for k, v in values.items()})


class ServiceError(TextError):
    transient: bool = False
    default_message: Text | str = Text("Terjadi kesalahan saat menghubungi sistem {service}.",
                                       "Something went wrong while contacting the {service} system.")

    def __init__(self, detail: str = "", *, service: str = "", status_code: int | None = None,
                 request_id: str | None = None, user_message: Text | str | None = None,
                 transient: bool | None = None) -> None:
        self.service = service
        self.detail = detail
        self.status_code = status_code
        self.request_id = request_id
        message = user_message or _formatted(self.default_message, service=service or _OUTSIDE)
        self.user_message = str(message)
        self.user_text = message if isinstance(message, Text) else None
        if transient is not None:
            self.transient = transient
        super().__init__(self._described(self.user_text) if self.user_text else self.describe())

    def describe(self) -> str:
        return self._described(self.user_message)

    def _described(self, message: Text | str) -> Text | str:
        suffix = []
        if self.detail:
            suffix.append(f"({self.detail})")
        if self.status_code is not None:
            suffix.append(f"[HTTP {self.status_code}]")
        if self.request_id:
            suffix.append(f"[request {self.request_id}]")
        if not suffix:
            return message
        return message + " ".join(suffix) if isinstance(message, Text) else " ".join([message, *suffix])


class ServiceUnavailable(ServiceError):
    """5xx, connection refused or reset, answer cut off."""
    transient = True
    default_message = Text("Sistem {service} sedang tidak dapat dihubungi. Coba lagi sebentar lagi.",
                           "The {service} system cannot be reached right now. Try again in a moment.")


class ServiceTimeout(ServiceError):
    transient = True
    default_message = Text("Sistem {service} tidak menjawab tepat waktu. Coba lagi sebentar lagi.",
                           "The {service} system did not answer in time. Try again in a moment.")


class RateLimited(ServiceError):
    transient = True
    default_message = Text("Sistem {service} sedang sibuk (terlalu banyak permintaan). Coba lagi sebentar lagi.",
                           "The {service} system is busy (too many requests). Try again in a moment.")

    def __init__(self, detail: str = "", *, retry_after: float | None = None, **kw) -> None:
        self.retry_after = retry_after
        super().__init__(detail, **kw)


class AuthenticationFailed(ServiceError):
    """401/403: the API token is missing, wrong or not allowed; an admin must fix it."""
    default_message = Text("Akses ke sistem {service} ditolak: token API tidak ada atau tidak sah. "
                           "Hubungi admin/IOC.",
                           "The {service} system refused access: the API token is missing or not valid. "
                           "Contact the admin/IOC.")


class NotFound(ServiceError):
    default_message = Text("Data tidak ditemukan di sistem {service}.", "Not found in the {service} system.")


class RejectedRequest(ServiceError):
    """Any other 4xx: the server refused this content; resending it unchanged will not help."""
    default_message = Text("Sistem {service} menolak data yang dikirim: {reason}",
                           "The {service} system refused the data sent: {reason}")

    def __init__(self, detail: str = "", *, server_message: Text | str | None = None, code: str | None = None,
                 **kw) -> None:
        self.server_message = server_message or ""
        self.code = code
        if "user_message" not in kw or kw["user_message"] is None:
            kw["user_message"] = _formatted(self.default_message, service=kw.get("service") or _OUTSIDE,
                                            reason=self.server_message or detail or "-")
        super().__init__(detail, **kw)


class InvalidResponse(ServiceError):
    """The answer is not JSON or not shaped as the contract says."""
    transient = True   # a proxy's HTML error page is usually temporary
    default_message = Text("Jawaban sistem {service} tidak dapat dibaca. Laporkan ke admin bila berulang.",
                           "The answer of the {service} system cannot be read. Tell the admin if it happens again.")


class ConfigurationError(ServiceError):
    """No base URL configured for a system: nothing to retry until an admin sets it."""
    default_message = Text("Alamat sistem {service} belum diatur (pengaturan api). Hubungi admin.",
                           "The address of the {service} system is not set (api settings). Contact the admin.")


class PayloadRefused(TextError, ValueError):
    """A client refuses the content it was given before sending anything: the caller's fault,
    so the outbox holds the message for a person (a ValueError, as it treats those)."""


def is_permanent(error: BaseException) -> bool:
    """Whether the outbox must stop retrying and hand the message to a person."""
    return isinstance(error, ServiceError) and not error.transient
