"""The recording store on a real Samba server: each user with their own name and password;
agents write but cannot read each other's recordings, QC reads them, a write is whole or absent."""

from __future__ import annotations

import os

import pytest

from app.services.recording_store import RecordingStoreError, SmbStore, sha256_of


@pytest.fixture(scope="module")
def people(samba):
    users = {"smbagent1": ("sandi-agen-1", False), "smbagent2": ("sandi-agen-2", False),
             "smbqc1": ("sandi-qc-1", True)}
    for name, (password, reader) in users.items():
        samba.add_user(name, password, reader)
    return users


def store(samba, people, name: str) -> SmbStore:
    conf = samba.settings()
    return SmbStore(conf["server"], conf["share"], name, people[name][0], base=conf["path"], port=conf["port"])


def test_an_agent_uploads_and_qc_fetches_the_same_bytes(samba, people, tmp_path):
    wav = tmp_path / "a.wav"
    wav.write_bytes(os.urandom(300_000))
    agent, qc = store(samba, people, "smbagent1"), store(samba, people, "smbqc1")
    try:
        agent.put("2026/11/25/attempt-1.wav", wav)
        got = tmp_path / "got.wav"
        qc.fetch("2026/11/25/attempt-1.wav", got)
        assert sha256_of(got) == sha256_of(wav)
        assert not [p for p in (samba.share_dir / "sambung" / "2026" / "11" / "25").iterdir()
                    if p.name.endswith(".part")], "no half-written file is left behind"
    finally:
        agent.close()
        qc.close()


def test_an_agent_cannot_read_another_agents_recording(samba, people, tmp_path):
    wav = tmp_path / "b.wav"
    wav.write_bytes(b"RIFF" + os.urandom(1000))
    one, two = store(samba, people, "smbagent1"), store(samba, people, "smbagent2")
    try:
        one.put("2026/11/25/attempt-2.wav", wav)
        with pytest.raises(RecordingStoreError, match="akses ditolak"):
            two.fetch("2026/11/25/attempt-2.wav", tmp_path / "stolen.wav")
        assert not (tmp_path / "stolen.wav").exists() or (tmp_path / "stolen.wav").stat().st_size == 0
    finally:
        one.close()
        two.close()


def test_a_wrong_password_is_refused_as_such(samba, people, tmp_path):
    conf = samba.settings()
    bad = SmbStore(conf["server"], conf["share"], "smbagent1", "salah", base=conf["path"], port=conf["port"])
    wav = tmp_path / "c.wav"
    wav.write_bytes(b"x")
    try:
        with pytest.raises(RecordingStoreError, match="menolak login") as refused:
            bad.put("2026/11/25/attempt-3.wav", wav)
        assert refused.value.transient is False
    finally:
        bad.close()
