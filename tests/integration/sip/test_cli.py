"""`sambung call` and `sambung sip-check` against real peers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main as sambung

pytestmark = pytest.mark.sip
ROOT = Path(__file__).resolve().parents[3]


def _sambung(*args: str, home: Path, timeout: float = 30) -> subprocess.CompletedProcess:
    env = dict(os.environ, SAMBUNG_HOME=str(home), SAMBUNG_SITE_FILE=str(home / "site.json"),
               PYTHON_KEYRING_BACKEND="app.platform.secrets.MemoryKeyring")
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def test_call_command_exits_0_when_the_customer_answers(sipp_uas, sambung_home, tmp_path):
    sipp = sipp_uas("uas_answer.xml")
    rec = tmp_path / "cli.wav"
    result = _sambung("call", "0812-3456-7890", "--domain", sipp.uri_host, "--bind", "127.0.0.1",
                      "--null-audio", "--hangup-after", "0.3", "--record", str(rec), home=sambung_home)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "berdering" in out and "tersambung" in out and "status SIP akhir: 200" in out
    assert out.index("berdering") < out.index("tersambung") < out.index("selesai")
    assert "081234567890" not in out, "the number is masked in the output"
    assert rec.exists() and f"rekaman: {rec}" in out


def test_call_command_exits_non_zero_on_busy_and_prints_the_reason(sipp_uas, sambung_home):
    sipp = sipp_uas("uas_reject.xml", keys={"code": "486", "reason": "Busy Here"})
    result = _sambung("call", f"sip:0811111111@{sipp.uri_host}", "--bind", "127.0.0.1", "--null-audio",
                      home=sambung_home)
    assert result.returncode == 1
    assert "status SIP akhir: 486 Busy Here" in result.stdout
    assert "Nomor sedang sibuk (486)" in result.stderr


def test_call_command_refuses_an_invalid_number_with_exit_2(sambung_home):
    result = _sambung("call", "12ab", "--domain", "127.0.0.1", "--null-audio", home=sambung_home)
    assert result.returncode == 2 and result.stderr.startswith("galat:")


def test_sip_check_prints_200_for_the_right_password(kamailio, capsys):
    from app.platform.secrets import set_secret
    set_secret("sip_password", kamailio.password)
    code = sambung(["sip-check", "--registrar", kamailio.registrar, "--user", kamailio.user,
                    "--domain", "127.0.0.1", "--bind", "127.0.0.1", "--null-audio", "--timeout", "5"])
    out = capsys.readouterr()
    assert code == 0, out
    assert "registrar menjawab: 200" in out.out
    assert kamailio.password not in out.out + out.err


def test_sip_check_fails_with_401_for_a_wrong_password(kamailio, capsys):
    from app.platform.secrets import set_secret
    set_secret("sip_password", "not-the-password")
    code = sambung(["sip-check", "--registrar", kamailio.registrar, "--user", kamailio.user,
                    "--domain", "127.0.0.1", "--bind", "127.0.0.1", "--null-audio", "--timeout", "5"])
    out = capsys.readouterr()
    assert code == 1
    assert "registrar menjawab: 401" in out.out or "registrar menjawab: 403" in out.out
    assert "kata sandi" in out.err


def test_call_command_prints_one_machine_readable_cpa_line_per_class(sambung_home):
    import re

    from tests.integration.sip.peers import SimulatorProcess
    sim = SimulatorProcess(ring_seconds=0.3)
    try:
        # SIT, then "Nomor yang Anda tuju tidak aktif" as early media, then 404 from the network.
        result = _sambung("call", "0888-0000-0040", "--domain", f"127.0.0.1:{sim.port}", "--bind", "127.0.0.1",
                          "--null-audio", "--timeout", "25", home=sambung_home, timeout=40)
    finally:
        sim.stop()
    lines = [line for line in result.stdout.splitlines() if line.startswith("cpa:")]
    assert [line.rsplit(" ", 1)[0] for line in lines] == ["cpa: sit", "cpa: announcement:tidak_aktif"], result.stdout
    assert all(re.fullmatch(r"cpa: \S+ (0\.(8[5-9]|9\d)|1\.00)", line) for line in lines)
    assert result.returncode == 1 and "saran kode alasan: NC-INA" in result.stdout


def test_an_admin_records_an_operator_announcement_and_the_next_call_names_it(sambung_home, tmp_path):
    import json
    import shutil

    from app.telephony.progress.library import starter_folder
    from app.telephony.prompt_audio import wav_rms, wav_seconds
    from tests.integration.sip.peers import SimulatorProcess

    # A site whose library knows only the voicemail greeting.
    library = tmp_path / "pustaka"
    library.mkdir()
    shutil.copy(starter_folder() / "kotak_suara.wav", library)
    (library / "manifest.json").write_text(json.dumps({"format": 1, "announcements": [
        {"label": "kotak_suara", "reason": "NC-MBX", "file": "kotak_suara.wav"}]}))
    (sambung_home / "site.json").write_text(json.dumps({"cpa": {"library_dir": str(library)}}))
    sim = SimulatorProcess(ring_seconds=0.3)
    recording = tmp_path / "operator.wav"
    try:
        number = "0888-0000-0014"           # "Maaf, nomor yang Anda hubungi tidak terdaftar", then 480
        first = _sambung("call", number, "--domain", f"127.0.0.1:{sim.port}", "--bind", "127.0.0.1",
                         "--null-audio", "--record", str(recording), "--early-media", home=sambung_home, timeout=40)
        assert "cpa: speech" in first.stdout and f"rekaman: {recording}" in first.stdout, first.stdout
        assert wav_seconds(recording) > 5 and wav_rms(recording) > 300
        added = _sambung("announcements", "add", str(recording), "--label", "tidak_terdaftar_xl",
                         "--reason", "NC-INA", home=sambung_home)
        assert added.returncode == 0, added.stderr
        second = _sambung("call", number, "--domain", f"127.0.0.1:{sim.port}", "--bind", "127.0.0.1",
                          "--null-audio", home=sambung_home, timeout=40)
    finally:
        sim.stop()
    assert any(line.startswith("cpa: announcement:tidak_terdaftar_xl ") for line in second.stdout.splitlines()), \
        second.stdout
    assert "saran kode alasan: NC-INA" in second.stdout
