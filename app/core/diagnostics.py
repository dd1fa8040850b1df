"""The help-desk report behind "Copy diagnostics", and the start-up timing marks.

`version_report(db_url)` is `sambung --version`: app.platform.versions plus the
PostgreSQL server's version when the URL names one.
`collect(ctx)` gathers what support asks first: versions, the
effective settings without secrets, where the files are, the SIP registration
state when a phone is running, outbox counts, and the last warnings/errors of
the log file.  Each part is collected on its own: a part that fails says so and
the report goes on.  The report is masked again with the log's privacy filter,
so it can be pasted into a ticket.  It must not print secrets, full phone
numbers, or touch Qt; callers run it off the GUI thread (it may query the
database).

`timing(event)` prints "timing <event> <seconds since process start>" on stdout
when SAMBUNG_TIMING=1 — the hook benchmarks/bench_cold_start.py reads.
"""

from __future__ import annotations

import copy
import json
import os
import time
from typing import Any

from app.platform.config import SECRET_NAMES, site_file, user_file

_SECRET_KEY_PARTS = ("password", "token", "secret")
_IMPORT_TIME = time.time()


def settings_without_secrets(values: dict[str, Any]) -> dict[str, Any]:
    """A copy of the settings with every secret-looking key dropped (belt and braces)."""
    out = copy.deepcopy(values)

    def scrub(node: Any) -> None:
        if isinstance(node, dict):
            for key in list(node):
                if key in SECRET_NAMES or any(part in key.lower() for part in _SECRET_KEY_PARTS):
                    node[key] = "***"
                else:
                    scrub(node[key])
    scrub(out)
    if isinstance(out.get("database_url"), str) and out["database_url"]:
        out["database_url"] = _safe_db_url(out["database_url"])
    return out


def _safe_db_url(url: str) -> str:
    try:
        from sqlalchemy.engine import make_url
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL is shown without its credentials
        return url.split("@")[-1]


def _section(title: str, body: str) -> str:
    return f"== {title} ==\n{body.rstrip()}\n"


def _safely(fn) -> str:
    try:
        return str(fn())
    except Exception as exc:  # noqa: BLE001 - one broken part must not hide the others
        return f"(tidak tersedia: {type(exc).__name__}: {exc})"


def version_report(db_url: str | None = None) -> str:
    """The installation's versions, and the database server's when `db_url` is a PostgreSQL one."""
    from app.platform import versions
    lines = [versions.version_report()]
    if db_url and db_url.startswith(("postgresql", "postgres")):
        try:
            from app.store.db import Database
            database = Database(db_url)
            try:
                lines.append(f"PostgreSQL {database.server_version()}")
            finally:
                database.dispose()
        except Exception as exc:  # noqa: BLE001 - a version report never fails
            lines.append(f"PostgreSQL: tidak dapat dihubungi ({type(exc).__name__})")
    return "\n".join(lines)


def _versions(ctx) -> str:
    database = getattr(ctx, "database", None)
    if database is not None and getattr(database, "team", False):
        # The logged-in user's own connection: the site's URL holds no credential to connect with.
        from app.platform import versions
        try:
            return f"{versions.version_report()}\nPostgreSQL {database.server_version()}"
        except Exception as exc:  # noqa: BLE001 - a report never fails
            return f"{versions.version_report()}\nPostgreSQL: tidak dapat dihubungi ({type(exc).__name__})"
    return version_report(getattr(database, "url", None))


def _registration(ctx) -> str:
    phone = getattr(ctx, "phone", None)
    if phone is None or not phone.running:
        error = phone.failure if phone is not None else ""
        return f"softphone tidak berjalan{': ' + error if error else ''}"
    state = phone.registration()
    fields = {name: getattr(state, name) for name in ("status", "code", "reason") if hasattr(state, name)}
    return ", ".join(f"{k}={v}" for k, v in fields.items()) or repr(state)


def _outbox(ctx) -> str:
    from app.core.deliveries import delivery_totals
    counts = delivery_totals(ctx, everyone=True)      # the help desk needs the whole PC's outbox
    return f"menunggu={counts.pending} gagal={counts.failed} terkirim={counts.delivered}"


def _files() -> str:
    from app.platform import paths
    from app.platform.logging_setup import log_file
    return "\n".join([f"site file: {site_file()} ({'ada' if site_file().exists() else 'tidak ada'})",
                      f"user file: {user_file()} ({'ada' if user_file().exists() else 'tidak ada'})",
                      f"data: {paths.data_dir()}", f"log: {log_file()}", _keyring()])


def _keyring() -> str:
    from app.platform.secrets import keyring_description
    name, persistent = keyring_description()
    return f"keyring: {name} ({'tersimpan' if persistent else 'hanya selama sesi ini'})"


def _last_errors(lines: int = 40) -> str:
    from app.platform.logging_setup import tail
    wanted = [line for line in tail(2000) if " WARNING " in line or " ERROR " in line
              or " CRITICAL " in line]
    return "\n".join(wanted[-lines:]) or "(tidak ada peringatan atau kesalahan di log)"


def collect(ctx) -> str:
    """The whole report as text; never raises."""
    from app.platform.logging_setup import redact
    settings = getattr(ctx, "settings", None)
    user = getattr(ctx, "user", None)
    parts = [
        _section("Versi", _safely(lambda: _versions(ctx))),
        _section("Pengguna", f"{user.username} ({user.role})" if user else "(belum masuk)"),
        _section("Mode", "demo" if getattr(ctx, "demo", False) else "produksi"),
        _section("Berkas", _safely(_files)),
        _section("Pengaturan (tanpa rahasia)", _safely(
            lambda: json.dumps(settings_without_secrets(settings.values), indent=2, ensure_ascii=False))),
        _section("Registrasi SIP", _safely(lambda: _registration(ctx))),
        _section("Outbox", _safely(lambda: _outbox(ctx))),
        _section("Peringatan dan kesalahan terakhir", _safely(_last_errors)),
    ]
    return redact("\n".join(parts))


def _process_start() -> float:
    """Wall-clock time the process started (Linux: /proc), else when this module was imported."""
    try:
        with open("/proc/self/stat", encoding="ascii") as fh:
            start_ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as fh:
            uptime = float(fh.read().split()[0])
        return time.time() - uptime + start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return _IMPORT_TIME


def timing(event: str) -> None:
    """Print a start-up mark for the cold-start benchmark (SAMBUNG_TIMING=1 only)."""
    if os.environ.get("SAMBUNG_TIMING") != "1":
        return
    now = time.time()
    print(f"timing {event} {now - _process_start():.3f} {now:.3f}", flush=True)
