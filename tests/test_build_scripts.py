"""make moedepakke / make aarsstatus: build as make site does, then say where the one PDF lies."""

from __future__ import annotations

import pytest
from conftest import ROOT

import build


@pytest.mark.parametrize("code", [0, 1])
def test_build_one_says_where_the_pdf_lies_only_when_the_build_succeeded(monkeypatch, capsys, code):
    seen = []
    monkeypatch.setattr(build, "main", lambda argv: seen.append(argv) or code)
    target = ROOT / "site" / "pdf" / "moeder" / "bestyrelse-2025-01-27.pdf"
    assert build.build_one(ROOT / "site", target, "Mødepakken") == code
    assert seen == [["--site-dir", str(ROOT / "site")]]
    out = capsys.readouterr().out
    if code == 0:
        assert out.strip() == "Mødepakken ligger i site/pdf/moeder/bestyrelse-2025-01-27.pdf"
    else:
        assert out == ""
