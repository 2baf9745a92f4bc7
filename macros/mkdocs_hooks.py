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


def on_post_build(config, **kwargs):
    """Meeting packs, cut from the PDF just made (see macros/meetingpack.py).

    Runs after mkdocs-with-pdf (hooks come after plugins), only when the PDF
    is built. ``PLAN_MOEDER=<id>[,<id>]`` limits which meetings get a pack.
    """
    import os
    import time
    from pathlib import Path

    if os.environ.get("PLAN_PDF") != "1":
        return
    from macros import meetingpack, pdf

    if pdf.LAST is None:
        return
    started = time.perf_counter()
    written = meetingpack.write_meeting_packs(
        pdf.LAST,
        Path(config["site_dir"]) / "pdf" / "moeder",
        selection=os.environ.get("PLAN_MOEDER", ""),
    )
    log = logging.getLogger("mkdocs.plan")
    for path, seconds in written:
        log.info(f"plan-pdf: moedepakke {path.name} {seconds:.2f} s")
    log.debug(f"plan-pdf: moedepakker i alt {time.perf_counter() - started:.2f} s")
