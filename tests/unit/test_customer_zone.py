"""The customer's zone: derived at import, and an unknown zone called only where all three zones are open."""

from __future__ import annotations

import pytest

from app.domain.calling_hours import CallingHours, CustomerZone, TimeZoneRegion, UnknownZone
from app.domain.attempt_policy import AttemptPolicy
from app.domain.programs import Program
from app.domain.workitem import WorkItemState as S
from app.domain.zone_lookup import derive_zone, zone_from_address
from tests.unit.support import MON, SAT, SUN, WED, WIB, WIT, WITA, at, local, reason

HOURS = CallingHours()
UNK = CustomerZone.UNKNOWN


def test_of_no_longer_turns_an_unknown_zone_into_wib():
    assert TimeZoneRegion.of("wita") is WITA
    for value in (None, "", "UNK", "Papua"):
        with pytest.raises(UnknownZone):
            TimeZoneRegion.of(value)


def test_a_stored_zone_parses_to_a_customer_zone_and_anything_else_is_unknown_not_wib():
    assert CustomerZone.parse("WIT") is CustomerZone.WIT and CustomerZone.parse(WITA) is CustomerZone.WITA
    assert CustomerZone.parse(None) is UNK and CustomerZone.parse("") is UNK and CustomerZone.parse("XYZ") is UNK
    assert UNK.value == "UNK" and UNK.label() == "zona tidak diketahui" and UNK.regions == (WIB, WITA, WIT)


@pytest.mark.parametrize("hour,minute,open_", [(7, 59, False), (8, 0, True), (17, 59, True), (18, 0, False)])
def test_an_unknown_zone_is_called_only_from_0800_to_1800_wib(hour, minute, open_):
    assert HOURS.is_open(at(WIB, WED, hour, minute), UNK) is open_
    assert HOURS.is_open(at(WIB, WED, hour, minute), "UNK") is open_


def test_the_unknown_zone_window_edges_are_the_zones_own_edges():
    assert HOURS.is_open(at(WIB, WED, 8, 0), WIB) and not HOURS.is_open(at(WIB, WED, 7, 59), WIB)
    assert HOURS.is_open(at(WIT, WED, 19, 59), WIT) and not HOURS.is_open(at(WIT, WED, 20, 0), WIT)
    assert not HOURS.is_open(at(WIB, SUN, 10), UNK) and HOURS.is_open(at(WIB, SAT, 10), UNK)


def test_open_zones_names_the_stored_values_callable_now():
    assert HOURS.open_zones(at(WIB, WED, 7, 30)) == {"WITA", "WIT"}
    assert HOURS.open_zones(at(WIB, WED, 12)) == {"WIB", "WITA", "WIT", "UNK"}
    assert HOURS.open_zones(at(WIB, WED, 18, 30)) == {"WIB", "WITA"}


def test_scheduling_an_unknown_zone_lands_inside_the_shared_window():
    assert local(HOURS.next_open(at(WIB, WED, 18, 30), UNK), WIB) == (11, 26, 8, 0)
    assert local(HOURS.next_open(at(WIB, WED, 6, 0), UNK), WIB) == (11, WED, 8, 0)
    assert local(HOURS.next_open(at(WIB, SAT, 18, 0), UNK), WIB) == (11, MON, 8, 0)
    assert HOURS.next_open(at(WIB, WED, 9, 0), UNK) == at(WIB, WED, 9, 0)


def test_a_not_reached_retry_for_an_unknown_zone_never_falls_after_1800_wib():
    d = AttemptPolicy().decide(Program.PRANPC, reason("NC-RNA"), 1, 1, at(WIB, WED, 17, 30), UNK)
    assert d.next_state is S.RETRY_LATER and local(d.next_attempt_at, WIB) == (11, 26, 8, 0)
    assert "WIB" in d.summary_id


def test_window_without_overlap_is_an_error_not_a_hang():
    narrow = CallingHours.from_settings({"start": "08:00", "end": "09:00"})
    with pytest.raises(ValueError, match="ketiga zona"):
        narrow.next_open(at(WIB, WED, 10), UNK)


def test_the_check_says_why_an_unknown_zone_may_not_be_called():
    verdict = HOURS.check(at(WIB, WED, 18, 30), UNK)
    assert not verdict.open and verdict.reason == "outside_hours"
    assert "08:00–18:00 WIB, zona tidak diketahui" in verdict.message_id


@pytest.mark.parametrize("address,zone,place", [
    ("Jl. Merdeka No. 5, Kota Bandung, Jawa Barat", CustomerZone.WIB, "JAWA BARAT"),
    ("Jl. Sulawesi No. 12, Jakarta Pusat", CustomerZone.WIB, "JAKARTA PUSAT"),      # a street, not the island
    ("Perum Griya Asri Blok C/7, Denpasar", CustomerZone.WITA, "DENPASAR"),
    ("Jl. Ahmad Yani 3, Balikpapan, Kalimantan Timur", CustomerZone.WITA, "KALIMANTAN TIMUR"),
    ("Jl. Bali 4, Pontianak, Kalbar", CustomerZone.WIB, "KALBAR"),
    ("Kel. Hamadi, Jayapura Selatan, Papua", CustomerZone.WIT, "PAPUA"),
    ("Jl. Pattimura 1, Ambon", CustomerZone.WIT, "AMBON"),
    ("Dusun Krajan RT 01/02", None, None),
])
def test_the_address_gives_the_zone_of_the_last_place_it_names(address, zone, place):
    found = zone_from_address(address)
    assert (found == (zone, place)) if zone else found is None


def test_zone_order_is_column_then_fixed_line_then_address_else_unknown():
    assert derive_zone(CustomerZone.WIT, ["0361 234567"], "Bandung").source == "column"
    by_phone = derive_zone(None, ["081234567890", "(0361) 234567"], "Jl. Braga, Bandung")
    assert (by_phone.zone, by_phone.source, by_phone.detail) == (CustomerZone.WITA, "area_code", "0361")
    by_address = derive_zone(None, ["081234567890"], "Jl. Braga 1, Bandung")
    assert (by_address.zone, by_address.source) == (CustomerZone.WIB, "address")
    unknown = derive_zone(None, ["081234567890"], "Jl. Sulawesi 4")
    assert (unknown.zone, unknown.source) == (UNK, "unknown")
    assert derive_zone(UNK, ["+62911234567"], None).zone is CustomerZone.WIT      # UNK in the column: derive
