"""`sambung standin`: run the stand-in server of the integrations contract in the foreground.

Prints the base URL and the bearer token, then serves until Ctrl+C.  For the demo,
tests and trainings only; it must not be used as a real back-end.
"""

from __future__ import annotations

import argparse
import sys

from app.core.standin import FAULT_MODES


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "standin", help="jalankan server tiruan (stand-in) i-payment/MyCX/TAMARA/Callback",
        description="Server tiruan kontrak integrasi (app/resources/contract/openapi.yaml) untuk demo dan uji. "
        "API kontrol: POST /_standin/faults, GET /_standin/received?destination=..., POST /_standin/reset.")
    p.add_argument("--host", default="127.0.0.1", help="alamat dengar (bawaan 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="port (0 = port bebas; bawaan 8765)")
    p.add_argument("--token", help="token bearer yang diterima (bawaan: dibuat acak)")
    p.add_argument("--seed", type=int, default=0, help="benih data contoh (dapros, tiket)")
    p.add_argument("--latency", type=int, default=0, metavar="MS", help="jeda setiap permintaan (ms)")
    p.add_argument("--fail-rate", type=float, default=0.0, metavar="P", help="peluang gangguan 0..1")
    p.add_argument("--mode", choices=FAULT_MODES, default="mixed", help="jenis gangguan (bawaan mixed)")
    p.add_argument("--hold", type=int, default=15_000, metavar="MS",
                   help="lama koneksi ditahan pada gangguan timeout (ms)")
    p.add_argument("--tls-cert", metavar="PEM", help="sertifikat untuk HTTPS (bersama --tls-key)")
    p.add_argument("--tls-key", metavar="PEM", help="kunci privat untuk HTTPS")
    p.add_argument("--state", metavar="FILE", help="simpan data yang diterima ke berkas ini (bertahan saat restart)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.core.standin import standin_server
    if bool(args.tls_cert) != bool(args.tls_key):
        print("--tls-cert dan --tls-key harus diberikan bersama", file=sys.stderr)
        return 2
    if not 0.0 <= args.fail_rate <= 1.0:
        print("--fail-rate harus di antara 0 dan 1", file=sys.stderr)
        return 2
    server = standin_server(port=args.port, host=args.host, token=args.token, seed=args.seed,
                           latency_ms=args.latency, fail_rate=args.fail_rate, mode=args.mode,
                           hold_ms=args.hold, state_file=args.state,
                           tls=(args.tls_cert, args.tls_key) if args.tls_cert else None)
    try:
        server.start()
    except OSError as exc:
        print(f"Tidak dapat membuka port {args.port} di {args.host}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"URL={server.url}", flush=True)
    print(f"TOKEN={server.token}", flush=True)
    print("Stand-in berjalan. Tekan Ctrl+C untuk berhenti.", flush=True)
    import signal
    signal.signal(signal.SIGTERM, lambda *_: server.stopping.set())
    try:
        server.stopping.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0
