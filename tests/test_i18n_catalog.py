"""The message catalog is exact: every template in the source has its Japanese form with the same
fields, no entry is orphaned, and no Japanese form keeps an English sentence.

The source is read, not run: every ``Msg("...")`` call gives a template (its first argument must
be a string literal, so that the catalog can be checked at all).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from kpi_cli.i18n.ja_messages import MESSAGES
from kpi_cli.i18n.msg import fields_of

SRC = Path(__file__).resolve().parent.parent / "src" / "kpi_cli"
ENGLISH = re.compile(r"\b[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}\b")
COMMAND = re.compile(  # a command to run is shown as typed: kpi, its command, options, ids, placeholders
    r"\bkpi (?:(?:plan|review) )?[a-z-]+(?: (?:--?\S+|[A-Z_]+|\S*[-_./0-9]\S*|\S*[^\x00-\x7f]\S*))*"
)


def templates() -> dict[str, str]:
    """Every message template of the source, with the first place it is written."""
    found: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        if path.parent.name == "i18n":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Msg":
                first = node.args[0] if node.args else None
                where = f"{path.relative_to(SRC)}:{node.lineno}"
                assert isinstance(first, ast.Constant) and isinstance(first.value, str), f"{where}: not a literal"
                found.setdefault(first.value, where)
    return found


def test_every_template_has_its_japanese_form() -> None:
    found = templates()
    assert len(found) > 300
    missing = [f"{where}: {t!r}" for t, where in found.items() if t not in MESSAGES]
    assert missing == []


def test_no_entry_is_orphaned() -> None:
    assert sorted(set(MESSAGES) - set(templates())) == []


def test_the_japanese_form_has_the_same_fields() -> None:
    differ = [t for t, ja in MESSAGES.items() if fields_of(t) != fields_of(ja)]
    assert differ == []


def test_the_japanese_form_keeps_no_english_sentence() -> None:
    left = []
    for ja in MESSAGES.values():
        text = COMMAND.sub("", re.sub(r"\{[^}]*\}", "", ja))
        if ENGLISH.search(text):
            left.append(ja)
    assert left == []


def test_every_field_is_a_name() -> None:
    """A brace meant as text is doubled ({{ ... }}); every field is a plain name."""
    for template in [*templates(), *MESSAGES.values()]:
        assert all(re.fullmatch(r"\w+", name) for name in fields_of(template)), template


def test_fields_of_reads_names_conversions_and_specs() -> None:
    assert fields_of("{a!r} {b:,} {c} {{d}}") == {"a", "b", "c"}
