"""Demo customer simulator: a separate process that answers Sambung's calls on 127.0.0.1.

Run `python -m app.telephony.simulator --port 5090` (pjsua2, null audio) and dial
`sip:<number>@127.0.0.1:5090`; what the "customer" does depends on the LAST DIGIT of
the dialled number (numbers starting 0888 follow the in-band plan below instead):

=====  ===============================================================
0-3    rings ~1 s, answers, plays a short voice-like prompt (looped) and
       waits for the agent to hang up
4      486 Busy Here
5      rings and never answers (until the agent or ring timeout CANCELs)
6      603 Decline
7      404 Not Found (number not valid)
8      answers, plays the prompt, hangs up by itself after a few seconds
9      480 Temporarily Unavailable (no answer)
=====  ===============================================================

Numbers whose national form starts with 0888 play what a network plays in-band, chosen
by their LAST TWO DIGITS (app.telephony.simulator_inband has the full table): 1N = 183 +
starter announcement N (0 tidak_aktif … 5 kotak_suara), 2N = 200 + announcement N,
30 = ringback then busy tone, 31 = ringback, 32 = busy tone, 33 = congestion tone,
40 = SIT + announcement, 50 = a live person answers, 51 = silence, 52 = ringback then a
live person.  E.g. 0888-0000-0010: "Nomor yang Anda tuju tidak aktif" as early media.

DTMF received from the agent is printed.  The prompt WAV is generated at start with
the `wave` module, the in-band media from the starter library and the tone plan.  SIGTERM/SIGINT end it cleanly (calls hung up, libDestroy once), and
so does the end of the process named by --parent-pid (the demo window, even killed).
It is a demo/test peer only: it must not be imported by the application itself.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

import pjsua2 as pj

from app.platform.lifeline import parent_gone
from app.telephony.endpoint_setup import _quiet_stdout
from app.telephony import none_guard
from app.telephony.prompt_audio import write_prompt
from app.telephony import simulator_inband

BEHAVIOUR = {
    **{d: "answer" for d in "0123"},
    "4": 486, "5": "ring", "6": 603, "7": 404, "8": "answer_then_bye", "9": 480,
}
TABLE = """Angka terakhir nomor -> perilaku pelanggan:
  0-3  berdering ~1 d, diangkat, memutar suara, menunggu agen menutup
  4    486 Busy Here (sibuk)
  5    berdering terus, tidak diangkat (sampai CANCEL)
  6    603 Decline (ditolak)
  7    404 Not Found (nomor tidak valid)
  8    diangkat, lalu pelanggan menutup setelah beberapa detik
  9    480 Temporarily Unavailable (tidak diangkat)
Nomor berawalan 0888 -> suara di jalur (dua angka terakhir):
  1N   183 + pengumuman N (0 tidak_aktif ... 5 kotak_suara)   2N  200 + pengumuman N
  30   nada sambung lalu nada sibuk   31  nada sambung   32  nada sibuk   33  nada jaringan sibuk
  40   SIT + pengumuman   50  diangkat orang   51  hening   52  nada sambung lalu diangkat orang"""
REASONS = {486: "Busy Here", 603: "Decline", 404: "Not Found", 480: "Temporarily Unavailable",
           503: "Service Unavailable"}


def say(text: str) -> None:
    print(text, flush=True)


class Customer(pj.Call):
    def __init__(self, sim: "Simulator", account, call_id: int) -> None:
        super().__init__(account, call_id)
        self.sim = sim
        self.player = None
        self.digit = ""
        self.ended = False
        self.scenario: simulator_inband.InbandScenario | None = None
        self.media_started = False

    def onCallState(self, prm):  # noqa: N802
        try:
            info = self.getInfo()
            if info.state == pj.PJSIP_INV_STATE_DISCONNECTED:
                self.ended = True
                self.player = None
                say(f"panggilan {self.digit}: selesai ({info.lastStatusCode} {info.lastReason})")
                # Let go of this Call now, inside its own DISCONNECTED callback: pjsua reuses call
                # ids, and a pjsua2 Call deleted later hangs up whichever call has its id by then
                # (its destructor does, with 603).  Its pending timers hold it, so they go too.
                self.sim.forget(self)
        except Exception as exc:  # noqa: BLE001 - nothing may escape into pjsua
            say(f"galat onCallState: {exc}")

    def onCallMediaState(self, prm):  # noqa: N802
        try:
            info = self.getInfo()
            for index, media in enumerate(info.media):
                if media.type == pj.PJMEDIA_TYPE_AUDIO and media.status == pj.PJSUA_CALL_MEDIA_ACTIVE:
                    if self.player is None:
                        scenario = self.scenario
                        if scenario is None:
                            self.play(self.sim.prompt, loop=True)
                        else:
                            self.play(self.sim.media[scenario.name], loop=scenario.loop)
                            self.end_later()
                    self.player.startTransmit(self.getAudioMedia(index))
        except Exception as exc:  # noqa: BLE001
            say(f"galat media: {exc}")

    def play(self, wav: Path, loop: bool) -> None:
        self.player = pj.AudioMediaPlayer()
        self.player.createPlayer(str(wav), 0 if loop else pj.PJMEDIA_FILE_NO_LOOP)

    def end_later(self) -> None:
        """In-band numbers end by themselves once their media has played."""
        scenario = self.scenario
        if scenario is None or scenario.end_after is None or self.media_started:
            return
        self.media_started = True
        code = scenario.end_code or 0
        self.sim.later(scenario.end_after, lambda: _safe(self, lambda: self.hangup(_op(code))), owner=self)

    def answer_now(self) -> None:
        """200 OK; an in-band number may switch what it plays (ringback, then the person)."""
        self.answer(_op(200))
        scenario = self.scenario
        if scenario is not None and scenario.after_answer and self.player is not None:
            info = self.getInfo()
            audio = next((self.getAudioMedia(i) for i, m in enumerate(info.media)
                          if m.type == pj.PJMEDIA_TYPE_AUDIO and m.status == pj.PJSUA_CALL_MEDIA_ACTIVE), None)
            self.play(self.sim.media[scenario.after_answer], loop=True)
            if audio is not None:
                self.player.startTransmit(audio)

    def onDtmfDigit(self, prm):  # noqa: N802
        say(f"DTMF diterima: {prm.digit}")


class Listener(pj.Account):
    def __init__(self, sim: "Simulator") -> None:
        super().__init__()
        self.sim = sim

    def onIncomingCall(self, prm):  # noqa: N802
        try:
            self.sim.incoming(Customer(self.sim, self, prm.callId))
        except Exception as exc:  # noqa: BLE001
            say(f"galat panggilan masuk: {exc}")


class Simulator:
    def __init__(self, host: str, port: int, ring_seconds: float, talk_seconds: float,
                 parent_pid: int | None = None) -> None:
        self.host, self.port = host, port
        self.parent_pid = parent_pid
        self.ring_seconds, self.talk_seconds = ring_seconds, talk_seconds
        self.calls: list[Customer] = []
        self.timers: list[tuple[float, object, object]] = []       # (when, fn, the call it is for)
        self.stopping = False
        self.workdir = Path(tempfile.mkdtemp(prefix="sambung-sim-"))
        self.prompt = write_prompt(self.workdir / "prompt.wav", seconds=3.0)
        self.media, self.media_seconds = simulator_inband.write_media(self.workdir / "inband")
        self.ep = None
        self.account = None

    def later(self, delay: float, fn, owner: object = None) -> None:
        self.timers.append((time.monotonic() + delay, fn, owner))

    def forget(self, call: Customer) -> None:
        if call in self.calls:
            self.calls.remove(call)
        self.timers = [t for t in self.timers if t[2] is not call]

    def incoming(self, call: Customer) -> None:
        self.calls.append(call)
        user = call.getInfo().localUri.split("sip:", 1)[-1].split("@", 1)[0]
        digits = "".join(ch for ch in user if ch.isdigit())
        call.digit = digits[-1:] or "0"
        inband = simulator_inband.scenario(digits, self.media_seconds)
        if inband is not None:
            call.scenario = inband
            say(f"panggilan masuk ke ...{digits[-4:]}: {inband.describe}")
            call.answer(_op(inband.first))
            if inband.answer_after is not None:
                self.later(inband.answer_after, lambda: _safe(call, call.answer_now), owner=call)
            return
        behaviour = BEHAVIOUR[call.digit]
        say(f"panggilan masuk ke ...{digits[-4:]}: {behaviour}")
        call.answer(_op(180))
        if behaviour in ("answer", "answer_then_bye"):
            self.later(self.ring_seconds, lambda: _safe(call, lambda: call.answer(_op(200))), owner=call)
            if behaviour == "answer_then_bye":
                self.later(self.ring_seconds + self.talk_seconds, lambda: _safe(call, lambda: call.hangup(_op(0))),
                           owner=call)
        elif isinstance(behaviour, int):
            self.later(0.2, lambda: _safe(call, lambda: call.hangup(_op(behaviour))), owner=call)
        # "ring": nothing to do; the caller's CANCEL ends it.

    def run(self) -> int:
        ep = self.ep = pj.Endpoint()
        with _quiet_stdout():
            ep.libCreate()
        cfg = pj.EpConfig()
        cfg.uaConfig.threadCnt = 0
        cfg.uaConfig.mainThreadOnly = True
        cfg.uaConfig.userAgent = "Sambung-simulator"
        cfg.logConfig.consoleLevel = 0
        cfg.logConfig.level = 0
        cfg.medConfig.noVad = True
        ep.libInit(cfg)
        tcfg = pj.TransportConfig()
        tcfg.port = self.port
        tcfg.boundAddress = self.host
        ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, tcfg)
        ep.libStart()
        ep.audDevManager().setNullDev()
        acc_cfg = pj.AccountConfig()
        acc_cfg.idUri = f"sip:customer@{self.host}:{self.port}"
        acc_cfg.mediaConfig.transportConfig.boundAddress = self.host
        self.account = Listener(self)
        self.account.create(acc_cfg, True)
        say(TABLE)
        say(f"simulator siap di sip:<nomor>@{self.host}:{self.port}")
        try:
            orphan_check = 0
            while not self.stopping:
                ep.libHandleEvents(20)
                self._run_timers()
                none_guard.top_up()      # see app.telephony.none_guard
                orphan_check = (orphan_check + 1) % 25          # about twice a second
                if orphan_check == 0 and parent_gone(self.parent_pid):
                    say("program induk sudah berhenti; simulator berhenti")
                    self.stopping = True
        finally:
            self._shutdown()
        return 0

    def _hang_up_all(self) -> None:
        for call in list(self.calls):
            call.player = None
            _safe(call, lambda c=call: c.hangup(_op(0)))

    def _run_timers(self) -> None:
        now = time.monotonic()
        due = [t for t in self.timers if t[0] <= now]
        self.timers = [t for t in self.timers if t[0] > now]
        for _, fn, _owner in due:
            fn()

    def _shutdown(self) -> None:
        self._hang_up_all()
        deadline = time.monotonic() + 1.0
        while any(not c.ended for c in self.calls) and time.monotonic() < deadline:
            self.ep.libHandleEvents(10)
        # A call is DISCONNECTED as soon as its BYE is queued; pump a little more so the
        # BYE really leaves before the fast libDestroy below.
        settle = time.monotonic() + 0.1
        while time.monotonic() < settle:
            self.ep.libHandleEvents(10)
        self.calls.clear()           # every Call deleted before libDestroy (no loop variable
        self.timers.clear()          # may keep one alive: that aborts libDestroy)
        self.account = None
        gc.collect()
        self.ep.libDestroy(pj.PJSUA_DESTROY_NO_NETWORK)
        self.ep = None
        shutil.rmtree(self.workdir, ignore_errors=True)
        say("simulator berhenti")


def _op(code: int):
    prm = pj.CallOpParam(True)
    prm.statusCode = code
    if code in REASONS:
        prm.reason = REASONS[code]
    return prm


def _safe(call: Customer, action) -> None:
    if call.ended:
        return
    try:
        action()
    except pj.Error as exc:
        say(f"galat: {exc.reason}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.telephony.simulator",
                                     description="Simulator pelanggan untuk demo dan uji (lihat tabel angka terakhir).")
    parser.add_argument("--port", type=int, default=5090, help="port SIP UDP (bawaan 5090)")
    parser.add_argument("--host", default="127.0.0.1", help="alamat (bawaan 127.0.0.1)")
    parser.add_argument("--ring-seconds", type=float, default=1.0, help="lama berdering sebelum diangkat")
    parser.add_argument("--talk-seconds", type=float, default=4.0,
                        help="angka 8: pelanggan menutup setelah sekian detik")
    parser.add_argument("--parent-pid", type=int, metavar="PID",
                        help="berhenti sendiri bila proses ini tidak ada lagi (dipakai --demo)")
    args = parser.parse_args(argv)
    sim = Simulator(args.host, args.port, args.ring_seconds, args.talk_seconds, args.parent_pid)

    def stop(signum, frame) -> None:  # noqa: ARG001
        sim.stopping = True
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    return sim.run()


if __name__ == "__main__":
    sys.exit(main())
