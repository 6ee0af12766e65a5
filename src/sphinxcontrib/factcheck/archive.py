"""The archive of source texts and its manifest of SHA-256 hashes.

The manifest (``factcheck_manifest``, for example ``sources/SHA256SUMS``) lists
every archived text with its SHA-256, in the format of ``sha256sum``. Every
build verifies it: a text that is missing, not UTF-8, or altered is a problem
naming the file and the manifest's line, and a text in the manifest's folder
that the manifest does not list is a problem naming it. The fact check reads
only verified texts.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

_MANIFEST_LINE = re.compile(r"(?P<digest>[0-9a-f]{64}) [ *](?P<name>\S.*)")


class Problem(NamedTuple):
    """Something wrong with the archive: where (``file:line``) and what."""

    location: str
    message: str


def path_resolver() -> Callable[[Path], Path]:
    """``Path.resolve``, resolving each folder once: an archive of a thousand texts in
    one folder costs one folder's resolution, not a thousand. A file that is itself
    a symbolic link is still followed.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> (folder / "a.txt").symlink_to(folder / "b.txt")
    >>> resolve = path_resolver()
    >>> [resolve(folder / "x" / ".." / name) == (folder / name).resolve() for name in ("a.txt", "b.txt")]
    [True, True]
    >>> resolve(folder / "a.txt").name
    'b.txt'
    """
    folders: dict[Path, Path] = {}

    def resolve(path: Path) -> Path:
        if path.name in {"", ".", ".."}:
            return path.resolve()
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = path.parent.resolve()
        resolved = folder / path.name
        return resolved.resolve() if resolved.is_symlink() else resolved

    return resolve


class ManifestEntry(NamedTuple):
    path: Path
    digest: str
    line: int


def read_manifest(
    manifest: Path, resolve: Callable[[Path], Path] | None = None
) -> tuple[dict[Path, ManifestEntry], list[Problem]]:
    """Read a ``sha256sum`` manifest; paths in it are relative to its folder.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "SHA256SUMS").write_text("not a hash line\\n")
    >>> read_manifest(folder / "SHA256SUMS")[1][0].message
    'malformed manifest line (expected "<sha256>  <file name>")'
    """
    resolve = resolve or path_resolver()
    entries: dict[Path, ManifestEntry] = {}
    problems: list[Problem] = []
    try:
        lines = manifest.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        return {}, [Problem(str(manifest), f"cannot read the source manifest: {error}")]
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        match = _MANIFEST_LINE.fullmatch(line.strip())
        if not match:
            problems.append(
                Problem(
                    f"{manifest}:{number}",
                    'malformed manifest line (expected "<sha256>  <file name>")',
                )
            )
            continue
        path = resolve(manifest.parent / match["name"])
        entries[path] = ManifestEntry(path, match["digest"], number)
    return entries, problems


class ArchivedText(NamedTuple):
    """A verified text: its content and the SHA-256 that proves it."""

    text: str
    digest: str


def verify_archive(manifest: Path) -> tuple[dict[Path, ArchivedText], list[Problem]]:
    """Check every text in the manifest; return the verified texts and the problems."""
    resolve = path_resolver()
    entries, problems = read_manifest(manifest, resolve)
    texts: dict[Path, ArchivedText] = {}
    for entry in entries.values():
        where = f"{manifest}:{entry.line}"
        try:
            data = entry.path.read_bytes()
        except OSError:
            problems.append(Problem(where, f"archived source {entry.path.name} is missing"))
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest != entry.digest:
            problems.append(
                Problem(
                    where,
                    f"archived source {entry.path.name} has been altered "
                    f"(SHA-256 {digest[:12]}…, manifest says {entry.digest[:12]}…)",
                )
            )
            continue
        try:
            texts[entry.path] = ArchivedText(data.decode("utf-8"), digest)
        except UnicodeDecodeError as error:
            problems.append(
                Problem(
                    where, f"archived source {entry.path.name} is not UTF-8 (byte {error.start})"
                )
            )
    listed = set(entries)
    for path in sorted(manifest.parent.glob("*.txt")):
        if resolve(path) not in listed:
            problems.append(
                Problem(
                    str(path),
                    f"{path.name} is in {manifest.parent.name}/ but not listed in {manifest.name}",
                )
            )
    return texts, problems
