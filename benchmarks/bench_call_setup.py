"""Call set-up speed and footprint: Sambung's Softphone against baresip, same sipp UAS, same run.

Run `python benchmarks/bench_call_setup.py [--calls 50]` from the repository root.

How it measures (honestly, and the same way for both clients):
  * One sipp UAS on 127.0.0.1 answers every call (uas_answer.xml, PCMA) and writes a
    message trace (`-trace_msg`) with the wall-clock time at which it read each message.
  * dial->INVITE: the benchmark takes time.time() just before it asks the client to dial
    (Softphone.dial() for Sambung; the `dial` command written to baresip's ctrl_tcp
    socket for baresip) and subtracts it from sipp's receive time of that call's INVITE
    (matched by a unique user part).  Both clocks are the same system clock.  sipp's own
    read latency is included for both clients alike.
  * INVITE->ACK: sipp's receive time of the ACK minus that of the INVITE, per Call-ID:
    the client's handling of 180/200 and its ACK (plus sipp's answer time, the same for both).
  * RSS: of this process after the Sambung calls (Python + PySide-free Sambung headless
    stack), and of the baresip process after its calls (psutil).
Medians are printed with the 90th percentile, then the ratios Sambung/baresip.
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402

from app.telephony.events import SipConfig  # noqa: E402
from app.telephony.prompt_audio import write_prompt  # noqa: E402
from app.telephony.softphone import Softphone  # noqa: E402
from tests.integration.sip.peers import RecordingListener, free_port, start_sipp, wait_until  # noqa: E402

BARESIP_MODULES = [Path("/usr/lib/x86_64-linux-gnu/baresip/modules"), Path("/usr/lib/baresip/modules")]


def parse_trace(path: Path) -> tuple[dict[str, float], dict[str, str], dict[str, float]]:
    """(INVITE time by user, Call-ID by user, ACK time by Call-ID) from a sipp -trace_msg file."""
    invites: dict[str, float] = {}
    call_ids: dict[str, str] = {}
    acks: dict[str, float] = {}
    blocks = re.split(r"^-{10,} (\d{4}-\d\d-\d\d[ \t]\d\d:\d\d:\d\d\.\d+)\s*$", path.read_text(errors="replace"),
                      flags=re.M)
    for stamp, body in zip(blocks[1::2], blocks[2::2]):
        if "message received" not in body:
            continue
        when = datetime.strptime(stamp.replace("\t", " "), "%Y-%m-%d %H:%M:%S.%f").timestamp()
        lines = [ln for ln in body.splitlines() if ln.strip()]
        request = lines[1] if len(lines) > 1 else ""
        call_id = next((ln.split(":", 1)[1].strip() for ln in lines if ln.lower().startswith("call-id:")), "")
        if request.startswith("INVITE "):
            user = request.split("sip:", 1)[1].split("@", 1)[0]
            invites.setdefault(user, when)
            call_ids.setdefault(user, call_id)
        elif request.startswith("ACK "):
            acks.setdefault(call_id, when)
    return invites, call_ids, acks


def bench_sambung(sipp, calls: int, prefix: str) -> tuple[dict[str, float], float]:
    listener = RecordingListener()
    phone = Softphone(listener)
    phone.start(SipConfig(domain="127.0.0.1", bind_address="127.0.0.1", null_audio=True))
    dialled: dict[str, float] = {}
    try:
        for n in range(calls):
            user = f"{prefix}{n}"
            dialled[user] = time.time()
            phone.dial(sipp.uri(user))
            listener.wait_for(lambda: [s.state for s in listener.states].count("connected") > n, what="connected")
            phone.hangup()
            listener.wait_outcome(n + 1)
        rss = psutil.Process().memory_info().rss
    finally:
        phone.stop()
    return dialled, rss


class BaresipCtrl:
    """baresip driven through its ctrl_tcp module (netstring-framed JSON commands and events)."""

    def __init__(self, workdir: Path) -> None:
        modules = next((p for p in BARESIP_MODULES if p.is_dir()), None)
        if modules is None:
            raise RuntimeError("baresip modules not found")
        self.ctrl_port = free_port()
        sip_port = free_port()
        (workdir / "config").write_text("\n".join([
            "poll_method epoll", f"sip_listen 127.0.0.1:{sip_port}", f"module_path {modules}",
            "module g711.so", "module aufile.so", "module menu.so", "module ctrl_tcp.so",
            "module_app account.so", f"audio_player aufile,{workdir / 'out.wav'}",
            f"audio_source aufile,{write_prompt(workdir / 'prompt.wav', seconds=1.0)}",
            f"audio_alert aufile,{workdir / 'alert.wav'}", f"ctrl_tcp_listen 127.0.0.1:{self.ctrl_port}", ""]))
        (workdir / "accounts").write_text("<sip:bench@127.0.0.1>;regint=0\n")
        self.proc = subprocess.Popen(["baresip", "-f", str(workdir)], stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.sock = wait_until(self._connect, 10, what="baresip ctrl_tcp")
        self.buf = b""

    def _connect(self):
        try:
            return socket.create_connection(("127.0.0.1", self.ctrl_port), timeout=0.5)
        except OSError:
            return None

    def send(self, command: str, params: str = "") -> None:
        body = json.dumps({"command": command, "params": params, "token": command}).encode()
        self.sock.sendall(str(len(body)).encode() + b":" + body + b",")

    def wait_event(self, kind: str, timeout: float = 5.0) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            while b":" in self.buf:
                length, rest = self.buf.split(b":", 1)
                size = int(length)
                if len(rest) < size + 1:
                    break
                message, self.buf = json.loads(rest[:size]), rest[size + 1:]
                if message.get("event") and message.get("type") == kind:
                    return message
            self.sock.settimeout(max(0.01, deadline - time.monotonic()))
            chunk = self.sock.recv(65536)
            if not chunk:
                raise RuntimeError("baresip closed its control socket")
            self.buf += chunk
        raise TimeoutError(f"baresip: no {kind} event")

    def close(self) -> None:
        try:
            self.send("quit")
            self.proc.wait(5)
        except Exception:
            self.proc.kill()
            self.proc.wait(5)


def bench_baresip(sipp, calls: int, prefix: str, workdir: Path) -> tuple[dict[str, float], float]:
    ctrl = BaresipCtrl(workdir)
    dialled: dict[str, float] = {}
    try:
        for n in range(calls):
            user = f"{prefix}{n}"
            dialled[user] = time.time()
            ctrl.send("dial", sipp.uri(user))
            ctrl.wait_event("CALL_ESTABLISHED")
            ctrl.send("hangup")
            ctrl.wait_event("CALL_CLOSED")
        rss = psutil.Process(ctrl.proc.pid).memory_info().rss
    finally:
        ctrl.close()
    return dialled, rss


def summarise(name: str, dialled: dict[str, float], trace: tuple, rss: float) -> dict[str, float]:
    invites, call_ids, acks = trace
    to_invite = [(invites[u] - t) * 1000 for u, t in dialled.items() if u in invites]
    to_ack = [(acks[call_ids[u]] - invites[u]) * 1000 for u in dialled if u in invites and call_ids[u] in acks]
    result = {"dial_to_invite_ms": statistics.median(to_invite), "invite_to_ack_ms": statistics.median(to_ack),
              "rss_mb": rss / 2**20}
    p90 = lambda xs: sorted(xs)[int(0.9 * (len(xs) - 1))]  # noqa: E731
    print(f"{name:8s} calls={len(to_invite):3d}  dial->INVITE median {result['dial_to_invite_ms']:7.2f} ms "
          f"(p90 {p90(to_invite):6.2f})  INVITE->ACK median {result['invite_to_ack_ms']:6.2f} ms "
          f"(p90 {p90(to_ack):6.2f})  RSS {result['rss_mb']:6.1f} MB")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sambung-bench-") as tmp:
        tmp_path = Path(tmp)
        trace_file = tmp_path / "messages.log"
        sipp = start_sipp(tmp_path, "uas_answer.xml", extra=["-trace_msg", "-message_file", str(trace_file)])
        try:
            s_dialled, s_rss = bench_sambung(sipp, args.calls, "s")
            b_dialled, b_rss = bench_baresip(sipp, args.calls, "b", tmp_path)
        finally:
            sipp.stop()
        trace = parse_trace(trace_file)
        s = summarise("Sambung", s_dialled, trace, s_rss)
        b = summarise("baresip", b_dialled, trace, b_rss)
    print("ratio Sambung/baresip: " + "  ".join(f"{k} {s[k] / b[k]:.2f}" for k in s))
    return 0


if __name__ == "__main__":
    sys.exit(main())
