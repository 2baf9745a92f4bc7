"""Work done in a forked process beside the build, its result collected later.

The meeting packs and the yearly status reports are made from the plan's
prepared document, not from its PDF, so they can be rendered while WeasyPrint
lays out the plan's PDF: on a machine with two cores, ``make site`` is then
shorter by their time. :class:`Forked` starts the work in a child process (a
fork: it shares the loaded plan without loading it again) and
:meth:`Forked.result` waits for it. A Danish error in the child is raised again
in the parent, as it would have been had the work run there.

Where a fork is not safe (not Linux), the work runs when its result is asked for.
"""

from __future__ import annotations

import os
import pickle
import sys
import traceback
from collections.abc import Callable
from typing import Any

from macros.core.errors import PlanError, PlanErrors


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork")


class Forked:
    """*work* (no arguments, a picklable result) run in a child process from now on."""

    def __init__(self, work: Callable[[], Any]):
        self._work = work
        self._pid: int | None = None
        self._read: int | None = None
        if not _can_fork():
            return
        sys.stdout.flush()
        sys.stderr.flush()
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: do the work, hand over the result, and leave without cleaning up
            os.close(read)
            try:
                payload = ("ok", work())
            except PlanError as error:
                errors = error.errors if isinstance(error, PlanErrors) else [error]
                payload = ("plan", [(e.location, e.problem, e.fix) for e in errors])
            except BaseException:  # noqa: BLE001 - reported by the parent
                payload = ("crash", traceback.format_exc())
            try:
                with os.fdopen(write, "wb") as out:
                    pickle.dump(payload, out)
            finally:
                os._exit(0)
        os.close(write)
        self._pid, self._read = pid, read

    def result(self) -> Any:
        """Wait for the work and return its result (or raise its error)."""
        if self._pid is None:
            return self._work()
        with os.fdopen(self._read, "rb") as source:
            data = source.read()
        os.waitpid(self._pid, 0)
        self._pid = None
        kind, value = pickle.loads(data) if data else ("crash", "the process ended without a result")
        if kind == "ok":
            return value
        if kind == "plan":
            errors = [PlanError(location, problem, fix) for location, problem, fix in value]
            raise errors[0] if len(errors) == 1 else PlanErrors(errors)
        raise RuntimeError(f"work in a forked process failed:\n{value}")
