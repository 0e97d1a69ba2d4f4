"""The committed translations match the code: every string is in the .ts, under a real context, and
translated into Korean with the same placeholders. A failure names the one command that fixes it."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.translations_script import REPO, load

FIX = "Run `python3 packaging/translations.py update`, then translate what it lists as unfinished."
translations = load()


def entries(ts_path: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source) -> <message> for the live (not vanished or obsolete) entries of a .ts file."""
    found = {}
    for context in ET.parse(ts_path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                continue
            found[(name, message.findtext("source") or "")] = message
    return found


@pytest.fixture(scope="module")
def scanned(tmp_path_factory) -> dict[tuple[str, str], ET.Element]:
    """What pyside6-lupdate finds in the package today, written to a fresh .ts."""
    fresh = tmp_path_factory.mktemp("lupdate") / "desktop_app_scan.ts"
    translations.run_lupdate([fresh])
    return entries(fresh)


def test_there_is_a_korean_translation():
    assert "desktop_app_ko.ts" in [p.name for p in translations.ts_files()]


def test_every_string_in_the_code_is_in_the_committed_ts(scanned):
    committed = entries(REPO / "resources" / "i18n" / "desktop_app_ko.ts")
    missing = sorted(set(scanned) - set(committed))
    assert not missing, f"{len(missing)} string(s) not in desktop_app_ko.ts, e.g. {missing[:5]}. {FIX}"
    stale = sorted(set(committed) - set(scanned))
    assert not stale, f"desktop_app_ko.ts has entries the code no longer has, e.g. {stale[:5]}. {FIX}"
    plural = sorted(k for k, m in scanned.items() if (m.get("numerus") == "yes") != (committed[k].get("numerus") == "yes"))
    assert not plural, f"plural (%n) form changed for {plural[:5]}. {FIX}"


def test_every_string_has_a_stable_context(scanned):
    # A tr() outside a class, or a helper that hides the context from lupdate, gives an empty one.
    bad = sorted(k for k in scanned if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", k[0]))
    assert not bad, f"strings without a proper context (use translate(\"Context\", \"text\")): {bad[:5]}"


def test_no_string_is_lost_inside_an_f_string():
    # lupdate does not look inside f-strings: a tr() there is never translated.
    inside = re.compile(r"""f(["']).*\{[^}]*\b(tr|translate|trans_late)\(""")
    offenders = [
        f"{path.relative_to(REPO)}:{number}"
        for path in translations.source_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if inside.search(line)
    ]
    assert not offenders, f"translate outside the f-string: {offenders}"


def test_korean_is_complete_with_the_same_placeholders():
    ts = REPO / "resources" / "i18n" / "desktop_app_ko.ts"
    unfinished = translations.unfinished(ts)
    assert not unfinished, f"{len(unfinished)} unfinished Korean entries, e.g. {unfinished[:5]}. {FIX}"
    wrong = []
    for (context, source), message in entries(ts).items():
        translation = message.find("translation")
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        for form in forms:
            if sorted(re.findall(r"\{[^}]*\}|%n", source)) != sorted(re.findall(r"\{[^}]*\}|%n", form)):
                wrong.append((context, source, form))
    assert not wrong, f"placeholders differ between English and Korean: {wrong[:5]}"


def test_a_build_carries_the_compiled_translations(tmp_path):
    # What a wheel gets (setup.py's build_py), without the .ts sources; an editable checkout gets
    # the same .qm next to its .ts.
    build = subprocess.run(
        [sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    i18n = tmp_path / "desktop_app" / "resources" / "i18n"
    assert sorted(p.name for p in i18n.iterdir()) == ["desktop_app_ko.qm"]
    assert (i18n / "desktop_app_ko.qm").read_bytes()[:4] == bytes.fromhex("3cb86418")  # Qt's .qm magic
    assert (REPO / "resources" / "i18n" / "desktop_app_ko.qm").is_file()
