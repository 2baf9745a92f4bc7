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


# --- downloadable beboerdata ---------------------------------------------------------
# Each published beboerdata table (after disclosure control) is added to the
# site as a CSV file, so the Markdown links to it are checked like any other.

import sys  # noqa: E402
from pathlib import Path  # noqa: E402

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))


def on_files(files, config):
    from mkdocs.structure.files import File

    from macros.beboerdata_html import download_files
    from macros.plan import load_plan

    plan = load_plan(Path(config.config_file_path).resolve().parent / "data")
    for path, text in download_files(plan).items():
        # UTF-8 with BOM, so that Excel shows æ, ø and å correctly.
        files.append(File.generated(config, path, content=text.encode("utf-8-sig")))
    return files


import re  # noqa: E402
from urllib.parse import urljoin  # noqa: E402

from mkdocs.plugins import event_priority  # noqa: E402

_DOWNLOAD_LINK = re.compile(r'<a\b[^>]*\bclass="plan-hent"[^>]*>')
_HREF = re.compile(r'href="([^"]+)"')


@event_priority(50)  # before mkdocs-with-pdf copies the page into the PDF
def on_post_page(output, page, config):
    """Give download links the site's full address.

    The Markdown links are relative, so the strict build checks that each
    file exists. In the PDF a relative link to a CSV file cannot work (the
    PDF tool would turn it into a missing in-document anchor), so the links
    point to the published site, whose address the PDF prints next to them.
    """
    base = (config.site_url or "").rstrip("/") + "/"
    if base == "/" or "plan-hent" not in output:
        return output

    def absolute(match: re.Match) -> str:
        tag = match.group(0)
        return _HREF.sub(lambda h: f'href="{urljoin(base + page.url, h.group(1))}"', tag, count=1)

    return _DOWNLOAD_LINK.sub(absolute, output)
