"""CSV files and Danish Excel: the repository's tables survive a save from Excel with only the
edited lines changed, and every download comes in a form Danish Excel opens in columns.

``excel_open`` and ``excel_save`` below model what Danish Excel does with «CSV UTF-8
(semikolonsepareret)», written independently of the project's own writer: on opening, a
cell that reads as a Danish number becomes a number, everything else stays text; on
saving, it writes a BOM, «;» between cells, numbers in the General format (up to 15
significant digits, decimal comma, no thousands mark), quotes only where needed, and
CRLF after every line.
"""

from __future__ import annotations

import csv
import io
import re

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from macros.beboerdata.pages import DOWNLOAD_FORMS, download_csv, download_files
from macros.pdf.document import absolute_download_links
from macros.plan import load_plan

BOM = b"\xef\xbb\xbf"
_DANISH_NUMBER = re.compile(r"^-?\d+(,\d+)?$")
TABLES = sorted((ROOT / "data" / "beboerdata").glob("*.csv"))


def excel_open(raw: bytes) -> list[list[object]]:
    """The grid Danish Excel holds after opening *raw*: floats for numbers, str for text."""
    text = raw.decode("utf-8-sig")
    grid = []
    for cells in csv.reader(io.StringIO(text, newline=""), delimiter=";"):
        grid.append([float(c.replace(",", ".")) if _DANISH_NUMBER.match(c) else c for c in cells])
    return grid


def _general(value: float) -> str:
    text = format(value, ".15g")
    if "e" in text:  # not reached by the plan's values
        raise AssertionError(value)
    return text.replace(".", ",")


def excel_save(grid: list[list[object]]) -> bytes:
    """What Danish Excel writes for «CSV UTF-8 (semikolonsepareret)»."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in grid:
        writer.writerow([_general(c) if isinstance(c, float) else c for c in row])
    return BOM + buffer.getvalue().encode("utf-8")


def changed_lines(before: bytes, after: bytes) -> int:
    old, new = before.split(b"\r\n"), after.split(b"\r\n")
    assert len(old) == len(new)
    return sum(a != b for a, b in zip(old, new))


@pytest.fixture(scope="module")
def plan():
    return load_plan(ROOT / "data")


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.name)
def test_saving_a_table_from_danish_excel_changes_only_the_edited_line(path):
    raw = path.read_bytes()
    assert raw.startswith(BOM) and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    grid = excel_open(raw)
    assert excel_save(grid) == raw  # opened and saved without an edit: not a byte changes
    header = grid[0]
    column = header.index("vaerdi")
    row = next(i for i, r in enumerate(grid[1:], start=1) if isinstance(r[column], float))
    grid[row][column] = grid[row][column] + 1.5
    assert changed_lines(raw, excel_save(grid)) == 1


def test_the_shipped_tables_keep_their_disclosure_marks():
    marks = b"".join(path.read_bytes() for path in TABLES)
    assert b";<5;" in marks and b";x;" in marks


def test_git_stores_the_tables_byte_for_byte():
    """No line-ending conversion: the bytes on disk are the bytes in git (the content id)."""
    attributes = (ROOT / ".gitattributes").read_text(encoding="utf-8")
    assert "data/beboerdata/*.csv -text" in attributes


def test_every_download_comes_for_danish_excel_first_and_machine_readable_second(plan):
    files = download_files(plan)
    assert len(files) == len(plan.plan_areas) * len(plan.beboerdata.tables) * 2
    (excel_dialect, excel_suffix), (machine_dialect, machine_suffix) = DOWNLOAD_FORMS
    assert excel_suffix == "" and machine_suffix == "-maskinlaesbar"
    excel = download_csv(plan, "ringparken", "18", excel_dialect)
    machine = download_csv(plan, "ringparken", "18", machine_dialect)
    # Danish Excel: BOM, ";", decimal comma: every row falls into the same 10 columns.
    assert excel.startswith(BOM)
    grid = excel_open(excel)
    assert {len(r) for r in grid} == {10}
    values = [r[7] for r in grid[1:]]
    assert any(isinstance(v, float) and not v.is_integer() for v in values)
    assert b"." not in b"".join(line.split(b";")[7] for line in excel.split(b"\r\n")[1:] if line)
    assert excel_save(grid) == excel  # Excel would save it back unchanged
    # Machine-readable: UTF-8 without BOM, ",", decimal point.
    assert not machine.startswith(BOM)
    rows = list(csv.DictReader(io.StringIO(machine.decode("utf-8"))))
    assert len(rows) == len(grid) - 1
    numbers = [r["vaerdi"] for r in rows if r["vaerdi"] not in ("<5", "x", "")]
    assert all(float(n) >= 0 for n in numbers) and any("." in n for n in numbers)
    assert [r["vaerdi"].replace(".", ",") for r in rows] == [
        line.split(b";")[7].decode() for line in excel.split(b"\r\n")[1:] if line
    ]


def test_the_pdf_gives_download_links_the_published_address():
    soup = BeautifulSoup(
        '<body><a class="plan-hent" href="#beboerdata/hent/ringparken-tabel-1.csv/:">Hent</a>'
        '<a class="plan-hent plan-hent--maskine" href="#beboerdata/hent/ringparken-tabel-1-maskinlaesbar.csv/:">m</a>'
        '<a class="plan-hent" href="https://example.org/x.csv">x</a></body>',
        "html.parser",
    )
    absolute_download_links(soup, "https://plan.example/helhedsplan/")
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert hrefs == [
        "https://plan.example/helhedsplan/beboerdata/hent/ringparken-tabel-1.csv",
        "https://plan.example/helhedsplan/beboerdata/hent/ringparken-tabel-1-maskinlaesbar.csv",
        "https://example.org/x.csv",
    ]
