#!/usr/bin/env python3
"""Cold start of the window: process start → login shown, and login → agent desk ready.

Prepares a demo-like SQLite database once (the demo users + 100,000 prospects via
app.store.demo_seed), then starts Sambung N times with the start-up probe
(app.views.settings.startup: SAMBUNG_TIMING=1 prints "timing <event> <s> <epoch>",
SAMBUNG_AUTOLOGIN logs agent1 in, SAMBUNG_EXIT_AFTER_DESK quits once the queue's
first page is loaded).  In the same run, alternating with it, a bare Qt peer
(`QApplication` + `QLabel` shown) is started the same way, so the ratio
Sambung / bare Qt says how much is ours on this machine.

    python benchmarks/bench_cold_start.py [--runs 5] [--prospects 100000] [--program dist/sambung/sambung]

Goals: login shown < 1.5 s, login → desk ready < 1 s (medians).  Exit 1 when missed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_LOGIN = 1.5
GOAL_DESK = 1.0

BARE_QT = ("import time\n"
           "from PySide6.QtCore import QTimer\n"
           "from PySide6.QtWidgets import QApplication, QLabel\n"
           "app = QApplication([])\n"
           "w = QLabel('Sambung')\n"
           "w.show()\n"
           "QTimer.singleShot(0, lambda: (print('timing shown 0', time.time(), flush=True), app.quit()))\n"
           "app.exec()\n")

# Source runs: the probe goes on the QApplication that run_gui then reuses.
LAUNCHER = ("import sys\n"
            "from app.views.settings.startup import install_early\n"
            "install_early()\n"
            "from app.cli import main\n"
            "sys.exit(main(sys.argv[1:]))\n")


def prepare(home: Path, prospects: int) -> str:
    sys.path.insert(0, str(ROOT))
    os.environ["SAMBUNG_HOME"] = str(home)
    from datetime import datetime, timezone

    from app.store.db import Database
    from app.store.demo_seed import seed_bulk_prospects, seed_demo
    from app.store.migrate import upgrade
    url = f"sqlite:///{home / 'bench.db'}"
    upgrade(url)
    database = Database(url)
    started = time.perf_counter()
    seed_demo(database, datetime.now(timezone.utc))
    seed_bulk_prospects(database, prospects)
    database.dispose()
    print(f"prepared {prospects:,} prospects in {time.perf_counter() - started:.1f} s -> {url}", flush=True)
    config = home / "config"
    config.mkdir(parents=True, exist_ok=True)
    # A user settings file: no first-run wizard; registrar empty = direct dialling, no network.
    (config / "settings.json").write_text(json.dumps({"database_url": url, "language": "id"}), encoding="utf-8")
    return url


def events(stdout: str) -> dict[str, float]:
    out = {}
    for line in stdout.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0] == "timing":
            out[parts[1]] = float(parts[3])
    return out


def timed(cmd: list[str], env: dict) -> tuple[str, str, int, float]:
    """Run to the end; (stdout, stderr, exit code, CPU seconds of the process incl. its threads)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=out, stderr=err)
        try:
            _pid, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            proc.kill()
            raise
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return (out.read().decode(errors="replace"), err.read().decode(errors="replace"), proc.returncode,
                usage.ru_utime + usage.ru_stime)


def sambung_command(program: str | None, url: str) -> list[str]:
    return [program, "--db", url] if program else [sys.executable, "-c", LAUNCHER, "--db", url]


def run_login_cpu(env: dict, program: str | None, url: str) -> float:
    """CPU seconds from start to the login window (then quit): robust on a loaded machine."""
    env = dict(env, SAMBUNG_EXIT_AFTER_START="1")
    env.pop("SAMBUNG_AUTOLOGIN", None)
    env.pop("SAMBUNG_EXIT_AFTER_DESK", None)
    stdout, stderr, code, cpu = timed(sambung_command(program, url), env)
    if "login_shown" not in events(stdout):
        raise SystemExit(f"Sambung did not show its login (exit {code}):\n{stderr[-3000:]}")
    return cpu


def run_sambung(env: dict, program: str | None, url: str) -> tuple[float, float]:
    cmd = sambung_command(program, url)
    t0 = time.time()
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    marks = events(done.stdout)
    if not {"login_shown", "login_accepted", "desk_ready"} <= set(marks):
        raise SystemExit(f"Sambung did not report its start-up (exit {done.returncode}):\n"
                         f"{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return marks["login_shown"] - t0, marks["desk_ready"] - marks["login_accepted"]


def run_bare(env: dict) -> tuple[float, float]:
    """(seconds to the window shown, CPU seconds of the whole bare process)."""
    t0 = time.time()
    stdout, stderr, _code, cpu = timed([sys.executable, "-c", BARE_QT], env)
    marks = events(stdout)
    if "shown" not in marks:
        raise SystemExit(f"bare Qt peer failed: {stderr[-2000:]}")
    return marks["shown"] - t0, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--prospects", type=int, default=100_000)
    parser.add_argument("--program", help="a built program (dist/sambung/sambung) instead of the source tree")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sambung-bench-") as tmp:
        home = Path(tmp)
        url = prepare(home, args.prospects)
        env = dict(os.environ, SAMBUNG_HOME=str(home), SAMBUNG_SITE_FILE=str(home / "site.json"),
                   SAMBUNG_TIMING="1", SAMBUNG_AUTOLOGIN="agent1", SAMBUNG_PASSWORD="demo",
                   SAMBUNG_EXIT_AFTER_DESK="1",
                   QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   PYTHON_KEYRING_BACKEND="app.platform.secrets.MemoryKeyring",
                   PYTHONPATH=str(ROOT))
        run_sambung(env, args.program, url)      # warm the OS file cache once: every run below is alike
        run_bare(env)
        logins, desks, bares, login_cpus, bare_cpus = [], [], [], [], []
        for n in range(args.runs):
            login, desk = run_sambung(env, args.program, url)
            login_cpu = run_login_cpu(env, args.program, url)
            bare, bare_cpu = run_bare(env)
            logins.append(login)
            desks.append(desk)
            bares.append(bare)
            login_cpus.append(login_cpu)
            bare_cpus.append(bare_cpu)
            print(f"run {n + 1}: login shown {login:.3f} s (CPU {login_cpu:.3f} s), login→desk {desk:.3f} s, "
                  f"bare Qt {bare:.3f} s (CPU {bare_cpu:.3f} s)", flush=True)
    figures = {"prospects": args.prospects, "runs": args.runs, "platform": env["QT_QPA_PLATFORM"],
               "program": args.program or "source",
               "login_shown_median_s": round(statistics.median(logins), 3),
               "login_to_desk_median_s": round(statistics.median(desks), 3),
               "bare_qt_median_s": round(statistics.median(bares), 3)}
    figures["ratio_login_vs_bare_qt"] = round(figures["login_shown_median_s"] / figures["bare_qt_median_s"], 2)
    # CPU time hardly moves with the machine's load: the figure to compare between runs.
    figures["login_cpu_median_s"] = round(statistics.median(login_cpus), 3)
    figures["bare_qt_cpu_median_s"] = round(statistics.median(bare_cpus), 3)
    figures["cpu_ratio_login_vs_bare_qt"] = round(figures["login_cpu_median_s"] / figures["bare_qt_cpu_median_s"], 2)
    figures["load_average_1min"] = round(os.getloadavg()[0], 1)
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    ok = figures["login_shown_median_s"] < GOAL_LOGIN and figures["login_to_desk_median_s"] < GOAL_DESK
    print(f"goals: login < {GOAL_LOGIN} s, login→desk < {GOAL_DESK} s: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
