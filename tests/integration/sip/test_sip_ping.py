"""Direct dialling has nothing to register with: the SIP test asks the domain with OPTIONS."""

from __future__ import annotations

import pytest

from app.cli import main as sambung
from tests.integration.sip.peers import free_port

pytestmark = pytest.mark.sip


def test_ping_gets_the_simulators_200(simulator, phone, listener):  # noqa: F811
    p = phone(domain=f"127.0.0.1:{simulator.port}")
    code, reason = p.ping(timeout=5)
    assert (code, reason) == (200, "OK")


def test_ping_of_a_silent_port_times_out_and_the_phone_still_calls(simulator, phone, listener):  # noqa: F811
    p = phone(domain=f"127.0.0.1:{free_port()}")
    assert p.ping(timeout=0.5) == (None, "")
    # The unanswered probe must not disturb the account: a call still goes out and back.
    p.dial(simulator.uri("081234567890"))
    listener.wait_state("connected", timeout=10)
    p.hangup()
    listener.wait_outcome(timeout=10)


def test_sip_check_without_registrar_pings_the_domain(simulator, capsys):  # noqa: F811
    code = sambung(["sip-check", "--domain", f"127.0.0.1:{simulator.port}", "--bind", "127.0.0.1",
                    "--null-audio", "--timeout", "5"])
    out = capsys.readouterr()
    assert code == 0, out
    assert f"127.0.0.1:{simulator.port} menjawab OPTIONS 200 OK" in out.out
    assert "kata sandi" not in out.err, "no password warning when nothing registers"


def test_sip_check_without_registrar_fails_when_the_domain_is_silent(capsys):
    port = free_port()
    code = sambung(["sip-check", "--domain", f"127.0.0.1:{port}", "--bind", "127.0.0.1",
                    "--null-audio", "--timeout", "1"])
    out = capsys.readouterr()
    assert code == 1
    assert f"127.0.0.1:{port} tidak menjawab OPTIONS" in out.err


def test_sip_check_without_registrar_or_domain_says_what_is_missing(capsys):
    code = sambung(["sip-check", "--null-audio"])
    assert code == 2
    assert "registrar dan domain SIP belum diatur" in capsys.readouterr().err


def test_sip_check_output_through_a_pipe_has_no_pjlib_banner(simulator, tmp_path):  # noqa: F811
    """The settings' SIP test reads the child's stdout through a pipe and shows its last lines:
    pjlib's start-up banner, buffered by C stdio, must not end up there."""
    import subprocess
    import sys
    from pathlib import Path
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "SAMBUNG_HOME": str(tmp_path / "home"),
           "SAMBUNG_SITE_FILE": str(tmp_path / "site.json"),
           "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    done = subprocess.run([sys.executable, "-m", "app", "sip-check", "--domain", f"127.0.0.1:{simulator.port}",
                           "--bind", "127.0.0.1", "--null-audio", "--timeout", "5"],
                          cwd=Path(__file__).resolve().parents[3], env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines() == [f"tanpa registrar: 127.0.0.1:{simulator.port} menjawab OPTIONS 200 OK",
                                        "panggilan langsung siap"]
