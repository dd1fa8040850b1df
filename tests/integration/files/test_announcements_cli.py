"""`sambung announcements add|list|remove` on the site's library folder (cpa.library_dir)."""

from __future__ import annotations

import json

import numpy as np

from app.cli import main as sambung
from app.telephony.progress.library import load, read_wav
from app.telephony.prompt_audio import write_prompt


def _stereo(mono, path):
    """A 16-bit stereo copy of a mono WAV, as a recorder on a PC would save it."""
    import wave
    with wave.open(str(mono), "rb") as src:
        rate, frames = src.getframerate(), np.frombuffer(src.readframes(src.getnframes()), dtype="<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(np.repeat(frames, 2).astype("<i2").tobytes())
    return path


def _site(home, library):
    (home / "site.json").write_text(json.dumps({"cpa": {"library_dir": str(library)}}))


def test_add_list_and_remove_through_the_command_line(sambung_home, tmp_path, capsys):
    library = tmp_path / "pustaka"
    _site(sambung_home, library)
    assert sambung(["announcements", "list"]) == 0
    out = capsys.readouterr().out
    assert "app/resources/announcements" in out.replace("\\", "/") and "6 pengumuman" in out

    stereo_44k = _stereo(write_prompt(tmp_path / "mono.wav", seconds=3.0, rate=44100), tmp_path / "rekaman.wav")
    assert sambung(["announcements", "add", str(stereo_44k), "--label", "Dialihkan", "--reason", "nc-rna",
                    "--text", "Nomor yang Anda tuju sedang dialihkan"]) == 0
    assert "ditambahkan: dialihkan (NC-RNA" in capsys.readouterr().out
    samples = read_wav(library / "dialihkan.wav")             # converted: 8 kHz mono 16-bit
    assert 2.5 * 8000 < len(samples) < 3.1 * 8000 and np.abs(samples).max() > 1000
    labels = [k.entry.label for k in load(library)]
    assert labels[-1] == "dialihkan" and len(labels) == 7   # the starter library came along

    assert sambung(["announcements", "remove", "kotak_suara"]) == 0
    assert "dihapus: kotak_suara" in capsys.readouterr().out
    assert sambung(["announcements", "list"]) == 0
    out = capsys.readouterr().out
    assert str(library) in out and "kotak_suara" not in out and "dialihkan\tNC-RNA" in out
    assert not (library / "kotak_suara.wav").exists()


def test_refusals_say_why_and_exit_1(sambung_home, tmp_path, capsys):
    _site(sambung_home, tmp_path / "pustaka")
    wav = write_prompt(tmp_path / "ok.wav", seconds=3.0)
    short = write_prompt(tmp_path / "pendek.wav", seconds=0.5)
    cases = [
        (["add", str(wav), "--label", "ada spasi", "--reason", "NC-INA"], "Label"),
        (["add", str(wav), "--label", "baru", "--reason", "XX-NOPE"], "katalog alasan"),
        (["add", str(tmp_path / "tidak-ada.wav"), "--label", "baru", "--reason", "NC-INA"], "bukan WAV"),
        (["add", str(short), "--label", "baru", "--reason", "NC-INA"], "terlalu pendek"),
        (["add", str(wav), "--label", "tidak_aktif", "--reason", "NC-INA"], "sudah ada"),
        (["remove", "tidak_ada"], "Tidak ada pengumuman"),
    ]
    for args, why in cases:
        assert sambung(["announcements", *args]) == 1, args
        assert why in capsys.readouterr().err, args


def test_refusals_carry_english_for_the_screen_and_keep_indonesian_for_the_command_line(tmp_path):
    import pytest
    from app.core.announcements import AnnouncementError, add_announcement, remove_announcement
    from app.domain.text import text_of
    wav = write_prompt(tmp_path / "ok.wav", seconds=3.0)
    library = tmp_path / "pustaka"
    cases = [
        (lambda: add_announcement(library, wav, "ada spasi", "NC-INA"), "Label: 1-40 karakter",
         "Label: 1-40 characters"),
        # the library module's own refusal comes through the core in both languages
        (lambda: add_announcement(library, tmp_path / "tidak-ada.wav", "baru", "NC-INA"),
         "Berkas tidak-ada.wav bukan WAV PCM", "File tidak-ada.wav is not a readable PCM WAV"),
        (lambda: remove_announcement(library, "tidak_ada"), "Tidak ada pengumuman berlabel 'tidak_ada'",
         "There is no announcement labelled 'tidak_ada'"),
    ]
    for call, indonesian, english in cases:
        with pytest.raises(AnnouncementError) as refused:
            call()
        assert str(refused.value).startswith(indonesian), indonesian
        assert text_of(refused.value).en.startswith(english), english
