"""The settings page for the headset: which microphone and speaker, a test tone, a level meter.

Devices are listed on a worker (BackgroundOp): on some desktops the sound server
takes a moment to answer.  The test tone (QAudioSink, 1 s at 440 Hz) and the
microphone meter (QAudioSource peak level) use Qt Multimedia; a PC without a
device, or without Qt Multimedia's backend, gets a message instead of an error.
The chosen names are stored in sip.audio_capture / sip.audio_playback ("" =
system default, "null" = none) for the softphone.
"""

from __future__ import annotations

import logging
import math
import struct

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton

from app.platform.config import Settings
from app.views.background import BackgroundOp
from app.views.settings.pages import SettingsPage

log = logging.getLogger(__name__)
SAMPLE_RATE = 16000
NULL_DEVICE = "null"


def list_devices() -> tuple[list[str], list[str]]:
    """(input names, output names) as Qt Multimedia describes them; may be slow."""
    from PySide6.QtMultimedia import QMediaDevices
    return ([d.description() for d in QMediaDevices.audioInputs()],
            [d.description() for d in QMediaDevices.audioOutputs()])


def tone(seconds: float = 1.0, hz: float = 440.0) -> bytes:
    frames = int(SAMPLE_RATE * seconds)
    return b"".join(struct.pack("<h", int(9000 * math.sin(2 * math.pi * hz * n / SAMPLE_RATE)))
                    for n in range(frames))


def peak_percent(pcm: bytes) -> int:
    count = len(pcm) // 2
    if not count:
        return 0
    peak = max(abs(v) for v in struct.unpack(f"<{count}h", pcm[:count * 2]))
    return min(100, int(100 * peak / 32767))


class AudioPage(SettingsPage):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.capture = QComboBox()
        self.capture.setObjectName("audioCapture")
        self.playback = QComboBox()
        self.playback.setObjectName("audioPlayback")
        for combo in (self.capture, self.playback):
            combo.setEditable(True)     # a site may type the softphone's own device name
        self.status = QLabel(self.tr("Looking for audio devices…"))
        self.status.setObjectName("audioStatus")
        self.status.setWordWrap(True)
        self.tone_button = QPushButton(self.tr("Play test tone"))
        self.tone_button.setObjectName("testTone")
        self.tone_button.clicked.connect(self.play_tone)
        self.meter_button = QPushButton(self.tr("Test microphone"))
        self.meter_button.setObjectName("testMicrophone")
        self.meter_button.setCheckable(True)
        self.meter_button.toggled.connect(self.toggle_meter)
        self.level = QProgressBar()
        self.level.setObjectName("micLevel")
        self.level.setRange(0, 100)
        self.level.setTextVisible(False)
        tests = QHBoxLayout()
        tests.addWidget(self.tone_button)
        tests.addWidget(self.meter_button)
        tests.addWidget(self.level, 1)
        form = QFormLayout(self)
        form.addRow(self.tr("Microphone"), self.capture)
        form.addRow(self.tr("Speaker / headset"), self.playback)
        form.addRow(tests)
        form.addRow(self.status)
        self._saved = ("", "")
        self._sink = None
        self._buffer: QBuffer | None = None
        self._source = None
        self._source_io = None
        self.tone_button.setEnabled(False)
        self.meter_button.setEnabled(False)
        self._fill([], [], report=False)

    def showEvent(self, event) -> None:     # noqa: N802 - Qt naming
        super().showEvent(event)
        if not getattr(self, "_listed", False):
            self._listed = True
            self.refresh_devices()

    def refresh_devices(self) -> None:
        BackgroundOp(self, list_devices, lambda found: self._fill(*found)) \
            .failure(self._no_multimedia).run()

    def _no_multimedia(self, exc: BaseException) -> None:
        log.warning("audio devices cannot be listed: %s", exc)
        self.status.setText(self.tr("Audio devices cannot be listed on this PC; the system default is used."))

    def _fill(self, inputs: list[str], outputs: list[str], report: bool = True) -> None:
        for combo, names, saved in ((self.capture, inputs, self._saved[0]), (self.playback, outputs, self._saved[1])):
            combo.clear()
            combo.addItem(self.tr("System default"), "")
            combo.addItem(self.tr("None"), NULL_DEVICE)
            for name in names:
                combo.addItem(name, name)
            index = combo.findData(saved)
            if index >= 0:
                combo.setCurrentIndex(index)
            else:
                combo.setEditText(saved)
        if report:
            if not inputs and not outputs:
                self.status.setText(self.tr("No audio device found. Calls can still be placed without sound."))
            else:
                self.status.setText(self.tr("%1 microphone(s), %2 speaker(s) found.")
                                    .replace("%1", str(len(inputs))).replace("%2", str(len(outputs))))
        self.tone_button.setEnabled(bool(outputs))
        self.meter_button.setEnabled(bool(inputs))

    @staticmethod
    def _value(combo: QComboBox) -> str:
        index = combo.findText(combo.currentText())
        if index >= 0:
            return combo.itemData(index) or ""
        return combo.currentText().strip()

    def load(self, settings: Settings) -> None:
        self._saved = (settings.get("sip.audio_capture", ""), settings.get("sip.audio_playback", ""))
        for combo, saved in ((self.capture, self._saved[0]), (self.playback, self._saved[1])):
            index = combo.findData(saved)
            if index >= 0:
                combo.setCurrentIndex(index)
            else:
                combo.setEditText(saved)

    def store(self, settings: Settings) -> None:
        settings.set("sip.audio_capture", self._value(self.capture))
        settings.set("sip.audio_playback", self._value(self.playback))

    # -- tests of the devices --------------------------------------------------------
    def _device(self, outputs: bool):
        from PySide6.QtMultimedia import QMediaDevices
        name = self._value(self.playback if outputs else self.capture)
        devices = QMediaDevices.audioOutputs() if outputs else QMediaDevices.audioInputs()
        for device in devices:
            if device.description() == name:
                return device
        return QMediaDevices.defaultAudioOutput() if outputs else QMediaDevices.defaultAudioInput()

    @staticmethod
    def _format():
        from PySide6.QtMultimedia import QAudioFormat
        fmt = QAudioFormat()
        fmt.setSampleRate(SAMPLE_RATE)
        fmt.setChannelCount(1)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        return fmt

    def play_tone(self) -> None:
        try:
            from PySide6.QtMultimedia import QAudioSink
        except ImportError:
            self._no_multimedia(ImportError("QtMultimedia"))
            return
        device = self._device(outputs=True)
        if device.isNull():
            self.status.setText(self.tr("No speaker found."))
            return
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(tone()))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._sink = QAudioSink(device, self._format(), self)
        self._sink.start(self._buffer)
        self.status.setText(self.tr("Playing a test tone on %1.").replace("%1", device.description()))

    def toggle_meter(self, on: bool) -> None:
        if not on:
            if self._source is not None:
                self._source.stop()
            self._source = self._source_io = None
            self.level.setValue(0)
            return
        try:
            from PySide6.QtMultimedia import QAudioSource
        except ImportError:
            self._no_multimedia(ImportError("QtMultimedia"))
            return
        device = self._device(outputs=False)
        if device.isNull():
            self.status.setText(self.tr("No microphone found."))
            self.meter_button.setChecked(False)
            return
        self._source = QAudioSource(device, self._format(), self)
        self._source_io = self._source.start()
        self._source_io.readyRead.connect(self._read_level)
        self.status.setText(self.tr("Speak into %1: the bar shows the level.").replace("%1", device.description()))

    def _read_level(self) -> None:
        if self._source_io is not None:
            self.level.setValue(peak_percent(bytes(self._source_io.readAll().data())))

    def hideEvent(self, event) -> None:     # noqa: N802 - Qt naming
        self.meter_button.setChecked(False)
        if self._sink is not None:
            self._sink.stop()
        super().hideEvent(event)
