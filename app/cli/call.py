"""`sambung call NUMBER_OR_URI`: place one real call headless and say how it went.

For admins and scripts checking a desk's SIP set-up: uses the configured account
(Settings + keyring, flags override), prints every state change with a timestamp and
the final SIP status, one `cpa: CLASS CONFIDENCE` line per call-progress class heard
(CLASS: ringback, busy, congestion, sit, silence, speech or announcement:LABEL), and
exits 0 only when the call was answered (1 not answered,
2 bad input/settings, 3 registration failed, 4 the phone could not start or timed out).
A number is normalised and turned into the site's dial string by app.domain.phone.
The softphone is app.core.phone_check's; this module parses, prints and decides the
exit code.  It must not write anything to the database: a test call, not an attempt.
"""

from __future__ import annotations

import argparse
import queue
import sys
import time
from datetime import datetime
from pathlib import Path

EXIT_ANSWERED, EXIT_NOT_ANSWERED, EXIT_INPUT, EXIT_REGISTRATION, EXIT_PHONE = 0, 1, 2, 3, 4

STATE_WORDS = {"dialing": "INVITE terkirim", "ringing": "berdering", "early_media": "nada awal (183)",
               "connected": "tersambung", "on_hold": "ditahan", "ended": "selesai"}


def add_account_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("akun SIP (menimpa pengaturan)")
    g.add_argument("--registrar", metavar="URI", help='registrar, mis. "sip:pbx.site.local"; "" = tanpa registrasi')
    g.add_argument("--user", metavar="U", help="nama pengguna SIP")
    g.add_argument("--domain", metavar="D", help="domain SIP")
    g.add_argument("--transport", choices=("udp", "tcp", "tls"), help="transport SIP")
    g.add_argument("--outbound-proxy", metavar="URI", help="proxy keluar")
    g.add_argument("--local-port", type=int, metavar="PORT", help="port SIP lokal (0 = bebas)")
    g.add_argument("--bind", metavar="IP", help="alamat IP lokal untuk SIP/RTP")
    g.add_argument("--null-audio", action="store_true", help="tanpa kartu suara (server, uji)")


def register(subparsers) -> None:
    p = subparsers.add_parser("call", help="panggilan uji lewat akun SIP yang dikonfigurasi",
                              description="Melakukan satu panggilan nyata dan mencetak setiap perubahan "
                              "status. Kode keluar 0 bila diangkat, bukan-nol bila tidak.")
    p.add_argument("target", metavar="NUMBER_OR_URI", help="nomor (mis. 0812-3456-7890) atau URI sip:")
    p.add_argument("--hangup-after", type=float, default=5.0, metavar="SECONDS",
                   help="akhiri panggilan sekian detik setelah tersambung (bawaan 5)")
    p.add_argument("--record", type=Path, metavar="FILE", help="rekam panggilan ke berkas WAV ini")
    p.add_argument("--early-media", action="store_true",
                   help="rekam sejak suara pertama (nada/pengumuman sebelum diangkat), mis. untuk pustaka pengumuman")
    p.add_argument("--play", type=Path, metavar="WAV", help="putar WAV ini ke panggilan (pengganti mikrofon)")
    p.add_argument("--dtmf", metavar="DIGITS", help="kirim nada DTMF ini setelah tersambung")
    p.add_argument("--timeout", type=float, default=60.0, metavar="S", help="batas waktu keseluruhan (bawaan 60)")
    p.add_argument("--ring-timeout", type=float, metavar="S",
                   help="batalkan bila tidak diangkat setelah S detik (bawaan: pengaturan sip.ring_timeout_seconds, 45)")
    add_account_options(p)
    p.set_defaults(func=run)


def stamp() -> str:
    return datetime.now().strftime("%H:%M:%S.%f")[:-3]


def say(text: str) -> None:
    print(f"[{stamp()}] {text}", flush=True)


# flag -> the account setting it overrides
ACCOUNT_FLAGS = (("registrar", "registrar"), ("user", "username"), ("domain", "domain"), ("transport", "transport"),
                 ("outbound_proxy", "outbound_proxy"), ("local_port", "local_port"), ("bind", "bind_address"))


def build_config(args: argparse.Namespace):
    """(Settings, SipConfig, password) from settings, keyring and the flags."""
    from app.core.phone_check import account
    overrides = {attr: getattr(args, flag) for flag, attr in ACCOUNT_FLAGS if getattr(args, flag, None) is not None}
    return account(overrides, null_audio=args.null_audio)


def wait_registration(phone, deadline: float):
    """The registrar's final answer (registered or failed), or None on timeout."""
    while time.monotonic() < deadline:
        try:
            kind, value = phone.events.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            break
        if kind == "registration" and value.status in ("registered", "failed"):
            return value
        if kind == "error":
            say(f"galat: {value}")
    return None


def run(args: argparse.Namespace) -> int:
    from app.core.phone_check import CheckPhone, PhoneCheckFailed, dial_uri, masked
    from app.platform.config import SettingsError

    try:
        settings, cfg, password = build_config(args)
        if args.ring_timeout is not None:
            cfg.ring_timeout_seconds = args.ring_timeout
        if args.play is not None:
            cfg.play_file = str(args.play)
        cfg.record_early_media = bool(args.early_media)
        uri = dial_uri(args.target, settings, cfg)
    except (SettingsError, ValueError) as exc:          # InvalidPhoneNumber is a ValueError
        print(f"galat: {exc}", file=sys.stderr)
        return EXIT_INPUT

    phone = CheckPhone()
    deadline = time.monotonic() + args.timeout
    try:
        try:
            phone.start(cfg, password)
        except PhoneCheckFailed as exc:
            print(f"galat: {exc}", file=sys.stderr)
            return EXIT_PHONE
        if cfg.registrar:
            state = wait_registration(phone, deadline)
            if state is None or state.status != "registered":
                detail = f"{state.code} {state.reason}" if state else "tidak ada jawaban"
                print(f"galat: registrasi gagal ({detail})", file=sys.stderr)
                return EXIT_REGISTRATION
            say(f"terdaftar: {state.code} {state.reason}")
        say(f"memanggil {masked(uri)}")
        try:
            phone.dial(uri, record_path=args.record)
        except PhoneCheckFailed as exc:
            print(f"galat: {exc}", file=sys.stderr)
            return EXIT_PHONE
        return _follow(phone, args, deadline)
    finally:
        phone.stop()


def _follow(phone, args, deadline: float) -> int:
    hangup_at: float | None = None
    cancelled = False
    while True:
        now = time.monotonic()
        if hangup_at is not None and now >= hangup_at:
            say("mengakhiri panggilan")
            phone.hangup()
            hangup_at = None
        if now >= deadline and not cancelled:
            say("batas waktu habis: mengakhiri panggilan")
            phone.hangup()
            cancelled = True
            deadline = now + 5
        elif now >= deadline:
            print("galat: panggilan tidak selesai", file=sys.stderr)
            return EXIT_PHONE
        wake = min(x for x in (hangup_at, deadline) if x is not None)
        try:
            kind, value = phone.events.get(timeout=max(0.005, wake - time.monotonic()))
        except queue.Empty:
            continue
        if kind == "state":
            extra = " (bisu)" if value.muted else ""
            say(f"{STATE_WORDS.get(value.state, value.state)}{extra}")
            if value.state == "connected" and not value.on_hold and hangup_at is None and not cancelled:
                if args.dtmf:
                    phone.send_dtmf(args.dtmf)
                    say(f"DTMF dikirim: {args.dtmf}")
                hangup_at = time.monotonic() + max(0.0, args.hangup_after)
        elif kind == "error":
            say(f"galat: {value}")
        elif kind == "progress":
            # Read by scripts and checks outside the project: no timestamp, fixed form.
            print(f"cpa: {value.cli_class} {value.confidence:.2f}", flush=True)
        elif kind == "ended":
            return _report(value)


def _report(outcome) -> int:
    code = outcome.status_code if outcome.status_code is not None else "-"
    say(f"status SIP akhir: {code} {outcome.reason}".rstrip())
    say(f"hasil: {outcome.message_id}; dering {outcome.ring_seconds:.1f} d, bicara {outcome.talk_seconds:.1f} d")
    if outcome.suggested_reason_code:
        say(f"saran kode alasan: {outcome.suggested_reason_code}")
    if outcome.recording_path:
        say(f"rekaman: {outcome.recording_path}")
    if outcome.recording_error:
        say(f"rekaman gagal: {outcome.recording_error}")
    if outcome.answered:
        return EXIT_ANSWERED
    print(f"tidak diangkat: {outcome.message_id}", file=sys.stderr)
    return EXIT_NOT_ANSWERED
