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
    """A help text in Japanese (the whole text, or its first paragraph, from the catalog)."""
    from kpi_cli.i18n.ja import HELP

    if text in HELP:
        return HELP[text]
    first, sep, rest = text.partition("\n\n")
    return HELP[first] + sep + rest if first in HELP else text


def message(text: str) -> str:
    """An error or warning line in Japanese, by the first pattern of the catalog that matches."""
    import re

    from kpi_cli.i18n.ja_messages import FRAGMENTS, MESSAGES

    for pattern, japanese_form in MESSAGES:
        m = re.fullmatch(pattern, text, re.S)
        if m:
            with contextlib.suppress(IndexError, KeyError):  # a catalog mistake keeps the English
                text = japanese_form.format(*m.groups())
            break
    for english, japanese_text in FRAGMENTS.items():
        text = text.replace(english, japanese_text)
    return text


def summary(text: str) -> str:
    """A result line on stdout in Japanese (unchanged when no pattern matches: tables, data)."""
    import re

    from kpi_cli.i18n.ja_messages import SUMMARIES

    for pattern, japanese_form in SUMMARIES:
        m = re.fullmatch(pattern, text, re.S)
        if m:
            return japanese_form.format(*m.groups())
    return text
