"""``@record``: a frozen data class without code generation.

``dataclasses.dataclass`` compiles several methods per class when the module is
imported (about 1 ms per frozen class here); kpi has some thirty model classes
and is started many times in shell loops, so that alone would cost ~30 ms per
call. ``record`` gives the same frozen, keyword-or-positional, comparable
classes with plain closures instead, and mypy checks them as dataclasses
(PEP 681).
"""

from __future__ import annotations

from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")
_MISSING = object()


@dataclass_transform(frozen_default=True)
def record(cls: type[T]) -> type[T]:
    names = tuple(cls.__dict__.get("__annotations__", {}))  # noqa: RUF063 - own annotations only, no import
    defaults = {n: cls.__dict__[n] for n in names if n in cls.__dict__}
    required = [n for n in names if n not in defaults]
    count = len(names)

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > count:
            raise TypeError(f"{cls.__name__}() takes {count} arguments, {len(args)} given")
        setter = object.__setattr__
        for name, value in zip(names, args, strict=False):
            setter(self, name, value)
        for name, value in kwargs.items():
            if name not in names:
                raise TypeError(f"{cls.__name__}() got an unexpected argument '{name}'")
            setter(self, name, value)
        for name in names[len(args) :]:
            if name not in kwargs:
                value = defaults.get(name, _MISSING)
                if value is _MISSING:
                    raise TypeError(f"{cls.__name__}() missing argument '{name}'")
                setter(self, name, value)

    def __setattr__(self: Any, name: str, value: Any) -> None:
        raise AttributeError(f"{cls.__name__} is frozen: cannot set '{name}'")

    def __delattr__(self: Any, name: str) -> None:
        raise AttributeError(f"{cls.__name__} is frozen: cannot delete '{name}'")

    def _values(self: Any) -> tuple[Any, ...]:
        return tuple(getattr(self, n) for n in names)

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return bool(_values(self) == _values(other))

    def __hash__(self: Any) -> int:
        return hash(_values(self))

    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in names)
        return f"{cls.__name__}({inner})"

    for name in defaults:
        delattr(cls, name)  # instance values live in __dict__; defaults come from the closure
    cls.__init__ = __init__  # type: ignore[method-assign]
    cls.__setattr__ = __setattr__  # type: ignore[method-assign]
    cls.__delattr__ = __delattr__  # type: ignore[method-assign]
    cls.__eq__ = __eq__  # type: ignore[method-assign]
    cls.__hash__ = __hash__  # type: ignore[method-assign]
    cls.__repr__ = __repr__  # type: ignore[method-assign]
    cls.__match_args__ = names  # type: ignore[attr-defined,misc]
    if required and required != list(names[: len(required)]):
        raise TypeError(f"{cls.__name__}: fields without defaults must come first")
    return cls


def replace(obj: T, **changes: Any) -> T:
    """A copy of a record with some fields changed (like dataclasses.replace)."""
    values = {n: getattr(obj, n) for n in type(obj).__match_args__}  # type: ignore[attr-defined]
    values.update(changes)
    return type(obj)(**values)
