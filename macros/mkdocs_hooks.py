"""MkDocs hooks (loaded by path from mkdocs.yml, not as part of the package).

mkdocs-with-pdf logs a WARNING when the PDF is switched off with
``enabled_if_env`` (its issue #99), and strict mode turns any warning into a
failed build. The preview (``make serve``) and site-only builds switch the PDF
off on purpose, so that one notice is dropped here; every other warning still
fails the build.
"""

import logging


class _DropPdfDisabledNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "without generate PDF" not in record.getMessage()


logging.getLogger("mkdocs.with-pdf").addFilter(_DropPdfDisabledNotice())
