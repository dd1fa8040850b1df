"""Every user-visible string under app/views has an Indonesian translation.

Runs scripts/build_i18n.py's own check on a scratch copy of the catalogue
(pyside6-lupdate over app/views, then the app/resources/i18n/id/*.json glossary), so
the test never rewrites the shipped .ts/.qm files.  The failure lists every
missing string with its context: add it to your screen's app/resources/i18n/id/*.json.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _build_i18n():
    spec = importlib.util.spec_from_file_location("build_i18n", ROOT / "scripts" / "build_i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_user_visible_string_in_views_has_an_indonesian_translation(tmp_path):
    build = _build_i18n()
    ts = tmp_path / "sambung_id.ts"
    shutil.copy(build.TS, ts)       # keeps translations made directly in the catalogue
    missing = build.refresh(ts)     # the project's own lupdate (beside this interpreter), not PATH's
    assert not missing, "strings without an Indonesian translation:\n" + "\n".join(
        f"  [{ctx}] {src!r}" for ctx, src in missing)


def test_qt_tools_are_found_beside_the_interpreter_without_path(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    tool = Path(_build_i18n().qt_tool("pyside6-lupdate"))
    assert tool.is_file() and tool.parent == Path(sys.executable).parent


def test_no_two_glossary_files_translate_one_source_differently():
    # The catalogue keeps one translation per English source: a second wording would silently lose.
    assert not _build_i18n().glossary_conflicts()


def test_glossary_files_are_valid_json_objects_of_strings():
    build = _build_i18n()
    for source, target in build.glossary().items():
        assert isinstance(source, str) and isinstance(target, str) and target.strip(), source


def test_the_shipped_catalogue_is_compiled_from_the_current_translations(tmp_path):
    """The .qm that ships holds every translation the .ts and the glossary have (else a new string
    shows in English): run scripts/build_i18n.py and commit both files when this fails."""
    import subprocess
    import xml.etree.ElementTree as ET
    build = _build_i18n()
    ts = tmp_path / "sambung_id.ts"
    shutil.copy(build.TS, ts)
    build.refresh(ts)

    def messages(path):
        return {(m.findtext("source"), (m.find("translation").text or "")) for m in ET.parse(path).getroot().iter("message")
                if m.find("translation") is not None and not m.find("translation").get("type")}
    assert messages(ts) == messages(build.TS), "app/resources/i18n/sambung_id.ts is behind the code"
    qm = tmp_path / "sambung_id.qm"
    subprocess.run([build.qt_tool("pyside6-lrelease"), str(build.TS), "-qm", str(qm)], check=True, capture_output=True)
    assert qm.read_bytes() == build.QM.read_bytes(), "app/resources/i18n/sambung_id.qm is not compiled from the .ts"


# -- messages made outside app/views -------------------------------------------------------------
# The core, the domain and the services hand messages to the screens (refusals, warnings).  Those
# carry both languages as an app.domain.text.Text; a screen shows the user's (app.views.i18n.message).
# The command line is Indonesian by design and the stand-in server plays other systems: not checked.
import ast  # noqa: E402
import re  # noqa: E402

OUTSIDE_VIEWS = ("core", "domain", "services", "store", "telephony", "platform")
NOT_SHOWN_ON_SCREENS = ("app/services/standin/",)
# Refusals still written in one language (`raise X("…")`), per module, when Text came in (and in
# the modules written alongside it, merged after).  A number here may only go down: a new refusal
# is a Text; converting old ones lowers the number.
ONE_LANGUAGE_REFUSALS = {
    "app/domain/attempt_counting.py": 1,
    "app/domain/billing.py": 3,
    "app/platform/config.py": 1,
    "app/services/dapros_import.py": 2,
    "app/services/dapros_plan.py": 1,          # moved from dapros_import.py
    "app/services/http.py": 1,
    "app/services/import_readers.py": 14,
    "app/services/ipayment.py": 2,
    "app/services/retention.py": 1,
    "app/store/demo_seed.py": 1,
    "app/store/plans.py": 1,
    "app/store/queue.py": 1,
    "app/store/queue_states.py": 1,
    "app/store/schema_version.py": 1,
    "app/store/types.py": 1,
    "app/telephony/call.py": 1,
    "app/telephony/prompt_audio.py": 1,
    "app/telephony/softphone.py": 1,
}
_PLACEHOLDER = re.compile(r"{[^{}]*}|%\d")


def _modules_outside_views():
    for layer in OUTSIDE_VIEWS:
        for path in sorted((ROOT / "app" / layer).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if "migrations" in path.parts or rel.startswith(NOT_SHOWN_ON_SCREENS):
                continue
            yield rel, ast.parse(path.read_text(encoding="utf-8"))


def _wording(node) -> tuple[str, set[str]] | None:
    """A literal's text (f-string parts joined) and its placeholders; None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value, set(_PLACEHOLDER.findall(node.value))
    if isinstance(node, ast.JoinedStr):
        text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        # The same value in each language's form (names["id"] / names["en"]) is the same placeholder.
        names = {re.sub(r"\b(id|en)\b", "LANG", ast.unparse(v.value))
                 for v in node.values if isinstance(v, ast.FormattedValue)}
        return text, names
    return None


def _is_text_call(node) -> bool:
    return isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "Text"


def _one_language_refusal(node) -> bool:
    if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args):
        return False
    first = node.exc.args[0]
    if isinstance(first, ast.BinOp):        # "… %s" % x, "a" + "b"
        first = first.left
    return _wording(first) is not None


def test_every_message_built_outside_views_has_both_languages_with_the_same_placeholders():
    problems = []
    for rel, tree in _modules_outside_views():
        for node in ast.walk(tree):
            if not _is_text_call(node) or rel == "app/domain/text.py":
                continue
            args = list(node.args) + [k.value for k in node.keywords]
            words = [_wording(a) for a in args]
            if len(words) != 2 or None in words:
                problems.append(f"{rel}:{node.lineno}: Text needs two literal wordings (id, en)")
                continue
            (indonesian, id_marks), (english, en_marks) = words
            if not indonesian.strip() or not english.strip() or indonesian == english:
                problems.append(f"{rel}:{node.lineno}: Text needs an Indonesian and a different English wording")
            if id_marks != en_marks:
                problems.append(f"{rel}:{node.lineno}: placeholders differ: {sorted(id_marks)} / {sorted(en_marks)}")
    assert not problems, "\n".join(problems)


def test_no_new_refusal_outside_views_is_written_in_one_language():
    counts = {rel: sum(_one_language_refusal(n) for n in ast.walk(tree)) for rel, tree in _modules_outside_views()}
    grown = {rel: (n, ONE_LANGUAGE_REFUSALS.get(rel, 0)) for rel, n in counts.items()
             if n > ONE_LANGUAGE_REFUSALS.get(rel, 0)}
    assert not grown, ("refusals with one language only (raise X(\"…\")): make them raise X(Text(id, en)):\n"
                       + "\n".join(f"  {rel}: {n} (allowed {was})" for rel, (n, was) in sorted(grown.items())))
