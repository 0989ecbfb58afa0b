"""Japanese help and messages when the user reads Japanese; English otherwise.

The language: ``KPI_LANG`` (``ja`` or ``en``) when set, else the locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG`` starting with ``ja``), else on Windows the user's display language.
The catalog (``ja.py``) maps each English text to its Japanese; help texts are replaced
whole, messages by patterns. Machine formats and column names stay ASCII in both languages.
Nothing is imported or read unless the language is Japanese.
"""

from __future__ import annotations

import contextlib
import os
import sys


def japanese() -> bool:
    chosen = os.environ.get("KPI_LANG", "").strip().lower()
    if chosen:
        return chosen.startswith("ja")
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return value.lower().startswith("ja")
    if sys.platform == "win32":  # pragma: no cover - Windows only
        try:
            import ctypes

            return int(ctypes.windll.kernel32.GetUserDefaultUILanguage()) & 0x3FF == 0x11
        except (AttributeError, OSError):
            return False
    return False


def help_text(text: str) -> str:
    """A help text in Japanese: the whole text from the catalog, or paragraph by paragraph (an
    example block keeps its commands and translates their trailing comments)."""
    from kpi_cli.i18n.ja import HELP

    if text in HELP:
        return HELP[text]
    from kpi_cli.i18n.ja_help import COMMENTS, PARAGRAPHS

    out = []
    for paragraph in text.split("\n\n"):
        if paragraph.lstrip().startswith("\b"):
            block = paragraph
            for english, japanese_text in COMMENTS.items():
                block = block.replace(english, japanese_text)
            out.append(block)
            continue
        key = " ".join(paragraph.split())
        indent = paragraph[: len(paragraph) - len(paragraph.lstrip())]
        found = HELP.get(key) or PARAGRAPHS.get(key)
        out.append(indent + found if found else paragraph)
    return "\n\n".join(out)


def message(text: str) -> str:
    """An error or warning line in Japanese, by the first pattern of the catalog that matches.
    A place ("file.csv:2: ", "book.xlsx:Sheet!3: ") is kept as it is when the rest is a message
    of the catalog, so that a pattern opening with a subject does not take the place for it."""
    import re

    from kpi_cli.i18n.ja_messages import FRAGMENTS

    if text.startswith("warning: "):
        return "警告: " + message(text[len("warning: ") :])
    where = re.match(_PLACE, text)
    if where and (rest := _by_pattern(text[where.end() :])) is not None:
        text = where.group(1) + rest
    elif (whole := _by_pattern(text)) is not None:
        text = whole
    else:
        where = where or re.match(_KEY, text)  # "file.csv:2: ..." keeps its place
        if where:
            return where.group(1) + message(text[where.end() :])
    for english, japanese_text in FRAGMENTS.items():
        text = text.replace(english, japanese_text)
    return text


def _by_pattern(text: str) -> str | None:
    """``text`` put in Japanese by the first message pattern of the catalog that matches it whole."""
    from kpi_cli.i18n.ja_messages import MESSAGES

    return _fill(MESSAGES, text)


def _fill(patterns: list[tuple[str, str]], text: str) -> str | None:
    """``text`` in the Japanese form of the first pattern that matches it whole (None if none does)."""
    import re

    for pattern, japanese_form in patterns:
        m = re.fullmatch(pattern, text, re.S)
        if m:
            with contextlib.suppress(IndexError, KeyError, ValueError):  # a catalog mistake keeps the English
                return japanese_form.format(*(_Group(g or "") for g in m.groups()))
            return text
    return None


# "a/path.csv:2: ", "a/path.csv: " or "a/book.xlsx:Sheet name!3: " (Excel sheet names have no
# colon), then the message
_PLACE = r"(\S*[./\\]\S*?(?::\d+|:[^:\n]+!\d+)?: )(?=\S)"
_KEY = r"([A-Za-z_][\w\[\].]*: )(?=\S)"  # a key of the plan (kpis[3].baseline), then the message


class _Group(str):
    """A matched group: ids joined by 、 as it is; ``{0:w}`` a known word in Japanese, ``{0:m}`` a message."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        if spec == "m":
            return message(_word(str(self)))
        if spec == "w":
            return _word(str(self))
        return _listing(str(self))


def _listing(text: str) -> str:
    """Ids joined by " or " become joined by 、; "line 2" becomes 2行目; anything else is kept."""
    import re

    if re.fullmatch(r"'?[\w.@-]+'?( or '?[\w.@-]+'?)+", text, re.ASCII):
        return text.replace(" or ", "、")
    line = re.fullmatch(r"line (\d+)", text)
    return f"{line.group(1)}行目" if line else text


def _word(text: str) -> str:
    """A known word (value, the note, a string, above...) in Japanese; lists of them too."""
    from kpi_cli.i18n.ja_messages import WORDS

    parts = text.split(", ")
    if len(parts) > 1 and all(part in WORDS for part in parts):
        return "、".join(WORDS[part] for part in parts)
    if " or " in text and all(part in WORDS for part in text.split(" or ")):
        return "または".join(WORDS[part] for part in text.split(" or "))
    return WORDS.get(text, _listing(text))


def summary(text: str) -> str:
    """A result line on stdout in Japanese (unchanged when no pattern matches: tables, data)."""
    import re

    from kpi_cli.i18n.ja_messages import SUMMARIES

    filled = _fill(SUMMARIES, text)
    if filled is not None:
        return filled
    if text.startswith("note: "):  # a finding of kpi verify that is not a problem
        return "注: " + message(text[len("note: ") :])
    if re.match(_PLACE, text):  # a problem kpi verify lists
        return message(text)
    return text
