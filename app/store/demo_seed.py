"""Sample data for `sambung --demo`, the screenshots and the benchmarks.

`seed_demo()` fills an empty (migrated) database with two teams, the demo users,
a few hundred realistic CT-0/PRANPC prospects, about twenty Tier-2 tickets and a
morning's worth of calls and results, so every screen (desk, TL dashboard, QC)
has something to show.  `seed_bulk_prospects()` inserts many prospects fast for
benchmarks.  Deterministic for a given seed and clock; it must never touch a
database that already has users (a real site's data).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, Callable

from sqlalchemy import func, insert, select

from app.domain.roles import Role
from app.store.db import Database
from app.store.models import (CallAttempt, Customer, Phone, Result, Review, Team, Ticket, User,
                              WorkItem)

GIVEN = ("Budi", "Siti", "Agus", "Dewi", "Andi", "Sri", "Joko", "Rina", "Hendra", "Wati", "Bambang",
         "Yuliana", "Rudi", "Fitri", "Eko", "Nur", "Ahmad", "Ratna", "Dedi", "Lestari", "Imam",
         "Putri", "Wahyu", "Indah", "Teguh", "Ayu", "Made", "Ketut", "Nyoman", "Yohanes", "Maria",
         "Fransiskus", "Rizky", "Aulia", "Bayu", "Kartika", "Slamet", "Endang", "Gede", "Theresia")
SURNAMES = ("Santoso", "Wijaya", "Saputra", "Lestari", "Hidayat", "Kurniawan", "Pratama", "Siregar",
            "Nasution", "Harahap", "Simanjuntak", "Wibowo", "Setiawan", "Susanto", "Rahmawati",
            "Purnomo", "Gunawan", "Halim", "Sembiring", "Tanjung", "Manurung", "Pangaribuan", "Suryadi",
            "Utami", "Putra", "Permana", "Firmansyah", "Nugroho", "Kusuma", "Wirawan", "Mahendra",
            "Rumbiak", "Wanggai", "Pattiasina", "Latuconsina", "Sinaga", "Daulay", "Ramadhan")
STREETS = ("Jl. Merdeka", "Jl. Sudirman", "Jl. Diponegoro", "Jl. Gatot Subroto", "Jl. Ahmad Yani",
           "Jl. Pahlawan", "Jl. Imam Bonjol", "Jl. Kartini", "Jl. Veteran", "Jl. Pemuda")
# City, zone, fixed-line area code, digits after the area code.
CITIES = (("Jakarta Selatan", "WIB", "21", 8), ("Bandung", "WIB", "22", 7), ("Semarang", "WIB", "24", 7),
          ("Yogyakarta", "WIB", "274", 7), ("Surabaya", "WIB", "31", 7), ("Medan", "WIB", "61", 7),
          ("Denpasar", "WITA", "361", 7), ("Makassar", "WITA", "411", 7), ("Balikpapan", "WITA", "542", 7),
          ("Jayapura", "WIT", "967", 6), ("Ambon", "WIT", "911", 6))
MOBILE_PREFIXES = ("811", "812", "813", "821", "822", "823", "852", "853", "814", "815", "816",
                   "855", "856", "857", "858", "817", "818", "819", "859", "877", "878", "895",
                   "896", "897", "898", "899", "881", "882", "887", "831", "832", "838")
#: Every demo user's password: shown on the demo's login, never used outside `--demo`.
DEMO_PASSWORD = "demo"
DEMO_USERS = (("agent1", "Rina Marlina", Role.AGENT, "Tim Caring A"),
              ("agent2", "Dimas Prasetyo", Role.AGENT, "Tim Caring A"),
              ("agent3", "Nurul Hidayah", Role.AGENT, "Tim Caring B"),
              ("agent4", "Yosef Manuputty", Role.AGENT, "Tim Caring B"),
              ("tier2a", "Astrid Kusumawardani", Role.TIER2, "Tim Caring A"),
              ("tl1", "Hendro Wicaksono", Role.TEAM_LEADER, "Tim Caring A"),
              ("qc1", "Lia Permatasari", Role.QC, None),
              ("hc1", "Eka Rahmawati", Role.SUPPORT_HC, None),
              ("admin", "Administrator Sambung", Role.ADMIN, None))
RFO = (("Kabel drop putus tertimpa pohon", "Penggantian kabel drop 60 m dan penyambungan ulang"),
       ("ONT mati akibat lonjakan listrik", "Penggantian ONT dan pengaturan ulang layanan"),
       ("Redaman tinggi di ODP", "Pembersihan konektor ODP dan penyambungan ulang core"),
       ("Gangguan kabel feeder akibat galian proyek", "Penyambungan kabel feeder oleh tim SPBU"),
       ("Port OLT bermasalah", "Pemindahan layanan ke port OLT cadangan"),
       ("Perangkat CPE pelanggan rusak", "Penggantian router CPE dan uji throughput"),
       ("Konfigurasi VLAN salah setelah migrasi", "Perbaikan konfigurasi VLAN di metro-e"))
HISTORY_REASONS = ("CT-AGR", "CT-AGR", "CT-AGR", "NC-RNA", "NC-RNA", "NC-BSY", "CT-PAID", "NC-MBX",
                   "CT-CBK", "CT-FIN", "NC-REJ", "CT-AGR", "NC-RNA", "CT-TPY")
SIP_FOR = {"NC-RNA": (480, "Temporarily Unavailable"), "NC-BSY": (486, "Busy Here"),
           "NC-MBX": (200, "OK"), "NC-REJ": (603, "Decline")}
RETURN_COMMENTS = ("Nominal janji tidak sesuai tagihan, mohon konfirmasi ulang.",
                   "Tanggal janji bayar melewati tanggal 20, hubungi kembali pelanggan.")


def _as_now(clock_now: datetime | Callable[[], datetime] | Any) -> datetime:
    if isinstance(clock_now, datetime):
        now = clock_now
    elif hasattr(clock_now, "now"):
        now = clock_now.now()
    else:
        now = clock_now()
    if now.tzinfo is None:
        raise ValueError("seed_demo needs an aware UTC time")
    return now


def account_number(rng: random.Random, used: set[str], allow_404: bool = False) -> str:
    """12 digits, 1223…; never ending in 0000 (the stand-in's "not found") unless asked."""
    while True:
        tail = f"{rng.randrange(10**8):08d}"
        if allow_404:
            tail = tail[:4] + "0000"
        elif tail.endswith("0000"):
            continue
        number = "1223" + tail
        if number not in used:
            used.add(number)
            return number


def mobile_e164(rng: random.Random) -> str:
    # 08xx + 7 or 8 digits: 11–12 digits nationally.
    rest = "".join(rng.choice("0123456789") for _ in range(rng.choice((7, 8))))
    return f"+62{rng.choice(MOBILE_PREFIXES)}{rng.choice('123456789')}{rest[1:]}"


def fixed_e164(rng: random.Random, area: str, digits: int) -> str:
    return f"+62{area}{rng.choice('2345678')}" + "".join(rng.choice("0123456789") for _ in range(digits - 1))


def _person(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}"


def _city(rng: random.Random) -> tuple[str, str, str, int]:
    # Mostly WIB (Java and Sumatra), some WITA and WIT.
    weights = [14, 10, 6, 6, 8, 6, 3, 3, 2, 2, 1]
    return rng.choices(CITIES, weights=weights)[0]


def _customer(rng, used, segment="DCS", allow_404=False) -> Customer:
    city, region, area, digits = _city(rng)
    name = _person(rng)
    phones = []
    for i in range(rng.choice((1, 1, 2, 2, 3))):
        e164 = fixed_e164(rng, area, digits) if i == 1 and rng.random() < 0.6 else mobile_e164(rng)
        if e164 not in {p.e164 for p in phones}:
            phones.append(Phone(e164=e164, label="rumah" if not e164.startswith("+628") else "seluler"))
    email = f"{name.lower().replace(' ', '.')}{rng.randrange(10, 99)}@contoh.co.id" if rng.random() < 0.5 else None
    return Customer(account_number=account_number(rng, used, allow_404), name=name, segment=segment,
                    region=region, address=f"{rng.choice(STREETS)} No. {rng.randrange(1, 200)}, {city}",
                    email=email, phones=phones)


def _period(now: datetime, months_back: int) -> str:
    y, m = now.year, now.month - months_back
    while m <= 0:
        y, m = y - 1, m + 12
    return f"{y}{m:02d}"


def seed_demo(database: Database, clock_now, n_prospects: int = 240, seed: int = 7) -> bool:
    """Fill an empty database with the demo; False (and nothing written) if users exist."""
    now = _as_now(clock_now)
    rng = random.Random(seed)
    with database.session() as s:
        if s.scalar(select(func.count()).select_from(User)):
            return False
        teams = {name: Team(name=name) for name in ("Tim Caring A", "Tim Caring B")}
        s.add_all(teams.values())
        users = {u: User(username=u, full_name=n, role=r.value, team=teams.get(t)) for u, n, r, t in DEMO_USERS}
        s.add_all(users.values())
        s.flush()                       # user ids, for the ticket escorts
        ensure_demo_passwords(s, users.values())
        used: set[str] = set()
        items = [_prospect(rng, used, now, i, allow_404=i in (17, 101)) for i in range(n_prospects)]
        s.add_all(items)
        tickets = _tickets(rng, used, now, users["tl1"])
        s.add_all(tickets)
        s.flush()
        _history(s, rng, now, items, [users[f"agent{i}"] for i in range(1, 5)], users["tl1"])
    return True


def ensure_demo_passwords(session, users=None) -> int:
    """Give the demo users without a password the demo password (hashed); how many got one."""
    from app.platform.passwords import hash_password
    from app.store.models import UserPassword
    if users is None:
        users = session.scalars(select(User).where(User.username.in_([u for u, *_rest in DEMO_USERS]))).all()
    given = 0
    for user in users:
        row = session.get(UserPassword, user.id)
        if row is None:
            row = UserPassword(user_id=user.id, failed_logins=0)
            session.add(row)
        if not row.hash:
            row.hash = hash_password(DEMO_PASSWORD)
            given += 1
    return given


# The issue-18 rules made visible in the demo (app.core.demo seeds them after seed_demo).
SHARED_NUMBER = "+6281299990010"      # on two accounts; ends in 0: the simulator answers
UNKNOWN_ZONE_ACCOUNT = "122399990001"


def seed_rule_examples(database: Database, clock_now, calls_today: int = 3) -> None:
    """A customer whose zone is unknown, and one number on two accounts already called
    `calls_today` times today from the first, so the per-number limit stops the second."""
    now = _as_now(clock_now)
    with database.session() as s:
        if s.scalar(select(Customer.id).where(Customer.account_number == UNKNOWN_ZONE_ACCOUNT)):
            return
        agent = s.scalar(select(User).where(User.username == "agent1"))
        unknown = Customer(account_number=UNKNOWN_ZONE_ACCOUNT, name="Yohana Tanpa Zona", segment="DCS",
                           region="UNK", zone_source="unknown", address="Dusun Krajan RT 01/02",
                           phones=[Phone(e164="+6281299990020", label="seluler")])
        first = Customer(account_number="122399990002", name="Toko Sumber Rejeki", segment="DBS", region="WIB",
                         zone_source="address", address="Jl. Braga No. 10, Bandung",
                         phones=[Phone(e164=SHARED_NUMBER, label="seluler")])
        second = Customer(account_number="122399990003", name="Sumber Rejeki Cabang 2", segment="DBS",
                          region="WIB", zone_source="address", address="Jl. Braga No. 12, Bandung",
                          phones=[Phone(e164=SHARED_NUMBER, label="seluler")])
        items = [WorkItem(customer=c, program="PRANPC", state="new", priority=1, arrears_months=1,
                          arrears_amount=Decimal("390000"), period=_period(now, 0), source="contoh_aturan",
                          created_at=now - timedelta(days=1)) for c in (unknown, first, second)]
        s.add_all(items)
        s.flush()
        called = items[1]
        for n in range(calls_today):
            started = now - timedelta(minutes=30 * (calls_today - n))
            s.add(CallAttempt(work_item_id=called.id, agent_id=agent.id, phone_id=first.phones[0].id,
                              dialled=SHARED_NUMBER, attempt_no=n + 1, started_at=started,
                              ended_at=started + timedelta(seconds=40), answered=False, sip_status=486,
                              sip_reason="Busy Here", ring_seconds=4.0, talk_seconds=None, counts=True))
        called.attempts_in_round = called.attempts_total = calls_today
        called.state, called.next_attempt_at = "retry_later", now + timedelta(hours=1)


def _prospect(rng, used, now, i, allow_404=False) -> WorkItem:
    program = "PRANPC" if i % 2 else "CT0"
    months = rng.choice((1, 2)) if program == "PRANPC" else rng.choice((2, 3))
    amount = Decimal(rng.randrange(150, 1501) * 1000)
    segment = rng.choices(("DCS", "DBS", "DGS"), weights=(90, 8, 2))[0]
    return WorkItem(customer=_customer(rng, used, segment, allow_404), program=program, state="new",
                    priority=rng.choice((50, 100, 100, 100, 150)), arrears_months=months,
                    arrears_amount=amount, period=_period(now, 0), source="dapros_demo.xlsx",
                    created_at=now - timedelta(days=1))


def _tickets(rng, used, now, tl: User) -> list[WorkItem]:
    types = ("repaired_fault", "repaired_fault", "hard_complaint", "super_emergency", "buzzer",
             "buzzer_visit")
    segments = ("DCS", "DBS", "DGS", "DES")
    services = ("INDIHOME", "POTS", "DATIN")
    escorted = 0
    items = []
    for i in range(20):
        ticket_type, service, segment = types[i % len(types)], services[i % 3], segments[i % 4]
        if service == "DATIN" and segment == "DCS":
            segment = "DBS"             # Datin is an enterprise/business service
        repeat = rng.choice((0, 0, 1, 2, 3, 4)) if ticket_type != "hard_complaint" else rng.choice((3, 4, 5))
        cause, repair = rng.choice(RFO)
        promise = ticket_type in ("super_emergency", "buzzer", "buzzer_visit")
        escort = tl.id if promise and escorted < 3 else None
        escorted += escort is not None
        hard = repeat >= 3 or ticket_type == "hard_complaint"
        customer = _customer(rng, used, segment)
        ticket = Ticket(ticket_number=f"IN{rng.randrange(10**8, 10**9)}", ticket_type=ticket_type,
                        service=service, rfo_cause=cause, rfo_repair=repair, repeat_reports=repeat,
                        progress_notes=f"{(now - timedelta(hours=3)):%d/%m %H:%M} teknisi selesai perbaikan; "
                                       "menunggu konfirmasi pelanggan.",
                        escort_tl_id=escort, hard_complaint=hard,
                        hard_complaint_criteria={"repeat_reports": repeat} if hard else None,
                        routed_to="DCS" if segment == "DCS" else None, status="open")
        items.append(WorkItem(customer=customer, program="TIER2", state="new",
                              priority=10 if ticket_type == "super_emergency" else 60,
                              external_ref=ticket.ticket_number, source="callback", ticket=ticket,
                              created_at=now - timedelta(hours=rng.randrange(2, 30))))
    return items


def _history(s, rng, now: datetime, items: list[WorkItem], agents: list[User], tl: User) -> None:
    """This morning's calls: attempts and results, a few returned to the agent by the TL."""
    day_start = now.replace(hour=1, minute=0, second=0, microsecond=0)      # 08:00 WIB
    span = max(int((now - day_start).total_seconds() // 60) - 5, 30)
    returned = 0
    for n, item in enumerate(rng.sample(items, k=min(42, len(items)))):
        agent = agents[n % len(agents)]
        reason = rng.choice(HISTORY_REASONS)
        started = now - timedelta(minutes=rng.randrange(5, span))
        phone = item.customer.phones[0]
        answered = reason.startswith("CT-") or reason == "NC-MBX"
        status, text = SIP_FOR.get(reason, (200, "OK"))
        talk = rng.uniform(45, 320) if reason.startswith("CT-") else (8.0 if reason == "NC-MBX" else None)
        attempt = CallAttempt(work_item_id=item.id, agent_id=agent.id, phone_id=phone.id,
                              dialled="0" + phone.e164[3:], attempt_no=1, started_at=started,
                              ended_at=started + timedelta(seconds=(talk or 0) + rng.uniform(6, 30)),
                              answered=answered, sip_status=status, sip_reason=text,
                              ring_seconds=rng.uniform(3, 25), talk_seconds=talk)
        s.add(attempt)
        s.flush()
        fields: dict[str, Any] = {}
        promise_date, promise_amount = None, None
        next_state, next_at = "done", None
        if reason == "CT-AGR":
            promise_date = (now + timedelta(days=rng.randrange(2, 8))).date()
            promise_amount = item.arrears_amount
            fields = {"promise_date": promise_date.isoformat(), "promise_amount": str(int(promise_amount))}
        elif reason == "CT-CBK":
            next_state, next_at = "retry_later", now + timedelta(hours=rng.randrange(1, 4))
            fields = {"callback_at": next_at.isoformat()}
        elif reason.startswith("NC-") or reason == "CT-TPY":
            next_state, next_at = "retry_later", started + timedelta(hours=2)
        result = Result(work_item_id=item.id, attempt_id=attempt.id, agent_id=agent.id, program=item.program,
                        reason_code=reason, contacted=reason.startswith("CT-"), fields=fields,
                        promise_date=promise_date, promise_amount=promise_amount, next_state=next_state,
                        next_attempt_at=next_at, wrapup_seconds=rng.uniform(15, 90),
                        notes="Pelanggan janji bayar via Indomaret." if reason == "CT-AGR" else None,
                        qc_status="pending" if reason == "CT-AGR" else "n/a",
                        created_at=attempt.ended_at + timedelta(seconds=40))
        s.add(result)
        item.state, item.next_attempt_at = next_state, next_at
        item.attempts_total = item.attempts_in_round = 1
        item.closed_at = result.created_at if next_state == "done" else None
        if reason == "CT-AGR" and returned < len(RETURN_COMMENTS) and n % 3 == 0:
            s.flush()
            _return_to_agent(s, item, result, agent, tl, RETURN_COMMENTS[returned], now)
            returned += 1


def _return_to_agent(s, item: WorkItem, result: Result, agent: User, tl: User, comment: str,
                     now: datetime) -> None:
    result.review_status = "returned"
    s.add(Review(result_id=result.id, reviewer_id=tl.id, kind="tl_return", comment=comment,
                 created_at=now - timedelta(minutes=2)))
    item.state, item.assigned_agent_id, item.closed_at = "returned", agent.id, None
    item.returned_comment, item.returned_by_id, item.returned_at = comment, tl.id, now - timedelta(minutes=2)


def seed_bulk_prospects(database: Database, n: int, seed: int = 11, batch: int = 5000,
                        program: str = "CT0") -> int:
    """Insert n prospects (customer, one mobile, work item) with core batch inserts; return n.

    Account numbers are 8…9 (12 digits), apart from the demo's 1223… and never
    ending in 0000, so the stand-in i-payment server knows every one of them.
    """
    rng = random.Random(seed)
    now = datetime.now(timezone.utc)
    with database.session() as s:
        start = (s.scalar(select(func.max(Customer.id))) or 0) + 1
    used: set[str] = set()
    for first in range(0, n, batch):
        size = min(batch, n - first)
        ids = range(start + first, start + first + size)
        customers = [{"id": cid, "account_number": f"8{cid:010d}9", "name": _person(rng),
                      "segment": "DCS", "region": rng.choices(("WIB", "WITA", "WIT"), (8, 2, 1))[0]}
                     for cid in ids]
        phones = []
        for cid in ids:
            e164 = mobile_e164(rng)
            while e164 in used:
                e164 = mobile_e164(rng)
            used.add(e164)
            phones.append({"customer_id": cid, "e164": e164, "label": "seluler", "invalid": False})
        items = [{"customer_id": cid, "program": program, "state": "new", "priority": 100,
                  "arrears_months": 2, "arrears_amount": Decimal(rng.randrange(150, 1501) * 1000),
                  "round_no": 1, "attempts_in_round": 0, "attempts_total": 0,
                  "created_at": now, "updated_at": now} for cid in ids]
        with database.session() as s:
            s.execute(insert(Customer), customers)
            s.execute(insert(Phone), phones)
            s.execute(insert(WorkItem), items)
    _after_bulk(database)
    return n


def _after_bulk(database: Database) -> None:
    from sqlalchemy import text
    with database.session() as s:
        if database.dialect == "postgresql":
            # Explicit ids leave PostgreSQL's serial sequence behind; move it past them.
            s.execute(text("SELECT setval(pg_get_serial_sequence('customers', 'id'), "
                           "(SELECT COALESCE(MAX(id), 1) FROM customers))"))
    # Fresh statistics, or the planner sorts the whole queue for every claim.
    with database.engine.connect() as conn:
        if database.dialect == "postgresql":
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))
        else:
            conn.execute(text("ANALYZE"))
            conn.commit()
