"""A private PulseAudio daemon with a virtual speaker and microphone: real audio devices for tests.

No sound card or kernel module is needed. Everything (socket, cookie, logs, the daemon's HOME) lives
in a temporary directory, and the daemon is stopped by its pid. Devices:

- ``virtual_speaker``: null sink, the default sink (what the app plays lands here);
  record its monitor with :meth:`VirtualAudio.record_speaker` / :meth:`VirtualAudio.capture_speaker`.
- ``virtual_mic_feed``: null sink into which tests play sound (:meth:`VirtualAudio.play_into_mic`).
- ``virtual_mic``: a virtual source reading ``virtual_mic_feed.monitor``, the default source (the
  app's microphone). :meth:`VirtualAudio.unload_mic` makes it vanish, :meth:`VirtualAudio.reload_mic`
  brings it back.
- ``va_silence``: a clocked silent source looped into both sinks. Without it an idle null sink sends
  nothing to its monitor, and a capture blocks until sound arrives (recorded time != wall time).

Clients find the daemon through :attr:`VirtualAudio.env` (``PULSE_SERVER``, ``PULSE_COOKIE``,
``PULSE_CLIENTCONFIG``), which must be in ``os.environ`` before PortAudio initialises (the first
``import sounddevice``): PortAudio enumerates devices once. tests/conftest.py does that per session.

Usage::

    with VirtualAudio() as audio:
        os.environ.update(audio.env)
        samples, rate = audio.speech("hello there")
        audio.play_into_mic(samples, rate)          # blocks until played
        heard, heard_rate = audio.record_speaker(1.0)

Needs the apt packages in :data:`APT_PACKAGES` (the same approach as shared/tools/virtual-audio.sh).
"""

from __future__ import annotations

import ctypes
import io
import os
import select
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

__all__ = ["APT_PACKAGES", "SpeakerCapture", "VirtualAudio", "VirtualAudioError", "best_alignment", "resample_linear"]

APT_PACKAGES = "pulseaudio pulseaudio-utils libasound2-plugins espeak-ng"
RATE = 48_000
MIC_SOURCE_ARGS = (
    "source_name=virtual_mic master=virtual_mic_feed.monitor source_properties=device.description=Virtual_Microphone"
)


class VirtualAudioError(RuntimeError):
    """The virtual audio daemon or one of its tools is missing or failed."""


def _daemon_script(socket_path: Path) -> str:
    return f"""\
load-module module-native-protocol-unix auth-anonymous=1 socket={socket_path}
load-module module-cli-protocol-unix socket={socket_path.parent / "cli"}
load-module module-null-sink sink_name=virtual_speaker rate={RATE} channels=2 sink_properties=device.description=Virtual_Speaker
load-module module-null-sink sink_name=virtual_mic_feed rate={RATE} channels=1 sink_properties=device.description=Virtual_Mic_Feed
load-module module-virtual-source {MIC_SOURCE_ARGS}
load-module module-null-source source_name=va_silence rate={RATE} channels=1
load-module module-loopback source=va_silence sink=virtual_mic_feed latency_msec=20 source_dont_move=true sink_dont_move=true
load-module module-loopback source=va_silence sink=virtual_speaker latency_msec=20 source_dont_move=true sink_dont_move=true
set-default-sink virtual_speaker
set-default-source virtual_mic
"""


class SpeakerCapture:
    """A recording of the virtual speaker's monitor that runs until :meth:`stop`."""

    def __init__(self, process: subprocess.Popen, rate: int) -> None:
        self._process = process
        self.rate = rate
        self._chunks: list[bytes] = []
        self._started = threading.Event()
        self._reader = threading.Thread(target=self._read, name="speaker-capture", daemon=True)
        self._reader.start()
        # Sound played before the monitor stream runs would be missing from the capture.
        if not self._started.wait(10):
            self.stop()
            raise VirtualAudioError("the speaker monitor delivered nothing")

    def _read(self) -> None:
        stream = self._process.stdout
        while True:
            chunk = stream.read1(65536)
            if not chunk:
                self._started.set()
                return
            self._chunks.append(chunk)
            self._started.set()

    def stop(self) -> tuple[np.ndarray, int]:
        """End the capture; returns (float32 mono samples, rate)."""
        self._process.send_signal(signal.SIGINT)
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._reader.join(timeout=5)
        data = b"".join(self._chunks)
        data = data[: len(data) - len(data) % 4]
        return np.frombuffer(data, dtype="<f4").astype(np.float32), self.rate


class VirtualAudio:
    """Starts and stops a private PulseAudio daemon with virtual devices; plays into and records from them."""

    def __init__(self, directory: str | os.PathLike | None = None) -> None:
        self._own_directory = directory is None
        # A short path: a unix socket path is limited to 108 bytes.
        self.directory = Path(directory) if directory else Path(tempfile.mkdtemp(prefix="va-"))
        self.socket_path = self.directory / "native"
        self._process: subprocess.Popen | None = None
        self._clips = 0

    # ---- lifecycle ----------------------------------------------------------------------------

    @property
    def env(self) -> dict[str, str]:
        """The client environment that points PulseAudio clients (and PortAudio's ALSA) at this daemon."""
        return {
            "PULSE_SERVER": f"unix:{self.socket_path}",
            "PULSE_COOKIE": str(self.directory / "cookie"),
            "PULSE_CLIENTCONFIG": str(self.directory / "client.conf"),
        }

    @property
    def pid(self) -> int | None:
        """The daemon's process id while it runs."""
        return self._process.pid if self._process and self._process.poll() is None else None

    @staticmethod
    def missing_tools() -> list[str]:
        """The command-line tools this helper needs that are not installed."""
        return [tool for tool in ("pulseaudio", "pactl", "pacat", "espeak-ng") if shutil.which(tool) is None]

    def start(self) -> VirtualAudio:
        """Start the daemon and wait until its devices run; raises VirtualAudioError naming what is missing."""
        self.launch()
        self.wait_ready()
        return self

    def launch(self) -> None:
        """Start the daemon without waiting for it (wait_ready() does): the ~2 s it takes to settle
        can overlap other work, such as pytest collecting tests."""
        missing = self.missing_tools()
        if missing:
            raise VirtualAudioError(
                f"Real-audio tests need {', '.join(missing)}: "
                f"sudo apt-get install -y --no-install-recommends {APT_PACKAGES}"
            )
        d = self.directory
        for sub in ("home/.config", "home/.state", "run/pulse", "state"):
            (d / sub).mkdir(parents=True, exist_ok=True)
        os.chmod(d / "run", 0o700)
        os.chmod(d / "run/pulse", 0o700)
        # autospawn off: a client must never start a second daemon (or reach the user's own).
        (d / "client.conf").write_text("autospawn = no\n", encoding="utf-8")
        (d / "virtual.pa").write_text(_daemon_script(self.socket_path), encoding="utf-8")
        self.socket_path.unlink(missing_ok=True)
        daemon_env = dict(
            os.environ,
            HOME=str(d / "home"),
            XDG_RUNTIME_DIR=str(d / "run"),
            XDG_CONFIG_HOME=str(d / "home/.config"),
            XDG_STATE_HOME=str(d / "home/.state"),
            PULSE_STATE_PATH=str(d / "state"),
            PULSE_RUNTIME_PATH=str(d / "run/pulse"),
        )
        for name in ("PULSE_SERVER", "PULSE_COOKIE", "PULSE_CLIENTCONFIG"):
            daemon_env.pop(name, None)
        self._process = subprocess.Popen(
            [
                "pulseaudio", "--daemonize=no", "-n", "-F", str(d / "virtual.pa"),
                "--exit-idle-time=-1", "--realtime=no", "--high-priority=yes", "--use-pid-file=no",
                f"--log-target=file:{d / 'pulse.log'}", "--log-level=notice",
            ],
            env=daemon_env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_die_with_parent,
        )

    def wait_ready(self, timeout: float = 15.0) -> None:
        """Wait until the daemon answers and both monitors deliver sound in real time."""
        deadline = time.monotonic() + timeout
        try:
            while not self._answers():
                if self._process is None or self._process.poll() is not None:
                    raise VirtualAudioError("pulseaudio exited at start")
                if time.monotonic() > deadline:
                    raise VirtualAudioError("pulseaudio did not answer in time")
                time.sleep(0.05)
            # The silence loopbacks start clocking ~1.7 s after the daemon: until then a capture
            # stream gets nothing, and its first recording would lose its start.
            for source in ("virtual_mic", "virtual_speaker.monitor"):
                self._wait_for_sound(source, deadline)
        except VirtualAudioError as exc:
            log = self._log_tail()
            self.stop()
            raise VirtualAudioError(f"{exc}; its log ends with:\n{log}") from None

    def stop(self) -> None:
        """Stop the daemon (by its pid) and remove the temporary directory."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._own_directory:
            shutil.rmtree(self.directory, ignore_errors=True)

    def __enter__(self) -> VirtualAudio:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _answers(self) -> bool:
        try:
            return subprocess.run(
                ["pactl", "info"], env=self._client_env(), capture_output=True, timeout=5
            ).returncode == 0
        except subprocess.TimeoutExpired:
            return False

    def _wait_for_sound(self, source: str, deadline: float) -> None:
        process = subprocess.Popen(
            ["pacat", "--record", f"--device={source}", "--raw", "--format=s16le", "--rate=48000",
             "--channels=1", "--latency-msec=10"],
            env=self._client_env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        try:
            while time.monotonic() < deadline:
                ready, _, _ = select.select([process.stdout], [], [], 0.1)
                if ready and process.stdout.read1(4096):
                    return
                if process.poll() is not None:
                    raise VirtualAudioError(f"recording {source} failed")
            raise VirtualAudioError(f"{source} delivered no sound in time")
        finally:
            process.kill()
            process.wait()

    def _log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join((self.directory / "pulse.log").read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def _client_env(self) -> dict[str, str]:
        return dict(os.environ, **self.env)

    # ---- tools --------------------------------------------------------------------------------

    def pactl(self, *args: str) -> str:
        """Run pactl against this daemon; returns its output (raises VirtualAudioError on failure)."""
        result = subprocess.run(
            ["pactl", *args], env=self._client_env(), capture_output=True, text=True, timeout=10
        )
        if result.returncode != 0:
            raise VirtualAudioError(f"pactl {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def play_into_mic(self, samples: np.ndarray, rate: int, wait: bool = True) -> float:
        """Play mono samples into the virtual microphone (through virtual_mic_feed), in real time.

        The daemon plays them from its sample cache, so a busy test machine cannot make the feed
        stutter (a client stream such as pacat's underruns under load, which inserts gaps). With
        wait=True returns once the sound has been played. Returns its length in seconds.
        """
        import soundfile

        self._clips += 1
        name = f"clip{self._clips}"
        path = self.directory / f"{name}.wav"
        soundfile.write(path, np.asarray(samples, dtype=np.float32).reshape(-1), int(rate), subtype="FLOAT")
        try:
            self.pactl("upload-sample", str(path), name)
        finally:
            path.unlink(missing_ok=True)
        self.pactl("play-sample", name, "virtual_mic_feed")
        self.pactl("remove-sample", name)  # the playing copy lives on until it has been played
        seconds = len(samples) / rate
        if wait:
            time.sleep(seconds + 0.03)  # the daemon's mixing latency
        return seconds

    def capture_speaker(self, rate: int = RATE) -> SpeakerCapture:
        """Start recording what reaches the virtual speaker (its monitor), mono float32; stop() returns it."""
        process = subprocess.Popen(
            [
                "pacat", "--record", "--device=virtual_speaker.monitor", "--raw", "--format=float32le",
                f"--rate={rate}", "--channels=1", "--latency-msec=50", "--client-name=test-speaker",
            ],
            env=self._client_env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        return SpeakerCapture(process, rate)

    def record_speaker(self, seconds: float, rate: int = RATE) -> tuple[np.ndarray, int]:
        """Record the virtual speaker's monitor for `seconds` (blocking); returns (float32 mono samples, rate)."""
        capture = self.capture_speaker(rate)
        time.sleep(seconds)
        samples, rate = capture.stop()
        return samples[: int(seconds * rate)], rate

    @staticmethod
    def speech(text: str, voice: str = "en", lang: str | None = None) -> tuple[np.ndarray, int]:
        """Speech synthesised by espeak-ng: (float32 mono samples, rate). `lang` is an alias of `voice`."""
        import soundfile

        result = subprocess.run(
            ["espeak-ng", "-v", lang or voice, "--stdout", text], capture_output=True, timeout=30
        )
        if result.returncode != 0 or not result.stdout:
            raise VirtualAudioError(f"espeak-ng failed: {result.stderr.decode(errors='replace')}")
        # espeak-ng streams a WAV whose header sizes are left at 0xFFFFFFFF: libsndfile reads it anyway.
        samples, rate = soundfile.read(io.BytesIO(result.stdout), dtype="float32", always_2d=True)
        return samples.mean(axis=1).astype(np.float32), int(rate)

    def unload_mic(self) -> None:
        """Make the microphone vanish, as a USB microphone pulled out under plain ALSA: the recording
        streams on it die (the app's PortAudio stream fails), then the device goes away.

        The streams are killed first because PulseAudio 16 would otherwise move them to another
        source, and the app would go on recording silence without noticing.
        """
        mic_index = None
        for line in self.pactl("list", "short", "sources").splitlines():
            fields = line.split("\t")
            if len(fields) > 1 and fields[1] == "virtual_mic":
                mic_index = fields[0]
        for line in self.pactl("list", "short", "source-outputs").splitlines():
            fields = line.split("\t")
            # index, source, client, driver: the clients' streams, not the modules' own.
            if len(fields) > 3 and fields[1] == mic_index and fields[3] == "protocol-native.c":
                self._cli(f"kill-source-output {fields[0]}")
        for line in self.pactl("list", "short", "modules").splitlines():
            fields = line.split("\t")
            if len(fields) >= 3 and fields[1] == "module-virtual-source" and "source_name=virtual_mic " in fields[2] + " ":
                self.pactl("unload-module", fields[0])

    def unplug_mic_leaving_streams(self) -> None:
        """Make the microphone vanish as on a PulseAudio or PipeWire desktop: the recording streams
        on it are moved to another source (silence here), and they go on without an error."""
        for line in self.pactl("list", "short", "modules").splitlines():
            fields = line.split("\t")
            if len(fields) >= 3 and fields[1] == "module-virtual-source" and "source_name=virtual_mic " in fields[2] + " ":
                self.pactl("unload-module", fields[0])

    def add_second_mic(self, name: str = "virtual_mic_b") -> None:
        """Another live microphone (it hears the same feed as ``virtual_mic``); not the default."""
        if f"{name}\t" not in self.pactl("list", "short", "sources"):
            self.pactl(
                "load-module", "module-virtual-source", f"source_name={name}", "master=virtual_mic_feed.monitor",
                f"source_properties=device.description={name}",
            )

    def mute_mic(self, muted: bool = True) -> None:
        """Mute the microphone at the sound server (its streams then get digital silence, no error)."""
        self.pactl("set-source-mute", "virtual_mic", "1" if muted else "0")

    def stop_playing_into_mic(self) -> None:
        """Cut short every clip still playing into the microphone (started with wait=False)."""
        for line in self.pactl("list", "short", "sink-inputs").splitlines():
            fields = line.split("\t")
            if len(fields) > 3 and fields[3] == "play-memblockq.c":  # play-sample's, not the loopbacks'
                self._cli(f"kill-sink-input {fields[0]}")

    def move_recordings(self, source: str, pid: int | None = None) -> int:
        """Move the recording streams of process `pid` (this one) to `source`, as a desktop's sound
        settings do; returns how many were moved."""
        import json

        wanted = str(os.getpid() if pid is None else pid)
        moved = 0
        for output in json.loads(self.pactl("-f", "json", "list", "source-outputs")):
            if output.get("properties", {}).get("application.process.id") == wanted:
                self.pactl("move-source-output", str(output["index"]), source)
                moved += 1
        return moved

    def _cli(self, command: str) -> str:
        """One command on the daemon's CLI socket (pactl has no kill-source-output)."""
        with socket.socket(socket.AF_UNIX) as connection:
            connection.settimeout(2)
            connection.connect(str(self.directory / "cli"))
            connection.sendall(command.encode() + b"\n")
            connection.shutdown(socket.SHUT_WR)  # end of input: the daemon answers and hangs up
            answer = b""
            while chunk := connection.recv(4096):
                answer += chunk
        return answer.decode(errors="replace")

    def reload_mic(self) -> None:
        """Bring the microphone back (as the default source)."""
        if "virtual_mic\t" not in self.pactl("list", "short", "sources"):
            self.pactl("load-module", "module-virtual-source", *MIC_SOURCE_ARGS.split(" "))
        self.pactl("set-default-source", "virtual_mic")


def _die_with_parent() -> None:
    """In the daemon's child process: get SIGTERM when the test run dies, so no daemon outlives it."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG (Linux)
    except (AttributeError, OSError):
        pass


def resample_linear(samples: np.ndarray, rate: int, new_rate: int) -> np.ndarray:
    """Linear-interpolation resampling, good enough to compare waveforms recorded at another rate."""
    samples = np.asarray(samples, dtype=np.float32)
    if rate == new_rate or len(samples) == 0:
        return samples
    count = int(round(len(samples) * new_rate / rate))
    positions = np.arange(count) * (rate / new_rate)
    return np.interp(positions, np.arange(len(samples)), samples).astype(np.float32)


def best_alignment(reference: np.ndarray, recording: np.ndarray) -> tuple[float, int]:
    """Where `reference` best matches inside `recording`: (normalised correlation -1..1, offset in samples).

    Both at the same rate. The correlation compares the reference with the equally long stretch of the
    recording that starts at the offset, so 1.0 means the same waveform (up to a gain).
    """
    ref = np.asarray(reference, dtype=np.float64)
    rec = np.asarray(recording, dtype=np.float64)
    if len(rec) < len(ref):
        rec = np.concatenate([rec, np.zeros(len(ref) - len(rec))])
    n = len(rec) + len(ref)
    size = 1 << (n - 1).bit_length()
    cross = np.fft.irfft(np.fft.rfft(rec, size) * np.conj(np.fft.rfft(ref, size)), size)[: len(rec) - len(ref) + 1]
    # Energy of each window of the recording, for the normalisation.
    cumulative = np.concatenate([[0.0], np.cumsum(rec * rec)])
    window_energy = cumulative[len(ref):] - cumulative[: len(rec) - len(ref) + 1]
    ref_energy = float(np.dot(ref, ref))
    with np.errstate(divide="ignore", invalid="ignore"):
        normalised = np.where(window_energy > 1e-12, cross / np.sqrt(window_energy * ref_energy), 0.0)
    offset = int(np.argmax(normalised))
    return float(normalised[offset]), offset
