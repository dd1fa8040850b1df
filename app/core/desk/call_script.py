"""The call script of the customer's program, shown beside the card (issue 16, item 15).

The scripts ship in app/resources/call_scripts/<PROGRAM>.txt.  A site replaces any of them by
putting its own <PROGRAM>.txt (UTF-8) in the folder named by the site setting
`desk.call_scripts_dir` — a site setting, so only an administrator sets it (for a team, a shared
folder).  Placeholders filled from the card: {nama}, {no_internet}, {tunggakan}, {bulan}, {agen},
{salam}; any other stays as written, so a typo shows instead of vanishing.  Reads a file: call it
off the GUI thread.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from app.core.context import AppContext
from app.domain.money import rupiah
from app.domain.time_zones import CustomerZone
from app.platform import paths

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def script_path(ctx: AppContext, program: str) -> Path:
    name = f"{program}.txt"
    folder = ctx.settings.get("desk.call_scripts_dir") or ""
    if folder and (Path(folder) / name).is_file():
        return Path(folder) / name
    return paths.resource("call_scripts", name)


def call_script(ctx: AppContext, card) -> str:
    path = script_path(ctx, card.program)
    if not path.is_file():
        return ""
    local = ctx.clock.now().astimezone(CustomerZone.parse(card.region).display_region.zone)
    values = {"nama": card.name, "no_internet": card.account_number, "bulan": str(card.arrears_months),
              "tunggakan": rupiah(card.arrears_amount), "agen": ctx.user.full_name,
              "salam": greeting(local)}
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), path.read_text(encoding="utf-8"))


def greeting(local: datetime) -> str:
    """Selamat pagi / siang / sore / malam, by the customer's clock."""
    hour = local.hour
    return "pagi" if hour < 11 else "siang" if hour < 15 else "sore" if hour < 18 else "malam"
