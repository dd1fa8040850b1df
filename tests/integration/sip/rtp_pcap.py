"""Audio as a pcap of G.711 A-law RTP, for sipp's `play_pcap_audio` (tests and the CPA benchmark).

sipp replays the UDP payloads of a pcap at their capture times towards the media
address of the call, rewriting addresses and ports; it wants PT 8 packets of 160 bytes
every 20 ms (TESTING.md).  `write_pcap` builds such a file from 8 kHz 16-bit samples:
Ethernet/IPv4/UDP/RTP framing with fixed loopback addresses, sequence numbers and
timestamps that advance by one packet.  Plain helpers, no pytest import.
"""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

RATE = 8000
PACKET = 160                    # samples per 20 ms packet
_SEG_END = np.array([0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF])


def alaw(samples: np.ndarray) -> bytes:
    """ITU-T G.711 A-law of 16-bit samples (the classic segment search, vectorised)."""
    pcm = np.asarray(samples, dtype=np.int32) >> 3
    negative = pcm < 0
    mask = np.where(negative, 0x55, 0xD5)
    pcm = np.where(negative, -pcm - 1, pcm)
    seg = np.searchsorted(_SEG_END, pcm, side="left")
    shift = np.where(seg < 2, 1, seg)
    mantissa = (pcm >> shift) & 0x0F
    value = np.where(seg >= 8, 0x7F, (np.minimum(seg, 7) << 4) | mantissa)
    return (value ^ mask).astype(np.uint8).tobytes()


def alaw_decode(data: bytes) -> np.ndarray:
    """G.711 A-law bytes back to 16-bit samples (what the far end hears)."""
    a = np.frombuffer(data, dtype=np.uint8).astype(np.int32) ^ 0x55
    seg = (a & 0x70) >> 4
    t = ((a & 0x0F) << 4) + np.where(seg == 0, 8, 0x108)
    t = np.where(seg > 1, t << np.maximum(seg - 1, 0), t)
    return np.where(a & 0x80, t, -t).astype(np.int16)


def _checksum(header: bytes) -> int:
    total = sum(struct.unpack(f"!{len(header) // 2}H", header))
    total = (total & 0xFFFF) + (total >> 16)
    return (~(total + (total >> 16))) & 0xFFFF


def write_pcap(path: Path, samples: np.ndarray, ssrc: int = 0x53414D42) -> Path:
    """One RTP packet per 20 ms of `samples` (8 kHz, 16-bit), the last one padded with silence."""
    samples = np.asarray(samples, dtype=np.int16)
    count = max(1, int(np.ceil(len(samples) / PACKET)))
    padded = np.zeros(count * PACKET, dtype=np.int16)
    padded[: len(samples)] = samples
    encoded = alaw(padded)
    out = bytearray(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))     # pcap, Ethernet
    for i in range(count):
        rtp = struct.pack("!BBHII", 0x80, 8, i & 0xFFFF, (i * PACKET) & 0xFFFFFFFF, ssrc) \
            + encoded[i * PACKET:(i + 1) * PACKET]
        udp = struct.pack("!HHHH", 6000, 6000, 8 + len(rtp), 0) + rtp
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), i & 0xFFFF, 0, 64, 17, 0,
                         bytes([127, 0, 0, 1]), bytes([127, 0, 0, 1]))
        ip = ip[:10] + struct.pack("!H", _checksum(ip)) + ip[12:]
        frame = b"\x00" * 12 + b"\x08\x00" + ip + udp
        usec = i * 20000
        out += struct.pack("<IIII", usec // 1000000, usec % 1000000, len(frame), len(frame)) + frame
    path = Path(path)
    path.write_bytes(bytes(out))
    return path


def seconds(samples: np.ndarray) -> float:
    return len(samples) / RATE


def write_prompt_pcap(path: Path, seconds: float = 10.0) -> Path:
    """app.telephony.prompt_audio's voice-like prompt as such a pcap (a customer who speaks)."""
    import wave

    from app.telephony.prompt_audio import write_prompt
    wav = write_prompt(path.with_suffix(".wav"), seconds=seconds)
    with wave.open(str(wav), "rb") as src:
        samples = np.frombuffer(src.readframes(src.getnframes()), dtype="<i2")
    return write_pcap(path, samples)
