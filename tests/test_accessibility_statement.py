"""The accessibility statement's link to the WAS tool is configured in data/plan.yaml."""

from __future__ import annotations

import pytest
from conftest import ROOT

from macros.chapters.frontpage import render_was_statement
from macros.core.errors import PlanError
from macros.plan import load_plan


def set_was(data_copy, value: str) -> None:
    path = data_copy / "plan.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("was_erklaering: PLADSHOLDER", f"was_erklaering: {value}"), encoding="utf-8")


def test_the_shipped_placeholder_is_said_openly():
    plan = load_plan(ROOT / "data")
    assert plan.facts.was_statement == ""
    html = render_was_statement(plan)
    assert "pladsholder" in html and "<a " not in html


def test_a_real_link_is_shown(data_copy):
    set_was(data_copy, "https://was.example.org/erklaering/123")
    html = render_was_statement(load_plan(data_copy))
    assert 'href="https://was.example.org/erklaering/123"' in html


def test_anything_but_an_https_link_or_the_placeholder_is_refused(data_copy):
    set_was(data_copy, "www.example.org")
    with pytest.raises(PlanError) as raised:
        load_plan(data_copy)
    assert "plan.yaml" in str(raised.value) and "was_erklaering" in str(raised.value)
