"""The service-status client: is a product's service normal now (the supporting apps' check)?

W-08 1.2.3-1.2.4 (check before ticketing) and W-03 1.2.2 (check again before
closing).  A read-only GET, retried by the transport; callers run it off the GUI
thread.  It must not touch the database or decide what the agent does with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from app.services.http import ContractClient, require_dict

SERVICE = "Status layanan"


@dataclass(frozen=True)
class ServiceState:
    product_id: str
    status: str              # normal | fault | unknown
    detail: str | None
    checked_at: str


class ServiceStatusClient(ContractClient):
    URL_KEY = "service_status_url"
    SERVICE = SERVICE

    def status(self, product_id: str) -> ServiceState:
        resp = self.api.get(f"/service-status/v1/products/{quote(product_id.strip(), safe='')}")
        body = require_dict(resp.body, "service status", SERVICE, resp.request_id,
                            "product_id", "status", "checked_at")
        return ServiceState(str(body["product_id"]), str(body["status"]), body.get("detail"),
                            str(body["checked_at"]))
