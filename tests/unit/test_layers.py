"""The layout shows the architecture: imports point down only, and nothing imports in a circle.

views -> core -> services / store / telephony -> domain, with platform at the bottom
(every layer may use it) and the CLI beside the views, going through core.  Views
import no SQLAlchemy, store or services; the domain imports nothing of ours but the
domain and platform.  Read from the source (ast), so an import inside a function counts
too; `if TYPE_CHECKING:` blocks count as well: a type the layer may not name is a
dependency all the same.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"

# What each layer may import of ours (besides itself).
MAY_IMPORT = {
    "platform": set(),
    "domain": {"platform"},
    "store": {"domain", "platform"},
    "telephony": {"domain", "platform"},
    "services": {"store", "domain", "platform"},
    "core": {"services", "store", "telephony", "domain", "platform"},
    "views": {"core", "domain", "platform"},
    "cli": {"core", "domain", "platform"},
}
# Edges that cross the layering on purpose, each with its reason.
ALLOWED_EDGES = {
    # `sambung` without a command is the window: the CLI opens it, and that is all it takes from the views.
    ("app.cli", "app.views.main"),
}
THIRD_PARTY_FORBIDDEN = {
    "views": {"sqlalchemy", "pjsua2", "requests", "psycopg"},
    "domain": {"PySide6", "sqlalchemy", "pjsua2", "requests"},
    "core": {"PySide6", "pjsua2"},
    "services": {"PySide6", "pjsua2"},
    "store": {"PySide6", "pjsua2", "requests"},
    "telephony": {"PySide6", "sqlalchemy", "requests"},
    "platform": {"PySide6", "sqlalchemy", "pjsua2", "requests"},
    "cli": {"PySide6", "pjsua2", "sqlalchemy"},
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in APP.rglob("*.py") if "migrations" not in p.parts}


def _imports(path: Path, module: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    return found


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "app" and parts[1] != "__main__" else None


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        for imported in _imports(path, name):
            # the longest known module the import names (a name inside a module counts as the module)
            target = imported
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name and target != "app":
                graph[name].add(target)
            graph[name]  # noqa: B018 - every module is a node
    return graph


def test_the_app_root_holds_only_the_entry_points():
    loose = sorted(p.name for p in APP.glob("*.py"))
    assert loose == ["__init__.py", "__main__.py"], loose


def test_every_module_sits_in_a_known_layer():
    strays = [m for m in _modules() if m not in ("app", "app.__main__") and _layer(m) not in MAY_IMPORT]
    assert not strays, strays


def test_imports_point_down_only():
    wrong = []
    for module, targets in _graph().items():
        layer = _layer(module)
        if layer is None:
            continue
        for target in targets:
            other = _layer(target)
            if other and other != layer and other not in MAY_IMPORT[layer] and (module, target) not in ALLOWED_EDGES:
                wrong.append(f"{module} -> {target}")
    assert not wrong, "imports against the layering:\n" + "\n".join(sorted(wrong))


def test_layers_keep_away_from_libraries_of_other_layers():
    wrong = []
    for name, path in _modules().items():
        layer = _layer(name)
        banned = THIRD_PARTY_FORBIDDEN.get(layer or "", set())
        for imported in _imports(path, name):
            if imported.split(".")[0] in banned:
                wrong.append(f"{name} imports {imported}")
    assert not wrong, "\n".join(sorted(set(wrong)))


def test_no_module_imports_in_a_circle():
    graph = _graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:        # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    import sys
    sys.setrecursionlimit(10000)
    for v in list(graph):
        if v not in index:
            visit(v)
    assert not circles, "circles: " + "; ".join(" <-> ".join(c) for c in circles)
