"""The garbage collector's settings for a one-off build (macros/core/collection.py)."""

import gc
import importlib.util
from pathlib import Path

import pytest

from macros.core import collection

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def saved_thresholds():
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


def test_a_build_collects_less_often(saved_thresholds):
    assert collection.for_batch_build("build") is True
    assert gc.get_threshold() == collection.BATCH_THRESHOLDS
    assert collection.BATCH_THRESHOLDS[0] > 700


@pytest.mark.parametrize("command", ["serve", "gh-deploy"])
def test_other_commands_keep_pythons_defaults(saved_thresholds, command):
    assert collection.for_batch_build(command) is False
    assert gc.get_threshold() == (700, 10, 10)


def test_the_mkdocs_hook_sets_it_for_a_build(saved_thresholds):
    spec = importlib.util.spec_from_file_location("plan_hooks_for_test", ROOT / "macros" / "mkdocs_hooks.py")
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    hooks.on_startup(command="serve", dirty=False)
    assert gc.get_threshold() == (700, 10, 10)
    hooks.on_startup(command="build", dirty=False)
    assert gc.get_threshold() == collection.BATCH_THRESHOLDS
