"""`sambung outbox status|retry|deliver`: look at and drive the durable outbox without a window.

`status` counts messages per destination and status, shows the oldest pending age and
the failed ones with their error; `retry` puts failed messages back in the queue;
`deliver` sends due messages headless (admins, scripts, the chaos test); it exits
non-zero when a message failed or is left for want of this PC's settings.  The
database comes from --db, else Settings database_url, else the user's SQLite file.
It must not create or migrate the schema (`sambung db` does).  The work is
app.core.deliveries'; this module only parses arguments and reports.
"""

from __future__ import annotations

import argparse
import sys


def register(subparsers) -> None:
    p = subparsers.add_parser("outbox", help="status, kirim ulang, dan pengiriman kotak keluar (outbox)",
                              description="Kotak keluar: hasil yang menunggu dikirim ke MyCX, TAMARA, Callback.")
    sub = p.add_subparsers(dest="outbox_command", metavar="PERINTAH", required=True)
    st = sub.add_parser("status", help="jumlah per tujuan dan status, pesan yang gagal")
    st.add_argument("--limit", type=int, default=20, help="jumlah pesan gagal yang ditampilkan")
    st.set_defaults(func=status)
    rt = sub.add_parser("retry", help="masukkan kembali pesan gagal ke antrean")
    group = rt.add_mutually_exclusive_group(required=True)
    group.add_argument("--id", type=int, help="satu pesan (id)")
    group.add_argument("--all-failed", action="store_true", help="semua pesan yang gagal")
    rt.set_defaults(func=retry)
    dv = sub.add_parser("deliver", help="kirim pesan yang jatuh tempo (tanpa jendela)")
    dv.add_argument("--until-empty", action="store_true", help="terus kirim sampai antrean kosong")
    dv.add_argument("--timeout", type=float, default=300.0, metavar="S", help="batas waktu (detik, bawaan 300)")
    dv.add_argument("--concurrency", type=int, default=None, help="pengiriman paralel (bawaan dari pengaturan, 4)")
    dv.add_argument("--batch", type=int, default=None, help="pesan per putaran (bawaan 20)")
    dv.set_defaults(func=deliver)
    from app.cli.common import add_user_option
    for q in (st, rt, dv):
        add_user_option(q)


def _run(args: argparse.Namespace, work) -> int:
    """`work(ctx)` as the database owner, on the database --db or the settings name."""
    from app.cli.common import run_as
    from app.platform.config import Settings, SettingsError
    try:
        settings = Settings.load()
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return run_as(args, work, database_exit=2, unknown_user_exit=2, settings=settings)


def _age(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 120:
        return f"{seconds} detik"
    if seconds < 7200:
        return f"{seconds // 60} menit"
    return f"{seconds // 3600} jam {seconds % 3600 // 60} menit"


def status(args: argparse.Namespace) -> int:
    return _run(args, lambda ctx: _status(ctx, args.limit))


def _status(ctx, limit: int) -> int:
    from app.core.deliveries import outbox_report
    from app.core.headless import SchemaError
    try:
        report = outbox_report(ctx, limit)
    except SchemaError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if not report.counts:
        print("Kotak keluar kosong.")
        return 0
    print(f"{'TUJUAN':<14}{'STATUS':<12}{'JUMLAH':>8}")
    for row in report.counts:
        print(f"{row.destination:<14}{row.status:<12}{row.count:>8}")
    if report.health.oldest_pending_seconds is not None:
        print(f"Pesan tertunda tertua: {_age(report.health.oldest_pending_seconds)} yang lalu")
    if report.failed:
        print("\nGagal (perlu ditindaklanjuti; `sambung outbox retry --id N` untuk mengirim ulang):")
        for f in report.failed:
            print(f"  #{f.message_id} {f.destination} (percobaan {f.attempts}, HTTP {f.status_code or '-'}): "
                  f"{f.error or '-'}")
    return 0


def retry(args: argparse.Namespace) -> int:
    return _run(args, lambda ctx: _retry(ctx, args))


def _retry(ctx, args: argparse.Namespace) -> int:
    from app.core.deliveries import retry_failed
    n = retry_failed(ctx, None if args.all_failed else args.id)
    if n == 0:
        print("Tidak ada pesan gagal yang cocok." if args.all_failed else f"Pesan #{args.id} tidak berstatus gagal.",
              file=sys.stderr)
        return 1
    print(f"{n} pesan dimasukkan kembali ke antrean.")
    return 0


def deliver(args: argparse.Namespace) -> int:
    return _run(args, lambda ctx: _deliver(ctx, args))


def _deliver(ctx, args: argparse.Namespace) -> int:
    from app.core.deliveries import DeliveriesNotConfigured, outbox_worker
    try:
        worker = outbox_worker(ctx, concurrency=args.concurrency, batch_size=args.batch)
    except DeliveriesNotConfigured as exc:
        print(str(exc), file=sys.stderr)
        return 2
    counts = {"delivered": 0, "retry": 0, "failed": 0}
    worker.add_listener(lambda event: counts.__setitem__(event.status, counts[event.status] + 1))
    try:
        if args.until_empty:
            empty = worker.run_until_empty(args.timeout)
        else:
            while worker.deliver_once():
                pass
            empty = worker.pending() == 0
    finally:
        worker.stop()
    unsendable = worker.unsendable()
    print(f"Terkirim {counts['delivered']}, dijadwalkan ulang {counts['retry']}, gagal {counts['failed']}; "
          f"masih tertunda {worker.pending()}.")
    code = 0
    if unsendable:
        # Left alone for a PC that has the address; this PC says so and does not pass.
        listed = ", ".join(f"{dest} ({n})" for dest, n in sorted(unsendable.items()))
        missing = ", ".join(sorted({_SETTING_OF.get(d, d) for d in unsendable}))
        print(f"Tidak dikirim dari PC ini karena alamatnya belum diatur ({missing}): {listed}. "
              "Pesan itu dibiarkan tertunda untuk PC lain yang sudah diatur.", file=sys.stderr)
        code = 1
    if counts["failed"]:
        print(f"{counts['failed']} pesan gagal permanen; lihat `sambung outbox status`.", file=sys.stderr)
        code = 1
    if args.until_empty and not empty:
        print("Batas waktu habis sebelum antrean kosong.", file=sys.stderr)
        code = 1
    return code


_SETTING_OF = {"mycx": "api.mycx_url", "mycx_ticket": "api.mycx_url", "tamara": "api.tamara_url",
               "callback": "api.callback_url", "email": "smtp.host"}
