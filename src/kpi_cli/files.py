"""Small file helpers shared by every writer: atomic replacement, folder fsync, platform folders.

``atomic_write`` is the only way kpi replaces a whole file (a plan, an --output file, a
cache entry, a head file): a temporary file with a unique name created exclusively in the
same folder (never through a link), fsync, rename over the target, fsync of the folder.
The temporary file's name says the computer and the process writing it, so that the copy a
killed process left is removed by a later rewrite of that file (``remove_stale_temps``).
The target's own link and permissions are kept: a symlinked file is written through to the
file it points to, and an existing file keeps its mode.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from kpi_cli.errors import KpiError
from kpi_cli.i18n.msg import Msg

BOM = "\ufeff"


def _no_surrogate(text: str) -> bool:
    """Whether ``text`` holds no lone surrogate at all: a strict encode says so in C, where the character by
    character check below costs about 10 ms on the 440 rows of the shipped plan's export (it runs only when this
    is False)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def fs_text(text: str) -> str:
    """``text`` with the bytes of a file name that were not UTF-8 (Python keeps them as lone
    surrogates: a cp932-named folder on a share) made text: read as cp932 where they are that,
    else shown as \\xNN. Text without such bytes comes back as it is."""
    if text.isascii() or _no_surrogate(text) or not any("\udc80" <= c <= "\udcff" for c in text):
        return text
    import re

    def readable(run: re.Match[str]) -> str:  # a cp932 character's second byte may be ASCII (日 is 93 FA, 本 96 7B)
        found = run.group()
        raw = bytes(ord(c) - 0xDC00 if c >= "\udc80" else ord(c) for c in found)
        with contextlib.suppress(UnicodeDecodeError):
            shown = raw.decode("cp932")
            if shown.isprintable() and not any("\ue000" <= c <= "\uf8ff" for c in shown):  # no private-use
                return shown
        tail = "" if found[-1] >= "\udc80" else found[-1]
        return raw[: len(raw) - len(tail)].decode("ascii", "backslashreplace") + tail

    return re.sub("[\udc80-\udcff]+[@-~]?", readable, text)


# What to do when a file cannot be opened for writing: Windows refuses a file that Excel has open.
OPEN_ELSEWHERE = Msg("if it is open in Excel, close it and try again, else check the file's permissions")


# Device names Windows reserves in every folder, whatever the case and extension (CON, con.txt, Com1.csv):
# a file of that name cannot be made there, or is the device itself.
WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in (*"123456789", "\u00b9", "\u00b2", "\u00b3")}
)


def is_windows_device(name: str) -> bool:
    """Whether a file name is one of the device names Windows reserves (CON, nul.csv, LPT1.txt)."""
    return name.split(".", 1)[0].rstrip(" ").upper() in WINDOWS_DEVICES


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


def atomic_write(path: Path, data: bytes, *, overwrite: bool = True, durable: bool = True, follow: bool = True) -> None:
    """Replace ``path`` with ``data`` all at once (raises OSError; FileExistsError when not ``overwrite``).
    ``follow``: a link at ``path`` is written through to its file; otherwise the link itself is replaced."""
    target = real_target(path) if follow else path
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


def _host() -> str:
    """This computer, as eight hex digits (a temporary file's name says where its process runs)."""
    import zlib

    node = os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")
    return f"{zlib.crc32(node.encode('utf-8', 'replace')):08x}"


def _exclusive_temp(folder: Path, name: str) -> tuple[int, Path]:
    """A new temporary file beside ``name``: created exclusively, never following a link. Its name says
    the computer and the process writing it (``.<name>.<host>-<pid>-<random>.tmp``), so that the
    temporary file of a process that was killed can be told from one still being written."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = folder / f".{name}.{_host()}-{os.getpid()}-{os.urandom(4).hex()}.tmp"
        try:
            return os.open(tmp, flags, 0o644), tmp
        except FileExistsError:  # pragma: no cover - 48 random bits taken
            continue
    raise FileExistsError(f"cannot create a temporary file in {folder}")  # pragma: no cover


def remove_stale_temps(path: Path) -> int:
    """Remove the temporary files ``atomic_write`` left beside ``path`` in processes of this computer that
    no longer run (killed while writing); how many. Another computer's, a live process's and any other
    file are left alone."""
    if sys.platform == "win32":  # pragma: no cover - no safe test of a process there
        return 0
    import re

    host = _host()
    pattern = re.compile(rf"\.{re.escape(path.name)}\.([0-9a-f]{{8}})-([0-9]{{1,10}})-[0-9a-f]{{8}}\.tmp")
    removed = 0
    try:
        names = [p.name for p in path.parent.iterdir()]
    except OSError:
        return 0
    for name in names:
        m = pattern.fullmatch(name)
        if m is None or m.group(1) != host or _running(int(m.group(2))):
            continue
        with contextlib.suppress(OSError):
            (path.parent / name).unlink()
            removed += 1
    return removed


def _running(pid: int) -> bool:
    """Whether a process of this computer runs (or may run: when unsure, yes)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True
    return True


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
    return _xdg("XDG_DATA_HOME", lambda: Path.home() / ".local" / "share") / "kpi"


def cache_dir() -> Path:
    """The per-user cache folder (validated plans, remembered readings); OSError when there is none (no home
    folder known: no HOME and no entry in the user database, as in a container)."""
    try:
        if sys.platform == "win32":
            base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
            return Path(base) / "kpi" / "cache"
        if sys.platform == "darwin":
            return Path.home() / "Library" / "Caches" / "kpi"
        return _xdg("XDG_CACHE_HOME", lambda: Path.home() / ".cache") / "kpi"
    except RuntimeError as exc:  # (Path.home())
        raise OSError(str(exc)) from None


def read_own(path: Path) -> bytes:
    """The bytes of ``path`` when it is a regular file of the user's own, else OSError: a cache entry another user
    made (in a cache folder others can write to) is not taken for kpi's, and a FIFO where one goes is not read."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or (hasattr(os, "geteuid") and st.st_uid != os.geteuid()):
            raise OSError(f"{path} is not a file of the user's own")
        return fh.read()


def _xdg(name: str, default: Callable[[], Path]) -> Path:
    """An XDG base folder: the variable when it holds an absolute path (the specification says a
    relative one is to be ignored), else the default."""
    value = os.environ.get(name, "")
    return Path(value) if value and Path(value).is_absolute() else default()


LOCK_NOTICE = 2.0  # seconds of waiting for a lock before saying so
LOCK_TIMEOUT = 120.0  # seconds of waiting before giving up (a kpi stopped with Ctrl-Z holds it)
LOCK_POLL = 0.05


class LockTimeout(KpiError):
    """Another process held the lock of a file too long."""


@contextlib.contextmanager
def locked(fd: int, file: Path, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """An exclusive lock on the open file, held while the block runs. ``waiting`` is called once
    when the lock is still held by another process after ``LOCK_NOTICE`` seconds; after
    ``LOCK_TIMEOUT`` seconds the call gives up (nothing was written)."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        # Lock one byte far beyond any real data: readers are never blocked.
        os.lseek(fd, 0x7FFFFFFF, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
        try:
            yield
        finally:
            os.lseek(fd, 0x7FFFFFFF, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    started = time.monotonic()
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            waited = time.monotonic() - started
            if waited >= LOCK_TIMEOUT:
                raise LockTimeout(
                    Msg(
                        "{file} has been locked by another process for {seconds} seconds (a kpi stopped with "
                        "Ctrl-Z, or still writing); nothing was written; end that process (fg, then let it "
                        "finish or press Ctrl-C) and try again",
                        file=file,
                        seconds=int(LOCK_TIMEOUT),
                    )
                ) from None
            if waited >= LOCK_NOTICE and not told and waiting is not None:
                waiting()
                told = True
            time.sleep(LOCK_POLL)
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)


def reason(exc: OSError) -> Msg | str:
    """Why the operating system refused, in the user's language for the common reasons (the
    system's own words otherwise)."""
    import errno

    known = {
        errno.ENOENT: Msg("No such file or directory"),
        errno.EACCES: Msg("Permission denied"),
        errno.EPERM: Msg("Operation not permitted"),
        errno.ENOSPC: Msg("No space left on device"),
        errno.EROFS: Msg("Read-only file system"),
        errno.EISDIR: Msg("Is a directory"),
        errno.ENOTDIR: Msg("Not a directory"),
        errno.ELOOP: Msg("Too many levels of symbolic links"),
        errno.ENAMETOOLONG: Msg("File name too long"),
        errno.EEXIST: Msg("File exists"),
        errno.EBUSY: Msg("Device or resource busy"),
        errno.EIO: Msg("Input/output error"),
        errno.EDQUOT: Msg("Disk quota exceeded"),
    }
    found = known.get(exc.errno) if exc.errno is not None else None
    return found if found is not None else (exc.strerror or str(exc))
