"""`sambung sip-check`: register the configured SIP account once and print the registrar's answer.

Without a registrar (direct dialling) it asks the SIP domain with OPTIONS instead.
Exit 0 when the registrar answered 200 OK (or the domain answered the OPTIONS),
1 when it refused or did not answer, 2 when neither a registrar nor a domain is
configured or the settings are bad.  It un-registers before exiting and never
prints or logs the password.
"""

from __future__ import annotations

import argparse
import sys
import time

from app.cli.call import add_account_options, build_config, wait_registration


def register(subparsers) -> None:
    p = subparsers.add_parser("sip-check", help="uji registrasi akun SIP ke PBX",
                              description="Mendaftar ke registrar dengan akun yang dikonfigurasi dan "
                              "mencetak jawabannya (kode + alasan). Kode keluar 0 bila 200 OK.")
    p.add_argument("--timeout", type=float, default=15.0, metavar="S", help="batas waktu (bawaan 15)")
    p.add_argument("--password-stdin", action="store_true",
                   help="baca kata sandi SIP dari stdin (satu baris) alih-alih dari keyring")
    add_account_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.core.phone_check import CheckPhone, PhoneCheckFailed
    from app.domain.sip_outcome import failure_message
    from app.platform.config import SettingsError

    try:
        _, cfg, password = build_config(args)
    except (SettingsError, ValueError) as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return 2
    if args.password_stdin:
        # The settings' test passes a password typed but not saved yet: it must not reach the keyring.
        password = sys.stdin.readline().rstrip("\r\n") or None
    if not cfg.registrar and not cfg.domain:
        print("galat: registrar dan domain SIP belum diatur (sip.registrar / sip.domain)", file=sys.stderr)
        return 2
    if password is None and cfg.registrar:
        print("peringatan: kata sandi SIP tidak ada di keyring; mencoba tanpa kata sandi", file=sys.stderr)
    phone = CheckPhone()
    try:
        try:
            phone.start(cfg, password)
        except PhoneCheckFailed as exc:
            print(f"galat: {exc}", file=sys.stderr)
            return 1
        if not cfg.registrar:
            return _ping(phone, cfg, password, args.timeout)
        state = wait_registration(phone, time.monotonic() + args.timeout)
    finally:
        phone.stop()
    if state is None:
        print(f"galat: registrar {cfg.registrar} tidak menjawab dalam {args.timeout:.0f} detik", file=sys.stderr)
        return 1
    print(f"registrar menjawab: {state.code} {state.reason}")
    if state.status == "registered":
        print(f"terdaftar sebagai {cfg.username} (berlaku {state.expires} detik)")
        return 0
    print(f"galat: {failure_message(state.code, state.reason, cause=state.cause)[0]}", file=sys.stderr)
    return 1


def _ping(phone, cfg, password, timeout: float) -> int:
    """Direct dialling: nothing to register with, so ask the domain whether it is there."""
    code, reason = phone.ping(password, timeout)
    if code is None:
        print(f"galat: {cfg.domain} tidak menjawab OPTIONS dalam {timeout:.0f} detik", file=sys.stderr)
        return 1
    # Any final answer (even 404/405) proves the address, port and transport are right.
    print(f"tanpa registrar: {cfg.domain} menjawab OPTIONS {code} {reason}")
    if code in (408, 503) or code >= 600:
        print(f"galat: {cfg.domain} tidak dapat dihubungi ({code} {reason})", file=sys.stderr)
        return 1
    print("panggilan langsung siap")
    return 0
