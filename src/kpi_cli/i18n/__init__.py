"""Japanese help and messages when the user reads Japanese (``streams.japanese``); English otherwise.

Messages are ``Msg`` objects looked up by template (``msg.py``, catalog ``ja_messages.py``);
help texts are looked up whole or by paragraph (``ja.py``, ``ja_help.py``). Machine formats
and column names stay ASCII in both languages. Nothing is imported unless the language is Japanese.
"""

from __future__ import annotations


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
            block = paragraph.replace("Examples:", "例:")
            for english, japanese_text in COMMENTS.items():
                block = block.replace(english, japanese_text)
            out.append(block)
            continue
        key = " ".join(paragraph.split())
        indent = paragraph[: len(paragraph) - len(paragraph.lstrip())]
        found = HELP.get(key) or PARAGRAPHS.get(key)
        out.append(indent + found if found else paragraph)
    return "\n\n".join(out)
