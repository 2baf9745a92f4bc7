"""Python's garbage collector, set for a one-off build.

A build (``mkdocs build``: the site, then the PDF) holds the whole site in memory
and then creates millions of short-lived objects while WeasyPrint lays out 250
pages. With Python's default settings the collector runs a full pass over that
heap every few seconds, though almost nothing in it is garbage: in the plan's
build that was about 8 % of the time. Collecting less often keeps the same
memory peak here (the layout's objects are freed by reference counting, not by
the collector) and gives the time back.

The live preview (``make serve``) is a long-running process and keeps Python's
defaults. The test suite's processes, short-lived too, use the same settings
(tests/conftest.py).
"""

from __future__ import annotations

import gc

# Young objects are collected after 50 000 new allocations instead of 700; the
# middle generation after 20 of those passes; the full pass only after 100 of
# those (in effect never during one build).
BATCH_THRESHOLDS = (50_000, 20, 100)


def use_batch_thresholds() -> None:
    """Collect garbage as :data:`BATCH_THRESHOLDS` says, for the rest of this process."""
    gc.set_threshold(*BATCH_THRESHOLDS)


def for_batch_build(command: str) -> bool:
    """:func:`use_batch_thresholds` when MkDocs runs *command* ``build``; True if set."""
    if command != "build":
        return False
    use_batch_thresholds()
    return True
