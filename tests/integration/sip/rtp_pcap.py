"""A spoken-like prompt as a pcap of G.711 A-law RTP, for sipp's `play_pcap_audio`.

sipp plays RTP from a capture file (see /work/shared/TESTING.md: PT 8 packets of 160
bytes every 20 ms); this writes one from app.telephony.prompt_audio's prompt, so a
scripted customer can speak without a binary file in the repository.  Standard library only.
"""

from __future__ import annotations

import struct
import wave
from pathlib import Path

from app.telephony.prompt_audio import write_prompt

_SEG_END = (0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF)
SAMPLES_PER_PACKET = 160        # 20 ms at 8 kHz


def alaw(sample: int) -> int:
    """One 16-bit linear sample as a G.711 A-law byte (the ITU reference algorithm)."""
    value = sample >> 3
    if value >= 0:
        mask = 0xD5
    else:
        mask = 0x55
        value = -value - 1
    seg = next((i for i, end in enumerate(_SEG_END) if value <= end), 8)
    if seg >= 8:
        return 0x7F ^ mask
    code = seg << 4
    code |= (value >> 1) & 0x0F if seg < 2 else (value >> seg) & 0x0F
    return code ^ mask


def _checksum(header: bytes) -> int:
    total = sum(struct.unpack(f"!{len(header) // 2}H", header))
    while total > 0xFFFF:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def _frame(payload: bytes, sport: int = 6000, dport: int = 6000) -> bytes:
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    ip = bytearray(struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0,
                               bytes([127, 0, 0, 1]), bytes([127, 0, 0, 1])))
    struct.pack_into("!H", ip, 10, _checksum(bytes(ip)))
    ethernet = b"\x00\x00\x00\x00\x00\x02" + b"\x00\x00\x00\x00\x00\x01" + b"\x08\x00"
    return ethernet + bytes(ip) + udp


def write_prompt_pcap(path: Path, seconds: float = 10.0) -> Path:
    wav = write_prompt(path.with_suffix(".wav"), seconds=seconds)
    with wave.open(str(wav), "rb") as src:
        frames = src.readframes(src.getnframes())
    samples = struct.unpack(f"<{len(frames) // 2}h", frames)
    out = bytearray(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    ssrc = 0x5A4D4255
    for n, start in enumerate(range(0, len(samples) - SAMPLES_PER_PACKET + 1, SAMPLES_PER_PACKET)):
        chunk = bytes(alaw(s) for s in samples[start:start + SAMPLES_PER_PACKET])
        rtp = struct.pack("!BBHII", 0x80, (0x80 if n == 0 else 0) | 8, n & 0xFFFF,
                          n * SAMPLES_PER_PACKET, ssrc) + chunk
        frame = _frame(rtp)
        micros = n * 20_000
        out += struct.pack("<IIII", micros // 1_000_000, micros % 1_000_000, len(frame), len(frame)) + frame
    path.write_bytes(bytes(out))
    return path
