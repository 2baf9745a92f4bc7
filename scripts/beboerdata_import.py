#!/usr/bin/env python3
"""Import a raw beboerdata table (Landsbyggefonden's Excel file or a CSV export).

    make beboerdata-import FIL=raa-data/tabel-01.xlsx [TABEL=1]
    python scripts/beboerdata_import.py <rå fil> [--tabel <nr>] [--eksempeldata] [--data <mappe>]

Writes the publishable CSV (small counts «<5», cells that would reveal them «x»)
into data/beboerdata/ and prints a Danish report of what was hidden and why.
The raw file is only read. See macros/beboerdata/rawimport.py and data/README.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.beboerdata.rawimport import RAW_FOLDER, import_table  # noqa: E402
from macros.core.errors import PlanError  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Importér en rå beboerdatatabel som en fil, der må offentliggøres.")
    parser.add_argument("fil", help=f"den rå fil (.xlsx eller .csv), fx {RAW_FOLDER}/tabel-18.xlsx")
    parser.add_argument("--tabel", help="tabellens nummer, fx 18 eller 9a (ellers læses det af filen)")
    parser.add_argument("--eksempeldata", action="store_true", help="tallene er eksempeldata, ikke officielle tal")
    parser.add_argument("--data", default=str(ROOT / "data"), help="datamappen (standard: data/)")
    args = parser.parse_args(argv)
    if not args.fil:
        print("Angiv den rå fil: make beboerdata-import FIL=raa-data/<fil>.xlsx [TABEL=<nr>]", file=sys.stderr)
        return 2
    try:
        report = import_table(Path(args.data), Path(args.fil), args.tabel, example=args.eksempeldata)
    except PlanError as error:
        print(error.format(), file=sys.stderr)
        print("\nIntet er skrevet. Ret fejlen, og kør importtrinnet igen.", file=sys.stderr)
        return 1
    print(report.text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
