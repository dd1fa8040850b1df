"""The login window and the agent desk without a phone: queue, card, bill, a result without a call."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.store.models import OutboxMessage, WorkItem
from app.views.desk.window import AgentDeskWindow
from tests.fixtures.world import without_valid_numbers
from app.views.login import LoginWindow
from tests.fixtures.passwords import TEST_PASSWORD, give_passwords


def test_login_asks_for_a_password_and_emits_the_user_it_proves(qtbot, ui_ctx):
    # Issue 14: the login no longer lists users to pick (nor preselects the admin); a user name
    # and the right password are what emits the user.
    give_passwords(ui_ctx.database, "agent2")
    login = LoginWindow(ui_ctx)
    qtbot.addWidget(login)
    assert not login.users.isVisible() and login.users.count() == 0
    qtbot.keyClicks(login.username, "agent2")
    qtbot.keyClicks(login.password, TEST_PASSWORD)
    with qtbot.waitSignal(login.logged_in) as chosen:
        qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert chosen.args[0].username == "agent2" and chosen.args[0].role == "agent"


def test_login_refuses_a_wrong_password_with_a_clear_message(qtbot, ui_ctx):
    give_passwords(ui_ctx.database, "agent2")
    login = LoginWindow(ui_ctx)
    qtbot.addWidget(login)
    login.show()
    emitted = []
    login.logged_in.connect(emitted.append)
    login.sign_in_as("agent2", "bukan-sandinya")
    # The refusal speaks the screen's language (Indonesian once the translation is installed; the
    # tests' screens are untranslated, so English): app.views.i18n.message.
    from app.core.identity import WRONG
    qtbot.waitUntil(lambda: login.status.text() == WRONG.en)
    assert WRONG.id == "Nama pengguna atau kata sandi salah."
    assert login.password.text() == "" and emitted == [] and login.isVisible()


def test_demo_login_signs_a_sample_user_in_with_one_click(qtbot, ui_ctx):
    from app.store import accounts
    from datetime import datetime, timezone
    accounts.set_password(ui_ctx.database, "agent1", "demo", datetime.now(timezone.utc))
    login = LoginWindow(ui_ctx, demo_users=(("agent1", "Siti Rahayu", "agent"),), demo_password="demo")
    qtbot.addWidget(login)
    login.show()
    assert "demo" in login.findChild(type(login.status), "demo_banner").text()
    with qtbot.waitSignal(login.logged_in) as chosen:
        qtbot.mouseClick(login.users.viewport(), Qt.MouseButton.LeftButton,
                         pos=login.users.visualItemRect(login.users.item(0)).center())
    assert chosen.args[0].username == "agent1"


def test_desk_shows_queue_and_next_opens_card_with_bill(qtbot, ui_ctx):
    desk = AgentDeskWindow(ui_ctx)
    qtbot.addWidget(desk)
    desk.show()
    qtbot.waitUntil(lambda: desk.queue_model.rowCount() == 3)
    assert "3" in desk.queue_count.text()
    with qtbot.waitSignal(desk.item_opened) as opened:
        qtbot.keyClick(desk, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened.args[0] == ui_ctx.services["ids"]["item1"]
    assert desk.card.name.text() == "Pelanggan 1"
    assert desk.card.phones.count() == 2
    qtbot.waitUntil(lambda: desk.bill.state == "data", timeout=5000)
    assert desk.bill.table.rowCount() > 0 and "Rp" in desk.bill.total.text()


def test_result_without_call_by_keyboard_saves_and_frees_next(qtbot, ui_ctx):
    without_valid_numbers(ui_ctx.database, ui_ctx.services["ids"]["item1"])   # Ctrl+W fits only then
    desk = AgentDeskWindow(ui_ctx)
    qtbot.addWidget(desk)
    desk.show()
    qtbot.waitUntil(lambda: desk.queue_model.rowCount() == 3)
    with qtbot.waitSignal(desk.item_opened):
        qtbot.keyClick(desk, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(desk.wrapup_started):
        qtbot.keyClick(desk, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert not desk.next_button.isEnabled(), "the wrap-up gate holds Next until the result is saved"
    codes = [desk.wrapup.reason.itemData(i) for i in range(desk.wrapup.reason.count())]
    assert "NC-NON" in codes and "NC-BSY" not in codes
    assert desk.wrapup.reason_code() == "NC-NON"
    with qtbot.waitSignal(desk.result_saved) as saved:
        qtbot.keyClick(desk, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert saved.args[0].decision.next_state.value == "done"
    assert desk.next_button.isEnabled()
    with ui_ctx.database.session() as s:
        assert s.get(WorkItem, ui_ctx.services["ids"]["item1"]).state == "done"
        assert len(s.scalars(select(OutboxMessage)).all()) == 2


def test_bill_panel_shows_error_with_retry_when_ipayment_is_down(qtbot, ui_ctx, standin):
    standin.stop()
    desk = AgentDeskWindow(ui_ctx)
    qtbot.addWidget(desk)
    desk.show()
    qtbot.waitUntil(lambda: desk.queue_model.rowCount() == 3)
    with qtbot.waitSignal(desk.item_opened):
        desk.next_item()
    qtbot.waitUntil(lambda: desk.bill.state == "error", timeout=10000)
    assert desk.bill.retry.isVisible()


def test_bill_panel_falls_back_to_the_cached_bill_as_stale(qtbot, ui_ctx, standin):
    desk = AgentDeskWindow(ui_ctx)
    qtbot.addWidget(desk)
    desk.show()
    qtbot.waitUntil(lambda: desk.queue_model.rowCount() == 3)
    with qtbot.waitSignal(desk.item_opened):
        desk.next_item()
    qtbot.waitUntil(lambda: desk.bill.state == "data", timeout=5000)
    periods = desk.bill.table.rowCount()
    standin.set_faults(paths=["/ipayment"], fail_rate=1.0, mode="error500")
    desk.reload_bill()
    qtbot.waitUntil(lambda: desk.bill.state == "stale", timeout=10000)
    assert desk.bill.table.rowCount() == periods, "the cached periods stay on screen"
    assert desk.bill.retry.isVisible()


def test_search_finds_customer_by_phone_in_any_format(qtbot, ui_ctx):
    desk = AgentDeskWindow(ui_ctx)
    qtbot.addWidget(desk)
    desk.show()
    qtbot.waitUntil(lambda: desk.queue_model.rowCount() == 3)
    qtbot.keyClick(desk, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert desk.search.hasFocus()
    qtbot.keyClicks(desk.search, "0812-3456-0002")
    qtbot.keyClick(desk.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.queue_model.rowCount() == 1)
    assert desk.queue_model.row_at(0).customer_name == "Pelanggan 2"
