"""`sambung demo-backends`: the demo's back-ends as a trial "site", for the first-run wizard.

`--demo` starts the same back-ends inside the window and points the settings at
them in memory.  This command starts them on their own, on fixed ports, seeds a
demo database and prints the values to type into the first-run wizard (or the
settings dialog): a new user or a trainer walks through the real set-up against
something that answers.  For trials and trainings only.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "demo-backends", help="jalankan back-end demo (server tiruan + simulator SIP + basis data demo)",
        description="Menjalankan back-end demo sebagai 'lokasi' percobaan: server tiruan kontrak HTTP, "
        "simulator pelanggan SIP dan basis data SQLite berisi data contoh, lalu mencetak nilai yang "
        "diisikan di wizard pertama Sambung. Hanya untuk percobaan dan pelatihan.")
    p.add_argument("--port", type=int, default=8765, help="port HTTP server tiruan (bawaan 8765)")
    p.add_argument("--sip-port", type=int, default=5090, help="port SIP UDP simulator (bawaan 5090)")
    p.add_argument("--token", help="token API yang diterima (bawaan: dibuat acak)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.core.demo import DemoEnvironment
    from app.core.headless import DatabaseUrlError
    from app.platform import paths

    url = getattr(args, "db", None)
    if not url:
        path = paths.data_dir() / "demo" / "demo-backends.db"
        url = f"sqlite:///{path}"
    elif "://" not in url:          # a bare file name: the demo's SQLite file
        Path(url).parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{url}"
    try:
        env = DemoEnvironment.launch(url, standin_port=args.port,
                                     simulator_port=args.sip_port, token=args.token)
    except OSError as exc:
        print(f"Tidak dapat membuka port {args.port}: {exc.strerror}", file=sys.stderr)
        return 1
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    try:
        env.prepare_database()
        print(instructions(env), flush=True)
        while not stopping.wait(0.5):
            if env.simulator is not None and env.simulator.poll() is not None:
                print(f"Simulator SIP berhenti (kode {env.simulator.returncode}); "
                      f"apakah port {args.sip_port} sudah dipakai?", file=sys.stderr)
                return 1
    except DatabaseUrlError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    finally:
        env.stop()
    return 0


def instructions(env) -> str:
    values = env.site_values()
    return "\n".join([
        "Back-end demo berjalan. Isi nilai ini di wizard pertama Sambung (atau di Pengaturan):",
        "  Akun SIP:    registrar dikosongkan (panggilan langsung), domain "
        f"{values.get('sip.domain', '-')}",
        f"  Koneksi:     alamat i-payment, MyCX, TAMARA dan Callback {env.standin.url}",
        f"               token API {env.token}",
        f"               basis data {values['database_url']}",
        "  Jam telepon: 00:00–23:59 setiap hari, agar data demo dapat ditelepon kapan saja",
        "Pengguna demo: agent1 … agent4 (agen), tier2a (Tier-2), tl1 (team leader), qc1 (QC), admin.",
        "Nomor pelanggan demo dijawab menurut angka terakhir: 0–3 diangkat, 4 sibuk, 5 tidak diangkat, "
        "6 ditolak, 7 tidak ada, 8 diangkat lalu ditutup, 9 tidak aktif.",
        f"URL={env.standin.url}",
        f"TOKEN={env.token}",
        f"SIP_DOMAIN={values.get('sip.domain', '')}",
        f"DATABASE_URL={values['database_url']}",
        "Tekan Ctrl+C untuk berhenti.",
    ])
