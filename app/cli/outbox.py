"""`sambung outbox status|retry|deliver`: look at and drive the durable outbox without a window.

`status` counts messages per destination and status, shows the oldest pending age and
the failed ones with their error; `retry` puts failed messages back in the queue;
`deliver` sends due messages headless (admins, scripts, the chaos test); it exits
non-zero when a message failed or is left for want of this PC's settings.  The
database comes from --db, else Settings database_url, else the user's SQLite file.
It must not create or migrate the schema (`sambung db` does).
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


def _open(args):
    from app.platform.config import Settings, SettingsError
    from app.store.db import Database, DatabaseUrlError
    try:
        settings = Settings.load()
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        return None, None
    url = getattr(args, "db", None) or settings.get("database_url") or None
    try:
        database = Database(url)
        database.check()
    except DatabaseUrlError as exc:
        print(str(exc), file=sys.stderr)
        return None, None
    return settings, database


def _age(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 120:
        return f"{seconds} detik"
    if seconds < 7200:
        return f"{seconds // 60} menit"
    return f"{seconds // 3600} jam {seconds % 3600 // 60} menit"


def status(args: argparse.Namespace) -> int:
    from datetime import datetime, timezone
    from sqlalchemy.exc import SQLAlchemyError
    from app.store import outbox_repo
    settings, database = _open(args)
    if database is None:
        return 2
    try:
        with database.session() as session:
            rows = outbox_repo.counts(session)
            oldest = outbox_repo.oldest_pending_created_at(session)
            failed = [(m.id, m.destination, m.attempts, m.last_status_code, m.last_error)
                      for m in outbox_repo.failed(session, args.limit)]
    except SQLAlchemyError as exc:
        print(f"Tabel outbox tidak dapat dibaca ({type(exc).__name__}); jalankan `sambung db upgrade`.",
              file=sys.stderr)
        return 2
    if not rows:
        print("Kotak keluar kosong.")
        return 0
    print(f"{'TUJUAN':<14}{'STATUS':<12}{'JUMLAH':>8}")
    for row in rows:
        print(f"{row.destination:<14}{row.status:<12}{row.count:>8}")
    if oldest:
        print(f"Pesan tertunda tertua: {_age((datetime.now(timezone.utc) - oldest).total_seconds())} yang lalu")
    if failed:
        print("\nGagal (perlu ditindaklanjuti; `sambung outbox retry --id N` untuk mengirim ulang):")
        for mid, dest, attempts, code, error in failed:
            print(f"  #{mid} {dest} (percobaan {attempts}, HTTP {code or '-'}): {error or '-'}")
    return 0


def retry(args: argparse.Namespace) -> int:
    from datetime import datetime, timezone
    from app.store import outbox_repo
    settings, database = _open(args)
    if database is None:
        return 2
    with database.session() as session:
        n = outbox_repo.requeue_failed(session, datetime.now(timezone.utc), None if args.all_failed else args.id)
    if n == 0:
        print("Tidak ada pesan gagal yang cocok." if args.all_failed else f"Pesan #{args.id} tidak berstatus gagal.",
              file=sys.stderr)
        return 1
    print(f"{n} pesan dimasukkan kembali ke antrean.")
    return 0


def deliver(args: argparse.Namespace) -> int:
    from app.services.errors import ServiceError
    from app.services.outbox_worker import OutboxWorker, senders_from_settings
    settings, database = _open(args)
    if database is None:
        return 2
    try:
        senders = senders_from_settings(settings)
    except ServiceError as exc:
        print(exc.user_message, file=sys.stderr)
        return 2
    if not senders:
        print("Belum ada alamat sistem tujuan (api.mycx_url, api.tamara_url, api.callback_url).", file=sys.stderr)
        return 2
    get = settings.get
    worker = OutboxWorker(database, senders,
                          concurrency=args.concurrency or int(get("outbox.concurrency", 4)),
                          batch_size=args.batch or int(get("outbox.batch_size", 20)),
                          base_delay=float(get("outbox.backoff_base_seconds", 2.0)),
                          max_delay=float(get("outbox.backoff_max_seconds", 600.0)),
                          lease=float(get("outbox.lease_seconds", 120.0)),
                          idle_poll=float(get("outbox.idle_poll_seconds", 5.0)))
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
