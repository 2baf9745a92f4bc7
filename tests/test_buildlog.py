from pathlib import Path

from macros.core.buildlog import Translator


def feed_all(translator, lines):
    shown = []
    for line in lines:
        shown.extend(translator.feed(line))
    return shown


def test_broken_link_becomes_danish_with_line(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Forside\n\nSe [her](mangler.md).\n", encoding="utf-8")
    translator = Translator(docs_dir=docs)
    shown = feed_all(
        translator,
        [
            "WARNING -  Doc file 'index.md' contains a link 'mangler.md', but the target is not found among "
            "documentation files.",
            "ERROR   -  Missing 1 link(s):",
            "WARNING -    | #mangler/:",
            "Traceback (most recent call last):",
            '  File "x.py", line 1, in <module>',
            "RuntimeError: 1 error(s) and/or 1 warning(s) occurred while generating PDF.",
        ],
    )
    text = "\n".join(shown + translator.finish(1, Path("build/mkdocs.log")))
    assert "Fejl i docs/index.md, linje 3: Linket «mangler.md»" in text
    assert "Traceback" not in text and "RuntimeError" not in text and "Missing" not in text
    assert "1 fejl skal rettes" in text


def test_plan_errors_pass_through_and_are_counted():
    translator = Translator(docs_dir=Path("docs"))
    shown = feed_all(
        translator,
        [
            "ERROR   -  Der er 2 fejl i planens data:",
            "1. Fejl i data/plan.yaml, linje 3: Ukendt part «x».",
            "  Sådan retter du det: Mente du «sb»?",
            "2. Fejl i data/plan.yaml, linje 4: Ukendt part «y».",
            "Aborted with a BuildError!",
        ],
    )
    assert shown[0] == "Der er 2 fejl i planens data:"
    assert len(translator.problems) == 2
    assert not any("Aborted" in s for s in shown)


def test_unexpected_crash_is_summarised_without_traceback():
    translator = Translator(docs_dir=Path("docs"))
    shown = feed_all(translator, ["Traceback (most recent call last):", '  File "a.py", line 2', "KeyError: 'x'"])
    closing = translator.finish(1, Path("build/mkdocs.log"))
    text = "\n".join(shown + closing)
    assert "Traceback" not in text
    assert "uventet" in text and "KeyError: 'x'" in text and "build/mkdocs.log" in text


def test_page_missing_from_nav():
    translator = Translator(docs_dir=Path("docs"))
    shown = feed_all(
        translator,
        [
            "INFO    -  The following pages exist in the docs directory, but are not included in the \"nav\" "
            "configuration:",
            "  - glemt.md",
        ],
    )
    assert shown and "docs/glemt.md" in shown[0] and "navigationen" in shown[0]


def test_info_lines_are_quiet_unless_verbose():
    assert Translator(docs_dir=Path("docs")).feed("INFO    -  Cleaning site directory") == []
    assert Translator(docs_dir=Path("docs"), verbose=True).feed("INFO    -  Cleaning site directory") == [
        "Cleaning site directory"
    ]


def test_pdf_image_errors_are_explained():
    from macros.core.buildlog import Translator

    translator = Translator(docs_dir=Path("docs"))
    shown = translator.feed(
        "ERROR    -  PDF: Failed to load image at 'file:///tmp/site/beboerdata/kort.png': URLError: <urlopen error>"
    )
    assert shown and "Billedet «kort.png» kunne ikke indlæses" in shown[0]
    assert "Sådan retter du det" in shown[0]
    closing = translator.finish(1, None)
    assert "uventet" not in "".join(closing)
