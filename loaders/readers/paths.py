"""Which files a list of paths, folders and globs names, and what is wrong with the rest.

A folder is walked recursively for files with a known ending; hidden files
and folders (a name starting with ".") and ``README.*`` files are skipped,
counting only the names *below* the folder given, so a clone under
``~/.cache`` loads like any other. Symbolic links are followed only when
they stay inside the folder (or, for a glob, inside the folder its pattern
starts from); a link that leaves it is skipped with a warning naming it, so
``walk/leak.txt -> /etc/shadow`` is never read. Something that is not a
regular file (a FIFO, a socket, a device) is an error saying what it is, and
a name that yields no file at all is an error naming it.

>>> expansion = expand(["no/such/folder"])
>>> expansion.files, [str(e) for e in expansion.errors]
([], ['no/such/folder: no such file or folder'])
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from loaders.readers.base import ReadError, file_kind

_GLOB_CHARS = frozenset("*?[")


@dataclass
class Expansion:
    """The files named, in a deterministic order, each once; errors and warnings by name."""

    files: list[Path] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def expand_one(spec: Path | str, suffixes: frozenset[str]) -> Expansion:
    """The files one path, folder or glob names (see the module docstring)."""
    text = os.fspath(spec)
    path = Path(text)
    out = Expansion()
    if path.is_dir():
        _walk(path, path, suffixes, out)
        if not out.files:
            listed = ", ".join(sorted(suffixes))
            out.errors.append(ReadError(text, None, f"no file to load in this folder ({listed})"))
    elif os.path.lexists(path):
        _named(path, out)
    elif _GLOB_CHARS & set(text):
        _glob(text, suffixes, out)
    else:
        out.errors.append(ReadError(text, None, "no such file or folder"))
    return out


def expand(specs: Iterable[Path | str], suffixes: frozenset[str] | None = None) -> Expansion:
    """:func:`expand_one` over several names; a file named twice appears once."""
    if suffixes is None:
        from loaders.readers import WALKED_SUFFIXES

        suffixes = WALKED_SUFFIXES
    total = Expansion()
    for spec in specs:
        one = expand_one(spec, suffixes)
        total.files.extend(one.files)
        total.errors.extend(one.errors)
        total.warnings.extend(one.warnings)
    total.files = list(dict.fromkeys(total.files))
    return total


def _named(path: Path, out: Expansion) -> None:
    """A name given directly: the user chose it, so a link is followed wherever it goes."""
    try:
        mode = path.stat().st_mode
    except OSError:
        out.errors.append(ReadError(os.fspath(path), None, "broken symbolic link"))
        return
    if stat.S_ISREG(mode):
        out.files.append(path)
    else:
        out.errors.append(
            ReadError(os.fspath(path), None, f"not a regular file: {file_kind(mode)}")
        )


def _glob(pattern: str, suffixes: frozenset[str], out: Expansion) -> None:
    base = _glob_base(pattern)
    before = len(out.files)
    for match in sorted(glob.glob(pattern, recursive=True)):
        found = Path(match)
        if not _inside(found, base):
            out.warnings.append(_leaves(found, base))
        elif found.is_dir():
            _walk(found, base, suffixes, out)
        else:
            _named(found, out)
    if len(out.files) == before and not out.errors:
        out.errors.append(ReadError(pattern, None, "the pattern matches no file"))


def _glob_base(pattern: str) -> Path:
    """The folder a glob starts from: its leading parts without wildcards."""
    parts: list[str] = []
    for part in Path(pattern).parts:
        if _GLOB_CHARS & set(part):
            break
        parts.append(part)
    return Path(*parts) if parts else Path(".")


def _walk(folder: Path, root: Path, suffixes: frozenset[str], out: Expansion) -> None:
    """Files under ``folder`` with a known ending; links must resolve inside ``root``."""
    found: list[Path] = []
    # os.walk does not descend into linked folders; those leaving ``root`` are named.
    for here, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in dirs:
            sub = Path(here, name)
            if sub.is_symlink() and not _inside(sub, root):
                out.warnings.append(_leaves(sub, root))
        for name in files:
            if name.startswith(".") or name.lower().startswith("readme."):
                # A folder's README describes the folder; it is not one of its articles.
                continue
            if Path(name).suffix.lower() not in suffixes:
                continue
            path = Path(here, name)
            if path.is_symlink() and not _inside(path, root):
                out.warnings.append(_leaves(path, root))
            else:
                found.append(path)
    out.files.extend(sorted(found))


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


def _leaves(path: Path, root: Path) -> str:
    target = os.readlink(path) if path.is_symlink() else path.resolve()
    return f"{path}: skipped: a symbolic link to {target}, outside {root}"
