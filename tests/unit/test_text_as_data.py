"""No English sentence for the user is built outside ui/: the layers below hand over data.

core, services, workers and controllers mark their messages with trans_late(context, template) (a
LazyText) or report an AppError; ui/ words them in the UI's language (desktop_app/ui/text.py). This
reads the package's source (ast) and fails on a translation call outside ui/, or on a message for the
user written as a plain string, an f-string or a filled plain string, where a template belongs.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "desktop_app"
QT_APPLICATIONS = {"QCoreApplication", "QGuiApplication", "QApplication"}

# Exceptions whose text the window shows to the user as it is (a notice, a status line, a dialog).
SHOWN_EXCEPTIONS = {
    "ImageRefused", "HistoryUnavailable", "AudioUnavailable", "SchemaProblem", "ImportProblem", "RecordError"
}
# A controller's own bugs, never shown as a message: any other exception a controller raises is.
PROGRAMMER_ERRORS = {"AssertionError", "RuntimeError", "TypeError", "NotImplementedError"}


def below_ui() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if (PACKAGE / "ui") not in p.parents)


def plain_english(node: ast.expr | None) -> bool:
    """A sentence put together in code: a non-empty literal, an f-string, "..." + x, "...".format(...)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(node.value.strip())
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return plain_english(node.left) or plain_english(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return plain_english(node.func.value)
    return False


def called_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def problems(path: Path, package: Path = PACKAGE) -> list[str]:
    """What in this module words a message for the user instead of handing it over as data."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_controller = path.parent.name == "controllers"
    where = path.relative_to(package.parent)
    found = []
    for node in ast.walk(tree):
        line = f"{where}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Attribute) and node.attr == "translate":
            if isinstance(node.value, ast.Name) and node.value.id in QT_APPLICATIONS:
                found.append(f"{line}: {node.value.id}.translate outside ui/")
        if isinstance(node, ast.Import | ast.ImportFrom) and any(a.name == "translate" for a in node.names):
            found.append(f"{line}: imports translate outside ui/")
        if not isinstance(node, ast.Call):
            continue
        name = called_name(node)
        if name == "tr" and isinstance(node.func, ast.Attribute):
            found.append(f"{line}: self.tr(...) outside ui/: mark it with trans_late(context, ...)")
        if name == "AppError":
            words = [*node.args[1:3], *(k.value for k in node.keywords if k.arg in ("message", "hint"))]
            found += [f"{line}: AppError worded in English: {ast.unparse(w)[:60]}" for w in words if plain_english(w)]
        if is_controller and name == "emit":
            found += [f"{line}: emits English: {ast.unparse(a)[:60]}" for a in node.args if plain_english(a)]
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
            name = called_name(node.exc)
            shown = name in SHOWN_EXCEPTIONS or (is_controller and name not in PROGRAMMER_ERRORS)
            if shown and plain_english(node.exc.args[0]):
                found.append(f"{where}:{node.lineno}: raises {name} in English: {ast.unparse(node.exc.args[0])[:60]}")
    return found


def test_no_module_below_ui_words_a_message_for_the_user():
    found = [problem for path in below_ui() for problem in problems(path)]
    assert not found, "Mark the text with trans_late(context, template).format(...) and word it in ui/:\n" + "\n".join(
        found
    )


def test_the_check_sees_each_way_of_wording_english(tmp_path):
    """The scan is only worth something if it catches what it is meant to catch."""
    module = tmp_path / "controllers" / "sample.py"
    module.parent.mkdir()
    module.write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        "def f(self, name, exc):\n"
        "    self.sig_notice.emit(self.tr('Saved'))\n"
        "    self.sig_notice.emit(f'{name} saved')\n"
        "    self.sig_notice.emit('{0} saved'.format(name))\n"
        "    self.sig_notice.emit(trans_late('Sample', '{0} saved').format(name))\n"
        "    AppError(ErrorKind.UNKNOWN, 'It failed.', hint=trans_late('AppError', 'Try again.'))\n"
        "    translate = QCoreApplication.translate\n"
        "    raise ImageRefused(f'{name} is empty')\n"
        "    raise ValueError(trans_late('Sample', 'bad'))\n",
        encoding="utf-8",
    )
    found = problems(module, package=tmp_path)
    lines = sorted(int(problem.split(":")[1]) for problem in found)
    assert lines == [3, 4, 5, 7, 8, 9], found
