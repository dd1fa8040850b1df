"""Plausible, deterministic sample data for the stand-in: bills, dapros, Tier-2 tickets.

A bill is derived from the account number alone (a hash seeds the generator), so
any well-formed account number (9-14 digits) that the demo seeding invents has a
bill, and the same one every time, whatever the server's seed.  Account numbers
ending in "0000" are the documented unknown accounts: they answer 404.  The seed
only chooses which prospects and tickets the stand-in offers.  No I/O here.
"""

from __future__ import annotations

import hashlib
import random
import re
from datetime import date, datetime, timedelta, timezone
from typing import Any

from app.domain.billing import period_of, shift_period

ACCOUNT_NUMBER = re.compile(r"^\d{9,14}$")
UNKNOWN_SUFFIX = "0000"

FIRST_NAMES = ("Budi", "Siti", "Agus", "Dewi", "Rudi", "Sri", "Andi", "Rina", "Joko", "Nur",
               "Hendra", "Wulan", "Eko", "Fitri", "Bambang", "Ayu", "Dedi", "Lestari", "Yusuf",
               "Ratna", "Made", "Ketut", "Putu", "Teguh", "Indah", "Asep", "Euis", "Slamet",
               "Nyoman", "Rahmat", "Intan", "Fajar", "Yohanes", "Maria", "Hasan", "Aminah")
LAST_NAMES = ("Santoso", "Wijaya", "Rahayu", "Saputra", "Hidayat", "Kusuma", "Pratama", "Siregar",
              "Nasution", "Simanjuntak", "Harahap", "Setiawan", "Gunawan", "Susanti", "Wibowo",
              "Permana", "Suryadi", "Lubis", "Manurung", "Tanjung", "Firmansyah", "Hakim",
              "Purnomo", "Sembiring", "Utami", "Nugroho", "Sihombing", "Wirawan", "Mahendra")
# city, STO code and name, area code, time zone, streets
AREAS = (
    ("Jakarta Selatan", "KBB", "Kebayoran Baru", "021", "WIB", ("Jl. Wijaya I", "Jl. Gandaria Tengah", "Jl. Senopati")),
    ("Jakarta Timur", "JTN", "Jatinegara", "021", "WIB", ("Jl. Otista Raya", "Jl. Bekasi Timur", "Jl. Pisangan Baru")),
    ("Bandung", "BDG", "Bandung Centrum", "022", "WIB", ("Jl. Dago", "Jl. Buah Batu", "Jl. Cihampelas")),
    ("Bandung", "UBR", "Ujung Berung", "022", "WIB", ("Jl. A.H. Nasution", "Jl. Cigending")),
    ("Semarang", "SMC", "Semarang Centrum", "024", "WIB", ("Jl. Pandanaran", "Jl. Pemuda", "Jl. Gajahmada")),
    ("Yogyakarta", "KTU", "Kotabaru", "0274", "WIB", ("Jl. Kaliurang", "Jl. Malioboro", "Jl. Colombo")),
    ("Surabaya", "KBL", "Kebalen", "031", "WIB", ("Jl. Darmo", "Jl. Ngagel Jaya", "Jl. Kertajaya")),
    ("Medan", "MDN", "Medan Centrum", "061", "WIB", ("Jl. Gatot Subroto", "Jl. Sisingamangaraja")),
    ("Denpasar", "DPR", "Denpasar", "0361", "WITA", ("Jl. Teuku Umar", "Jl. Gatot Subroto Barat")),
    ("Makassar", "MKS", "Makassar Centrum", "0411", "WITA", ("Jl. Pettarani", "Jl. Perintis Kemerdekaan")),
    ("Balikpapan", "BPP", "Balikpapan", "0542", "WITA", ("Jl. Jend. Sudirman", "Jl. MT Haryono")),
    ("Jayapura", "JAP", "Jayapura", "0967", "WIT", ("Jl. Ahmad Yani", "Jl. Raya Abepura")),
    ("Ambon", "AMB", "Ambon", "0911", "WIT", ("Jl. Diponegoro", "Jl. Sultan Hairun")),
)
MOBILE_PREFIXES = ("0811", "0812", "0813", "0821", "0822", "0852", "0853", "0856", "0857", "0877",
                   "0878", "0881", "0895", "0896")
PLAN_PRICES = (235_000, 280_000, 315_000, 345_000, 375_000, 425_000, 510_000)
CHANNELS = ("plasa_telkom", "bank_transfer", "atm", "virtual_account", "kantor_pos", "indomaret",
            "alfamart", "ecommerce", "e_wallet", "autodebit")
SEGMENTS = ("DCS", "DCS", "DCS", "DCS", "DBS", "DBS", "DGS", "DES")


def is_known_account(account_number: str) -> bool:
    return bool(ACCOUNT_NUMBER.match(account_number)) and not account_number.endswith(UNKNOWN_SUFFIX)


def _rng_for(*parts: Any) -> random.Random:
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _mobile(rng: random.Random) -> str:
    national = rng.choice(MOBILE_PREFIXES) + "".join(rng.choice("0123456789") for _ in range(rng.choice((7, 8))))
    return "+62" + national[1:]


def profile(account_number: str) -> dict[str, Any]:
    """The customer behind an account: name, address, STO, phones, segment."""
    rng = _rng_for("profile", account_number)
    city, sto_code, sto_name, area_code, tz, streets = rng.choice(AREAS)
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    phones = [{"number": _mobile(rng), "label": "seluler"}]
    if rng.random() < 0.5:
        phones.append({"number": _mobile(rng), "label": "seluler"})
    fixed_digits = 7 if len(area_code) == 4 else 8
    # A subscriber number never starts with 0 or 1 after the area code (those lead to other services).
    snd = area_code + str(rng.randint(2 * 10 ** (fixed_digits - 1), 10 ** fixed_digits - 1))
    if rng.random() < 0.4:
        phones.append({"number": "+62" + snd[1:], "label": "rumah"})
    return {
        "name": f"{first} {last}",
        "address": f"{rng.choice(streets)} No. {rng.randint(1, 250)}, RT {rng.randint(1, 15):02d}/RW "
                   f"{rng.randint(1, 12):02d}, {city}",
        "city": city, "sto": f"{sto_code} - {sto_name}", "region": tz, "service_number": snd,
        "phones": phones, "segment": rng.choice(SEGMENTS),
        "email": f"{first.lower()}.{last.lower()}{rng.randint(1, 99)}@{rng.choice(('gmail.com', 'yahoo.co.id', 'outlook.com'))}",
        "plan_price": rng.choice(PLAN_PRICES), "arrears_months": rng.choices((0, 1, 2, 3), (3, 3, 3, 1))[0],
        "pending_latest": rng.random() < 0.1,
    }


def _late_fee(base: int, months_late: int) -> int:
    # Public IndiHome terms: 5% (min Rp5.000) after the 20th; 10% (min Rp10.000) in N+1.
    if months_late <= 0:
        return 0
    if months_late == 1:
        return max(5_000, round(base * 0.05))
    return max(10_000, round(base * 0.10))


def bill(account_number: str, today: date, overrides: dict[str, Any] | None = None,
         history: int = 6) -> dict[str, Any] | None:
    """The contract's `Bill` for this account as of `today`, or None for an unknown account."""
    if not is_known_account(account_number):
        return None
    p = dict(profile(account_number))
    p.update(overrides or {})
    rng = _rng_for("bill", account_number)
    base = round(p["plan_price"] * 1.11)          # PPN 11%
    current = period_of(today)
    unpaid = int(p["arrears_months"])
    periods = []
    for back in range(history):
        period = shift_period(current, -back)
        year, month = int(period[:4]), int(period[4:])
        due = date(year, month, 20)
        months_late = back if today > due else max(0, back - 1)
        entry: dict[str, Any] = {"period": period, "due_date": due.isoformat(),
                                 "payment_date": None, "payment_channel": None, "reference": None}
        if back < unpaid:
            entry.update(status="unpaid", amount=base + _late_fee(base, months_late))
            if back == 0 and p.get("pending_latest"):
                entry.update(status="pending", payment_date=today.isoformat(),
                             payment_channel=rng.choice(("indomaret", "alfamart", "e_wallet")),
                             reference=f"PND{rng.randint(10**9, 10**10 - 1)}")
        else:
            paid_on = date(year, month, rng.randint(5, 24))
            if paid_on > today:
                paid_on = today
            late = paid_on > due
            entry.update(status="paid", amount=base + (_late_fee(base, 1) if late else 0),
                         payment_date=paid_on.isoformat(), payment_channel=rng.choice(CHANNELS),
                         reference=f"REF{rng.randint(10**11, 10**12 - 1)}")
        periods.append(entry)
    arrears = [e for e in periods if e["status"] == "unpaid"]
    return {
        "account_number": account_number, "customer_name": p["name"],
        "service_number": p["service_number"], "address": p["address"], "sto": p["sto"],
        "segment": p["segment"], "periods": periods, "months_in_arrears": len(arrears),
        "total_arrears": sum(e["amount"] for e in arrears),
        "as_of": datetime.combine(today, datetime.min.time(), timezone.utc).isoformat(),
    }


def account_number_for(seed: int, program: str, index: int) -> str:
    rng = _rng_for("account", seed, program, index)
    while True:
        number = "1" + "".join(rng.choice("0123456789") for _ in range(11))
        if is_known_account(number):
            return number


# Months in arrears that put a customer in each program (a setting in the real app).
PROGRAM_ARREARS = {"PRANPC": (1, 2), "CT0": (2, 3)}


def dapros(seed: int, program: str, count: int, today: date) -> list[dict[str, Any]]:
    """`count` prospects whose generated bills fit the program's arrears window."""
    wanted = PROGRAM_ARREARS[program]
    out: list[dict[str, Any]] = []
    index = 0
    while len(out) < count:
        account = account_number_for(seed, program, index)
        index += 1
        p = profile(account)
        if p["arrears_months"] not in wanted or p["pending_latest"]:
            continue
        b = bill(account, today)
        assert b is not None
        out.append({
            "account_number": account, "name": p["name"], "phones": p["phones"], "email": p["email"],
            "address": p["address"], "segment": p["segment"], "region": p["region"], "area": p["city"],
            "arrears_months": b["months_in_arrears"], "arrears_amount": b["total_arrears"],
            "program": program, "period": period_of(today),
        })
    return out


RFO = (
    ("Kabel drop putus tertimpa pohon", "Penggantian kabel drop dan penyambungan ulang"),
    ("ONT rusak (LOS merah)", "Penggantian ONT oleh teknisi"),
    ("Gangguan ODP penuh/konektor kotor", "Pembersihan konektor dan re-patching di ODP"),
    ("Gangguan massal kabel feeder", "Penyambungan kabel feeder oleh tim recovery"),
    ("Konfigurasi profil bandwidth salah", "Perbaikan profil di NMS"),
)


def callback_tickets(seed: int, count: int, now: datetime) -> list[dict[str, Any]]:
    rng = _rng_for("tickets", seed)
    out = []
    for i in range(count):
        account = account_number_for(seed, "TIER2", i)
        p = profile(account)
        service = rng.choice(("INDIHOME", "INDIHOME", "POTS", "DATIN"))
        cause, repair = rng.choice(RFO)
        opened = now - timedelta(hours=rng.randint(3, 72))
        notes = [{"at": (opened + timedelta(hours=h)).isoformat(), "text": t} for h, t in (
            (0, "Tiket dibuat, laporan pelanggan diterima"), (1, "Teknisi dijadwalkan"),
            (2, f"Perbaikan selesai: {repair}"))]
        out.append({
            "ticket_number": f"IN{rng.randint(10**8, 10**9 - 1)}",
            "ticket_type": rng.choice(("super_emergency", "buzzer", "buzzer_visit", "hard_complaint", "regular")),
            "service": service, "segment": "DES" if service == "DATIN" else p["segment"],
            "account_number": account, "customer_name": p["name"], "rfo_cause": cause,
            "rfo_repair": repair, "repeat_reports": rng.choices((0, 1, 2, 3, 4), (4, 3, 2, 2, 1))[0],
            "progress_notes": notes, "escort_tl": rng.choice((None, "tl.rina", "tl.hendra")),
            "phones": p["phones"], "region": p["region"],
        })
    return out
