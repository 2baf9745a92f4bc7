"""The content id: a short name for *what the plan says*.

A body approves what it was given, not a commit. The content id is a hash of
every file that decides what the plan says: the chapters (``docs/``), the data
(``data/``, except the approvals register, which says who approved and is
not itself part of what was approved), ``mkdocs.yml`` (navigation and
titles), the PDF templates (``pdf/``) and the site's templates
(``overrides/``). Code in ``macros/`` and the tests are not part of it.

Definition (the same for a folder on disk and for a git revision): for each
file, in sorted order of its path relative to the repository, the line
``<path> <git blob id>``, where the blob id is git's SHA-1 of the file's
bytes (``sha1("blob <size>\\0" + bytes)``); the content id is the first
:data:`LENGTH` hex digits of the SHA-256 of those lines. So the same bytes
always give the same id, with or without git, and git can give the id of any
revision from its trees without reading a single file. (Repositories use git's
default SHA-1 object format; the tree reader assumes 20-byte object ids.)

:class:`History` reads many revisions through one ``git cat-file --batch``
process and remembers subtrees by their id, so walking a long history costs
little: an unchanged folder is read once.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

#: Hex digits of the content id (shown on the PDF cover, written in the register).
LENGTH = 10
#: Folders and files whose content is what the plan says.
CONTENT_PATHS = ("docs", "data", "mkdocs.yml", "pdf", "overrides")
#: Files inside those that are not part of the content.
EXCLUDED = frozenset({"data/godkendelser.yaml"})
#: Never part of the content on disk (the same as .gitignore says).
_IGNORED_NAMES = frozenset({"__pycache__", ".DS_Store", ".pytest_cache"})
_IGNORED_SUFFIXES = (".pyc", ".swp")


def blob_id(data: bytes) -> str:
    """Git's object id of a file with the bytes *data*."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def content_id(entries: list[tuple[str, str]]) -> str:
    """The content id of ``(relative path, blob id)`` pairs."""
    lines = "".join(f"{path} {oid}\n" for path, oid in sorted(entries))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()[:LENGTH]


def _included(path: str) -> bool:
    top = path.split("/", 1)[0]
    return top in CONTENT_PATHS and path not in EXCLUDED


def _ignored(relative: Path) -> bool:
    return any(part in _IGNORED_NAMES for part in relative.parts) or relative.name.endswith(_IGNORED_SUFFIXES)


def _git_listed(root: Path) -> list[str] | None:
    """Files git would commit (tracked or new, not ignored), or None outside git."""
    try:
        result = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *CONTENT_PATHS],
            cwd=root, capture_output=True, timeout=60, check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    return sorted({p for p in result.stdout.decode("utf-8").split("\0") if p})


def _walked(root: Path) -> list[str]:
    found = []
    for top in CONTENT_PATHS:
        base = root / top
        if base.is_file():
            found.append(top)
        elif base.is_dir():
            for path in base.rglob("*"):
                relative = path.relative_to(root)
                if (path.is_file() or path.is_symlink()) and not _ignored(relative):
                    found.append(relative.as_posix())
    return sorted(found)


def tree_entries(root: Path) -> list[tuple[str, str]]:
    """``(path, blob id)`` of the content files in the folder *root* (a working tree)."""
    root = Path(root)
    listed = _git_listed(root)
    paths = listed if listed is not None else _walked(root)
    entries = []
    for path in paths:
        if not _included(path):
            continue
        file = root / path
        if file.is_symlink():
            data = os.readlink(file).encode("utf-8")
        elif file.is_file():
            data = file.read_bytes()
        else:  # deleted in the working tree, not yet in git
            continue
        entries.append((path, blob_id(data)))
    return entries


def of_tree(root: Path) -> str:
    """The content id of the folder *root* as it is on disk now."""
    return content_id(tree_entries(root))


@dataclass(eq=False)
class History:
    """Content ids of git revisions, read through one ``git cat-file --batch``.

    Use as a context manager (``with History(repo) as history:``) so the git
    process is ended. Every method returns ``None`` for an unknown revision.
    """

    repo: Path
    _process: subprocess.Popen | None = None
    _trees: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    _ids: dict[str, str | None] = field(default_factory=dict)

    def __enter__(self) -> "History":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._process is not None:
            self._process.stdin.close()
            self._process.wait(timeout=30)
            self._process = None

    def _object(self, name: str) -> tuple[str, str, bytes] | None:
        if self._process is None:
            try:
                self._process = subprocess.Popen(
                    ["git", "cat-file", "--batch"], cwd=self.repo,
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                )
            except OSError:
                return None
        process = self._process
        process.stdin.write(name.encode("utf-8") + b"\n")
        process.stdin.flush()
        header = process.stdout.readline().decode("utf-8").split()
        if len(header) != 3:  # "<name> missing" or "<name> ambiguous"
            return None
        oid, kind, size = header
        data = process.stdout.read(int(size))
        process.stdout.read(1)  # the newline after the object
        return oid, kind, data

    def _listing(self, tree_oid: str) -> list[tuple[bytes, str, str]]:
        """``(mode, name, object id)`` of one tree's own entries."""
        found = self._object(tree_oid)
        data = found[2] if found else b""
        entries, position = [], 0
        while position < len(data):
            space = data.index(b" ", position)
            nul = data.index(b"\0", space)
            entries.append((data[position:space], data[space + 1:nul].decode("utf-8"), data[nul + 1:nul + 21].hex()))
            position = nul + 21
        return entries

    def _flat(self, tree_oid: str) -> list[tuple[str, str]]:
        """``(path below the tree, blob id)`` for every file in a tree (cached by tree id)."""
        if tree_oid not in self._trees:
            entries: list[tuple[str, str]] = []
            for mode, name, oid in self._listing(tree_oid):
                if mode == b"40000":
                    entries += [(f"{name}/{sub}", sub_oid) for sub, sub_oid in self._flat(oid)]
                elif mode != b"160000":  # not a submodule
                    entries.append((name, oid))
            self._trees[tree_oid] = entries
        return self._trees[tree_oid]

    def entries(self, revision: str) -> list[tuple[str, str]] | None:
        """``(path, blob id)`` of the content files at *revision*."""
        root = self._object(f"{revision}^{{tree}}")
        if root is None or root[1] != "tree":
            return None
        entries = []
        for mode, name, oid in self._listing(root[0]):
            if name not in CONTENT_PATHS:
                continue
            if mode == b"40000":
                entries += [(f"{name}/{path}", blob) for path, blob in self._flat(oid)]
            else:
                entries.append((name, oid))
        return [(path, oid) for path, oid in entries if _included(path)]

    def content_id(self, revision: str) -> str | None:
        """The content id of *revision* (a commit id, tag or branch)."""
        if revision not in self._ids:
            entries = self.entries(revision)
            self._ids[revision] = content_id(entries) if entries is not None else None
        return self._ids[revision]
