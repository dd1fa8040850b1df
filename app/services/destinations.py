"""The outbox's destinations: one table of name -> (which client, how it sends).

Every message row names its destination; `senders_from(...)` turns the clients given
into the OutboxWorker's name -> sender table, `senders_from_settings(settings)` builds
the clients the settings reach first.  "email" (RFO, progress and forwarded mail by
SMTP) is always there: without an SMTP host each e-mail fails with a configuration
error, shown as failed in the outbox, instead of waiting silently.  Adding a
destination is one row in ROUTES (and its name in app.store.outbox_repo.KNOWN_DESTINATIONS);
docs/contract.md lists them with their paths and idempotency rules.  This module
must not decide retries (the worker does) nor build payloads (the use cases do).
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

Sender = Callable[[dict[str, Any], str], Any]     # (payload, idempotency_key) -> receipt

#: The settings keys of the contract's systems that receive deliveries.
API_URL_KEYS = ("api.mycx_url", "api.tamara_url", "api.callback_url", "api.cwc_url", "api.nossa_url",
                "api.sephia_url", "api.escalation_url", "api.nonatero_url")


def _mycx_status(mycx) -> Sender:
    """"mycx_status": payload {ticket_id, status, note?, pending_until?, by?}."""
    def send(payload: Mapping[str, Any], idempotency_key: str):
        return mycx.update_ticket_status(str(payload["ticket_id"]), str(payload["status"]), idempotency_key,
                                         note=payload.get("note"), pending_until=payload.get("pending_until"),
                                         by=payload.get("by"))
    return send


# destination -> (client name, the sender made from that client)
ROUTES: dict[str, tuple[str, Callable[[Any], Sender]]] = {
    "mycx": ("mycx", lambda c: c.submit_caring_result),
    "mycx_ticket": ("mycx", lambda c: c.deliver_ticket_message),
    "mycx_status": ("mycx", _mycx_status),
    "mycx_ticket_status": ("mycx", lambda c: c.report_ticket_status),
    "mycx_pick": ("mycx", lambda c: c.report_pick),
    "tamara": ("tamara", lambda c: c.submit_caring_result),
    "callback": ("callback", lambda c: c.submit_response),
    "callback_progress": ("callback", lambda c: c.post_progress),
    "cwc": ("cwc", lambda c: c.submit_call_reason),
    "nossa_note": ("nossa", lambda c: c.add_note),
    "sephia": ("sephia", lambda c: c.report_hard_complaint),
    "escalation": ("escalation", lambda c: c.escalate),
    "nonatero": ("nonatero", lambda c: c.submit_call_result),
    "email": ("mailer", lambda m: m.deliver),
}

# client name -> (settings URL key, "module:Class"): built only when the site names the URL.
CLIENTS = {
    "mycx": ("mycx_url", "app.services.mycx:MyCXClient"),
    "tamara": ("tamara_url", "app.services.tamara:TamaraClient"),
    "callback": ("callback_url", "app.services.callback:CallbackClient"),
    "cwc": ("cwc_url", "app.services.cwc:CwcClient"),
    "nossa": ("nossa_url", "app.services.nossa:NossaClient"),
    "sephia": ("sephia_url", "app.services.sephia:SephiaClient"),
    "escalation": ("escalation_url", "app.services.escalations:EscalationClient"),
    "nonatero": ("nonatero_url", "app.services.nonatero:NonateroClient"),
}


def client_class(name: str):
    import importlib
    module, _, cls = CLIENTS[name][1].partition(":")
    return getattr(importlib.import_module(module), cls)


def senders_from(mycx=None, tamara=None, callback=None, mailer=None, cwc=None, nossa=None, sephia=None,
                 escalation=None, nonatero=None, **extra: Sender) -> dict[str, Sender]:
    """The destination -> sender table for the clients given (a destination without its client
    is left out: the worker leaves its messages to a desktop that has it)."""
    clients = {"mycx": mycx, "tamara": tamara, "callback": callback, "mailer": mailer, "cwc": cwc, "nossa": nossa,
               "sephia": sephia, "escalation": escalation, "nonatero": nonatero}
    out = {name: make(clients[client]) for name, (client, make) in ROUTES.items() if clients[client] is not None}
    out.update(extra)
    return out


def contract_configured(settings) -> bool:
    """Whether the settings name at least one system of the contract to deliver to."""
    return any(settings.get(key) for key in API_URL_KEYS)


def clients_from_settings(settings) -> dict[str, Any]:
    """The delivery clients the settings reach (an HTTP client per configured URL, and the mailer)."""
    from app.services.rfo_mail import RfoMailer
    made: dict[str, Any] = {}
    for name, (url_key, _cls) in CLIENTS.items():
        if settings.get(f"api.{url_key}"):
            made[name] = client_class(name).from_settings(settings)
    made["mailer"] = RfoMailer.from_settings(settings)
    return made


def senders_from_settings(settings, **extra: Sender) -> dict[str, Sender]:
    return senders_from(**clients_from_settings(settings), **extra)


def register_tier2_destinations(worker, settings, *, mycx=None, mailer=None) -> list[str]:
    """Give a worker built from other clients the Tier-2 destinations ("mycx_status" when MyCX is
    reachable, and "email"); the names added."""
    if mycx is None and settings.get("api.mycx_url"):
        from app.services.mycx import MyCXClient
        mycx = MyCXClient.from_settings(settings)
    if mailer is None:
        from app.services.rfo_mail import RfoMailer
        mailer = RfoMailer.from_settings(settings)
    added = {name: sender for name, sender in senders_from(mycx=mycx, mailer=mailer).items()
             if name in ("mycx_status", "email")}
    worker.senders.update(added)
    return list(added)
