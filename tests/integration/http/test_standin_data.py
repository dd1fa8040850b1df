"""The stand-in's sample customers must be data Sambung accepts: every phone number it
hands out is a valid Indonesian number (a bad one once made a ticket import fail)."""

from __future__ import annotations

from app.domain.phone import normalize
from app.services.standin import data


def test_every_sample_phone_number_is_a_valid_indonesian_number():
    numbers = [p["number"] for i in range(2000)
               for p in data.profile(f"1223{i:08d}")["phones"]]
    assert len(numbers) > 2000 and any(n.startswith("+625") for n in numbers), "fixed lines are in the sample"
    for number in numbers:
        normalize(number)          # raises InvalidPhoneNumber with the reason
