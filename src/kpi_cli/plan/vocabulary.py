"""The [review] table of a plan: the words of 評価 (assessment) and 今後の方向性 (direction).

    [review]
    assessments = [{ code = "on_course", label = "概ね順調に展開" }, ...]
    directions = [{ code = "continue", label = "継続" }, ...]

Either list may be left out (the prefecture's words are the default). Codes are ASCII
identifiers, labels are what people read; both are unique within their list.
"""

from __future__ import annotations

import re
from typing import Any

from kpi_cli.core.model import DEFAULT_VOCABULARY, Term, Vocabulary
from kpi_cli.i18n.msg import Msg
from kpi_cli.plan.checker import ID_RE, _Checker


def vocabulary(c: _Checker, doc: dict[str, Any]) -> Vocabulary:
    table = c.get(doc, "", "review", dict, required=False, default={})
    c.keys(table, "review", ("assessments", "directions"))
    return Vocabulary(
        assessments=_terms(c, table, "assessments", DEFAULT_VOCABULARY.assessments),
        directions=_terms(c, table, "directions", DEFAULT_VOCABULARY.directions),
    )


def _terms(c: _Checker, table: dict[str, Any], key: str, default: tuple[Term, ...]) -> tuple[Term, ...]:
    if key not in table:
        return default
    terms = []
    for i, t in enumerate(c.table_list(table, "review", key)):
        w = f"review.{key}[{i}]"
        c.keys(t, w, ("code", "label"))
        code = c.text(t, w, "code")
        label = c.text(t, w, "label")
        if code and not re.fullmatch(ID_RE, code.replace("_", "-")):
            c.problem(
                f"{w}.code", Msg("{code!r} is not an ASCII code such as on_course; use a-z, 0-9 and _", code=code)
            )
        terms.append(Term(code, label))
    for attr in ("code", "label"):
        seen = [getattr(t, attr) for t in terms]
        twice = sorted({x for x in seen if seen.count(x) > 1})
        if twice:
            c.problem(
                f"review.{key}",
                Msg("the {attr} {words} appears twice; each word once", attr=attr, words=", ".join(twice)),
            )
    _overlaps(c, key, terms)
    if not terms:
        c.problem(f"review.{key}", Msg("is empty; give at least one word, or leave it out for the default"))
    return tuple(terms)


def _overlaps(c: _Checker, key: str, terms: list[Term]) -> None:
    """Two terms whose words read the same as typed (a code that is another's label, or the same word
    but for width, case or spaces): ``review add`` would take the first; the plan is refused."""
    for i, first in enumerate(terms):
        for second in terms[i + 1 :]:
            if first.code == second.code or first.label == second.label:
                continue  # (said above: appears twice)
            shared = {word_key(first.code), word_key(first.label)} & {word_key(second.code), word_key(second.label)}
            if shared:
                c.problem(
                    f"review.{key}",
                    Msg(
                        "the words of {first} and {second} overlap ({word!r}): what is typed would name either; "
                        "make them differ",
                        first=first.code,
                        second=second.code,
                        word=min(shared),
                    ),
                )


def word_key(text: str) -> str:
    """A vocabulary word as it is matched: NFKC, spaces ignored, lower case."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def to_doc(v: Vocabulary) -> dict[str, Any]:
    """The [review] table to write ({} when the plan uses the default words)."""
    if v == DEFAULT_VOCABULARY:
        return {}
    return {
        "assessments": [{"code": t.code, "label": t.label} for t in v.assessments],
        "directions": [{"code": t.code, "label": t.label} for t in v.directions],
    }


def term_code(terms: tuple[Term, ...], given: str, what: str | Msg) -> str:
    """The code of a vocabulary word given as its label or its code (NFKC, spaces ignored)."""
    from kpi_cli.errors import InputError

    for term in terms:
        if word_key(given) in (word_key(term.code), word_key(term.label)):
            return term.code
    valid = ", ".join(f"{t.label} ({t.code})" for t in terms)
    raise InputError(
        Msg(
            "{what} {given!r} is not a word of the plan's vocabulary; use one of: {valid}",
            what=what,
            given=given,
            valid=valid,
        )
    )
