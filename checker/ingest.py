"""Reading articles from files: .txt, .html, .csv, .jsonl, .zip and folders of them.

Every file either yields articles or an `InputError` naming the file and the
reason; one bad file never stops the rest of a batch. Nothing is ever written to
disk here: zip members are read in memory, so a member called `../../evil.txt`
cannot land outside anything; they are read as streams with a hard cap, so a member whose header
understates its size (a zip bomb) is refused without being unpacked.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile
import zlib
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator

from .decode import decode_bytes
from .errors import InputError

SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".csv", ".jsonl", ".json", ".zip")
#: A single article larger than this is refused (a scraped article is a few KB).
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
#: A collection file (csv, jsonl, zip) larger than this is refused.
MAX_COLLECTION_BYTES = 200 * 1024 * 1024
#: What the members of one zip may unpack to in all (counted as they are read, not as declared).
MAX_ZIP_BYTES = 200 * 1024 * 1024
MIN_CHARS = 10
_DELIMITERS = (",", ";", "\t", "|")
csv.field_size_limit(MAX_ARTICLE_BYTES * 4)  # an article is one field; the default (131,072) cut the rest of the file
TEXT_COLUMNS = ("text", "content", "body", "article", "正文", "内容", "全文")
TITLE_COLUMNS = ("title", "标题", "headline")
NAME_COLUMNS = ("name", "id", "url", "link", "source_url", "链接")


@dataclass(frozen=True)
class Item:
    """One article read from a file. name (str): file (and row) it came from."""

    name: str
    text: str
    encoding: str
    note: str = ""


class _TextOfHTML(HTMLParser):
    """Visible text of an HTML page; scripts, styles and templates dropped."""

    # not "head": HTML5 may leave </head> out, and nothing in a head but its title is text
    SKIP = {"script", "style", "noscript", "template", "iframe", "svg", "object"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "title",
             "header", "footer", "blockquote", "pre", "table", "ul", "ol"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
        elif tag in self.SKIP:
            self._skip += 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag in self.SKIP and self._skip:
            self._skip -= 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The readable text of an HTML document, one block per line, title first."""
    parser = _TextOfHTML()
    parser.feed(html)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    body = "\n".join(line for line in lines if line)
    title = " ".join("".join(parser.title).split())
    if title and not body.startswith(title):
        body = f"{title}\n{body}"
    return body


def _check_text(name: str, text: str) -> str:
    text = text.replace("\x00", "")
    if len(text.strip()) < MIN_CHARS:
        raise InputError(name, "the file is empty or has no article text" if not text.strip()
                         else f"too short to be an article ({len(text.strip())} characters)")
    return text


def _pick(row: dict, names: tuple[str, ...], where: str = "", text_only: bool = True) -> str | None:
    """The first of `names` (any case) that the row fills. A text field must be a string or a list
    of strings (joined by lines); a number is accepted only when not `text_only` (an id).
    RAISES InputError (at `where`) for any other type: its Python form is not the article."""
    lower = {str(k).strip().lower(): k for k in row if k is not None}
    for n in names:
        if n in lower and row[lower[n]] not in (None, "", []):
            value = row[lower[n]]
            if isinstance(value, str):
                return value
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                return "\n".join(value)
            if not text_only and isinstance(value, (int, float)) and not isinstance(value, bool):
                return str(value)
            kind = {bool: "true/false", int: "a number", float: "a number", dict: "an object",
                    list: "a list with non-text items"}.get(type(value), type(value).__name__)
            raise InputError(where, f"field {lower[n]!r} is {kind}, not text; this record was skipped")
    return None


def _from_records(name: str, records: Iterable[tuple[int, dict | None, str | None]], encoding: str,
                  note: str = "") -> Iterator[Item | InputError]:
    for line, row, problem in records:
        where = f"{name}:{line}"
        if problem:
            yield InputError(where, problem)
            continue
        try:
            text = _pick(row, TEXT_COLUMNS, where)
            if text is None:
                yield InputError(where, f"no text column (expected one of: {', '.join(TEXT_COLUMNS)})")
                continue
            title = _pick(row, TITLE_COLUMNS, where)
            if title and not text.lstrip().startswith(title.strip()):
                text = f"{title.strip()}\n{text}"
            label = _pick(row, NAME_COLUMNS, where, text_only=False) or str(line)
            yield Item(f"{name}#{label}", _check_text(where, text), encoding, note)
        except InputError as e:
            yield e


def from_text(name: str, text: str) -> Item | InputError:
    """A pasted article, checked like a file's: line endings made `\n`, NULs dropped, not empty."""
    try:
        return Item(name, _check_text(name, text.replace("\r\n", "\n").replace("\r", "\n")), "utf_8")
    except InputError as e:
        return e


def read_bytes(name: str, data: bytes, invalid_bytes: str = "refuse") -> Iterator[Item | InputError]:
    """Articles in one file's bytes, by its suffix. Yields Items and InputErrors, at least one:
    a file that holds no article (a CSV with a header only, `[]`, an empty zip) says so.
    invalid_bytes (str): UTF-8 with a few invalid bytes is refused ("refuse") or read with
    U+FFFD for them ("replace"; the item's note says so)."""
    found = False
    for item in _guarded(name, _read_bytes(name, data, invalid_bytes)):
        found = True
        yield item
    if not found:
        yield InputError(name, "no articles found in this file")


def _guarded(name: str, items: Iterator[Item | InputError]) -> Iterator[Item | InputError]:
    """items, and when reading them raises anything at all (a RecursionError from deeply nested
    JSON, a parser's bug), one InputError naming the file instead: the batch goes on."""
    try:
        yield from items
    except RecursionError:
        yield InputError(name, "could not be read: nested too deeply (RecursionError); the file was skipped")
    except Exception as exc:  # noqa: BLE001 - any reader failure is this file's, never the batch's
        yield InputError(name, f"could not be read ({exc.__class__.__name__}: {exc}); the file was skipped")


def _read_bytes(name: str, data: bytes, invalid_bytes: str) -> Iterator[Item | InputError]:
    suffix = PurePosixPath(name.lower()).suffix
    if (too_big := _size_problem(name, len(data))) is not None:
        yield too_big
        return
    if suffix == ".zip":
        yield from _read_zip(name, data, invalid_bytes)
        return
    try:
        decoded = decode_bytes(data, name, invalid_bytes)
    except InputError as e:
        yield e
        return
    text, encoding, note = decoded.text, decoded.encoding, decoded.note
    try:
        if suffix in (".html", ".htm") or (suffix not in (".csv", ".jsonl", ".json") and
                                           text.lstrip()[:200].lower().startswith(("<!doctype html", "<html"))):
            yield Item(name, _check_text(name, html_to_text(text)), encoding, note)
        elif suffix == ".csv":
            text = text.lstrip("\ufeff")
            reader = csv.DictReader(io.StringIO(text), delimiter=_delimiter(text))
            yield from _from_records(name, ((i + 2, row, None) for i, row in enumerate(reader)), encoding, note)
        elif suffix in (".jsonl", ".json"):
            yield from _from_records(name, _json_records(text), encoding, note)
        else:
            yield Item(name, _check_text(name, text.lstrip("\ufeff")), encoding, note)
    except (csv.Error, InputError) as e:
        yield e if isinstance(e, InputError) else InputError(name, f"not a readable CSV file ({e})")


def _delimiter(text: str) -> str:
    """The CSV delimiter: the one (of , ; tab |) that makes the header name a text column, else
    what csv.Sniffer finds in the first 64 KB, else a comma."""
    header = text[:text.find("\n")] if "\n" in text else text
    for delimiter in _DELIMITERS:
        cells = next(csv.reader([header], delimiter=delimiter), [])
        if any(c.strip().lower() in TEXT_COLUMNS for c in cells):
            return delimiter
    try:
        return csv.Sniffer().sniff(text[:65536], delimiters="".join(_DELIMITERS)).delimiter
    except csv.Error:
        return ","


def _json_records(text: str) -> Iterator[tuple[int, dict | None, str | None]]:
    """Records of a .json/.jsonl text: one JSON object or array (pretty-printed or not), else one
    object per line; lines end at '\n' only (U+2028 and U+0085 are valid inside JSON strings)."""
    stripped = text.strip()
    try:
        whole = json.loads(stripped)
    except json.JSONDecodeError as e:
        if stripped.startswith("[") or "\n" not in stripped:
            yield 1, None, f"not valid JSON ({e.msg} at line {e.lineno})"
            return
        whole = None
    if isinstance(whole, dict):
        yield 1, whole, None
        return
    if isinstance(whole, list):
        for i, row in enumerate(whole, start=1):
            yield (i, row, None) if isinstance(row, dict) else (i, None, "not a JSON object")
        return
    for i, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            yield i, None, f"broken JSON line ({e.msg}); the other lines were read"
            continue
        yield (i, row, None) if isinstance(row, dict) else (i, None, "not a JSON object")


def _read_zip(name: str, data: bytes, invalid_bytes: str) -> Iterator[Item | InputError]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        yield InputError(name, "not a readable zip archive")
        return
    total = 0
    for info in archive.infolist():
        member = info.filename
        if info.is_dir():
            continue
        parts = PurePosixPath(member.replace("\\", "/")).parts
        if member.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
            yield InputError(f"{name}/{member}", "unsafe path in the archive; member skipped")
            continue
        if PurePosixPath(member).suffix.lower() not in SUFFIXES or PurePosixPath(member).suffix.lower() == ".zip":
            yield InputError(f"{name}/{member}", "not an article file type; skipped")
            continue
        if (too_big := _size_problem(f"{name}/{member}", info.file_size)) is not None:
            yield too_big
            continue
        if total + info.file_size > MAX_ZIP_BYTES:
            yield InputError(f"{name}/{member}", "the archive unpacks to more than the size limit; the rest was skipped")
            return
        try:
            data = _read_member(archive, info, min(_limit(member), MAX_ZIP_BYTES - total))
        except (RuntimeError, zipfile.BadZipFile, NotImplementedError, zlib.error, OSError, EOFError) as exc:
            if isinstance(exc, zipfile.BadZipFile) and "CRC" in str(exc):
                yield InputError(f"{name}/{member}", f"damaged archive member or zip bomb: its content does not match "
                                                     f"its header ({info.file_size:,} bytes declared); not unpacked")
            else:
                yield InputError(f"{name}/{member}", f"encrypted or damaged archive member ({exc.__class__.__name__}: {exc})")
            continue
        if data is None:
            yield InputError(f"{name}/{member}", "unpacks to more than its header says and than the size limit "
                                                 "(a damaged archive or a zip bomb); it was not read further")
            continue
        total += len(data)
        yield from read_bytes(f"{name}/{member}", data, invalid_bytes)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes | None:
    """A zip member's bytes, read as a stream of 1 MB pieces: never more than `limit` bytes in
    memory, whatever the header declares. RETURNS None when the member is larger than `limit`."""
    out = bytearray()
    with archive.open(info) as stream:
        while chunk := stream.read(1 << 20):
            out += chunk
            if len(out) > limit:
                return None
    return bytes(out)


@dataclass(frozen=True)
class FileRef:
    """A file of one article, to be read (and decoded) where it is processed: `read_ref`."""

    path: str
    invalid_bytes: str = "refuse"


#: Suffixes of files that hold one article (the others may hold many: read where they are listed).
SINGLE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")


def read_paths(paths: Iterable[str | Path], invalid_bytes: str = "refuse") -> Iterator[Item | InputError]:
    """Articles in files and folders (recursively, by suffix), in name order (`read_bytes` for invalid_bytes)."""
    return read_later(paths, invalid_bytes, defer=False)  # type: ignore[return-value]  (no FileRef)


def read_later(paths: Iterable[str | Path], invalid_bytes: str = "refuse",
               defer: bool = True) -> Iterator[Item | InputError | FileRef]:
    """As `read_paths`, but a file of one article (SINGLE_SUFFIXES) comes as a `FileRef`, so that
    another process can read and decode it (`read_ref`): the ingest's workers do, not its writer."""
    for p in paths:
        path = Path(p)
        files = folder_files(path) if path.is_dir() else [path] if path.is_file() else None
        if files is None:
            yield InputError(str(path), "no such file or folder")
            continue
        if not files:
            yield InputError(str(path), "no article files in this folder")
        for f in files:
            if defer and f.suffix.lower() in SINGLE_SUFFIXES:
                yield FileRef(str(f), invalid_bytes)
            else:
                yield from _guarded(str(f), _read_one(f, invalid_bytes))


def read_ref(ref: FileRef) -> Iterator[Item | InputError]:
    """The article (or why not) of a file listed by `read_later`."""
    return _guarded(ref.path, _read_one(Path(ref.path), ref.invalid_bytes))


def folder_files(path: Path) -> list[Path]:
    """The article files in a folder and its subfolders, by suffix, in name order."""
    return sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                  and not f.name.startswith(".") and f.name.lower() != "readme.md")


def count_files(paths: Iterable[str | Path]) -> int:
    """How many files `read_paths` will read (a .csv, .jsonl or .zip counts once)."""
    return sum(len(folder_files(Path(p))) if Path(p).is_dir() else 1 for p in paths)


def _limit(name: str) -> int:
    collection = PurePosixPath(name.lower()).suffix in (".csv", ".jsonl", ".json", ".zip")
    return MAX_COLLECTION_BYTES if collection else MAX_ARTICLE_BYTES


def _size_problem(name: str, size: int) -> InputError | None:
    limit = _limit(name)
    if size <= limit:
        return None
    return InputError(name, f"too large ({size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB for this kind "
                            "of file): split it into smaller files")


def _read_one(path: Path, invalid_bytes: str) -> Iterator[Item | InputError]:
    too_big = _size_problem(str(path), path.stat().st_size)
    if too_big:
        yield too_big  # refused without reading it into memory
    else:
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield InputError(str(path), f"could not be read ({exc.strerror or exc})")
            return
        yield from read_bytes(str(path), data, invalid_bytes)
