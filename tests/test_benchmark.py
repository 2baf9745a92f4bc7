"""The benchmark's arithmetic (scripts/benchmark.py prints figures; it asserts nothing)."""

from __future__ import annotations

import benchmark


def test_growth_is_one_when_every_area_costs_the_same():
    # 1 s + 0.2 s per area
    assert benchmark.growth(3.0, 11.0, 21.0) == 1.0


def test_growth_above_one_when_areas_cost_more_as_there_are_more():
    assert benchmark.growth(3.0, 11.0, 41.0) > 1.0


def test_growth_needs_all_three_figures():
    assert benchmark.growth(3.0, None, 21.0) is None


def test_every_goal_is_a_figure_or_a_ratio():
    figures = {f"synthetic_{n}_{what}_s": 1.0 + n for n in (10, 50, 100) for what in ("site", "validate")}
    known = set(benchmark.ratios(figures)) | set(figures) | {
        "preview_chapter_s", "site_pdf_clean_s"}
    assert set(benchmark.GOALS) <= known
