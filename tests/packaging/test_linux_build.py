"""The Linux build (packaging/build_linux.sh) runs on a PC without Python.

Builds dist/sambung/ once per session (minutes; set SAMBUNG_BUILD_TEST=1 to run,
SAMBUNG_BUILD_REUSE=1 to test an existing dist/sambung without rebuilding), then
runs the program with a PATH that holds no Python and no PYTHON* variables, from
an empty folder: `--version`, `--demo` up to the login window (stand-in server,
simulator child process, seeded SQLite), a sub-command with the migrations, and the dapros
import's checking mode.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist" / "sambung"
PROGRAM = DIST / "sambung"

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.timeout(1800),
    pytest.mark.skipif(os.environ.get("SAMBUNG_BUILD_TEST") != "1",
                       reason="builds the PyInstaller program (minutes): set SAMBUNG_BUILD_TEST=1"),
]


@pytest.fixture(scope="module")
def built() -> dict:
    if os.environ.get("SAMBUNG_BUILD_REUSE") == "1" and PROGRAM.exists():
        return {"seconds": None}
    start = time.monotonic()
    subprocess.run(["bash", str(ROOT / "packaging" / "build_linux.sh"), sys.executable], cwd=ROOT, check=True,
                   timeout=1500)
    return {"seconds": time.monotonic() - start}


@pytest.fixture
def bare_env(tmp_path) -> dict[str, str]:
    """No Python reachable: PATH is an empty folder, no PYTHON* variables, a scratch home."""
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "PYENV", "VIRTUAL_ENV", "CONDA"))}
    env.update(PATH=str(empty_bin), HOME=str(tmp_path), SAMBUNG_HOME=str(tmp_path / "home"),
               SAMBUNG_SITE_FILE=str(tmp_path / "site.json"), QT_QPA_PLATFORM="offscreen",
               PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    return env


def run(args: list[str], env: dict, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([str(PROGRAM), *args], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)


def test_build_produces_a_self_contained_program(built):
    assert PROGRAM.exists() and os.access(PROGRAM, os.X_OK)
    internal = DIST / "_internal"
    assert (internal / "app" / "resources" / "reasons.json").exists()
    assert (internal / "app" / "resources" / "i18n" / "sambung_id.qm").exists()
    assert (internal / "app" / "resources" / "contract" / "openapi.yaml").exists()
    assert list((internal / "app" / "store" / "migrations" / "versions").glob("0001_*.py"))
    assert list(internal.rglob("_pjsua2*.so"))
    plugins = {p.name for p in internal.rglob("platforms/*.so")}
    assert {"libqxcb.so", "libqoffscreen.so"} <= plugins


def test_version_runs_without_python_on_the_path(built, bare_env, tmp_path):
    assert shutil.which("python3", path=bare_env["PATH"]) is None
    done = run(["--version"], bare_env, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Sambung ") and "pjsua2 2.15" in done.stdout and "Qt / PySide6 6" in done.stdout


def test_database_upgrade_subcommand_runs_the_bundled_migrations(built, bare_env, tmp_path):
    db = tmp_path / "site.db"
    done = run(["db", "upgrade", "--db", f"sqlite:///{db}"], bare_env, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert db.exists() and db.stat().st_size > 0


def test_demo_reaches_the_login_window_and_exits(built, bare_env, tmp_path):
    env = dict(bare_env, SAMBUNG_EXIT_AFTER_START="1", SAMBUNG_TIMING="1")
    done = run(["--demo"], env, tmp_path, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "login window shown" in done.stdout
    assert "timing login_shown" in done.stdout
    assert (Path(env["SAMBUNG_HOME"]) / "data" / "demo" / "sambung-demo.db").exists()


def test_simulator_mode_answers_on_its_port(built, bare_env, tmp_path):
    import socket
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([str(PROGRAM), "--simulator", "--port", str(port)], env=bare_env, cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        options = (f"OPTIONS sip:probe@127.0.0.1:{port} SIP/2.0\r\n"
                   f"Via: SIP/2.0/UDP 127.0.0.1:{{p}};branch=z9hG4bK-probe1\r\nMax-Forwards: 70\r\n"
                   f"From: <sip:test@127.0.0.1>;tag=1\r\nTo: <sip:probe@127.0.0.1:{port}>\r\n"
                   "Call-ID: probe-1@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as client:
            client.bind(("127.0.0.1", 0))
            client.settimeout(0.5)
            message = options.replace("{p}", str(client.getsockname()[1])).encode()
            deadline = time.monotonic() + 30
            answer = b""
            while time.monotonic() < deadline and not answer:
                assert proc.poll() is None, proc.stdout.read()
                client.sendto(message, ("127.0.0.1", port))
                try:
                    answer = client.recv(4096)
                except OSError:
                    continue
        assert answer.startswith(b"SIP/2.0 ")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_dapros_check_mode_checks_a_csv_file_for_the_import(built, bare_env, tmp_path, monkeypatch):
    """`sambung import` has a CSV file's rows checked by a process of its own: in a build, the
    program itself in `--dapros-check` mode (app.services.dapros_check_process)."""
    from app.domain.programs import Program
    from app.services import dapros_check_process
    from app.services.import_readers import detect_mapping, resolve
    from tests.integration.files.dapros_factory import HEADER, dapros_rows, write_csv
    rows = [list(r) for r in dapros_rows(2500)]
    rows[7][HEADER.index("No HP")] = "12345"
    path = write_csv(tmp_path / "dapros.csv", rows)
    monkeypatch.setattr(dapros_check_process, "command", lambda: [str(PROGRAM), "--dapros-check"])
    monkeypatch.setattr(dapros_check_process, "_environment", lambda: bare_env)
    checks = dapros_check_process.CheckProcess()
    try:
        checks.check(path, HEADER, resolve(detect_mapping(HEADER), HEADER, path.name), Program.CT0, None, "cp1252")
        messages = list(checks.messages())
    finally:
        checks.close()
    assert [m[0] for m in messages] == ["block", "block", "done"]
    assert [len(m[1].row) for m in messages[:2]] == [2000, 499]
    assert [e.row for e in messages[0][2]] == [9] and messages[2][1:3] == (2500, 0)


def test_demo_backends_serve_as_a_trial_site_for_the_built_program(built, bare_env, tmp_path):
    """The Done-when path without a window: the built program's `demo-backends` answers the
    health checks with the printed token, and its `sip-check` gets OPTIONS 200 from the simulator."""
    import requests

    from tests.fixtures.demo_backends import DemoBackendsProcess
    from tests.integration.sip.peers import free_port
    backends = DemoBackendsProcess([str(PROGRAM), "demo-backends", "--port", str(free_port()),
                                    "--sip-port", str(free_port())], bare_env, tmp_path)
    values = backends.values
    try:
        for system in ("ipayment", "mycx", "tamara", "callback"):
            answer = requests.get(f"{values['URL']}/{system}/v1/health", timeout=10,
                                  headers={"Authorization": f"Bearer {values['TOKEN']}"})
            assert answer.status_code == 200 and answer.json()["system"] == system
        check = run(["sip-check", "--domain", values["SIP_DOMAIN"], "--bind", "127.0.0.1", "--null-audio",
                     "--timeout", "10"], bare_env, tmp_path)
        assert check.returncode == 0, check.stdout + check.stderr
        assert check.stdout.splitlines()[0] == f"tanpa registrar: {values['SIP_DOMAIN']} menjawab OPTIONS 200 OK"
    finally:
        assert backends.stop() == 0
