"""What was read from a file, kept while the file is unchanged.

``make validate`` reads each beboerdata table twice (the first check, then the
full load), and the live preview loads the plan again after every save. Within
:meth:`FileMemo.reusing`, a file whose size and time are unchanged since it was
read is not read again. :mod:`macros.core.yamlio` and :mod:`macros.core.csvio`
each keep one memo.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable
from pathlib import Path
from typing import Any


class FileMemo:
    """One kind of file's results, by path, while a store is set (see :meth:`reusing`)."""

    def __init__(self, name: str):
        self._store: contextvars.ContextVar[dict | None] = contextvars.ContextVar(name, default=None)

    @contextlib.contextmanager
    def reusing(self, store: dict):
        """Within the block, a file unchanged since it was read into *store* is not read again."""
        token = self._store.set(store)
        try:
            yield
        finally:
            self._store.reset(token)

    def read(self, path: Path, reader: Callable[[Path], Any], share: Callable[[Any], Any] = lambda value: value) -> Any:
        """``reader(path)``, or within :meth:`reusing` the kept result (handed out through
        *share*, e.g. a copy, so that a caller cannot change what the next one gets)."""
        store = self._store.get()
        if store is None or not path.is_file():
            return reader(path)
        stat = path.stat()
        stamp = (stat.st_size, stat.st_mtime_ns)
        earlier = store.get(str(path))
        if earlier is None or earlier[0] != stamp:
            earlier = store[str(path)] = (stamp, reader(path))
        return share(earlier[1])
