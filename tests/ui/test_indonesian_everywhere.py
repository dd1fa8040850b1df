"""Indonesian everywhere outside the agent desk (issue 16, item 17): the file dialog, Yes/No,
the team leader's words, ticket types and phone kinds, and refusals made by the core."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QFileDialog, QLabel, QMessageBox,
                               QTreeView, QWidget)

from app.store.db import Database
from app.store.migrate import upgrade
from tests.integration.supervision.seed import as_user, seed

ROOT = Path(__file__).resolve().parents[2]
QT_WORDS = json.loads((ROOT / "app" / "resources" / "i18n" / "qtbase_id.json").read_text(encoding="utf-8"))


@pytest.fixture
def indonesian():
    from app.views import i18n
    assert i18n.install(QApplication.instance(), "id")
    yield
    i18n.install(QApplication.instance(), "en")


@pytest.fixture
def world(tmp_path):
    url = f"sqlite:///{tmp_path / 'id.db'}"
    upgrade(url)
    db = Database(url)
    yield db, seed(db)
    db.dispose()


def _plain(text: str) -> str:
    return text.replace("&", "").strip().rstrip(":").strip()


ENGLISH_IN_THE_DIALOG = {_plain(source) for ctx in ("QFileDialog", "QFileSystemModel", "QPlatformTheme")
                         for source in QT_WORDS[ctx]} - {"OK", "Folder", "Computer"}


def _texts(widget: QWidget) -> list[str]:
    """Every word a person can read in a dialog: labels, buttons, tool tips, list headers, choices."""
    found = [widget.windowTitle()]
    for child in widget.findChildren(QWidget):
        if not child.isVisibleTo(widget):
            continue
        found.append(child.toolTip())
        if isinstance(child, (QLabel, QAbstractButton)):
            found.append(child.text())
        if isinstance(child, QComboBox):
            found += [child.itemText(i) for i in range(child.count())]
        if isinstance(child, QTreeView) and child.model() is not None:
            found += [str(child.model().headerData(c, child.header().orientation()) or "")
                      for c in range(child.model().columnCount())]
    return [t for t in found if t]


@pytest.mark.parametrize("saving", [False, True])
def test_the_file_dialog_has_no_english_word_left(qtbot, indonesian, tmp_path, saving):
    from app.views.file_dialogs import file_dialog
    dialog = file_dialog(None, "Simpan laporan", str(tmp_path), "Excel (*.xlsx);;CSV (*.csv)", saving=saving)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    texts = _texts(dialog)
    english = sorted({t for t in texts if _plain(t) in ENGLISH_IN_THE_DIALOG})
    assert not english, f"English left in the file dialog: {english}"
    assert {"Cari di", "Nama berkas", "Jenis berkas", "Batal"} <= {_plain(t) for t in texts}
    assert ("Simpan" if saving else "Buka") in {_plain(t) for t in texts}
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)


def test_qts_own_catalogue_is_shipped_and_up_to_date(indonesian):
    for ctx, words in QT_WORDS.items():
        if ctx.startswith("_"):
            continue
        for source, wanted in words.items():
            assert QCoreApplication.translate(ctx, source) == wanted, (ctx, source)


def test_screens_ask_for_files_through_the_indonesian_dialog(qtbot, indonesian, world, monkeypatch):
    from app.views.qc import QcWindow
    db, seeded = world
    shown: list[QFileDialog] = []

    def fake_exec(dialog):
        shown.append(dialog)
        return QFileDialog.DialogCode.Rejected
    monkeypatch.setattr(QFileDialog, "exec", fake_exec)
    window = QcWindow(as_user(db, seeded, "qc1"))
    qtbot.addWidget(window)
    window.report_button.click()
    assert len(shown) == 1 and shown[0].testOption(QFileDialog.Option.DontUseNativeDialog)
    assert shown[0].labelText(QFileDialog.DialogLabel.LookIn) == "Cari di:"


def test_yes_no_questions_have_indonesian_buttons_in_every_window(qtbot, indonesian, world, monkeypatch):
    from app.views.admin import AdminWindow
    from app.views.dialogs import ask_yes_no
    db, seeded = world
    window = AdminWindow(as_user(db, seeded, "admin1"))
    qtbot.addWidget(window)
    seen: list[list[str]] = []

    def fake_exec(box):
        seen.append([b.text() for b in box.buttons()])
        return 0
    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    ask_yes_no(window, "Nonaktifkan pengguna", "Nonaktifkan agent9?")
    assert seen == [["Ya", "Tidak"]]


def test_the_team_leader_dashboard_has_no_english_words(qtbot, indonesian, world):
    from app.views.teamleader import TeamLeaderWindow
    db, seeded = world
    window = TeamLeaderWindow(as_user(db, seeded, "tl_a"), refresh_ms=60000)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.dashboard.dashboard is not None, timeout=5000)
    model = window.dashboard.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    words = headers + [w.text() for w in window.dashboard.findChildren(QLabel)]
    assert "Setuju" in headers and "% Setuju" in headers
    assert not [w for w in words if any(e in w for e in ("Agree", "agree", "wrap-up", "Wrap-up"))], words
    legend = [s.label() for s in window.dashboard.mix_chart.series()[0].slices()]
    assert any("CT-AGR Setuju / janji" in label for label in legend), legend


def test_the_english_interface_shows_reasons_and_phone_kinds_in_english(qtbot, world):
    from app.views.formatting import phone_label, reason_text, ticket_type_label
    from app.domain.reasons import ReasonCatalogue
    assert phone_label("seluler") == "mobile" and phone_label("Rumah") == "home"
    assert phone_label("kantor cabang") == "kantor cabang"          # a site's own word stays as typed
    assert reason_text(ReasonCatalogue.default(), "CT-AGR") == "Agree: promise to pay"
    assert reason_text(ReasonCatalogue.default(), "XX-OLD") == "XX-OLD"
    assert ticket_type_label("super_emergency") == "Super emergency"
    assert ticket_type_label("hard_complaint") == "Hard complaint"
    assert "_" not in ticket_type_label("new_kind_from_callback")


def test_the_indonesian_interface_shows_phone_kinds_and_ticket_types_in_words(qtbot, indonesian):
    from app.views.formatting import phone_label, ticket_status_label, ticket_type_label
    assert phone_label("seluler") == "seluler" and phone_label("home") == "home"
    assert ticket_status_label("back_to_repair") == "Kembali ke perbaikan"
    assert "_" not in ticket_type_label("hard_complaint")


def test_the_card_shows_ticket_type_and_phone_kind_in_words(qtbot):
    from decimal import Decimal
    from app.core.desk.card import CustomerCard, PhoneView
    from app.views.desk.card import CustomerCardWidget
    phone = PhoneView(id=1, e164="+6281234567890", display="0812-3456-7890", label="seluler", invalid=False,
                      invalid_reason=None)
    card = CustomerCard(item_id=1, state="claimed", program="TIER2", name="Budi", account_number="131100000001",
                        segment="DES", region="WIB", address=None, email=None, arrears_months=0,
                        arrears_amount=Decimal(0), period=None, attempts_in_round=0, round_no=1, attempts_total=0,
                        next_attempt_at=None, returned_comment=None, phones=(phone,), history=(),
                        ticket={"ticket_number": "IN123", "ticket_type": "super_emergency", "service": "DATIN",
                                "repeat_reports": 0})
    widget = CustomerCardWidget()
    qtbot.addWidget(widget)
    widget.show_card(card)
    assert "super_emergency" not in widget.fields["ticket"].text()
    assert "Super emergency" in widget.fields["ticket"].text()
    assert widget.phones.item(0).text().endswith("(mobile)")


def test_refusals_from_the_core_are_shown_in_the_users_language(qtbot, world):
    from app.core import supervision as sv
    from app.views import i18n
    db, seeded = world
    with pytest.raises(sv.SupervisionError) as refused:
        sv.add_team(as_user(db, seeded, "admin1"), "  ")
    assert str(refused.value) == "Nama tim wajib diisi."               # the CLI and logs: Indonesian
    assert i18n.message(refused.value) == "A team name is required."     # the English interface
    assert i18n.install(QApplication.instance(), "id")
    try:
        assert i18n.message(refused.value) == "Nama tim wajib diisi."
    finally:
        i18n.install(QApplication.instance(), "en")
