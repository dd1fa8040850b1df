"""The commands that run Sambung again: from source, and as a PyInstaller build runs itself."""

import sys

from app.platform.own_program import own_program, sambung


def test_from_source_modules_run_with_this_interpreter(monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert own_program("--simulator", "app.telephony.simulator", "--port", "5070") == [
        sys.executable, "-m", "app.telephony.simulator", "--port", "5070"]
    assert own_program("--dapros-check", "app.services.dapros_check_process", site_packages=False) == [
        sys.executable, "-S", "-m", "app.services.dapros_check_process"]
    assert sambung("sip-check") == [sys.executable, "-m", "app", "sip-check"]


def test_a_build_runs_its_own_executable_with_the_mode_flag(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert own_program("--simulator", "app.telephony.simulator", "--port", "5070") == [
        sys.executable, "--simulator", "--port", "5070"]
    assert own_program("--dapros-check", "app.services.dapros_check_process", site_packages=False) == [
        sys.executable, "--dapros-check"]
    assert sambung("sip-check") == [sys.executable, "sip-check"]
