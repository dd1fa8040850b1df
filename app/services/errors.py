"""Typed failures of the outside systems (i-payment, MyCX, TAMARA, Callback app).

Every client raises one of these, never a bare `requests` exception.  Each carries a
message for the agent in Bahasa Indonesia (`user_message`), a technical `detail` for
the log, the HTTP status and request ID when there was one, and `transient`: True
when the same request may succeed later (the outbox retries it), False when a person
has to act.  Nothing here may hold a token or a full phone number.
"""

from __future__ import annotations


class ServiceError(Exception):
    transient: bool = False
    default_message = "Terjadi kesalahan saat menghubungi sistem {service}."

    def __init__(self, detail: str = "", *, service: str = "", status_code: int | None = None,
                 request_id: str | None = None, user_message: str | None = None,
                 transient: bool | None = None) -> None:
        self.service = service
        self.detail = detail
        self.status_code = status_code
        self.request_id = request_id
        self.user_message = user_message or self.default_message.format(service=service or "luar")
        if transient is not None:
            self.transient = transient
        super().__init__(self.describe())

    def describe(self) -> str:
        parts = [self.user_message]
        if self.detail:
            parts.append(f"({self.detail})")
        if self.status_code is not None:
            parts.append(f"[HTTP {self.status_code}]")
        if self.request_id:
            parts.append(f"[request {self.request_id}]")
        return " ".join(parts)


class ServiceUnavailable(ServiceError):
    """5xx, connection refused or reset, answer cut off."""
    transient = True
    default_message = "Sistem {service} sedang tidak dapat dihubungi. Coba lagi sebentar lagi."


class ServiceTimeout(ServiceError):
    transient = True
    default_message = "Sistem {service} tidak menjawab tepat waktu. Coba lagi sebentar lagi."


class RateLimited(ServiceError):
    transient = True
    default_message = "Sistem {service} sedang sibuk (terlalu banyak permintaan). Coba lagi sebentar lagi."

    def __init__(self, detail: str = "", *, retry_after: float | None = None, **kw) -> None:
        self.retry_after = retry_after
        super().__init__(detail, **kw)


class AuthenticationFailed(ServiceError):
    """401/403: the API token is missing, wrong or not allowed; an admin must fix it."""
    default_message = ("Akses ke sistem {service} ditolak: token API tidak ada atau tidak sah. "
                       "Hubungi admin/IOC.")


class NotFound(ServiceError):
    default_message = "Data tidak ditemukan di sistem {service}."


class RejectedRequest(ServiceError):
    """Any other 4xx: the server refused this content; resending it unchanged will not help."""
    default_message = "Sistem {service} menolak data yang dikirim: {reason}"

    def __init__(self, detail: str = "", *, server_message: str | None = None, code: str | None = None,
                 **kw) -> None:
        self.server_message = server_message or ""
        self.code = code
        if "user_message" not in kw or kw["user_message"] is None:
            kw["user_message"] = self.default_message.format(
                service=kw.get("service") or "luar", reason=self.server_message or detail or "-")
        super().__init__(detail, **kw)


class InvalidResponse(ServiceError):
    """The answer is not JSON or not shaped as the contract says."""
    transient = True   # a proxy's HTML error page is usually temporary
    default_message = "Jawaban sistem {service} tidak dapat dibaca. Laporkan ke admin bila berulang."


class ConfigurationError(ServiceError):
    """No base URL configured for a system: nothing to retry until an admin sets it."""
    default_message = "Alamat sistem {service} belum diatur (pengaturan api). Hubungi admin."


def is_permanent(error: BaseException) -> bool:
    """Whether the outbox must stop retrying and hand the message to a person."""
    return isinstance(error, ServiceError) and not error.transient
