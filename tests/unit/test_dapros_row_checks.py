"""The row checks of a dapros file remember what they found per distinct cell value (issue 19):
every row must still get its own verdict, its own row number and the same message (pure: no files)."""

from __future__ import annotations

from decimal import Decimal

from app.services.dapros_rows import RowError, RowValidator, ValidRow
from app.services.import_readers import detect_mapping, resolve

HEADER = ["No Internet", "Nama Pelanggan", "No HP", "Tunggakan", "Bulan Tunggakan", "Periode", "Segmen",
          "Wilayah/Zona"]


def validator(program="CT0") -> RowValidator:
    return RowValidator(resolve(detect_mapping(HEADER), HEADER, "d.csv"), program)


def row(amount="Rp 1.250.000", months="2", period="202611", segment="DCS", zone="WIB", account="131100000001"):
    return [account, "Budi Santoso", "081234567890", amount, months, period, segment, zone]


def test_a_bad_value_repeated_in_a_column_is_reported_on_every_row_with_its_own_number():
    check = validator()
    first, second = check(5, row(amount="lima ribu")), check(9, row(amount="lima ribu"))
    assert [(e.row, e.column, e.value) for e in first] == [(5, "Tunggakan", "lima ribu")]
    assert [(e.row, e.column, e.value) for e in second] == [(9, "Tunggakan", "lima ribu")]
    assert first[0].message == second[0].message and "Nominal" in first[0].message


def test_a_good_value_repeated_in_a_column_gives_each_row_the_same_value():
    check = validator()
    a, b = check(5, row()), check(6, row(account="131100000002"))
    assert isinstance(a, ValidRow) and isinstance(b, ValidRow)
    assert (a.row, a.account, a.amount, a.months, a.period, a.region) == (5, "131100000001", Decimal(1250000), 2,
                                                                          "202611", "WIB")
    assert (b.row, b.account, b.amount) == (6, "131100000002", Decimal(1250000))


def test_true_one_and_one_point_zero_are_different_cells_though_python_counts_them_equal():
    check = validator()
    whole, real, yes = check(2, row(amount=1)), check(3, row(amount=1.5)), check(4, row(amount=True))
    assert whole.amount == Decimal(1) and real.amount == Decimal("1.5")
    assert isinstance(yes, list) and [e.column for e in yes] == ["Tunggakan"]
    # and in the other order: the first verdict does not stick to an equal value of another type
    check = validator()
    assert isinstance(check(2, row(amount=True)), list) and check(3, row(amount=1)).amount == Decimal(1)


def test_months_outside_the_program_stay_a_program_error_on_each_row():
    check = validator("PRANPC")
    errors = [check(n, row(months="2")) for n in (4, 5)]
    assert [[(e.row, e.kind) for e in found] for found in errors] == [[(4, "program")], [(5, "program")]]
    assert all(isinstance(e, RowError) for found in errors for e in found)


def test_an_empty_repeating_cell_takes_the_default_and_a_blank_zone_is_derived():
    check = validator()
    found = check(7, row(amount="", months=None, period="  ", segment="", zone=""))
    assert isinstance(found, ValidRow)
    assert (found.amount, found.months, found.period, found.segment, found.region, found.zone_source) == (
        Decimal(0), 2, None, "DCS", "UNK", "unknown")


def test_past_the_remembered_values_each_cell_is_still_checked_on_its_own(monkeypatch):
    import app.services.dapros_rows as rows
    monkeypatch.setattr(rows, "_REMEMBERED_PER_COLUMN", 2)
    check = validator()
    amounts = ["1.000", "2.000", "tiga", "4.000", "5.000"] * 2
    found = [check(n, row(amount=a)) for n, a in enumerate(amounts, start=2)]
    assert [f.amount if isinstance(f, ValidRow) else "salah" for f in found] == [
        Decimal(1000), Decimal(2000), "salah", Decimal(4000), Decimal(5000)] * 2
    assert len(check._remembered[0][1]) == 2


def test_valid_rows_read_back_as_they_went_in_and_leave_the_collectors_view():
    """A plan holds its valid rows a block and a field at a time: read back the same, and after one
    collector pass nothing of them is walked again (a file of 100,000 rows is 200,000 tuples)."""
    import gc

    from app.services.dapros_rows import ValidRows
    check = validator()
    rows = [check(n, row(account=f"1311{n:08d}", amount=f"{n:,}".replace(",", "."))) for n in range(2, 4502)]
    rows[7] = rows[7]._replace(phones=("+6281234567890", "+62215551234"), email=None)
    kept = ValidRows(rows, block_rows=2000)
    assert len(kept) == 4500 and [len(block.row) for block in kept.blocks()] == [2000, 2000, 500]
    assert list(kept) == rows and kept[7] == rows[7] and kept[-1] == rows[-1] and kept[2000] == rows[2000]
    assert kept[7].phones == ("+6281234567890", "+62215551234") and kept[0].phones == ("+6281234567890",)
    assert kept.column("account") == [r.account for r in rows]
    gc.collect()
    assert not any(gc.is_tracked(field) for block in kept.blocks() for field in block)
    assert ValidRows([]).column("account") == [] and list(ValidRows()) == []


def test_a_validator_and_its_remembered_verdicts_go_when_the_analysis_drops_them():
    """No reference cycle: thousands of remembered verdicts must not wait for the collector."""
    import gc
    import weakref

    was = gc.isenabled()
    gc.disable()
    try:
        check = validator("PRANPC")
        check(2, row(months="1"))
        gone = weakref.ref(check)
        del check
        assert gone() is None
    finally:
        (gc.enable if was else gc.disable)()
