"""Work beside the build (macros/core/forked.py): its result, or its Danish error, comes back."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from macros.core.errors import Location, PlanError, PlanErrors
from macros.core.forked import Forked


def test_the_work_runs_in_another_process_and_its_result_comes_back():
    job = Forked(lambda: ("færdig", os.getpid()))
    text, pid = job.result()
    assert text == "færdig"
    assert pid != os.getpid()


def test_the_work_runs_beside_the_caller(tmp_path):
    """The work starts at once, not when its result is asked for: the caller sees its
    file appear before it asks."""
    started = tmp_path / "started"

    def work():
        started.write_text("ja")
        return "done"

    job = Forked(work)
    import time
    for _ in range(500):
        if started.exists():
            break
        time.sleep(0.01)
    assert started.exists(), "the work had not started before its result was asked for"
    assert job.result() == "done"


def test_a_danish_error_in_the_work_is_raised_again_with_its_place():
    def work():
        raise PlanError(Location(Path("data/moeder.yaml"), line=4), "Mødet findes ikke.", "Ret mødets id.")

    job = Forked(work)
    with pytest.raises(PlanError) as raised:
        job.result()
    assert raised.value.location.line == 4
    assert "Mødet findes ikke." in raised.value.format()
    assert "Ret mødets id." in raised.value.format()


def test_several_errors_come_back_together():
    def work():
        raise PlanErrors([PlanError("a.yaml", "Første."), PlanError("b.yaml", "Anden.")])

    with pytest.raises(PlanErrors) as raised:
        Forked(work).result()
    assert [e.problem for e in raised.value.errors] == ["Første.", "Anden."]


def test_a_crash_in_the_work_is_not_lost():
    def work():
        raise ValueError("noget gik galt")

    with pytest.raises(RuntimeError, match="noget gik galt"):
        Forked(work).result()
