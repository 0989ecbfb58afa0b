"""Writing the site folder: checked first, built in a temporary folder beside it, then renamed
into place, so that a failed or interrupted build leaves the folder as it was and no half site.

The folder may be new, empty, or a site kpi made before (it holds the marker file); anything
else only with ``force``. Never a link, never a folder that holds the plan or the ledger in
use or the current folder. Nothing is written through a link: files are created new
(``O_EXCL``, ``O_NOFOLLOW``) inside the new folder, and an old site is moved aside and removed
without following the links it may hold.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path

from kpi_cli.errors import InputError
from kpi_cli.files import fsync_dir, reason
from kpi_cli.i18n.msg import Msg
from kpi_cli.render.site.layout import MARKER

TEMP_TAG = ".kpi-site-"


def check_target(folder: Path, *, force: bool, protected: Sequence[Path]) -> None:
    """Refuse (one line, nothing written) an --output the site must not replace."""
    try:
        info = folder.lstat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise InputError(Msg("cannot write {output}: {why}", output=folder, why=reason(exc))) from None
    if info is None:
        if not folder.parent.is_dir():
            raise InputError(
                Msg("folder {folder} does not exist; create it or choose another --output", folder=folder.parent)
            )
        return
    if stat.S_ISLNK(info.st_mode):
        raise InputError(
            Msg("--output {output} is a link; give the folder itself (kpi does not write through links)", output=folder)
        )
    if not stat.S_ISDIR(info.st_mode):
        raise InputError(Msg("--output {output} is not a folder; give a folder for the site", output=folder))
    where = folder.resolve()
    for kept in (*protected, Path.cwd()):
        with contextlib.suppress(OSError):
            if kept.resolve() == where or where in kept.resolve().parents:
                raise InputError(
                    Msg(
                        "--output {output} holds the plan, the ledger or the current folder; "
                        "write the site to a folder of its own",
                        output=folder,
                    )
                )
    if not force and not is_site(folder) and any(folder.iterdir()):
        raise InputError(
            Msg(
                "--output {output} is a folder with other files, not a site kpi made; choose a new or empty "
                "folder, or add --force to replace it and everything in it",
                output=folder,
            )
        )


def is_site(folder: Path) -> bool:
    """Whether a folder is a site kpi made: it holds the marker file (a file, not a link)."""
    try:
        info = (folder / MARKER).lstat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode):
        return False
    try:
        return (folder / MARKER).read_bytes().startswith(b"kpi site")
    except OSError:
        return False


def publish(folder: Path, files: Mapping[str, bytes]) -> None:
    """Write ``files`` (site path → bytes) as the folder: built beside it, then renamed into place."""
    folder = folder.absolute()
    parent = folder.parent
    try:
        new = _temp_folder(parent, folder.name, "new")
    except OSError as exc:
        raise InputError(
            Msg("cannot write {output}: {why}; choose a writable --output folder", output=folder, why=reason(exc))
        ) from None
    old: Path | None = None
    try:
        _write_all(new, files)
        if folder.exists():
            old = _temp_name(parent, folder.name, "old")
            folder.rename(old)
        try:
            new.rename(folder)
        except BaseException:
            if old is not None:
                old.rename(folder)  # the site that was there stays
                old = None
            raise
        with contextlib.suppress(OSError):
            fsync_dir(parent)
    except OSError as exc:
        raise InputError(
            Msg(
                "cannot write the site to {output}: {why}; the folder was left as it was",
                output=folder,
                why=reason(exc),
            )
        ) from None
    finally:
        if new.exists():
            shutil.rmtree(new, ignore_errors=True)
        if old is not None and folder.exists():
            shutil.rmtree(old, ignore_errors=True)


def _write_all(root: Path, files: Mapping[str, bytes]) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    made = {root}
    for name, data in files.items():
        path = root.joinpath(*name.split("/"))
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        fd = os.open(path, flags, 0o644)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    for folder in sorted(made, key=lambda p: len(p.parts), reverse=True):
        folder.chmod(0o755)


def _temp_name(parent: Path, name: str, what: str) -> Path:
    return parent / f".{name}{TEMP_TAG}{what}-{os.urandom(6).hex()}"


def _temp_folder(parent: Path, name: str, what: str) -> Path:
    for _ in range(100):
        path = _temp_name(parent, name, what)
        try:
            path.mkdir(mode=0o755)
            return path
        except FileExistsError:  # pragma: no cover - 48 random bits taken
            continue
    raise FileExistsError(f"cannot create a temporary folder in {parent}")  # pragma: no cover
