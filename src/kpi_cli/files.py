"""Small file helpers shared by every writer: atomic replacement, folder fsync, platform folders.

``atomic_write`` is the only way kpi replaces a whole file (a plan, an --output file, a
cache entry, a head file): a temporary file with a unique name created exclusively in the
same folder (never through a link), fsync, rename over the target, fsync of the folder.
The target's own link and permissions are kept: a symlinked file is written through to the
file it points to, and an existing file keeps its mode.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

BOM = "\ufeff"


# What to do when a file cannot be opened for writing: Windows refuses a file that Excel has open.
OPEN_ELSEWHERE = "if it is open in Excel, close it and try again, else check the file's permissions"


def strip_bom(data: bytes) -> bytes:
    return data[3:] if data.startswith(b"\xef\xbb\xbf") else data


def fsync_dir(folder: Path) -> None:
    """Make a new name in ``folder`` durable (no-op where folders cannot be opened, as on Windows)."""
    if sys.platform == "win32":  # pragma: no cover
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def real_target(path: Path) -> Path:
    """The file a write to ``path`` should replace: the end of its chain of links."""
    try:
        return Path(os.path.realpath(path)) if path.is_symlink() else path
    except OSError:  # pragma: no cover - a loop of links
        return path


def atomic_write(path: Path, data: bytes, *, overwrite: bool = True, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` all at once (raises OSError; FileExistsError when not ``overwrite``)."""
    target = real_target(path)
    folder = target.parent
    mode = None
    with contextlib.suppress(OSError):
        mode = stat.S_IMODE(target.stat().st_mode)
    fd, tmp = _exclusive_temp(folder, target.name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        if mode is not None:
            tmp.chmod(mode)
        if overwrite:
            tmp.replace(target)
        else:
            os.link(tmp, target)  # fails if the file appeared meanwhile
        if durable:
            fsync_dir(folder)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _exclusive_temp(folder: Path, name: str) -> tuple[int, Path]:
    """A new temporary file beside ``name``: created exclusively, never following a link."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = folder / f".{name}.{os.urandom(6).hex()}.tmp"
        try:
            return os.open(tmp, flags, 0o644), tmp
        except FileExistsError:  # pragma: no cover - 48 random bits taken
            continue
    raise FileExistsError(f"cannot create a temporary file in {folder}")  # pragma: no cover


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name the same existing file."""
    try:
        return a.samefile(b)
    except OSError:
        return False


def user_data_dir() -> Path:
    """The per-user data folder (used when the packaged plan is in use)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "kpi"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "kpi"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "kpi"


def cache_dir() -> Path:
    """The per-user cache folder (the validated-plan cache)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "kpi" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "kpi"
    return Path(os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")) / "kpi"


def path_key(path: Path) -> str:
    """A file name part that stands for one absolute path (for per-file cache entries)."""
    return str(path.resolve()).encode("utf-8").hex()[-96:]
