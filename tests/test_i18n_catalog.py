"""Every message kpi can print has its Japanese form in the catalog.

The source is read, not run: every ``raise ...Error(...)``, ``warn(...)``, plan checker
``problem(...)``, ledger ``Problem(...)`` and problem line appended in ``plan/`` and ``ledger/``
gives a message template; each placeholder is filled with a sample of its kind (a path, a
line, a number, a known word), and the Japanese form must keep no English sentence. A new
message without its Japanese form fails here, with its file and line.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from kpi_cli.i18n import message

SRC = Path(__file__).resolve().parent.parent / "src" / "kpi_cli"
ENGLISH = re.compile(r"\b[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}\b")
COMMAND = re.compile(  # a command to run is shown as typed: kpi, its command, options, ids, placeholders
    r"\bkpi (?:(?:plan|review) )?[a-z-]+(?: (?:--?\S+|[A-Z_]+|\S*[-_./0-9]\S*|\S*[^\x00-\x7f]\S*))*"
)
ENGLISH_WORD = re.compile(r"\b(?:missing|must|unknown|not|add|use|give|check|cannot|is|the)\b")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")

# What a placeholder stands for, by the name of the expression inside it.
SAMPLES = [
    (r"^len\(", "7"),
    (r"\bside\b", "above"),
    (r"\bhint\b", "did you mean 'x'?"),
    (r"\bwhat\b", "region"),
    (r"\b(narrow|more)\b", ""),
    (r"\blisting\b", "donan-tourists (観光入込客数, 道南)"),
    (r"\bcounts\b", "3 unchanged, 7 blank (not yet known)"),
    (r"where", "data/x.csv:2"),
    (r"file|path|shown|ledger|folder|output", "data/x.csv"),
]


def _placeholder(expr: ast.expr, constants: dict[str, str]) -> str:
    if constants.get("") == "blank":
        return ""
    if isinstance(expr, ast.IfExp) and isinstance(expr.body, ast.Constant):
        return str(expr.body.value)
    if isinstance(expr, ast.Name) and expr.id in constants:
        return constants[expr.id]
    source = ast.unparse(expr)
    return next((sample for pattern, sample in SAMPLES if re.search(pattern, source)), "7")


def _template(node: ast.expr, constants: dict[str, str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = [
            v.value if isinstance(v, ast.Constant) else _placeholder(v.value, constants)  # type: ignore[attr-defined]
            for v in node.values
        ]
        return "".join(str(p) for p in parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _template(node.left, constants), _template(node.right, constants)
        return None if left is None or right is None else left + right
    return None


def _printed(node: ast.Call) -> ast.expr | None:
    """A line printed by a command: a result on stdout, or a "kpi: ..." line on stderr."""
    if not node.args or not isinstance(node.args[0], (ast.JoinedStr, ast.Constant, ast.BinOp)):
        return None
    to_stderr = any(k.arg == "file" and ast.unparse(k.value) == "sys.stderr" for k in node.keywords)
    text = ast.unparse(node.args[0])
    if to_stderr and not re.match(r"f?[\"']kpi: ", text):
        return None
    return node.args[0]


def _message_argument(node: ast.AST, path: Path) -> ast.expr | None:
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "print" and "commands" in path.parts:
        return _printed(node)
    if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
        name = getattr(node.exc.func, "id", "")
        if name.endswith("Error") and name != "AssertionError" and node.exc.args:
            return node.exc.args[0]
    if not isinstance(node, ast.Call) or not node.args:
        return None
    name = getattr(node.func, "id", "") or getattr(node.func, "attr", "")
    if name == "warn":
        return node.args[0]
    if name == "save_plan" and len(node.args) >= 3:  # printed as "<what> → <plan file>"
        return ast.BinOp(node.args[2], ast.Add(), ast.Constant(" → data/plan.toml"))
    if name == "problem" and len(node.args) >= 2:
        return node.args[1]
    if name == "Problem" and len(node.args) >= 3:
        return node.args[2]
    in_checks = "plan" in path.parts or "ledger" in path.parts or "reports" in path.parts
    if name == "append" and in_checks and isinstance(node.args[0], ast.JoinedStr):
        return node.args[0]
    return None


def _constants(tree: ast.Module) -> dict[str, str]:
    """A module's top-level text constants (a message may name one, also one imported)."""
    constants: dict[str, str] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Name):
            text = _template(statement.value, {})
            if text is not None:
                constants[statement.targets[0].id] = text
    return constants


def _module(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def messages() -> list[tuple[str, str]]:
    """(file:line, sample message) for every message template in the source."""
    found = []
    trees = {path: ast.parse(path.read_text("utf-8")) for path in sorted(SRC.rglob("*.py")) if "i18n" not in path.parts}
    modules = {_module(path): _constants(tree) for path, tree in trees.items()}
    for path, tree in trees.items():
        constants = _constants(tree)
        for node in ast.walk(tree):  # and those it imports by name
            if isinstance(node, ast.ImportFrom) and node.module in modules:
                given = modules[node.module]
                constants.update({a.asname or a.name: given[a.name] for a in node.names if a.name in given})
        for node in ast.walk(tree):
            argument = _message_argument(node, path)
            text = _template(argument, constants) if argument is not None else None
            words = _template(argument, {"": "blank"}) if argument is not None else None
            if text is not None and words is not None and re.search(r"[A-Za-z]{3,}", words.removeprefix("kpi: ")):
                found.append((f"{path.relative_to(SRC)}:{getattr(node, 'lineno', 0)}", text))
    return found


def _english_left(japanese_form: str) -> bool:
    rest = COMMAND.sub("", japanese_form)
    return bool(
        ENGLISH.search(rest)
        or ENGLISH_WORD.search(rest)
        or (re.search(r"[A-Za-z]{3,}", rest) and not JAPANESE.search(japanese_form))
    )


def _japanese_form(text: str) -> str:
    """As kpi shows it: "kpi: ..." lines as messages, other printed lines as result lines."""
    from kpi_cli.i18n import summary

    return "kpi: " + message(text[5:]) if text.startswith("kpi: ") else summary(message(text))


def test_every_message_has_its_japanese_form() -> None:
    found = messages()
    assert len(found) >= 200  # the scan sees the source (210 templates when this was written)
    untranslated = [f"{where}: {text}" for where, text in found if _english_left(_japanese_form(text))]
    assert untranslated == []


def test_the_scan_catches_a_message_without_its_japanese_form() -> None:
    assert _english_left(message("the flux capacitor is not charged; wait for lightning"))
    assert not _english_left(message("unknown KPI 'x'; see: kpi kpis"))
