"""Real SIP peers for the telephony tests and the benchmark: sipp UAS, kamailio, a recording listener.

Plain helpers (no pytest import, so the benchmark's memory figure is not inflated by
the test framework); tests/integration/sip/conftest.py wraps them in fixtures.  Each
peer is a subprocess on 127.0.0.1 with free ports, stopped by its pid.
"""


from __future__ import annotations

import atexit
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable


HERE = Path(__file__).resolve().parent
SCENARIOS = HERE / "scenarios"
ROOT = HERE.parents[2]


def free_port(kind: int = socket.SOCK_DGRAM, also_tcp: bool = True) -> int:
    """A port free for UDP (and TCP) on 127.0.0.1."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, kind) as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if also_tcp:
            try:
                with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as t:
                    t.bind(("127.0.0.1", port))
            except OSError:
                continue
        return port
    raise RuntimeError("no free port")


def free_rtp_port() -> int:
    """An even port whose +1..+3 neighbours are free too (sipp echo uses several)."""
    for _ in range(100):
        port = free_port(also_tcp=False) & ~1
        try:
            socks = []
            for p in range(port, port + 4):
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                socks.append(s)
                s.bind(("127.0.0.1", p))
        except OSError:
            continue
        finally:
            for s in socks:
                s.close()
        return port
    raise RuntimeError("no free RTP port")


def wait_until(predicate: Callable[[], Any], timeout: float = 5.0, interval: float = 0.005,
               what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


@dataclass
class Sipp:
    port: int
    proc: subprocess.Popen
    log: Path

    @property
    def uri_host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def uri(self, user: str = "0812345678") -> str:
        return f"sip:{user}@127.0.0.1:{self.port}"

    def wait(self, timeout: float = 10.0) -> int:
        return self.proc.wait(timeout)

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


_STARTED: list["Sipp"] = []


def _stop_all_sipp() -> None:
    """A test that forgot to stop its sipp (or died) must not leave it running after the session."""
    for sipp in _STARTED:
        sipp.stop()


atexit.register(_stop_all_sipp)


def start_sipp(tmp: Path, scenario: str, *, calls: int | None = None, keys: dict[str, str] | None = None,
               echo: bool = True, extra: list[str] | None = None) -> Sipp:
    # A port found free can be taken by another process (a phone's RTP, a parallel test)
    # before sipp binds it: choose new ports and start again.
    for _ in range(3):
        try:
            return _start_sipp_once(tmp, scenario, calls=calls, keys=keys, echo=echo, extra=extra)
        except _PortTaken:
            continue
    return _start_sipp_once(tmp, scenario, calls=calls, keys=keys, echo=echo, extra=extra)


class _PortTaken(RuntimeError):
    pass


def _start_sipp_once(tmp: Path, scenario: str, *, calls: int | None, keys: dict[str, str] | None,
                     echo: bool, extra: list[str] | None) -> Sipp:
    port = free_port()
    rtp = free_rtp_port()
    name = Path(scenario).name          # a bare name is one of SCENARIOS; a path is used as it is
    log = tmp / f"sipp-{name}-{port}.log"
    # sipp checks response codes when it parses the scenario, so keys are filled in here.
    text = (SCENARIOS / scenario).read_text()
    for key, value in (keys or {}).items():
        text = text.replace(f"[{key}]", value)
    rendered = tmp / f"{port}-{name}"
    rendered.write_text(text)
    cmd = ["sipp", "-sf", str(rendered), "-i", "127.0.0.1", "-p", str(port),
           "-mi", "127.0.0.1", "-mp", str(rtp), "-nostdin", "-trace_err",
           "-error_file", str(tmp / f"sipp-{port}-err.log")]
    if echo:
        cmd.append("-rtp_echo")
    if calls is not None:
        cmd += ["-m", str(calls)]
    cmd += extra or []
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=tmp)
    sipp = Sipp(port, proc, log)
    _STARTED.append(sipp)
    wait_until(lambda: _udp_bound(port) or proc.poll() is not None, 5, what="sipp to listen")
    if proc.poll() is not None:
        errors = tmp / f"sipp-{port}-err.log"
        if errors.exists() and "Address already in use" in errors.read_text(errors="replace"):
            raise _PortTaken(port)
        raise RuntimeError(f"sipp exited: {sipp.output()[-2000:]}")
    return sipp


def _udp_bound(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False




class SimulatorProcess:
    """The demo's customer simulator (app.telephony.simulator) in its own process on a free port."""

    def __init__(self, ring_seconds: float = 0.1, talk_seconds: float = 0.5) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "app.telephony.simulator", "--port", str(self.port),
             "--ring-seconds", str(ring_seconds), "--talk-seconds", str(talk_seconds)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.expect("simulator siap")

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.rstrip())

    def expect(self, text: str, timeout: float = 10.0) -> str:
        while True:
            try:
                line = self.lines.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError(f"simulator never printed {text!r}; saw {self.seen[-10:]}") from None
            self.seen.append(line)
            if text in line:
                return line

    def uri(self, number: str) -> str:
        return f"sip:{number}@127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


KAMAILIO_MODULES = Path("/usr/lib/x86_64-linux-gnu/kamailio/modules")
KAMAILIO_TLS_MODULE = KAMAILIO_MODULES / "tls.so"      # Debian package kamailio-tls-modules


def _tcp_listening(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class Kamailio:
    """kamailio as registrar: start() writes the cfg, checks it, runs it; stop() kills by pidfile.

    With `tls` (a tests.integration.sip.pki.SitePki) it also listens for TLS on
    `tls_port`, presenting the server certificate; with `trunk` ("127.0.0.1:PORT") it
    relays authenticated INVITEs that arrived over TLS to that address.
    """

    workdir: Path
    port: int
    user: str
    password: str
    tls: Any = None
    tls_port: int = 0
    trunk: str = ""
    log: Path = field(init=False)
    pidfile: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log = self.workdir / "kamailio.log"
        self.pidfile = self.workdir / "kamailio.pid"
        if self.tls is not None and not self.tls_port:
            self.tls_port = free_port(socket.SOCK_STREAM, also_tcp=False)

    @property
    def registrar(self) -> str:
        return f"sip:127.0.0.1:{self.port}"

    @property
    def tls_registrar(self) -> str:
        """The registrar URI for transport "tls" (the account adds ;transport=tls)."""
        return f"sip:127.0.0.1:{self.tls_port}"

    def lines(self, marker: str = "sambung-test:") -> list[str]:
        """The lines of kamailio's log that the test cfg writes with xlog (see the template)."""
        if not self.log.exists():
            return []
        return [line for line in self.log.read_text(errors="replace").splitlines() if marker in line]

    def start(self) -> None:
        cfg = self.workdir / "kamailio.cfg"
        text = (HERE / "kamailio.cfg.template").read_text()
        defines = []
        if self.tls is not None:
            defines.append("WITH_TLS")
            # kamailio's own tls.cfg format; the server does not ask the phone for a certificate.
            (self.workdir / "tls.cfg").write_text(
                "[server:default]\nmethod = TLSv1.2+\nverify_certificate = no\nrequire_certificate = no\n"
                f"certificate = {self.tls.server_cert}\nprivate_key = {self.tls.server_key}\n\n"
                "[client:default]\nmethod = TLSv1.2+\nverify_certificate = no\nrequire_certificate = no\n")
        if self.trunk:
            defines.append("WITH_TRUNK")
        text = text.replace("#!KAMAILIO\n", "#!KAMAILIO\n" + "".join(f"#!define {d}\n" for d in defines), 1)
        for key, value in {"PORT": str(self.port), "USER": self.user, "PASSWORD": self.password,
                           "MODPATH": str(KAMAILIO_MODULES), "RUNDIR": str(self.workdir),
                           "TLS_PORT": str(self.tls_port), "TRUNK": self.trunk}.items():
            text = text.replace(f"@{key}@", value)
        cfg.write_text(text)
        check = subprocess.run(["kamailio", "-c", "-f", str(cfg)], capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"kamailio -c failed: {check.stderr[-2000:]}")
        self.pidfile.unlink(missing_ok=True)
        with open(self.log, "ab") as out:
            subprocess.run(["kamailio", "-f", str(cfg), "-P", str(self.pidfile), "-E"],
                           stdout=out, stderr=out, check=True, timeout=10)
        wait_until(lambda: self.pidfile.exists() and self.pidfile.read_text().strip()
                   and _tcp_listening(self.port) and (not self.tls_port or _tcp_listening(self.tls_port)),
                   10, what="kamailio to listen")

    def stop(self) -> None:
        if not self.pidfile.exists():
            return
        import psutil
        pid = int(self.pidfile.read_text().strip() or 0)
        try:
            proc = psutil.Process(pid)
            children = proc.children(recursive=True)
            # An outage, not a polite shutdown (kamailio takes 1.5 s to exit on SIGTERM).
            for victim in (proc, *children):
                try:
                    victim.kill()
                except psutil.NoSuchProcess:
                    pass
            victims = [proc, *children]
            wait_until(lambda: not any(_alive(v) for v in victims), 5, what="kamailio to exit")
        except psutil.NoSuchProcess:
            pass
        self.pidfile.unlink(missing_ok=True)
        wait_until(lambda: not _tcp_listening(self.port), 5, what="kamailio to stop")


def _alive(proc) -> bool:
    import psutil
    try:
        return proc.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@dataclass
class RecordingListener:
    """A PhoneListener that keeps everything it hears, for assertions (thread-safe)."""

    registrations: list = field(default_factory=list)
    states: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    transfers: list = field(default_factory=list)
    progress: list = field(default_factory=list)
    threads: set = field(default_factory=set)
    _cond: threading.Condition = field(default_factory=threading.Condition)

    def _add(self, bucket: list, item: Any) -> None:
        with self._cond:
            self.threads.add(threading.current_thread().name)
            bucket.append(item)
            self._cond.notify_all()

    def on_registration(self, state):
        self._add(self.registrations, state)

    def on_call_state(self, snapshot):
        self._add(self.states, snapshot)

    def on_call_ended(self, outcome):
        self._add(self.outcomes, outcome)

    def on_error(self, message_id):
        self._add(self.errors, message_id)

    def on_transfer_progress(self, progress):
        self._add(self.transfers, progress)

    def customer_states(self) -> list:
        return [s for s in self.states if s.leg == "customer"]

    def consult_states(self) -> list:
        return [s for s in self.states if s.leg == "consult"]

    def wait_leg(self, leg: str, state: str, timeout: float = 5.0, after: int = 0):
        """The first snapshot of `leg` in `state` among those after the first `after` of that leg."""
        return self.wait_for(lambda: next((s for s in [x for x in self.states if x.leg == leg][after:]
                                           if s.state == state), None),
                             timeout, f"{leg} call state {state}")

    def wait_transfer(self, final: bool = True, timeout: float = 5.0):
        """The first final transfer fact (or the first one at all)."""
        return self.wait_for(lambda: next((t for t in self.transfers if t.final or not final), None),
                             timeout, "transfer progress")

    def on_call_progress(self, verdict):
        self._add(self.progress, verdict)

    def wait_for(self, predicate: Callable[[], Any], timeout: float = 5.0, what: str = "event") -> Any:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                value = predicate()
                if value:
                    return value
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"timed out after {timeout} s waiting for {what}; "
                                         f"states={[s.state for s in self.states]} errors={self.errors} "
                                         f"registrations={self.registrations}")
                self._cond.wait(remaining)

    def wait_outcome(self, count: int = 1, timeout: float = 10.0):
        return self.wait_for(lambda: len(self.outcomes) >= count and self.outcomes[count - 1],
                             timeout, f"call outcome #{count}")

    def wait_state(self, state: str, timeout: float = 5.0):
        return self.wait_for(lambda: next((s for s in self.states if s.state == state), None),
                             timeout, f"call state {state}")

    def wait_registration(self, status: str, timeout: float = 5.0, after: int = 0):
        return self.wait_for(lambda: next((r for r in self.registrations[after:] if r.status == status), None),
                             timeout, f"registration {status}")
