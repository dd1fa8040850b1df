"""Property tests for dapros column mapping and header detection (pure: no files)."""

from __future__ import annotations

import random

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.services.import_readers import (FIELD_LABELS, REQUIRED_FIELDS, SYNONYMS, ImportFileError,
                                         detect_mapping, field_for, find_header, header_score,
                                         header_signature, merge_mapping, normalise_header, resolve)

FIELDS = sorted(SYNONYMS)
ALL_SYNONYMS = {s for syns in SYNONYMS.values() for s in syns}
ACCENTS = {"a": "á", "e": "é", "i": "í", "o": "ö", "u": "ü", "n": "ñ"}


@st.composite
def spelled(draw, synonym: str) -> str:
    """A synonym as a person might type it: any case, accents, punctuation, spacing."""
    out = []
    for ch in synonym:
        if ch == " ":
            out.append(draw(st.sampled_from([" ", "  ", ". ", "/", "_", "-", ". "])))
        else:
            if ch in ACCENTS and draw(st.booleans()):
                ch = ACCENTS[ch]
            out.append(ch.upper() if draw(st.booleans()) else ch)
    return draw(st.sampled_from(["", " ", "\t"])) + "".join(out) + draw(st.sampled_from(["", " ", ":", "."]))


@st.composite
def field_and_header(draw):
    field = draw(st.sampled_from(FIELDS))
    synonym = draw(st.sampled_from(SYNONYMS[field]))
    return field, draw(spelled(synonym))


junk = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=12).filter(
    lambda t: normalise_header(t) and field_for(t) is None)


@given(field_and_header())
def test_any_spelling_of_a_synonym_names_its_field(pair):
    field, header = pair
    assert field_for(header) == field


@given(field_and_header(), st.integers(min_value=1, max_value=9))
def test_a_numbered_column_names_the_same_field(pair, number):
    field, header = pair
    assert field_for(f"{header} {number}") == field


@given(st.text(max_size=30))
def test_a_header_is_only_mapped_when_it_is_a_known_synonym(text):
    field = field_for(text)
    if field is not None:
        norm = normalise_header(text)
        base = norm.rsplit(" ", 1)[0] if norm.rsplit(" ", 1)[-1].isdigit() and " " in norm else norm
        assert norm in SYNONYMS[field] or base in SYNONYMS[field]


@settings(max_examples=60)
@given(st.data())
def test_detected_mapping_finds_every_field_in_any_column_order(data):
    chosen = {f: data.draw(spelled(data.draw(st.sampled_from(SYNONYMS[f])))) for f in FIELDS}
    extras = data.draw(st.lists(junk, max_size=4))
    header = list(chosen.values()) + extras
    random.Random(data.draw(st.integers())).shuffle(header)
    assume(len({normalise_header(h) for h in header}) == len(header))
    mapping = detect_mapping(header)
    for f, text in chosen.items():
        assert mapping[f] == ([text] if f == "phones" else text)
    columns = resolve(mapping, header, "x.csv")
    assert columns.single["account_number"] == header.index(chosen["account_number"])
    assert columns.multi["phones"] == (header.index(chosen["phones"]),)


@given(st.data())
def test_signature_ignores_spelling_but_not_column_order(data):
    header = [data.draw(st.sampled_from(SYNONYMS[f])) for f in ("account_number", "name", "phones", "email")]
    respelled = [data.draw(spelled(h)) for h in header]
    assert header_signature(header) == header_signature(respelled)
    swapped = header[:]
    swapped[0], swapped[1] = swapped[1], swapped[0]
    assert header_signature(swapped) != header_signature(header)


@given(st.lists(st.lists(junk, min_size=1, max_size=4), max_size=8), st.data())
def test_the_header_row_is_found_below_any_title_lines(titles, data):
    header = [data.draw(spelled(SYNONYMS[f][0])) for f in ("account_number", "name", "phones")]
    rows = [(i + 1, t) for i, t in enumerate(titles)] + [(len(titles) + 1, header + [None, ""])]
    rows.append((len(titles) + 2, ["131100000001", "Budi", "0812345678"]))
    number, found = find_header(rows, header_score, "x.csv")
    assert number == len(titles) + 1 and found == [h.strip() for h in header]


@given(st.lists(junk, min_size=1, max_size=6), st.sampled_from(FIELDS))
def test_a_title_line_with_one_field_word_is_not_taken_for_the_header(words, field):
    assert header_score([normalise_header(w) for w in words] + [SYNONYMS[field][0]]) == 0


@given(st.sampled_from(FIELDS), st.text(min_size=1, max_size=10).filter(str.strip))
def test_an_explicit_mapping_wins_field_by_field(field, column):
    detected = {"account_number": "No Internet", "name": "Nama", "phones": ["No HP"]}
    merged = merge_mapping(detected, {field: column})
    assert merged[field] == ([column] if field == "phones" else column)
    assert all(merged[f] == v for f, v in detected.items() if f != field)
    assert "name" not in merge_mapping(detected, {"name": None})


def test_an_unknown_mapping_field_is_refused_in_indonesian():
    with pytest.raises(ImportFileError, match="Field pemetaan tidak dikenal"):
        merge_mapping({}, {"nomor_hp": "HP"})


@given(st.sets(st.sampled_from(REQUIRED_FIELDS), min_size=1))
def test_a_mapping_without_a_required_field_is_refused_naming_it(missing):
    mapping = {f: FIELD_LABELS[f] for f in REQUIRED_FIELDS if f not in missing}
    with pytest.raises(ImportFileError) as err:
        resolve(mapping, [FIELD_LABELS[f] for f in REQUIRED_FIELDS], "dapros.csv")
    assert all(FIELD_LABELS[f] in str(err.value) for f in missing)
