"""Messages for people: an English template with named fields, put into Japanese by template.

A message is written once where it arises, e.g. ``Msg("unknown KPI {kpi!r}; see: kpi kpis", kpi=term)``.
Its Japanese form is looked up by the template in one dict (``ja_messages.MESSAGES``) and the
same fields are filled in after the lookup, so what the user typed is never translated. A field
may itself be a message (rendered in the same language first) or a ``Joined`` list of them.
``tests/test_i18n_catalog.py`` reads every ``Msg("...")`` of the source and checks that the
catalog has its template with the same fields, and that no entry is orphaned.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import string

LONG_QUOTE = 80  # characters of a quoted input ({x!r}) kept whole in a message
KEPT = LONG_QUOTE - 20


class Msg:
    """A message: an English template (str.format syntax, named fields only) and its fields."""

    __slots__ = ("fields", "template")

    def __init__(self, template: str, /, **fields: object) -> None:
        self.template = template
        self.fields: dict[str, object] = fields

    def text(self, ja: bool = False) -> str:
        """The message in Japanese (``ja``) or English, its fields filled in."""
        template = self.template
        if ja:
            from kpi_cli.i18n.ja_messages import MESSAGES

            template = MESSAGES.get(template, template)
        return _formatter().vformat(template, (), _Fields(self.fields, ja))

    def __str__(self) -> str:
        return self.text(False)

    def __repr__(self) -> str:
        return f"Msg({self.template!r}, **{self.fields!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and (self.template, self.fields) == (other.template, other.fields)

    def __hash__(self) -> int:
        return hash(self.template)


class Joined(Msg):
    """Several values (messages or plain text) joined: ", " in English and "、" in Japanese by default."""

    __slots__ = ("ja_sep", "parts", "sep")

    def __init__(self, parts: Iterable[object], sep: str = ", ", ja_sep: str = "、") -> None:
        super().__init__("")
        self.parts: Sequence[object] = list(parts)
        self.sep = sep
        self.ja_sep = ja_sep

    def text(self, ja: bool = False) -> str:
        return (self.ja_sep if ja else self.sep).join(_shown(p, ja) for p in self.parts)

    def __repr__(self) -> str:
        return f"Joined({self.parts!r}, {self.sep!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Joined) and (self.parts, self.sep) == (other.parts, other.sep)

    def __hash__(self) -> int:
        return hash(tuple(map(str, self.parts)))


class Unkept(Exception):
    """A message field that is not text, a number or a message (``as_data``)."""


_PLAIN = (str, int, bool, type(None))


def as_data(msg: Msg) -> Any:
    """A message as plain data (tuples, dicts, text, numbers), e.g. to be kept with marshal; see ``from_data``."""
    if type(msg) is Joined:
        return ("J", [_field_data(p) for p in msg.parts], msg.sep, msg.ja_sep)
    if type(msg) is Msg:
        return ("M", msg.template, {k: _field_data(v) for k, v in msg.fields.items()})
    raise Unkept(type(msg).__name__)


def _field_data(value: object) -> Any:
    if type(value) in _PLAIN:
        return value
    if isinstance(value, Msg):
        return as_data(value)
    raise Unkept(type(value).__name__)


def from_data(data: Any) -> Msg:
    """The message ``as_data`` gave."""
    if data[0] == "J":
        return Joined([_field(p) for p in data[1]], data[2], data[3])
    msg = Msg.__new__(Msg)
    msg.template, msg.fields = data[1], {k: _field(v) for k, v in data[2].items()}
    return msg


def _field(data: Any) -> object:
    return from_data(data) if type(data) is tuple else data


def either(parts: Iterable[object]) -> Joined:
    """Alternatives: "a or b" in English, "a、b" in Japanese."""
    return Joined(parts, " or ", "、")


def _shown(value: object, ja: bool) -> str:
    return value.text(ja) if isinstance(value, Msg) else str(value)


class _Fields(Mapping[str, Any]):
    """A message's fields as the formatter sees them: messages rendered in the language."""

    def __init__(self, fields: Mapping[str, object], ja: bool) -> None:
        self._fields = fields
        self._ja = ja

    def __getitem__(self, key: str) -> Any:
        value = self._fields[key]
        if isinstance(value, Msg):
            return value.text(self._ja)
        if isinstance(value, str) and not value.isprintable():
            return _Inert(value)
        return value

    def __iter__(self) -> Any:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)


class _Inert(str):
    """Text a message quotes (a cell, a sheet or file name), shown on one line: line breaks and
    other control characters as escapes; ``!r`` still quotes the original."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        return format("".join(_escaped(c) for c in self), spec)


def _escaped(char: str) -> str:
    if char.isprintable() or char in "\u3000":
        return char
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@functools.cache
def _formatter() -> string.Formatter:
    """The formatter of messages, made when the first message is said (a command that says none, such as
    ``kpi status --format csv``, does not import ``string``, whose import compiles a regular expression).

    ``{x!r}``: the input quoted, cut when longer than a line (a 20,000-character id is not worth 20,000
    characters of error)."""
    import string

    class Formatter(string.Formatter):
        def convert_field(self, value: Any, conversion: str | None) -> Any:
            if conversion == "r" and type(value).__name__ == "Decimal":  # a number as written (2014.50)
                return str(value)
            if conversion == "r" and isinstance(value, str):
                value = str.__str__(value)
                if len(value) > LONG_QUOTE:
                    value = value[:KEPT] + "…"
                return repr(value)
            return super().convert_field(value, conversion)

    return Formatter()


def fields_of(template: str) -> set[str]:
    """The names of the fields a template uses (for the catalog test)."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in _formatter().parse(template) if name}
