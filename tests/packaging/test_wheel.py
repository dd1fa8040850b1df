"""`pip install .` (a wheel, not editable) gives a working program.

The wheel must carry every resource the program reads at run time (reason
catalogue, contract, translations, samples, icons, templates, migrations), and a
program installed from it alone must start.  The second test installs the wheel
into a fresh virtualenv; the dependencies come from this test's own environment
through a plain path entry, so only Sambung itself comes from the wheel.
"""

from __future__ import annotations

import os
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ("app/resources/reasons.json", "app/resources/qc_checklist.json",
             "app/resources/contract/openapi.yaml", "app/resources/i18n/sambung_id.qm",
             "app/resources/mail/rfo_id.txt", "app/resources/icons/sambung.png",
             "app/resources/samples/dapros_ct0_contoh.xlsx", "app/resources/samples/tier2_tickets.xlsx",
             "app/store/migrations/script.py.mako", "app/store/migrations/env.py")

pytestmark = [pytest.mark.packaging, pytest.mark.timeout(600)]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                   check=True, timeout=500, capture_output=True)
    (found,) = out.glob("sambung-*.whl")
    return found


def test_the_wheel_carries_every_resource_the_program_reads(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [r for r in RESOURCES if r not in names]
    assert not missing, f"missing from {wheel.name}: {missing}"
    shipped = {p.relative_to(ROOT).as_posix() for p in (ROOT / "app" / "resources").rglob("*") if p.is_file()}
    assert shipped <= names, f"resources left out of the wheel: {sorted(shipped - names)}"


def test_a_program_installed_from_the_wheel_starts_its_demo(wheel, tmp_path):
    target = tmp_path / "venv"
    venv.create(target, with_pip=False)
    bin_dir = target / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    purelib = Path(subprocess.check_output([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                           text=True).strip())
    # Dependencies from this environment, as a plain path (no .pth processing, so not
    # this checkout's editable install): `app` can only come from the wheel.
    (purelib / "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
                   check=True, timeout=300, capture_output=True)
    home = tmp_path / "home"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8", "SAMBUNG_HOME": str(home),
           "SAMBUNG_SITE_FILE": str(home / "site.json"), "QT_QPA_PLATFORM": "offscreen",
           "SAMBUNG_EXIT_AFTER_START": "1", "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    where = subprocess.run([str(python), "-c", "import app, app.platform.paths as p; print(app.__file__); "
                            "print(p.resource('reasons.json').is_file())"],
                           env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    app_file, reasons_found = where.stdout.split()
    assert Path(app_file).is_relative_to(target) and reasons_found == "True", where.stderr
    run = subprocess.run([str(bin_dir / "sambung"), "--demo"], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr, run.stderr
    assert "login window shown" in run.stdout + run.stderr
