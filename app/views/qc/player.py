"""The QC recording player: play/pause, seek, position/duration, speed, and how much was heard.

QMediaPlayer + QAudioOutput play the agree call's WAV.  A missing or unreadable
recording is shown as a plain message and the controls stay disabled — never
an exception.  While it plays, app.domain.qc_listening.HeardTime counts the parts
really heard (a seek counts nothing), for the rule that QC listens before judging.
Signals: `loaded(duration_ms)` once the file is ready, `failed(message)` when it
cannot be played, `heard_changed(seconds)` as listening goes on.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from app.domain.qc_listening import HeardTime

SPEEDS = (0.75, 1.0, 1.25, 1.5, 2.0)


def clock(ms: int) -> str:
    s = max(int(ms), 0) // 1000
    return f"{s // 60:02d}:{s % 60:02d}"


def _nothing(*_args) -> None:
    pass


def _settle_notify_overrides(signal) -> None:
    """Connect and disconnect once, here on the GUI thread, so PySide has looked for Python
    overrides of the signal's object's connectNotify and disconnectNotify and remembers there are none.

    Why: the media backend's threads connect to and disconnect from the player and its audio
    output as playback starts and stops; PySide's first look for an override needs the
    interpreter lock, and a backend thread waiting for it while holding Qt's connection lock
    deadlocks against the GUI thread's `setSource`, which holds the interpreter lock and waits
    for Qt's (the QC window hung so once, in `clear()`).  Once looked up, "no override" is
    remembered per object and those calls no longer need the interpreter lock."""
    signal.connect(_nothing)
    signal.disconnect(_nothing)


class RecordingPlayer(QWidget):
    loaded = Signal(int)
    failed = Signal(str)
    heard_changed = Signal(float)        # seconds of this recording heard so far

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.player.setAudioOutput(self.audio)
        _settle_notify_overrides(self.player.playbackStateChanged)
        _settle_notify_overrides(self.audio.volumeChanged)
        self.heard = HeardTime()
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setObjectName("playButton")
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("seekSlider")
        self.position_label = QLabel("00:00")
        self.duration_label = QLabel("00:00")
        self.speed = QComboBox()
        for factor in SPEEDS:
            self.speed.addItem(f"{factor:g}×", factor)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.message = QLabel(self.tr("Select a call in the queue to listen to it."))
        self.message.setObjectName("playerMessage")
        self.message.setWordWrap(True)

        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.position_label)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.duration_label)
        controls.addWidget(QLabel(self.tr("Speed")))
        controls.addWidget(self.speed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.message)

        self.play_button.clicked.connect(self.toggle)
        self.slider.sliderMoved.connect(self.seek)
        self.speed.currentIndexChanged.connect(lambda _i: self.player.setPlaybackRate(self.speed.currentData()))
        self.player.durationChanged.connect(self._duration)
        self.player.positionChanged.connect(self._position)
        self.player.mediaStatusChanged.connect(self._status)
        self.player.errorOccurred.connect(self._error)
        self.player.playbackStateChanged.connect(self._state)
        self._enable(False)

    # -- loading ---------------------------------------------------------------------
    def load(self, path: str | None) -> bool:
        """Open a recording; False (with a message shown) when there is nothing playable."""
        self.player.stop()
        self.player.setSource(QUrl())
        self._enable(False)
        self._duration(0)
        self._position(0)
        self._forget_heard()
        if not path:
            return self._fail(self.tr("This call has no recording."))
        file = Path(path)
        if not file.is_file():
            return self._fail(self.tr("Recording file not found: %1").replace("%1", str(file)))
        if file.stat().st_size <= 44:
            return self._fail(self.tr("The recording is empty: %1").replace("%1", file.name))
        self.message.setText(self.tr("Loading %1…").replace("%1", file.name))
        self.player.setSource(QUrl.fromLocalFile(str(file)))
        self.player.setPlaybackRate(self.speed.currentData())
        return True

    def clear(self) -> None:
        self.player.stop()
        self.player.setSource(QUrl())
        self._enable(False)
        self._forget_heard()
        self.message.setText(self.tr("Select a call in the queue to listen to it."))

    def _fail(self, message: str) -> bool:
        self.message.setText(message)
        self.message.setStyleSheet("color: #b00020;")
        self.failed.emit(message)
        return False

    def _enable(self, on: bool) -> None:
        for w in (self.play_button, self.slider, self.speed):
            w.setEnabled(on)
        if on:
            self.message.setStyleSheet("")

    # -- player events -------------------------------------------------------------
    def _status(self, status) -> None:
        if status in (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia):
            if not self.play_button.isEnabled():
                self._enable(True)
                self.message.setText(self.tr("Ready: %1").replace("%1", Path(self.player.source().toLocalFile()).name))
                self.loaded.emit(int(self.player.duration()))
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self._fail(self.tr("The recording cannot be played (damaged or unknown format)."))

    def _error(self, _error, text: str) -> None:
        if self.player.source().isEmpty():
            return
        self._fail(self.tr("The recording cannot be played: %1").replace("%1", text))

    def _duration(self, ms: int) -> None:
        self.slider.setRange(0, max(int(ms), 0))
        self.duration_label.setText(clock(ms))

    def _position(self, ms: int) -> None:
        before = self.heard.seconds
        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.heard.played(ms, self.player.playbackRate())
        else:
            self.heard.jumped(ms)
        if self.heard.seconds != before:
            self.heard_changed.emit(self.heard.seconds)
        if not self.slider.isSliderDown():
            self.slider.setValue(int(ms))
        self.position_label.setText(clock(ms))

    def _state(self, state) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))

    # -- controls ------------------------------------------------------------------
    def toggle(self) -> None:
        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
        else:
            self.player.play()

    def seek(self, ms: int) -> None:
        self.heard.jumped(int(ms))          # moving the playhead hears nothing
        self.player.setPosition(int(ms))
        self.position_label.setText(clock(ms))

    def set_speed(self, factor: float) -> None:
        self.speed.setCurrentIndex(SPEEDS.index(factor))

    # -- listening -----------------------------------------------------------------
    def heard_seconds(self) -> float:
        return self.heard.seconds

    def duration_seconds(self) -> float | None:
        ms = self.player.duration()
        return ms / 1000.0 if ms and ms > 0 else None

    def _forget_heard(self) -> None:
        self.heard.clear()
        self.heard.jumped(0)
        self.heard_changed.emit(0.0)
