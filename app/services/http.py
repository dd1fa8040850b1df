"""Shared HTTP plumbing for the clients of the outside systems (`requests`).

One `ApiClient` per system: a pooled `Session`, (connect, read) timeouts from
settings, TLS verification always on (optionally against the site's CA bundle), a
bearer token read from the OS keyring on each request, an `X-Request-ID` on every
request, and transport retries for idempotent GETs only.  POST/PATCH are never
retried here: the outbox retries them with their idempotency key.  Responses and
transport failures become the typed errors of app.services.errors.  This module must
never log the token, request bodies or full phone numbers.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Mapping

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from app import __version__
from app.domain.text import Text
from app.services import errors

log = logging.getLogger(__name__)

TokenProvider = Callable[[], "str | None"]


def keyring_token() -> str | None:
    from app.platform.secrets import get_secret
    return get_secret("api_token")


def new_request_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class ApiResponse:
    status_code: int
    body: Any
    request_id: str | None
    replayed: bool = False      # the server answered from its idempotency store


def _get_retry(total: int) -> Retry:
    # Only GET/HEAD are re-sent after a read error or a 502/503/504; connect errors
    # (request never left) are retried for every method, which is safe.
    return Retry(total=total, connect=total, read=total, status=total, other=0,
                 backoff_factor=0.2, backoff_max=2.0, status_forcelist=(502, 503, 504),
                 allowed_methods=frozenset({"GET", "HEAD"}), respect_retry_after_header=False,
                 raise_on_status=False, raise_on_redirect=False)


class ApiClient:
    """HTTP access to one system's base URL."""

    def __init__(self, base_url: str, *, service: str, token: TokenProvider = keyring_token,
                 connect_timeout: float = 3.05, read_timeout: float = 10.0,
                 ca_bundle: str | None = None, get_retries: int = 2, pool_size: int = 10) -> None:
        if not base_url:
            raise errors.ConfigurationError(detail="base URL is empty", service=service)
        self.base_url = base_url.rstrip("/")
        self.service = service
        self._token = token
        self.timeout = (float(connect_timeout), float(read_timeout))
        self.session = requests.Session()
        # Passed on every request too: a session-level path would lose to REQUESTS_CA_BUNDLE.
        self.verify: bool | str = ca_bundle or True
        self.session.verify = self.verify
        self.session.trust_env = True       # honour the site's HTTPS_PROXY / NO_PROXY
        self.session.headers.update({"User-Agent": f"Sambung/{__version__}",
                                     "Accept": "application/json"})
        adapter = HTTPAdapter(pool_connections=2, pool_maxsize=pool_size,
                              max_retries=_get_retry(get_retries))
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)

    @classmethod
    def from_settings(cls, settings, url_key: str, service: str, **kw) -> "ApiClient":
        return cls(settings.get(f"api.{url_key}", ""), service=service,
                   connect_timeout=settings.get("api.connect_timeout", 3.05),
                   read_timeout=settings.get("api.read_timeout", 10.0),
                   ca_bundle=settings.get("api.ca_bundle") or None, **kw)

    def close(self) -> None:
        self.session.close()

    # -- requests ---------------------------------------------------------------
    def get(self, path: str, params: Mapping[str, Any] | None = None,
            request_id: str | None = None) -> ApiResponse:
        return self._send("GET", path, params=params, request_id=request_id)

    def get_page(self, path: str, what: str, *, limit: int, cursor: str | None = None,
                 **params: Any) -> "Page":
        """One page of a cursor-paged list of the contract (`items`, `next_cursor`)."""
        query: dict[str, Any] = {**params, "limit": int(limit)}
        if cursor:
            query["cursor"] = cursor
        resp = self.get(path, params=query)
        body = require_dict(resp.body, what, self.service, resp.request_id, "items", "next_cursor")
        if not isinstance(body["items"], list):
            raise errors.InvalidResponse(detail=f"{what}: items is not a list", service=self.service,
                                         request_id=resp.request_id)
        return Page(items=body["items"], next_cursor=body["next_cursor"])

    def post(self, path: str, body: Any, *, idempotency_key: str,
             request_id: str | None = None) -> ApiResponse:
        return self._send("POST", path, body=body, idempotency_key=idempotency_key,
                          request_id=request_id)

    def patch(self, path: str, body: Any, *, idempotency_key: str,
              request_id: str | None = None) -> ApiResponse:
        return self._send("PATCH", path, body=body, idempotency_key=idempotency_key,
                          request_id=request_id)

    def _send(self, method: str, path: str, *, params=None, body=None,
              idempotency_key: str | None = None, request_id: str | None = None) -> ApiResponse:
        if method != "GET" and not idempotency_key:
            raise ValueError(f"{method} {path} needs an idempotency key")
        request_id = request_id or new_request_id()
        headers = {"X-Request-ID": request_id}
        token = self._token() if self._token else None
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        data = None
        if body is not None:
            headers["Content-Type"] = "application/json"
            data = json.dumps(body, ensure_ascii=False, default=str).encode("utf-8")
        url = self.base_url + path
        kw = dict(service=self.service, request_id=request_id)
        try:
            resp = self.session.request(method, url, params=params, data=data, headers=headers,
                                        timeout=self.timeout, allow_redirects=False, verify=self.verify)
        except requests.exceptions.SSLError as exc:
            raise errors.ServiceUnavailable(
                detail=f"TLS: {type(exc).__name__}", transient=False,
                user_message=Text(f"Sertifikat server {self.service} tidak dapat diverifikasi. Hubungi admin.",
                                  f"The certificate of the {self.service} server cannot be verified. "
                                  "Contact the admin."),
                **kw) from exc
        except (requests.exceptions.ConnectTimeout, requests.exceptions.ReadTimeout) as exc:
            raise errors.ServiceTimeout(detail=f"{method} {path}: {type(exc).__name__}", **kw) from exc
        except requests.exceptions.RetryError as exc:
            raise errors.ServiceUnavailable(detail=f"{method} {path}: retries exhausted", **kw) from exc
        except (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
            if _is_timeout(exc):
                raise errors.ServiceTimeout(detail=f"{method} {path}: timeout", **kw) from exc
            raise errors.ServiceUnavailable(detail=f"{method} {path}: {type(exc).__name__}", **kw) from exc
        except requests.exceptions.RequestException as exc:
            raise errors.ServiceUnavailable(detail=f"{method} {path}: {type(exc).__name__}", **kw) from exc
        echoed = resp.headers.get("X-Request-ID") or request_id
        log.debug("%s %s -> %s (request %s)", method, path, resp.status_code, echoed)
        return self._interpret(method, path, resp, echoed)

    def _interpret(self, method: str, path: str, resp: requests.Response, request_id: str) -> ApiResponse:
        status = resp.status_code
        kw = dict(service=self.service, status_code=status, request_id=request_id)
        body = _json_or_none(resp)
        server_message = body.get("message") if isinstance(body, dict) else None
        code = body.get("code") if isinstance(body, dict) else None
        what = f"{method} {path}"
        if 200 <= status < 300:
            if body is None and resp.content:
                raise errors.InvalidResponse(detail=f"{what}: answer is not JSON", **kw)
            return ApiResponse(status, body, request_id,
                               replayed=resp.headers.get("Idempotent-Replayed", "").lower() == "true")
        if status in (401, 403):
            raise errors.AuthenticationFailed(detail=f"{what}: {server_message or status}", **kw)
        if status == 404:
            raise errors.NotFound(detail=f"{what}: {server_message or 'not found'}", **kw)
        if status == 429:
            raise errors.RateLimited(detail=f"{what}: rate limited",
                                     retry_after=_retry_after(resp.headers.get("Retry-After")), **kw)
        if status == 408:
            raise errors.ServiceTimeout(detail=f"{what}: server request timeout", **kw)
        if 400 <= status < 500:
            raise errors.RejectedRequest(detail=f"{what}: {code or status}", server_message=server_message,
                                         code=code, **kw)
        if status >= 500:
            raise errors.ServiceUnavailable(detail=f"{what}: {code or status}", **kw)
        raise errors.InvalidResponse(detail=f"{what}: unexpected status {status}", **kw)


def _json_or_none(resp: requests.Response) -> Any:
    if not resp.content:
        return None
    try:
        return resp.json()
    except ValueError:
        return None


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        from email.utils import parsedate_to_datetime
        from datetime import datetime, timezone
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _is_timeout(exc: BaseException) -> bool:
    # requests wraps urllib3's ReadTimeoutError inside ConnectionError after retries.
    seen = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        name = type(cur).__name__
        if "Timeout" in name:
            return True
        reason = getattr(cur, "reason", None)
        if isinstance(reason, BaseException) and "Timeout" in type(reason).__name__:
            return True
        args = getattr(cur, "args", ())
        if args and isinstance(args[0], BaseException) and "Timeout" in type(args[0]).__name__:
            return True
        cur = cur.__cause__ or cur.__context__
    return False


class ContractClient:
    """A client of one system of the contract: its settings key (`api.<URL_KEY>`), its name in
    messages, and one ApiClient.  Subclasses add the system's calls."""

    URL_KEY: ClassVar[str]
    SERVICE: ClassVar[str]

    def __init__(self, api: ApiClient) -> None:
        self.api = api

    @classmethod
    def from_settings(cls, settings, **kw):
        return cls(ApiClient.from_settings(settings, cls.URL_KEY, cls.SERVICE, **kw))

    def close(self) -> None:
        self.api.close()


def require_dict(value: Any, what: str, service: str, request_id: str | None, *keys: str) -> dict:
    """The JSON object the contract promises, or InvalidResponse."""
    if not isinstance(value, dict):
        raise errors.InvalidResponse(detail=f"{what}: expected a JSON object", service=service,
                                     request_id=request_id)
    missing = [k for k in keys if k not in value]
    if missing:
        raise errors.InvalidResponse(detail=f"{what}: missing {', '.join(missing)}", service=service,
                                     request_id=request_id)
    return value


@dataclass(frozen=True)
class Page:
    """One page of contract objects, as sent, and the cursor of the next (None on the last page)."""

    items: list[dict[str, Any]]
    next_cursor: str | None


@dataclass(frozen=True)
class Receipt:
    """What a destination answered to one submission (receipt or ticket number)."""

    receipt_id: str
    received_at: str
    replayed: bool                    # answered from the server's idempotency store (a retry)
    body: dict[str, Any]
    status_code: int = 0


def receipt_from(resp, what: str, service: str, *keys: str) -> Receipt:
    body = require_dict(resp.body, what, service, resp.request_id, *keys)
    return Receipt(receipt_id=str(body.get("receipt_id") or body.get("ticket_number")
                                  or body.get("ticket_id") or ""),
                   received_at=str(body.get("received_at") or body.get("created_at")
                                   or body.get("updated_at") or ""),
                   replayed=resp.replayed, body=body, status_code=resp.status_code)
