"""The Windows installer (packaging/windows/sambung.nsi) compiles here, and installs and uninstalls under wine.

The real Windows build cannot be made on Linux, so the installer is compiled around a stand-in
one-folder build: a tiny 64-bit Windows program named sambung.exe (itself made with makensis) and
the repository's app/resources/ under _internal/app/. Compiling needs makensis (Debian nsis, installed by
scripts/test) and runs by default; installing runs the installer silently in a throw-away wine
prefix and skips where wine is missing. Nothing here touches the repository's dist/.
"""

from __future__ import annotations

import getpass
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = ROOT / "packaging" / "windows" / "build_installer.sh"
VERSION = re.search(r'^__version__\s*=\s*"([^"]+)"', (ROOT / "app" / "__init__.py").read_text(), re.M).group(1)
UNINSTALL_KEY = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\Sambung"
PE_AMD64, PE_I386 = 0x8664, 0x014C

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.timeout(600),
    pytest.mark.skipif(shutil.which("makensis") is None,
                       reason="needs makensis (Debian nsis; scripts/test installs it)"),
]
needs_wine = pytest.mark.skipif(shutil.which("wine") is None,
                                reason="needs wine (Debian wine) to run the installer")

STAND_IN_PROGRAM = """\
Unicode true
Target amd64-unicode
OutFile "sambung.exe"
SilentInstall silent
RequestExecutionLevel user
Section
SectionEnd
"""


def pe_machine(path: Path) -> int | None:
    """The COFF machine field of a Windows PE file, or None when the file is not one."""
    data = path.read_bytes()
    if data[:2] != b"MZ" or len(data) < 0x40:
        return None
    pe = int.from_bytes(data[0x3C:0x40], "little")
    if data[pe:pe + 4] != b"PE\0\0":
        return None
    return int.from_bytes(data[pe + 4:pe + 6], "little")


def build_installer(dist: Path, outdir: Path, flags: str = "") -> subprocess.CompletedProcess:
    env = dict(os.environ, MAKENSIS_FLAGS=flags)
    return subprocess.run(["bash", str(BUILD_SCRIPT), str(dist), str(outdir)], env=env, capture_output=True,
                          text=True, timeout=300)


def wait_until(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"not within {seconds} s: {what}"
        time.sleep(0.1)


@pytest.fixture(scope="module")
def stand_in_build(tmp_path_factory) -> Path:
    """A one-folder build shaped like PyInstaller's: sambung.exe beside _internal/."""
    dist = tmp_path_factory.mktemp("stand-in") / "sambung"
    dist.mkdir()
    (dist / "stand-in.nsi").write_text(STAND_IN_PROGRAM)
    subprocess.run(["makensis", "-V1", "stand-in.nsi"], cwd=dist, check=True, timeout=120)
    (dist / "stand-in.nsi").unlink()
    shutil.copytree(ROOT / "app" / "resources", dist / "_internal" / "app" / "resources",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return dist


@pytest.fixture(scope="module")
def installer(stand_in_build, tmp_path_factory) -> Path:
    outdir = tmp_path_factory.mktemp("installer") / "out"
    done = build_installer(stand_in_build, outdir)
    assert done.returncode == 0, done.stdout + done.stderr
    return outdir / f"Sambung-Setup-{VERSION}.exe"


def test_installer_is_a_64_bit_windows_program_named_after_the_app_version(installer, stand_in_build):
    assert installer.exists()
    assert pe_machine(installer) == PE_AMD64
    assert pe_machine(stand_in_build / "sambung.exe") == PE_AMD64


def test_a_32_bit_installer_compiles_for_makensis_on_windows(stand_in_build, tmp_path):
    # The official NSIS for Windows has no amd64 stubs; docs/admin.md tells Windows builders to
    # pass -DTARGET=x86-unicode, so that variant must keep compiling too.
    done = build_installer(stand_in_build, tmp_path, flags="-DTARGET=x86-unicode")
    assert done.returncode == 0, done.stdout + done.stderr
    assert pe_machine(tmp_path / f"Sambung-Setup-{VERSION}.exe") == PE_I386


def test_compile_stops_when_the_build_folder_has_no_sambung_exe(tmp_path):
    half_made = tmp_path / "sambung"
    (half_made / "_internal").mkdir(parents=True)
    done = build_installer(half_made, tmp_path / "out")
    assert done.returncode != 0
    assert "sambung.exe not found" in done.stdout + done.stderr
    assert not any((tmp_path / "out").glob("*.exe"))


# --- under wine ------------------------------------------------------------------------------

class Wine:
    """One wine prefix (64-bit, no display, no Mono/Gecko download prompts) and its C: drive."""

    def __init__(self, prefix: Path) -> None:
        self.env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        self.prefix = prefix
        self.env.update(WINEPREFIX=str(prefix), WINEARCH="win64", WINEDEBUG="-all",
                        WINEDLLOVERRIDES="mscoree,mshtml=")
        self.c = prefix / "drive_c"
        self.program_dir = self.c / "Program Files" / "Sambung"
        self.start_menu = self.c / "ProgramData" / "Microsoft" / "Windows" / "Start Menu" / "Programs"
        self.public_desktop = self.c / "users" / "Public" / "Desktop"
        self.site_dir = self.c / "ProgramData" / "Sambung"
        self.user_data = self.c / "users" / getpass.getuser() / "AppData" / "Local" / "Sambung"

    def run(self, *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
        return self.command("wine", *args, timeout=timeout)

    def command(self, *argv: str, timeout: float = 180) -> subprocess.CompletedProcess:
        # Output goes to files, not pipes: what a command leaves running (Wine's services, the
        # uninstaller's copy of itself) inherits the handles, and would hold a pipe open.
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            done = subprocess.run(argv, env=self.env, stdout=out, stderr=err, timeout=timeout)
            out.seek(0)
            err.seek(0)
            return subprocess.CompletedProcess(argv, done.returncode, out.read().decode(errors="replace"),
                                               err.read().decode(errors="replace"))

    def uninstall_key(self) -> str | None:
        done = self.run("reg", "query", UNINSTALL_KEY)
        return done.stdout if done.returncode == 0 else None


@pytest.fixture(scope="session")
def wine(tmp_path_factory) -> Iterator[Wine]:
    wine = Wine(tmp_path_factory.mktemp("wine") / "prefix")
    wine.prefix.mkdir()
    # A wineserver that outlives each command (it forks into the background): without it the
    # server quits a few seconds after each command and the next one boots Wine's services again.
    try:
        assert wine.command("wineserver", "--persistent", timeout=60).returncode == 0
        booted = wine.command("wineboot", "--init", timeout=300)
        assert booted.returncode == 0, booted.stderr
        yield wine
    finally:
        # The prefix's own wineserver and every process in it were started by this fixture.
        wine.command("wineserver", "--kill", timeout=60)


@pytest.fixture
def clean_wine(wine) -> Wine:
    """The prefix as if Sambung had never been installed, whatever an earlier test left."""
    shutil.rmtree(wine.program_dir, ignore_errors=True)
    shutil.rmtree(wine.site_dir, ignore_errors=True)
    for link in (wine.start_menu / "Sambung.lnk", wine.start_menu / "Sambung (demo).lnk",
                 wine.public_desktop / "Sambung.lnk"):
        link.unlink(missing_ok=True)
    wine.run("reg", "delete", UNINSTALL_KEY, "/f")
    assert wine.uninstall_key() is None
    return wine


def install(wine: Wine, installer: Path, *switches: str) -> None:
    done = wine.run(str(installer), "/S", *switches)
    assert done.returncode == 0, done.stdout + done.stderr


@needs_wine
def test_silent_install_puts_program_shortcuts_and_uninstall_entry_in_place(clean_wine, installer,
                                                                             stand_in_build):
    wine = clean_wine
    install(wine, installer, "/DESKTOP")

    program = wine.program_dir / "sambung.exe"
    assert program.read_bytes() == (stand_in_build / "sambung.exe").read_bytes()
    reasons = wine.program_dir / "_internal" / "app" / "resources" / "reasons.json"
    assert reasons.read_bytes() == (ROOT / "app" / "resources" / "reasons.json").read_bytes()
    icon = ROOT / "app" / "resources" / "icons" / "sambung.ico"
    assert (wine.program_dir / "sambung.ico").read_bytes() == icon.read_bytes()
    assert pe_machine(wine.program_dir / "Uninstall.exe") == PE_AMD64

    target = rb"C:\Program Files\Sambung\sambung.exe"
    demo_switch = "--demo".encode("utf-16-le")
    app_link = (wine.start_menu / "Sambung.lnk").read_bytes()
    demo_link = (wine.start_menu / "Sambung (demo).lnk").read_bytes()
    desktop_link = (wine.public_desktop / "Sambung.lnk").read_bytes()
    assert target in app_link and demo_switch not in app_link
    assert target in demo_link and demo_switch in demo_link
    assert target in desktop_link and demo_switch not in desktop_link

    assert wine.site_dir.is_dir() and not (wine.site_dir / "site.json").exists()

    key = wine.uninstall_key()
    assert key is not None
    values = dict(re.findall(r"^\s+(\w+)\s+REG_\w+\s+(.*?)\s*$", key, re.M))
    assert values["DisplayName"] == "Sambung"
    assert values["DisplayVersion"] == VERSION
    assert values["Publisher"] == "Sambung"
    assert values["InstallLocation"] == r"C:\Program Files\Sambung"
    assert values["DisplayIcon"] == r"C:\Program Files\Sambung\sambung.ico"
    assert values["UninstallString"] == r'"C:\Program Files\Sambung\Uninstall.exe"'
    assert values["QuietUninstallString"] == r'"C:\Program Files\Sambung\Uninstall.exe" /S'
    assert int(values["EstimatedSize"], 16) > 0


@needs_wine
def test_desktop_shortcut_only_with_the_desktop_switch(clean_wine, installer):
    install(clean_wine, installer)
    assert (clean_wine.start_menu / "Sambung.lnk").exists()
    assert not (clean_wine.public_desktop / "Sambung.lnk").exists()


@needs_wine
def test_reinstall_replaces_the_bundled_libraries_as_a_whole(clean_wine, installer):
    install(clean_wine, installer)
    stale = clean_wine.program_dir / "_internal" / "from-the-last-version.dll"
    stale.write_bytes(b"MZ")
    install(clean_wine, installer)
    assert (clean_wine.program_dir / "_internal" / "app" / "resources" / "reasons.json").exists()
    assert not stale.exists()


@needs_wine
def test_silent_uninstall_removes_the_program_and_keeps_site_file_and_user_data(clean_wine, installer):
    wine = clean_wine
    install(wine, installer, "/DESKTOP")
    site_file = wine.site_dir / "site.json"
    site_file.write_text('{"language": "id"}')
    user_settings = wine.user_data / "settings.json"
    user_settings.parent.mkdir(parents=True, exist_ok=True)
    user_settings.write_text("{}")

    done = wine.run(r"C:\Program Files\Sambung\Uninstall.exe", "/S")
    assert done.returncode == 0, done.stdout + done.stderr
    # An NSIS uninstaller copies itself to %TEMP%, starts the copy and returns at once: the
    # removal is awaited by its effects, the registry key last of all.
    wait_until(lambda: not wine.program_dir.exists(), 120, "Program Files\\Sambung removed")
    wait_until(lambda: wine.uninstall_key() is None, 60, "the Add/Remove Programs entry removed")

    assert not (wine.start_menu / "Sambung.lnk").exists()
    assert not (wine.start_menu / "Sambung (demo).lnk").exists()
    assert not (wine.public_desktop / "Sambung.lnk").exists()
    assert site_file.read_text() == '{"language": "id"}'
    assert user_settings.read_text() == "{}"


@needs_wine
def test_uninstall_removes_the_site_folder_only_when_it_is_empty(clean_wine, installer):
    install(clean_wine, installer)
    assert clean_wine.site_dir.is_dir()
    done = clean_wine.run(r"C:\Program Files\Sambung\Uninstall.exe", "/S")
    assert done.returncode == 0, done.stdout + done.stderr
    wait_until(lambda: clean_wine.uninstall_key() is None, 120, "the Add/Remove Programs entry removed")
    assert not clean_wine.site_dir.exists()
