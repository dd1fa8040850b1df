"""The customer's time zone at import: the file's zone column, else a fixed line's area code,
else the address (province, its common abbreviation, or a city/regency name).

The table below is the one place that says which place is in which zone; when none of
the three tells, the customer is CustomerZone.UNKNOWN ("zona tidak diketahui"), never
WIB by default.  Mobiles (08xx) say nothing about where the customer lives and are
skipped.  Street names are skipped too: "Jl. Sulawesi" in Jakarta is WIB.  Pure text
rules: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from app.domain.phone import InvalidPhoneNumber, normalize
from app.domain.time_zones import CustomerZone, region_for_area_code

WIB, WITA, WIT = CustomerZone.WIB, CustomerZone.WITA, CustomerZone.WIT

# Province names (38 provinces since 2022), their usual abbreviations, and island names
# that lie wholly in one zone.  Kalimantan spans two zones, so only its provinces are here.
PROVINCES: dict[str, CustomerZone] = {
    # WIB: Sumatra, Java, West and Central Kalimantan
    "ACEH": WIB, "NANGGROE ACEH DARUSSALAM": WIB, "NAD": WIB,
    "SUMATERA UTARA": WIB, "SUMUT": WIB, "SUMATERA BARAT": WIB, "SUMBAR": WIB,
    "RIAU": WIB, "KEPULAUAN RIAU": WIB, "KEPRI": WIB, "JAMBI": WIB,
    "SUMATERA SELATAN": WIB, "SUMSEL": WIB, "BANGKA BELITUNG": WIB, "KEPULAUAN BANGKA BELITUNG": WIB,
    "BABEL": WIB, "BENGKULU": WIB, "LAMPUNG": WIB, "SUMATERA": WIB, "SUMATRA": WIB,
    "DKI JAKARTA": WIB, "DKI": WIB, "BANTEN": WIB, "JAWA BARAT": WIB, "JABAR": WIB,
    "JAWA TENGAH": WIB, "JATENG": WIB, "DI YOGYAKARTA": WIB, "DAERAH ISTIMEWA YOGYAKARTA": WIB, "DIY": WIB,
    "JAWA TIMUR": WIB, "JATIM": WIB, "JAWA": WIB,
    "KALIMANTAN BARAT": WIB, "KALBAR": WIB, "KALIMANTAN TENGAH": WIB, "KALTENG": WIB,
    # WITA: Bali, Nusa Tenggara, South/East/North Kalimantan, Sulawesi
    "BALI": WITA, "NUSA TENGGARA BARAT": WITA, "NTB": WITA, "NUSA TENGGARA TIMUR": WITA, "NTT": WITA,
    "NUSA TENGGARA": WITA,
    "KALIMANTAN SELATAN": WITA, "KALSEL": WITA, "KALIMANTAN TIMUR": WITA, "KALTIM": WITA,
    "KALIMANTAN UTARA": WITA, "KALTARA": WITA,
    "SULAWESI UTARA": WITA, "SULUT": WITA, "SULAWESI TENGAH": WITA, "SULTENG": WITA,
    "SULAWESI SELATAN": WITA, "SULSEL": WITA, "SULAWESI TENGGARA": WITA, "SULTRA": WITA,
    "SULAWESI BARAT": WITA, "SULBAR": WITA, "GORONTALO": WITA, "SULAWESI": WITA,
    # WIT: Maluku and Papua
    "MALUKU": WIT, "MALUKU UTARA": WIT, "MALUT": WIT, "PAPUA": WIT, "PAPUA BARAT": WIT, "PABAR": WIT,
    "PAPUA BARAT DAYA": WIT, "PAPUA SELATAN": WIT, "PAPUA TENGAH": WIT, "PAPUA PEGUNUNGAN": WIT,
    "IRIAN JAYA": WIT,
}

# Cities and regencies a dapros address often ends with when it names no province.
CITIES: dict[str, CustomerZone] = {
    **{c: WIB for c in (
        "JAKARTA", "JAKARTA PUSAT", "JAKARTA BARAT", "JAKARTA TIMUR", "JAKARTA SELATAN", "JAKARTA UTARA",
        "BOGOR", "DEPOK", "TANGERANG", "TANGERANG SELATAN", "BEKASI", "BANDUNG", "CIMAHI", "CIREBON",
        "SUKABUMI", "TASIKMALAYA", "KARAWANG", "PURWAKARTA", "GARUT", "SERANG", "CILEGON", "SEMARANG",
        "SURAKARTA", "SOLO", "MAGELANG", "PEKALONGAN", "TEGAL", "SALATIGA", "KUDUS", "PURWOKERTO",
        "YOGYAKARTA", "JOGJAKARTA", "SLEMAN", "BANTUL", "SURABAYA", "MALANG", "SIDOARJO", "GRESIK",
        "KEDIRI", "MADIUN", "JEMBER", "BANYUWANGI", "PASURUAN", "PROBOLINGGO", "MOJOKERTO", "BLITAR",
        "MEDAN", "BINJAI", "PEMATANGSIANTAR", "PADANG", "BUKITTINGGI", "PEKANBARU", "DUMAI", "BATAM",
        "TANJUNGPINANG", "TANJUNG PINANG", "PALEMBANG", "PANGKALPINANG", "PANGKAL PINANG",
        "BANDAR LAMPUNG", "BANDA ACEH", "LHOKSEUMAWE", "PONTIANAK", "SINGKAWANG",
        "PALANGKARAYA", "PALANGKA RAYA")},
    **{c: WITA for c in (
        "DENPASAR", "BADUNG", "GIANYAR", "TABANAN", "SINGARAJA", "BULELENG", "KLUNGKUNG", "MATARAM",
        "BIMA", "SUMBAWA", "LOMBOK", "KUPANG", "ENDE", "MAUMERE", "LABUAN BAJO", "WAINGAPU",
        "BALIKPAPAN", "SAMARINDA", "BONTANG", "TARAKAN", "TANJUNG SELOR", "BANJARMASIN", "BANJARBARU",
        "MAKASSAR", "UJUNG PANDANG", "PAREPARE", "PALOPO", "MANADO", "BITUNG", "TOMOHON", "KOTAMOBAGU",
        "PALU", "KENDARI", "BAUBAU", "MAMUJU")},
    **{c: WIT for c in (
        "AMBON", "TUAL", "MASOHI", "TERNATE", "TIDORE", "SOFIFI", "TOBELO", "JAYAPURA", "SORONG",
        "MANOKWARI", "MERAUKE", "TIMIKA", "NABIRE", "BIAK", "WAMENA", "FAKFAK", "KAIMANA", "SERUI")},
}

# A place name right after one of these is a street or an estate, not where the customer is.
_STREET_WORDS = frozenset({"JL", "JLN", "JALAN", "GG", "GANG", "LORONG", "LR", "KOMPLEK", "KOMPLEKS",
                           "KOMP", "PERUM", "PERUMAHAN", "RUKO", "BLOK", "GEDUNG", "GD", "WISMA", "MENARA",
                           "TOWER", "HOTEL", "MALL", "PLAZA", "UNIVERSITAS", "BANK"})
_PLACES = {**CITIES, **PROVINCES}       # a province wins over a city of the same spelling
_LONGEST = max(len(name.split()) for name in _PLACES)


@dataclass(frozen=True)
class ZoneDerivation:
    zone: CustomerZone
    source: str     # "column" | "area_code" | "address" | "unknown"
    detail: str = ""  # the area code or place name that decided it


def zone_from_address(address: str | None) -> tuple[CustomerZone, str] | None:
    """(zone, place) from the last place name in the address, or None.

    Indonesian addresses run from the street to the province, so the rightmost place
    named is the broadest and wins.
    """
    words = re.sub(r"[^A-Z ]+", " ", str(address or "").upper()).split()
    found: tuple[CustomerZone, str] | None = None
    i = 0
    while i < len(words):
        for size in range(min(_LONGEST, len(words) - i), 0, -1):
            name = " ".join(words[i:i + size])
            if name in _PLACES and not (i and words[i - 1] in _STREET_WORDS):
                found = (_PLACES[name], name)
                i += size - 1
                break
        i += 1
    return found


def zone_from_phones(phones: Iterable[str]) -> tuple[CustomerZone, str] | None:
    """(zone, area code) of the first fixed line among the numbers, or None."""
    for raw in phones:
        try:
            number = normalize(raw)
        except (InvalidPhoneNumber, ValueError):
            continue
        if number.kind == "fixed" and number.area_code:
            return CustomerZone(region_for_area_code(number.area_code).value), number.area_code
    return None


# The usual answer, made once: an import asks for every row of files of 100,000 rows.
_FROM_COLUMN = {zone: ZoneDerivation(zone, "column") for zone in CustomerZone if zone.known}


def derive_zone(column: CustomerZone | None, phones: Iterable[str], address: str | None) -> ZoneDerivation:
    """The zone by the import's order: explicit column, fixed line's area code, address; else unknown."""
    if column is not None and column.known:
        return _FROM_COLUMN[column]
    by_phone = zone_from_phones(phones)
    if by_phone is not None:
        return ZoneDerivation(by_phone[0], "area_code", by_phone[1])
    by_address = zone_from_address(address)
    if by_address is not None:
        return ZoneDerivation(by_address[0], "address", by_address[1])
    return ZoneDerivation(CustomerZone.UNKNOWN, "unknown")
