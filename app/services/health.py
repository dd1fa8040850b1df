"""Asking each configured system of the contract whether it is up and takes the token.

`GET /{system}/v1/health` (app/resources/contract/openapi.yaml) has no side effect, so the
settings' "Check connection" can call it for i-payment, MyCX, TAMARA and the Callback
app alike (and CWC, NOSSA, Sephia, escalation, Nonatero, service status where the site
names them) — including TAMARA, whose contract otherwise only accepts results.  Each
system is asked with its own base URL: a site may put them on different hosts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from app.services import errors
from app.services.http import ApiClient

# (settings key, path prefix, name shown to people)
SYSTEMS = (("ipayment_url", "ipayment", "i-payment"), ("mycx_url", "mycx", "MyCX"),
           ("tamara_url", "tamara", "TAMARA"), ("callback_url", "callback", "Callback"))
# The systems of issue 17's loops: asked only where the site names them (not every site has them).
OPTIONAL_SYSTEMS = (("cwc_url", "cwc", "CWC"), ("nossa_url", "nossa", "NOSSA"), ("sephia_url", "sephia", "Sephia"),
                    ("escalation_url", "escalation", "Eskalasi"), ("nonatero_url", "nonatero", "Nonatero"),
                    ("service_status_url", "service-status", "Status layanan"))


@dataclass(frozen=True)
class HealthAnswer:
    system: str          # name shown to people
    url: str
    ok: bool
    message: str         # Indonesian


def check_system(settings, url_key: str, prefix: str, name: str,
                 token: Callable[[], str | None]) -> HealthAnswer:
    url = settings.get(f"api.{url_key}", "")
    if not url:
        return HealthAnswer(name, "", False, f"alamat {name} belum diisi")
    client = ApiClient.from_settings(settings, url_key, name, token=token, get_retries=0)
    try:
        client.get(f"/{prefix}/v1/health")
    except errors.NotFound:
        return HealthAnswer(name, url, False, f"{url} tidak melayani {name} (404); periksa alamatnya")
    except errors.ServiceError as exc:
        return HealthAnswer(name, url, False, exc.user_message)
    finally:
        client.close()
    return HealthAnswer(name, url, True, f"{name} menjawab ({url})")


def check_all(settings, token: Callable[[], str | None]) -> list[HealthAnswer]:
    systems = SYSTEMS + tuple(s for s in OPTIONAL_SYSTEMS if settings.get(f"api.{s[0]}"))
    return [check_system(settings, key, prefix, name, token) for key, prefix, name in systems]
