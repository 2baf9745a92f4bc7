"""The plan's Python package: the data wings, the model and core below them, the
MkDocs adapter on top (see README, "For developers").

Importing one module of it loads only what that module needs, so a small script
(``scripts/build.py``) starts in a fraction of a second. The mkdocs-macros entry point
is :mod:`macros.entry` (``module_name`` in mkdocs.yml).
"""
