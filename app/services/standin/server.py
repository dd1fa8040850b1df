"""The stand-in HTTP server of the integrations contract (stdlib ThreadingHTTPServer).

Serves i-payment, MyCX, TAMARA, the Callback app, CWC, NOSSA, Sephia, escalation, Nonatero
and service status under their path prefixes, as
app/resources/contract/openapi.yaml says: bearer auth, X-Request-ID echo, JSON errors,
required Idempotency-Key on POST/PATCH with replay of the original answer, and
injected faults.  A control API under /_standin/ (no auth; bind to 127.0.0.1 only)
sets faults, lists what was received and resets.  Embeddable (`StandinServer`, run
in a thread) for the demo and the tests.  It is a test double: never point real
agents' work at it.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import ssl
import threading
import uuid
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable
from urllib.parse import parse_qsl, unquote, urlsplit

import app.services.standin.api as api
import app.services.standin.loops as loops
from app.platform import paths
from app.services.standin.faults import Fault, FaultInjector, FaultPlan
from app.services.standin.state import StandinState, fingerprint

log = logging.getLogger(__name__)

# POST/PATCH routes: (method, path pattern) -> destination name used by the outbox
_SEG = "[^/]+"
DESTINATIONS = {
    ("POST", "/mycx/v1/caring-results"): "mycx",
    ("POST", "/tamara/v1/caring-results"): "tamara",
    ("POST", "/mycx/v1/fault-tickets"): "mycx_ticket",
    ("PATCH", f"/mycx/v1/tickets/{_SEG}"): "mycx_ticket",
    ("POST", f"/mycx/v1/tickets/{_SEG}/status-changes"): "mycx_ticket_status",
    ("POST", "/mycx/v1/dapros/picks"): "mycx_pick",
    ("POST", "/callback/v1/responses"): "callback",
    ("POST", f"/callback/v1/tickets/{_SEG}/progress"): "callback_progress",
    ("POST", "/cwc/v1/call-reasons"): "cwc",
    ("POST", f"/nossa/v1/incidents/{_SEG}/notes"): "nossa_note",
    ("POST", "/sephia/v1/hard-complaints"): "sephia",
    ("POST", "/escalation/v1/escalations"): "escalation",
    ("POST", "/nonatero/v1/call-results"): "nonatero",
}
_ROUTES = [(m, re.compile(f"^{pattern}$"), dest) for (m, pattern), dest in DESTINATIONS.items()]
HEALTHY = ("ipayment", "mycx", "tamara", "callback", "cwc", "nossa", "sephia", "escalation", "nonatero",
           "service-status")


def _route_destination(method: str, path: str) -> str | None:
    for m, pattern, dest in _ROUTES:
        if m == method and pattern.match(path):
            return dest
    return None


def _segment(path: str, index: int) -> str:
    return unquote(path.split("/")[index])


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 128           # a burst of new connections from a concurrent outbox

    def __init__(self, address, owner: "StandinServer") -> None:
        self.owner = owner
        super().__init__(address, _Handler)

    def get_request(self):
        sock, address = super().get_request()
        if self.owner.ssl_context is not None:
            # Handshake later, in the connection's own thread, so one bad client cannot stall accept().
            sock = self.owner.ssl_context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, address

    def handle_error(self, request, client_address) -> None:
        import sys
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError, ssl.SSLError)):   # the client gave up: expected
            log.debug("standin: client %s went away: %s", client_address, exc)
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"      # keep-alive, so clients' connection pools are exercised
    disable_nagle_algorithm = True     # headers and body go out in two writes: no 40 ms delayed-ACK stall
    server: _Server

    def setup(self) -> None:
        if isinstance(self.request, ssl.SSLSocket):
            self.request.settimeout(10)
            self.request.do_handshake()     # a client refusing our certificate ends here (logged at debug)
            self.request.settimeout(None)
        super().setup()

    def log_message(self, fmt: str, *args: Any) -> None:
        log.debug("standin: " + fmt, *args)

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PATCH(self) -> None:
        self._handle("PATCH")

    def do_PUT(self) -> None:
        self._handle("PUT")

    def do_DELETE(self) -> None:
        self._handle("DELETE")

    # -- plumbing ------------------------------------------------------------------
    def _handle(self, method: str) -> None:
        owner = self.server.owner
        split = urlsplit(self.path)
        path, query = split.path, dict(parse_qsl(split.query))
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if len(raw) < length:
            # The client died mid-body (e.g. a killed process): never process half a request.
            self.server.owner.state.count("cut_off")
            return self._drop()
        self.request_id = self.headers.get("X-Request-ID") or uuid.uuid4().hex
        try:
            if path.startswith("/_standin/"):
                status, body = owner.control(method, path, query, raw)
                return self._send(status, body)
            if method == "GET" and path == "/openapi.yaml":
                text = paths.resource("contract", "openapi.yaml").read_bytes()
                return self._send(200, text, content_type="application/yaml")
            owner.state.count("requests")
            plan = owner.faults.plan
            if plan.latency_ms and owner.stopping.wait(plan.latency_ms / 1000):
                return self._drop()
            fault = owner.faults.decide(path)
            if fault and not fault.after_processing:
                return self._inject(fault)
            if self.headers.get("Authorization", "") != f"Bearer {owner.token}":
                raise api.ApiError(401, "unauthorized", "token API tidak ada atau tidak sah")
            status, body, headers = self._api(method, path, query, raw)
            if fault:        # stored, then the answer is lost: what idempotency keys are for
                return self._inject(fault)
            self._send(status, body, headers=headers)
        except api.ApiError as exc:
            self._send(exc.status, self._error(exc.code, exc.message))
        except Exception:                               # a stand-in bug: say so, keep serving
            log.exception("stand-in failed on %s %s", method, path)
            self._send(500, self._error("internal_error", "kesalahan internal stand-in"))

    def _error(self, code: str, message: str) -> dict[str, Any]:
        return {"code": code, "message": message, "request_id": self.request_id}

    def _send(self, status: int, body: Any, *, headers: dict[str, str] | None = None,
              content_type: str = "application/json") -> None:
        payload = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type + ("; charset=utf-8" if "json" in content_type else ""))
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("X-Request-ID", self.request_id)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _drop(self) -> None:
        self.close_connection = True       # the server closes the socket without an answer

    def _inject(self, fault: Fault) -> None:
        owner = self.server.owner
        owner.state.count(f"fault_{fault.kind}" + ("_after" if fault.after_processing else ""))
        plan = owner.faults.plan
        if fault.kind == "error500":
            return self._send(500, self._error("internal_error", "gangguan server (disimulasikan)"))
        if fault.kind == "ratelimit":
            return self._send(429, self._error("rate_limited", "terlalu banyak permintaan"),
                              headers={"Retry-After": str(plan.retry_after)})
        if fault.kind == "timeout":
            owner.stopping.wait(plan.hold_ms / 1000)
        return self._drop()

    def _api(self, method: str, path: str, query: dict[str, str], raw: bytes):
        owner, cat, state = self.server.owner, self.server.owner.catalogue, self.server.owner.state
        if method == "GET":
            system = path.split("/")[1] if path.count("/") == 3 and path.endswith("/v1/health") else ""
            if system in HEALTHY:
                return 200, {"status": "ok", "system": system, "version": "standin"}, None
            parts = path.split("/")
            if path.startswith("/ipayment/v1/bills/") and len(parts) == 5:
                return 200, api.get_bill(cat, _segment(path, 4)), None
            if path == "/mycx/v1/dapros":
                return 200, api.list_dapros(cat, query), None
            if path == "/callback/v1/tickets":
                return 200, api.list_tickets(cat, query), None
            if path.startswith("/mycx/v1/tickets/") and len(parts) == 5:
                return 200, loops.ticket_state(cat, state, _segment(path, 4)), None
            if path.startswith("/mycx/v1/customers/") and len(parts) == 6 and parts[5] == "eos":
                return 200, loops.eos(cat, _segment(path, 4)), None
            if path.startswith("/nossa/v1/incidents/") and len(parts) == 5:
                return 200, loops.incident(cat, state, _segment(path, 4)), None
            if path == "/sephia/v1/hard-complaints":
                return 200, loops.list_hard_complaints(cat, state, query), None
            if path.startswith("/service-status/v1/products/") and len(parts) == 5:
                return 200, loops.service_status(cat, _segment(path, 4)), None
            raise api.ApiError(404, "not_found", f"tidak ada {path}")
        destination = _route_destination(method, path)
        if destination is None:
            raise api.ApiError(404 if method in ("POST", "PATCH") else 405, "not_found", f"tidak ada {method} {path}")
        key = self.headers.get("Idempotency-Key", "").strip()
        if not 8 <= len(key) <= 128:
            raise api.ApiError(400, "idempotency_key_required", "header Idempotency-Key wajib (8-128 karakter)")
        if not raw:
            raise api.ApiError(400, "invalid_json", "isi permintaan kosong; kirim objek JSON")
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise api.ApiError(400, "invalid_json", "isi permintaan bukan JSON yang sah") from None
        fp = fingerprint(method, path, body)
        with state.key_lock(key):
            previous = state.answer_for(key)
            if previous is not None:
                if previous.fingerprint != fp:
                    raise api.ApiError(422, "idempotency_conflict",
                                       "Idempotency-Key ini sudah dipakai untuk isi permintaan yang berbeda")
                state.count("replays")
                return previous.status, previous.body, {"Idempotent-Replayed": "true"}
            seq = owner.next_seq()
            try:
                status, answer = self._process(method, path, body, seq)
            except api.ApiError as exc:
                status, answer = exc.status, self._error(exc.code, exc.message)
            item = {"idempotency_key": key, "request_id": self.request_id, "method": method, "path": path,
                    "body": body, "status": status, "answer": answer,
                    "received_at": owner.now().isoformat()}
            state.store(destination, key, fp, status, answer, item)
            return status, answer, None

    def _process(self, method: str, path: str, body: Any, seq: int) -> tuple[int, Any]:
        owner = self.server.owner
        cat, state = owner.catalogue, owner.state
        if path == "/mycx/v1/caring-results":
            return api.caring_result(cat, "MYCX", body, seq)
        if path == "/tamara/v1/caring-results":
            return api.caring_result(cat, "TMR", body, seq)
        if path == "/mycx/v1/fault-tickets":
            return api.fault_ticket(cat, state, body, seq)
        destination = _route_destination(method, path)
        if destination == "mycx_ticket":
            return api.ticket_status(cat, state, _segment(path, 4), body)
        if destination == "mycx_ticket_status":
            return loops.ticket_status_change(cat, state, _segment(path, 4), body)
        if destination == "mycx_pick":
            return loops.dapros_pick(cat, body, seq)
        if destination == "callback_progress":
            return loops.callback_progress(cat, body, seq)
        if destination == "cwc":
            return api.caring_result(cat, "CWC", body, seq)
        if destination == "nonatero":
            return api.caring_result(cat, "NNT", body, seq)
        if destination == "nossa_note":
            return loops.incident_note(cat, _segment(path, 4), body, seq)
        if destination == "sephia":
            return loops.hard_complaint(cat, body, seq)
        if destination == "escalation":
            return loops.escalation(cat, body, seq)
        return api.callback_response(cat, body, seq)


class StandinServer:
    """The stand-in, embedded: `StandinServer(port=0).start()`, then `.url`, `.token`, `.stop()`."""

    def __init__(self, port: int = 0, host: str = "127.0.0.1", *, token: str | None = None, seed: int = 0,
                 latency_ms: int = 0, fail_rate: float = 0.0, mode: str = "mixed", hold_ms: int = 15_000,
                 state_file: str | None = None, clock: Callable[[], datetime] | None = None,
                 tls: tuple[str, str] | None = None) -> None:
        """`tls=(certfile, keyfile)` serves HTTPS (to test the clients' certificate checks)."""
        self.host, self.port = host, port
        self.ssl_context: ssl.SSLContext | None = None
        if tls:
            self.ssl_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self.ssl_context.load_cert_chain(*tls)
        self.token = token or secrets.token_urlsafe(18)
        self.now = clock or (lambda: datetime.now(timezone.utc))
        self.state = StandinState(state_file)
        self.faults = FaultInjector(FaultPlan(latency_ms=latency_ms, fail_rate=fail_rate, mode=mode,
                                              hold_ms=hold_ms), seed=seed)
        self.catalogue = api.Catalogue(seed=seed, today=lambda: self.now().date(), now=self.now)
        self.stopping = threading.Event()
        self._seq_lock = threading.Lock()
        self._seq = sum(self.state.counts().values())
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------
    def start(self) -> "StandinServer":
        self.stopping.clear()
        self._httpd = _Server((self.host, self.port), self)
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1},
                                        name="standin-http", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()            # releases held "timeout" connections
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread:
            self._thread.join(timeout=5)
        self._httpd = self._thread = None

    def __enter__(self) -> "StandinServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def url(self) -> str:
        scheme = "https" if self.ssl_context else "http"
        return f"{scheme}://{self.host}:{self.port}"

    def api_settings(self) -> dict[str, str]:
        """Values for Settings `api.*` pointing every client at this stand-in."""
        return {"ipayment_url": self.url, "mycx_url": self.url, "tamara_url": self.url, "callback_url": self.url,
                "cwc_url": self.url, "nossa_url": self.url, "sephia_url": self.url, "escalation_url": self.url,
                "nonatero_url": self.url, "service_status_url": self.url}

    # -- for tests and the demo ---------------------------------------------------------
    def next_seq(self) -> int:
        with self._seq_lock:
            self._seq += 1
            return self._seq

    def received(self, destination: str) -> list[dict[str, Any]]:
        return self.state.items(destination)

    def counts(self) -> dict[str, int]:
        return self.state.counts()

    def set_faults(self, **plan: Any) -> FaultPlan:
        new = FaultPlan.from_json(plan)
        self.faults.set_plan(new)
        return new

    def clear_faults(self) -> None:
        self.faults.set_plan(FaultPlan())

    def reset(self) -> None:
        self.state.reset()
        self.clear_faults()

    def add_account(self, account_number: str, **profile: Any) -> None:
        """Make the bill of a demo account show the demo's own customer (name, address, arrears...)."""
        self.catalogue.overrides[account_number] = profile

    def control(self, method: str, path: str, query: dict[str, str], raw: bytes) -> tuple[int, Any]:
        try:
            body = json.loads(raw) if raw else {}
        except json.JSONDecodeError:
            return 400, {"code": "invalid_json", "message": "bukan JSON", "request_id": ""}
        if path == "/_standin/health":
            return 200, {"ok": True, "url": self.url}
        if path == "/_standin/faults":
            if method == "POST":
                try:
                    return 200, self.set_faults(**body).to_json()
                except (TypeError, ValueError) as exc:
                    return 400, {"code": "bad_faults", "message": str(exc), "request_id": ""}
            return 200, self.faults.plan.to_json()
        if path == "/_standin/received":
            dest = query.get("destination")
            if dest:
                items = self.received(dest)
                return 200, {"destination": dest, "count": len(items), "items": items}
            return 200, {"counts": self.counts(), "stats": dict(self.state.stats)}
        if path == "/_standin/reset" and method == "POST":
            self.reset()
            return 200, {"ok": True}
        if path == "/_standin/accounts" and method == "POST":
            number = str(body.pop("account_number", ""))
            if not number:
                return 400, {"code": "bad_account", "message": "account_number wajib", "request_id": ""}
            self.add_account(number, **body)
            return 200, {"ok": True}
        return 404, {"code": "not_found", "message": f"tidak ada {method} {path}", "request_id": ""}
