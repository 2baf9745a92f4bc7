"""The whole plan: every wing's data, loaded and checked together (see assemble.py)."""

from macros.plan.assemble import Plan, check_against_pages, load_plan

__all__ = ["Plan", "check_against_pages", "load_plan"]
