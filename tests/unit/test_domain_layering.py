import ast
import subprocess
import sys
from pathlib import Path

import app.domain

FORBIDDEN = ("PySide6", "sqlalchemy", "pjsua2", "requests")
DOMAIN_DIR = Path(app.domain.__file__).parent


def test_importing_the_domain_pulls_in_no_qt_orm_sip_or_http():
    modules = sorted(f"app.domain.{path.stem}" for path in DOMAIN_DIR.glob("*.py") if path.stem != "__init__")
    assert "app.domain.attempt_policy" in modules
    code = ("import importlib, sys; [importlib.import_module(m) for m in %r]; "
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in %r); print(bad); assert not bad"
            % (modules, FORBIDDEN))
    proc = subprocess.run([sys.executable, "-c", code], cwd=DOMAIN_DIR.parent.parent, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_domain_modules_import_only_stdlib_and_the_domain():
    allowed_app = ("app.domain", "app.platform.paths")
    for path in DOMAIN_DIR.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN, f"{path.name} imports {name}"
                if name.startswith("app"):
                    assert name.startswith(allowed_app), f"{path.name} imports {name} (layering)"


def test_domain_never_reads_the_wall_clock_outside_system_clock():
    for path in DOMAIN_DIR.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name == "clock.py":
            continue
        for call in ("datetime.now(", "datetime.utcnow(", "date.today(", "time.time("):
            assert call not in text, f"{path.name} reads the clock via {call}"
