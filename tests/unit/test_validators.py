from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from app.domain.validators import (excel_serial_to_date, parse_amount, parse_date, parse_period,
                                   validate_account_number, validate_email)


@pytest.mark.parametrize("text,expected", [
    ("Rp 1.250.000", "1250000"), ("Rp1.250.000", "1250000"), ("rp. 1.250.000", "1250000"),
    ("IDR 1.250.000", "1250000"), ("1.250.000,50", "1250000.50"), ("1250000", "1250000"),
    ("1,250,000.00", "1250000.00"), ("Rp 50.000,-", "50000"), ("1.250", "1250"), ("12,5", "12.5"),
    ("0", "0"), (1250000, "1250000"), (Decimal("99.5"), "99.5"), (1250.5, "1250.5"), ("Rp 1 250 000", "1250000"),
])
def test_amounts_in_indonesian_and_english_formats(text, expected):
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text,why", [("-5000", "negatif"), (-1, "negatif"), ("(5.000)", "negatif"),
                                      ("abc", "tidak dikenal"), ("", "kosong"), ("Rp", "kosong"),
                                      ("1.25.000", "ribuan"), ("1,2,3", "ribuan"), (None, "kosong"),
                                      (True, "kosong"), ("1.000,505", "desimal"), (float("nan"), "tidak sah"),
                                      ("12a", "tidak dikenal"), ("1.000.000.00,5,5", "tidak")])
def test_negative_and_garbage_amounts_are_refused_in_indonesian(text, why):
    with pytest.raises(ValueError, match=why):
        parse_amount(text)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**12), st.integers(0, 99))
def test_formatted_amount_parses_back_to_the_same_value(whole, cents):
    indonesian = f"{whole:,}".replace(",", ".") + f",{cents:02d}"
    english = f"{whole:,}.{cents:02d}"
    expected = Decimal(f"{whole}.{cents:02d}")
    assert parse_amount("Rp " + indonesian) == expected == parse_amount(english)


@pytest.mark.parametrize("value,expected", [
    (date(2026, 11, 25), date(2026, 11, 25)), (datetime(2026, 11, 25, 13, 0), date(2026, 11, 25)),
    ("25/11/2026", date(2026, 11, 25)), ("25-11-2026", date(2026, 11, 25)), ("2026-11-25", date(2026, 11, 25)),
    ("5/1/2026", date(2026, 1, 5)), ("20261125", date(2026, 11, 25)), ("2026-11-25T08:00:00", date(2026, 11, 25)),
    (46351, date(2026, 11, 25)), (46351.75, date(2026, 11, 25)), ("46351", date(2026, 11, 25)),
    ("46351.0", date(2026, 11, 25)), (1, date(1900, 1, 1)), (59, date(1900, 2, 28)), (61, date(1900, 3, 1)),
])
def test_dates_from_text_objects_and_excel_serials(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value,why", [(60, "29/02/1900"), (0, "jangkauan"), (-3, "jangkauan"),
                                       ("31/02/2026", "tidak dikenal"), ("kemarin", "tidak dikenal"),
                                       ("", "kosong"), (None, "kosong"), (3_000_000, "jangkauan")])
def test_bad_dates_are_refused(value, why):
    with pytest.raises(ValueError, match=why):
        parse_date(value)


def test_excel_serial_for_a_known_date_accounts_for_the_1900_leap_year_bug():
    assert excel_serial_to_date(45292) == date(2024, 1, 1)


@pytest.mark.parametrize("value,expected", [("122301234567", "122301234567"), ("1223-0123-4567", "122301234567"),
                                            (" 221234567 ", "221234567"), (122301234567, "122301234567"),
                                            (122301234567.0, "122301234567")])
def test_account_numbers_are_digits_only(value, expected):
    assert validate_account_number(value) == expected


@pytest.mark.parametrize("value,why", [("12345678", "pendek"), ("123456789012345", "panjang"),
                                       ("12AB34567890", "angka"), ("", "kosong"), ("1,22301E+11", "ilmiah"),
                                       ("1.22301E+11", "ilmiah"), (None, "kosong")])
def test_bad_account_numbers_are_refused(value, why):
    with pytest.raises(ValueError, match=why):
        validate_account_number(value)


@pytest.mark.parametrize("value,expected", [("budi@Example.CO.ID", "budi@example.co.id"),
                                            (" a.b+c@telkom.co.id ", "a.b+c@telkom.co.id")])
def test_valid_emails(value, expected):
    assert validate_email(value) == expected


@pytest.mark.parametrize("value", ["", "budi", "budi@", "@x.id", "budi@x", "bu di@x.id", "budi@@x.id",
                                   "budi..s@x.id", "budi@-x.id", None])
def test_invalid_emails_are_refused(value):
    with pytest.raises(ValueError, match="email"):
        validate_email(value)


@pytest.mark.parametrize("value,expected", [("202611", (2026, 11)), (202601, (2026, 1)), ("2026-12", (2026, 12))])
def test_billing_period(value, expected):
    assert parse_period(value) == expected


@pytest.mark.parametrize("value", ["202613", "202600", "20261", "nov 2026", "189912", None])
def test_bad_billing_periods_are_refused(value):
    with pytest.raises(ValueError, match="[Pp]eriode|Bulan|Tahun"):
        parse_period(value)
