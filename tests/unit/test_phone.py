import pytest
from hypothesis import given, settings, strategies as st

from app.domain.phone import DialRules, InvalidPhoneNumber, PhoneNumber, dial_string, is_valid, normalize, to_e164


@pytest.mark.parametrize("raw", ["081234567890", "0812-3456-7890", "0812 3456 7890", "0812.3456.7890",
                                 "6281234567890", "+6281234567890", "+62 812 3456 7890", "+62 (0)812-3456-7890",
                                 "(0812) 3456 7890", "  081234567890  ", "006281234567890"])
def test_mobile_number_in_any_written_form_normalises_to_e164(raw):
    p = normalize(raw)
    assert (p.e164, p.national, p.kind, p.area_code) == ("+6281234567890", "081234567890", "mobile", None)


@pytest.mark.parametrize("raw,e164,area", [("(022) 250-1234", "+62222501234", "022"),
                                           ("021 2345 6789", "+622123456789", "021"),
                                           ("+62 (0)21 2345 6789", "+622123456789", "021"),
                                           ("0274-588688", "+62274588688", "0274"),
                                           ("0274 5881234", "+622745881234", "0274"),
                                           ("031.531.2345", "+62315312345", "031"),
                                           ("62361234567", "+62361234567", "0361")])
def test_fixed_line_keeps_its_area_code(raw, e164, area):
    p = normalize(raw)
    assert (p.e164, p.kind, p.area_code) == (e164, "fixed", area)


@pytest.mark.parametrize("raw,why", [
    ("", "kosong"), ("   ", "kosong"), ("0812-ABCD-7890", "huruf"), ("0812345678", None),
    ("081234567", "terlalu pendek"), ("08123456789012", "terlalu panjang"),
    ("+1 212 555 0100", r"bukan Indonesia \(\+62\)"),
    ("81234567890", "Awalan"), ("0800 1234567", "bebas pulsa"), ("0112345678", "01"),
    ("021 123456", "terlalu pendek"), ("0274 12345", "terlalu pendek"), ("022 123456789", "terlalu panjang"),
    ("022 0501234", "diawali 0"), ("0812#3456", "karakter"), ("+62", "pendek"), ("00", "pendek"), ("0", "pendek"),
])
def test_invalid_numbers_are_refused_saying_why(raw, why):
    if why is None:             # 10-digit mobile is the shortest valid one
        assert normalize(raw).kind == "mobile"
        return
    with pytest.raises(InvalidPhoneNumber, match=why):
        normalize(raw)


def test_non_text_input_is_refused_clearly():
    with pytest.raises(InvalidPhoneNumber, match="kosong"):
        normalize(None)  # type: ignore[arg-type]
    with pytest.raises(InvalidPhoneNumber):
        normalize(81234567890)  # type: ignore[arg-type]  # a spreadsheet dropped the leading 0


def test_display_groups_and_masked_hides_the_middle():
    p = normalize("081234567890")
    assert p.display() == "0812-3456-7890" and p.masked() == "0812****7890"
    assert normalize("0812345678901").display() == "0812-3456-78901"
    assert normalize("08123456789").display() == "0812-345-6789"
    assert normalize("0222501234").display() == "(022) 250-1234"
    assert normalize("0274588688").display() == "(0274) 588-688"


def test_repr_and_str_never_show_the_full_number():
    p = normalize("081234567890")
    assert "34567" not in repr(p) and "34567" not in str(p) and "34567" not in f"{p}"


def test_dial_string_adds_outside_line_prefix():
    assert dial_string(normalize("081234567890"), DialRules(outside_line_prefix="9")) == "9081234567890"
    assert dial_string(normalize("081234567890")) == "081234567890"


def test_dial_string_international_uses_e164():
    assert dial_string(normalize("081234567890"), DialRules("9", international=True)) == "+6281234567890"


def test_local_fixed_number_in_the_sites_area_is_dialled_without_area_code():
    rules = DialRules.from_settings({"outside_line_prefix": "9", "site_area_code": "22"})
    assert rules.site_area_code == "022"
    assert dial_string(normalize("022 250 1234"), rules) == "92501234"
    assert dial_string(normalize("021 2345 6789"), rules) == "9021" + "23456789"
    assert dial_string(normalize("081234567890"), rules) == "9081234567890"


@pytest.mark.parametrize("settings", [{"outside_line_prefix": "9a"}, {"prefix": "9"}])
def test_bad_dial_settings_are_refused(settings):
    with pytest.raises(ValueError):
        DialRules.from_settings(settings)


# --- properties -------------------------------------------------------------------

mobile_national = st.builds(lambda op, rest: "08" + op + rest, st.sampled_from("123456789"),
                            st.text("0123456789", min_size=7, max_size=10))
fixed_national = st.one_of(
    st.builds(lambda a, first, rest: "0" + a + first + rest, st.sampled_from(["21", "22", "24", "31", "61"]),
              st.sampled_from("23456789"), st.text("0123456789", min_size=6, max_size=7)),
    st.builds(lambda a, first, rest: "0" + a + first + rest,
              st.sampled_from(["274", "251", "361", "411", "511", "541", "711", "967", "911", "370"]),
              st.sampled_from("23456789"), st.text("0123456789", min_size=5, max_size=7)))
national_numbers = st.one_of(mobile_national, fixed_national)
separators = st.sampled_from(["", " ", "-", ".", "  "])


@st.composite
def written_forms(draw):
    national = draw(national_numbers)
    prefix = draw(st.sampled_from(["0", "62", "+62", "+62 ", "+62 (0)", "62(0)", "0062"]))
    body = national[1:]
    out, i = [], 0
    while i < len(body):
        step = draw(st.integers(1, 4))
        out.append(body[i:i + step])
        i += step
    sep = draw(separators)
    return national, prefix + sep.join(out)


@settings(max_examples=300, deadline=None)
@given(written_forms())
def test_any_valid_number_in_any_formatting_normalises_to_the_same_e164(case):
    national, written = case
    assert normalize(written).e164 == "+62" + national[1:]
    assert normalize(written) == normalize(national)


@settings(max_examples=200, deadline=None)
@given(national_numbers)
def test_normalising_the_national_form_round_trips(national):
    p = normalize(national)
    assert p.national == national
    assert normalize(p.e164) == p and normalize(p.national) == p and normalize(p.display()) == p
    assert isinstance(p, PhoneNumber) and is_valid(p.e164)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=30), st.text("0123456789+-() .", max_size=20)))
def test_garbage_never_crashes_only_invalid_phone_number(raw):
    try:
        p = normalize(raw)
    except InvalidPhoneNumber:
        return
    assert p.e164.startswith("+62") and p.e164[1:].isdigit()


def _outcome(parse, raw):
    try:
        return "ok", parse(raw)
    except InvalidPhoneNumber as exc:
        return "refused", str(exc)


@settings(max_examples=500, deadline=None)
@given(st.one_of(national_numbers, written_forms().map(lambda case: case[1]), st.text("0123456789", max_size=15),
                 st.text("0123456789+-() .", max_size=20), st.text(max_size=20), st.integers(0, 10**13)))
def test_to_e164_accepts_and_refuses_exactly_as_normalize_with_the_same_reason(raw):
    # The import's shortcut (no PhoneNumber, a fast path for plain mobiles) must not change a verdict.
    kind, value = _outcome(normalize, raw)
    assert _outcome(to_e164, raw) == (kind, value.e164 if kind == "ok" else value)


@pytest.mark.parametrize("raw", ["0800123456", "0812345678", "08123456789012", "０８１２３４５６７８９０",
                                 " 081234567890"])
def test_to_e164_edge_of_the_plain_mobile_shortcut_gives_normalize_verdict(raw):
    kind, value = _outcome(normalize, raw)
    assert _outcome(to_e164, raw) == (kind, value.e164 if kind == "ok" else value)
