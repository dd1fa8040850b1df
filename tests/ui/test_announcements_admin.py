"""The admin's announcement library drives the core: the starter library is listed, a recording is
added with its label and reason, one is removed, and each change is audited."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from app.platform.config import Settings
from app.store.db import Database
from app.store.migrate import upgrade
from app.store.models import AuditEntry
from app.telephony.prompt_audio import write_prompt
from tests.integration.supervision.seed import as_user, seed


def test_admin_adds_and_removes_an_operator_announcement(qtbot, tmp_path, monkeypatch):
    from app.views.admin import AdminWindow
    url = f"sqlite:///{tmp_path / 'admin.db'}"
    upgrade(url)
    db = Database(url)
    ctx = as_user(db, seed(db), "admin1")
    library = tmp_path / "pustaka"
    ctx.settings = Settings({"cpa": {"library_dir": str(library)}})
    window = AdminWindow(ctx)
    qtbot.addWidget(window)
    dialog = window.open_announcements()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.total == 6, timeout=5000)      # the starter library, until changed
    assert "app/resources/announcements" in dialog.folder.text().replace("\\", "/")

    recording = write_prompt(tmp_path / "rekaman operator.wav", seconds=3.0, rate=16000)
    dialog.wav_path.setText(str(recording))
    dialog.label_edit.setText("dialihkan")
    dialog.reason.setCurrentIndex(dialog.reason.findData("NC-RNA"))
    dialog.text_edit.setText("Nomor yang Anda tuju sedang dialihkan")
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        dialog.add_button.click()
    qtbot.waitUntil(lambda: dialog.model.total == 7, timeout=5000)
    assert str(library) in dialog.folder.text() and "dialihkan" in dialog.message.text()
    manifest = json.loads((library / "manifest.json").read_text(encoding="utf-8"))
    added = manifest["announcements"][-1]
    assert (added["label"], added["reason"], added["file"]) == ("dialihkan", "NC-RNA", "dialihkan.wav")
    assert (library / "dialihkan.wav").stat().st_size > 8000 * 2 * 2      # converted to 8 kHz, ~3 s

    row = next(r for r in range(dialog.model.rowCount()) if dialog.model.row_at(r).label == "tidak_terdaftar")
    dialog.table.selectRow(row)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        dialog.remove_button.click()
    qtbot.waitUntil(lambda: dialog.model.total == 6, timeout=5000)
    labels = [e["label"] for e in json.loads((library / "manifest.json").read_text())["announcements"]]
    assert "tidak_terdaftar" not in labels and "dialihkan" in labels
    assert not (library / "tidak_terdaftar.wav").exists()
    with db.session() as s:
        assert s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all() == \
            ["announcement.add", "announcement.remove"]
    db.dispose()


def test_a_refused_recording_is_explained_and_nothing_changes(qtbot, tmp_path, monkeypatch):
    from app.views.admin import AnnouncementsDialog
    url = f"sqlite:///{tmp_path / 'admin.db'}"
    upgrade(url)
    db = Database(url)
    ctx = as_user(db, seed(db), "admin1")
    ctx.settings = Settings({"cpa": {"library_dir": str(tmp_path / "pustaka")}})
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    dialog = AnnouncementsDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.total == 6, timeout=5000)
    dialog.wav_path.setText(str(tmp_path / "tidak-ada.wav"))
    dialog.label_edit.setText("Ada Spasi")
    dialog.add_button.click()
    qtbot.waitUntil(lambda: bool(warnings), timeout=5000)
    assert "Label" in warnings[0] and dialog.message.text() == warnings[0]
    assert not (tmp_path / "pustaka" / "manifest.json").exists()
    db.dispose()


def test_a_refused_recording_is_explained_in_the_language_of_the_interface(qtbot, tmp_path, monkeypatch):
    from app.views.admin import AnnouncementsDialog
    from app.views.i18n import current_language
    url = f"sqlite:///{tmp_path / 'admin.db'}"
    upgrade(url)
    db = Database(url)
    ctx = as_user(db, seed(db), "admin1")
    ctx.settings = Settings({"cpa": {"library_dir": str(tmp_path / "pustaka")}})
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    dialog = AnnouncementsDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.total == 6, timeout=5000)
    assert current_language() == "en"          # the tests' interface, as a user who chose English
    dialog.wav_path.setText(str(tmp_path / "tidak-ada.wav"))
    dialog.label_edit.setText("baru")
    dialog.add_button.click()
    qtbot.waitUntil(lambda: bool(warnings), timeout=5000)
    assert warnings[0].startswith("File tidak-ada.wav is not a readable PCM WAV") and "bukan" not in warnings[0]
    assert dialog.message.text() == warnings[0]
    db.dispose()
