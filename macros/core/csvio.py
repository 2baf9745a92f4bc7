"""Read CSV files as staff produce them: plain UTF-8 CSV or what Danish Excel saves.

Two dialects are accepted and detected per file, in memory (the user's file is
never rewritten):

* **standard**: comma separator, decimal point, UTF-8 (with or without BOM);
* **Danish Excel**: semicolon separator, decimal comma (and optionally a
  thousands point such as ``5.593``), UTF-8 with BOM or Windows-1252.

Writing: :func:`write_csv` writes either dialect. :data:`DANISH_EXCEL` is
byte for byte what Danish Excel saves as «CSV UTF-8 (semikolonsepareret)»
(BOM, ``;``, decimal comma, CRLF, numbers as the General format shows them),
so a file written that way and saved again from Excel changes only in the
lines that were edited. :data:`STANDARD` is the machine-readable form.

A file that mixes the two (a row with another separator, a decimal comma in a
comma file, a decimal point in a semicolon file) is refused with a Danish
message naming the row as a spreadsheet shows it (the header is row 1).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from macros.core.errors import Location, PlanError
from macros.core.filememo import FileMemo

UTF8_BOM = b"\xef\xbb\xbf"

#: Bytes that Windows-1252 leaves undefined: their presence means another encoding.
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


@dataclass(frozen=True)
class CsvDialect:
    separator: str  # "," or ";"
    decimal: str  # "." or ","
    encoding: str  # "utf-8", "utf-8-sig" or "cp1252"

    @property
    def description(self) -> str:
        if self.separator == ";":
            return "semikolon-separeret (dansk Excel)"
        return "komma-separeret"


#: The machine-readable form: comma, decimal point, UTF-8 without BOM.
STANDARD = CsvDialect(",", ".", "utf-8")
#: What Danish Excel opens directly and saves as «CSV UTF-8 (semikolonsepareret)».
DANISH_EXCEL = CsvDialect(";", ",", "utf-8-sig")


@dataclass(frozen=True)
class CsvRow:
    row: int  # 1-based row number as a spreadsheet shows it (header = 1)
    values: dict[str, str]


@dataclass(frozen=True)
class CsvTable:
    path: Path
    dialect: CsvDialect
    header: list[str]
    rows: list[CsvRow]


#: File signatures of Excel workbooks: .xlsx (a zip archive) and .xls (an OLE2 compound file).
EXCEL_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


def decode(path: Path, raw: bytes) -> tuple[str, str]:
    """Return (text, encoding) or raise a Danish error about the encoding."""
    if raw.startswith(EXCEL_SIGNATURES):
        raise PlanError(
            path,
            "Filen er en Excel-projektmappe (.xlsx/.xls), ikke en CSV-fil, selv om navnet slutter på .csv.",
            "Filen er en Excel-projektmappe; gem den som CSV (semikolonsepareret): «Filer» → «Gem som» → "
            "«CSV (semikolonsepareret) (*.csv)».",
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:4096]:
        raise PlanError(
            path,
            "Filen er gemt i et tegnsæt (UTF-16/«Unicode»), som ikke kan læses.",
            "Gem filen igen fra Excel som «CSV (semikolonsepareret)» eller «CSV UTF-8 (kommasepareret)».",
        )
    if raw.startswith(UTF8_BOM):
        try:
            return raw[len(UTF8_BOM):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise _encoding_error(path, raw, exc.start) from None
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    bad = [i for i, b in enumerate(raw) if b in _CP1252_UNDEFINED]
    if bad:
        raise _encoding_error(path, raw, bad[0])
    return raw.decode("cp1252"), "cp1252"


def _encoding_error(path: Path, raw: bytes, offset: int) -> PlanError:
    row = raw[:offset].count(b"\n") + 1
    return PlanError(
        Location(path, row=row),
        "Filen er hverken gemt som UTF-8 eller som Windows-1252 (dansk Excel), så tegnene kan ikke læses sikkert.",
        "Åbn filen i Excel og gem den igen som «CSV UTF-8 (kommasepareret)» eller «CSV (semikolonsepareret)».",
    )


def detect_dialect(path: Path, header_line: str, encoding: str) -> CsvDialect:
    semicolons, commas = header_line.count(";"), header_line.count(",")
    if semicolons and commas:
        raise PlanError(
            Location(path, row=1),
            "Overskriftsrækken blander semikolon og komma som skilletegn.",
            "Brug ét skilletegn i hele filen: komma (standard-CSV) eller semikolon (dansk Excel).",
        )
    if semicolons:
        return CsvDialect(";", ",", encoding)
    if commas:
        return CsvDialect(",", ".", encoding)
    raise PlanError(
        Location(path, row=1),
        "Overskriftsrækken har ingen skilletegn (komma eller semikolon), så kolonnerne kan ikke findes.",
        "Første række skal indeholde kolonnenavnene adskilt af komma eller semikolon.",
    )


#: Files already read (only within :data:`reusing`).
_READ = FileMemo("plan_read_csv")
#: Within the block, a CSV file unchanged since it was read into the given dictionary is not
#: read again: ``make validate`` reads each table for its first check and for the full load,
#: and the live preview keeps the dictionary across rebuilds.
reusing = _READ.reusing


def read_csv(path: Path) -> CsvTable:
    """Read *path* in either dialect. Rows keep their spreadsheet row numbers.

    Header names are stripped and lower-cased; values are stripped strings.
    Blank rows are skipped (they keep their number for later rows). The table is
    shared with later readers within :func:`reusing`: treat it as read-only.
    """
    path = Path(path)
    if not path.exists():
        raise PlanError(path, "Filen findes ikke.", "Opret filen, eller ret filnavnet i data/beboerdata/tabeller.yaml.")
    return _READ.read(path, _read_csv)


def _read_csv(path: Path) -> CsvTable:
    text, encoding = decode(path, path.read_bytes())
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise PlanError(path, "Filen er tom.", "Skriv kolonnenavnene i første række og tallene i rækkerne under.")
    dialect = detect_dialect(path, lines[first], encoding)
    other = "," if dialect.separator == ";" else ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=dialect.separator)
    header: list[str] | None = None
    rows: list[CsvRow] = []
    for cells in reader:
        row_number = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = [c.strip().lower() for c in cells]
            # Excel writes empty columns after the table («;;;» or a trailing «;»): ignore them.
            while header and not header[-1]:
                header.pop()
            continue
        while len(cells) > len(header) and not cells[-1].strip():
            cells = cells[:-1]
        if len(cells) != len(header):
            mixed = any(other in c for c in cells)
            problem = (f"Rækken har {len(cells)} {'kolonne' if len(cells) == 1 else 'kolonner'}, "
                       f"men overskriften har {len(header)}.")
            if mixed or len(cells) == 1:
                problem += (
                    f" Rækken ser ud til at bruge «{other}» som skilletegn, mens filen ellers bruger «{dialect.separator}»."
                )
            raise PlanError(
                Location(path, row=row_number),
                problem,
                "Filen blander formater eller har et skilletegn for meget/for lidt. "
                f"Brug «{dialect.separator}» mellem alle kolonner i hele filen.",
            )
        rows.append(CsvRow(row_number, {h: c.strip() for h, c in zip(header, cells)}))
    assert header is not None
    return CsvTable(path, dialect, header, rows)


_THOUSANDS_DA = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class NumberFormatError(ValueError):
    """A value that is not a number in the file's dialect; ``mixed`` when it fits the other one."""

    def __init__(self, mixed: bool):
        super().__init__()
        self.mixed = mixed


def parse_number(text: str, dialect: CsvDialect) -> float:
    """Parse *text* as a number written in *dialect*; raise :class:`NumberFormatError`."""
    value = text.strip().replace("\u00a0", "").replace(" ", "")
    if dialect.decimal == ",":
        if _THOUSANDS_DA.match(value):
            value = value.replace(".", "")
        elif "." in value:
            raise NumberFormatError(mixed=bool(_NUMBER.match(value)))
        value = value.replace(",", ".")
    elif "," in value:
        raise NumberFormatError(mixed=bool(_NUMBER.match(value.replace(",", "."))))
    if not _NUMBER.match(value):
        raise NumberFormatError(mixed=False)
    return float(value)


# --- writing ---------------------------------------------------------------------------


def number_text(value: float, dialect: CsvDialect, max_decimals: int = 4) -> str:
    """*value* as Excel's General format writes it: no thousands mark, no trailing zeros,
    the dialect's decimal mark (``1784``, ``37,2`` or ``37.2``)."""
    if float(value).is_integer():
        return str(int(value))
    text = (f"%.{max_decimals}f" % value).rstrip("0").rstrip(".")
    return text.replace(".", dialect.decimal)


def csv_text(rows, dialect: CsvDialect) -> str:
    """*rows* (lists of strings) as CSV text in *dialect*: separator, CRLF line ends, and a
    leading BOM character when the dialect's encoding is ``utf-8-sig`` (write it as UTF-8)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=dialect.separator, lineterminator="\r\n")
    writer.writerows(rows)
    bom = "\ufeff" if dialect.encoding == "utf-8-sig" else ""
    return bom + buffer.getvalue()


def write_csv(rows, dialect: CsvDialect) -> bytes:
    """*rows* as the bytes of a CSV file in *dialect* (see :func:`csv_text`)."""
    return csv_text(rows, dialect).encode("utf-8")
