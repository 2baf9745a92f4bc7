"""Fixtures for the browser tests (defined in support.py)."""

from .support import axe_source, browser, guarded, site_server  # noqa: F401
