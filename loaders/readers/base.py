"""What every reader shares: the result types and the guarded file load.

A reader never raises for bad input: whole-file problems become one
:class:`ReadError`, per-record problems (a JSONL line, a feed entry) one each,
and the caller carries on with the next file.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from graph.errors import InvalidInput
from graph.model import Document

#: Files larger than this are refused unread (20 MiB); callers may pass another limit.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadError:
    """Why a file (or one line of it) could not become a document."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ReadResult:
    """One outcome of reading: exactly one of ``document`` and ``error`` is set."""

    path: str
    document: Document | None = None
    error: ReadError | None = None
    #: The line a document came from, in formats of one document per line (JSONL).
    line: int | None = None

    def __post_init__(self) -> None:
        if (self.document is None) == (self.error is None):
            raise ValueError("a ReadResult carries exactly one of document and error")

    @property
    def ok(self) -> bool:
        return self.document is not None

    @classmethod
    def of(cls, path: str, document: Document, line: int | None = None) -> ReadResult:
        return cls(path, document=document, line=line)

    @classmethod
    def failed(cls, path: str, reason: str, line: int | None = None) -> ReadResult:
        return cls(path, error=ReadError(path, line, reason), line=line)

    @property
    def where(self) -> str:
        """``path:line`` (or the path), to name the source in a message."""
        return f"{self.path}:{self.line}" if self.line is not None else self.path


class Unreadable(InvalidInput):
    """Input that cannot become a document; readers turn it into a ReadError.

    The pure builders (``text_document``, ``html_document``…) raise it for
    callers that have a string rather than a file, e.g. text from stdin;
    catching ``graph.errors.InvalidInput`` is enough there.
    """

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.line = line


_KINDS = (
    (stat.S_ISDIR, "folder"),
    (stat.S_ISFIFO, "FIFO (named pipe)"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISLNK, "symbolic link"),
)


def file_kind(mode: int) -> str:
    """What a non-regular file is, for an error message (``stat`` mode in)."""
    return next((name for test, name in _KINDS if test(mode)), "special file")


def regular_file_size(path: Path) -> int:
    """The size of ``path`` after checking it is a regular file (symbolic links followed).

    Raises :class:`Unreadable` naming the problem: no such file, a broken link,
    or what the file is instead (FIFOs and devices could block or never end).
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        reason = "broken symbolic link" if path.is_symlink() else "no such file"
        raise Unreadable(reason) from None
    except OSError as exc:
        raise Unreadable(f"cannot stat file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise Unreadable(f"not a regular file: {file_kind(info.st_mode)}")
    return info.st_size


def load_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes after the checks every format needs.

    The size is checked with ``stat`` first so an oversized file is refused
    without being read; the read itself is capped too, in case the file grows
    in between. Raises :class:`Unreadable` for a missing, non-regular, too
    large, empty or binary file.
    """
    size = regular_file_size(path)
    if size > max_bytes:
        raise Unreadable(f"file too large: {size} bytes (limit {max_bytes})")
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise Unreadable(f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise Unreadable(f"file too large: more than {max_bytes} bytes (limit {max_bytes})")
    if not data.removeprefix(b"\xef\xbb\xbf").strip():
        raise Unreadable("empty file")
    nul = data.find(b"\x00")
    if nul >= 0:
        # Text in any encoding we accept never contains NUL; UTF-16/32 is refused here too.
        raise Unreadable(f"binary file (NUL byte at offset {nul})")
    return data


def decode_utf8(data: bytes) -> str:
    """Decode UTF-8 (a leading BOM is dropped) or raise :class:`Unreadable`.

    Plain text and JSONL carry no charset declaration, so guessing would risk
    silently wrong text; the caller is told to re-encode instead.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-encode the file as UTF-8"
        ) from None


def display(path: Path | str) -> str:
    """The path as it appears in results and errors."""
    return os.fspath(path)
