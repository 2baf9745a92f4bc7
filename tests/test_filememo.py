"""A file read once is not read again while unchanged (macros/core/filememo.py)."""

from __future__ import annotations

import os

from macros.core import csvio
from macros.core.filememo import FileMemo


def test_an_unchanged_file_is_read_once_and_a_changed_one_again(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("en", encoding="utf-8")
    reads = []

    def reader(p):
        reads.append(p)
        return p.read_text(encoding="utf-8")

    memo = FileMemo("test")
    assert memo.read(path, reader) == "en" and memo.read(path, reader) == "en"
    assert len(reads) == 2  # no store: read every time
    with memo.reusing({}):
        assert memo.read(path, reader) == memo.read(path, reader) == "en"
        assert len(reads) == 3
        path.write_text("to!", encoding="utf-8")
        assert memo.read(path, reader) == "to!"
        assert len(reads) == 4


def test_a_shared_result_is_handed_out_through_share(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    memo = FileMemo("test")
    with memo.reusing({}):
        first = memo.read(path, lambda p: [1], share=list)
        first.append(2)
        assert memo.read(path, lambda p: [1], share=list) == [1]


def test_make_validate_reads_each_csv_once(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("omraade;aar\nringparken;2024\n", encoding="utf-8")
    with csvio.reusing({}):
        first = csvio.read_csv(path)
        assert csvio.read_csv(path) is first
        stat = path.stat()
        path.write_text("omraade;aar\nsydbyen;2024\n", encoding="utf-8")
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
        assert csvio.read_csv(path).rows[0].values["omraade"] == "sydbyen"
    assert csvio.read_csv(path) is not csvio.read_csv(path)
