"""Rupiah as Indonesians write it: "Rp1.250.000" (whole rupiah, dots between thousands)."""

from __future__ import annotations

from decimal import Decimal


def rupiah(amount: Decimal | float | int | None) -> str:
    if amount is None:
        return ""
    whole = int(round(Decimal(amount)))
    return "Rp" + f"{whole:,}".replace(",", ".")
