"""The live preview's pure parts (macros/core/preview.py): what a save rebuilds,
the Danish error banner and error page, and the log line."""

from __future__ import annotations

import os

from macros.core.preview import (
    BANNER_START,
    changed_paths,
    error_banner,
    error_content,
    error_count,
    log_line,
    plan_rebuild,
    reads_path,
    snapshot,
    with_banner,
)

READS = {
    "tidsplan.md": frozenset({"data/milepaele.yaml", "data/beslutninger.yaml"}),
    "beboerdata/index.md": frozenset({"data/beboerdata/"}),
    "om-planen.md": frozenset(),
}
FILES = {path: (1, 1) for path in ("docs/om-planen.md", "docs/tidsplan.md", "data/milepaele.yaml",
                                     "data/beboerdata/tabel-01.csv", "data/parter.yaml", "overrides/main.html",
                                     "mkdocs.yml", "macros/build.py", "data/schemas/milepaele.schema.yaml")}


def rebuild(*changed: str, **kwargs):
    after = {path: (2, 2) if path in changed else value for path, value in FILES.items()}
    return plan_rebuild(set(changed), FILES, after, READS, **kwargs)


def test_a_changed_chapter_rebuilds_only_itself():
    plan = rebuild("docs/om-planen.md")
    assert not plan.full and not plan.restart and plan.pages == frozenset()


def test_changed_data_rebuilds_the_pages_whose_blocks_read_it():
    assert rebuild("data/milepaele.yaml").pages == {"tidsplan.md"}
    assert rebuild("data/beboerdata/tabel-01.csv").pages == {"beboerdata/index.md"}
    assert not rebuild("data/milepaele.yaml").full


def test_a_page_that_showed_an_error_is_rebuilt_with_the_next_save():
    plan = rebuild("data/milepaele.yaml", failed_pages=frozenset({"om-planen.md"}))
    assert plan.pages == {"tidsplan.md", "om-planen.md"} and not plan.full


def test_what_every_page_shows_the_theme_and_the_configuration_rebuild_everything():
    for path in ("data/parter.yaml", "overrides/main.html", "mkdocs.yml", "data/schemas/milepaele.schema.yaml"):
        assert rebuild(path).full, path
    assert rebuild("docs/om-planen.md", need_full=True).full


def test_a_new_or_deleted_file_rebuilds_everything():
    after = dict(FILES, **{"docs/ny-side.md": (1, 1)})
    assert plan_rebuild({"docs/ny-side.md"}, FILES, after, READS).full
    before = dict(FILES)
    after = {k: v for k, v in FILES.items() if k != "docs/tidsplan.md"}
    assert plan_rebuild({"docs/tidsplan.md"}, before, after, READS).full


def test_a_save_that_changed_nothing_in_the_plan_builds_nothing():
    plan = plan_rebuild(set(), FILES, FILES, READS)
    assert plan.nothing and not plan.full


def test_changed_python_code_restarts_the_preview():
    plan = rebuild("macros/build.py")
    assert plan.restart and plan.full


def test_a_block_reads_a_file_or_a_whole_folder():
    assert reads_path("data/beboerdata/", "data/beboerdata/tabel-18.csv")
    assert not reads_path("data/beboerdata/", "data/boligomraader.yaml")
    assert reads_path("data/plan.yaml", "data/plan.yaml")
    assert not reads_path("data/plan.yaml", "data/plan.yaml.bak")


def test_the_snapshot_sees_a_saved_file_and_ignores_compiled_python(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "macros" / "__pycache__").mkdir(parents=True)
    page = tmp_path / "docs" / "a.md"
    page.write_text("a", encoding="utf-8")
    (tmp_path / "macros" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"x")
    for temporary in (".a.md.swp", "~$tabel.csv", "a.md~"):
        (tmp_path / "docs" / temporary).write_text("x", encoding="utf-8")
    before = snapshot(tmp_path, ("docs", "macros", "mkdocs.yml"))
    assert set(before) == {"docs/a.md"}
    page.write_text("ab", encoding="utf-8")
    os.utime(page, ns=(before["docs/a.md"][1] + 10**9, before["docs/a.md"][1] + 10**9))
    assert changed_paths(before, snapshot(tmp_path, ("docs",))) == {"docs/a.md"}


PROBLEM = ("Fejl i docs/tidsplan.md, linje 36: Byggeklodsen eller variablen «ukendt_blok» findes ikke.\n"
           "  Sådan retter du det: Tjek stavningen.")


def test_the_banner_lists_every_error_in_full_and_in_danish():
    banner = error_banner([PROBLEM, "Fejl i data/milepaele.yaml, linje 3: <b>x</b>"], "12:03:05")
    assert "Forhåndsvisningen har 2 fejl" in banner and "kl. 12:03:05" in banner
    assert "«ukendt_blok» findes ikke" in banner and "Sådan retter du det: Tjek stavningen." in banner
    assert "&lt;b&gt;x&lt;/b&gt;" in banner and "<b>x</b>" not in banner
    assert 'role="alert"' in banner and "<script" not in banner
    assert error_banner([], "12:03:05") == ""


def test_one_message_with_several_errors_counts_them():
    several = "Der er 2 fejl i planens data:\n1. Fejl i data/a.yaml: x\n2. Fejl i data/a.yaml: y"
    assert error_count([several, PROBLEM]) == 3
    assert "har 3 fejl" in error_banner([several, PROBLEM], "08:00:00")


def test_the_banner_goes_in_after_body_and_is_replaced_or_removed():
    page = '<html><body class="x" dir="ltr"><main>Indhold</main></body></html>'
    first = with_banner(page, error_banner([PROBLEM], "12:00:00"))
    assert first.index(BANNER_START) == first.index("<main>") - len(error_banner([PROBLEM], "12:00:00"))
    assert first.startswith('<html><body class="x" dir="ltr">')
    second = with_banner(first, error_banner(["Fejl i data/plan.yaml: y"], "12:01:00"))
    assert second.count(BANNER_START) == 1 and "ukendt_blok" not in second and "data/plan.yaml" in second
    assert with_banner(second, "") == page


def test_a_page_that_cannot_be_built_shows_its_error():
    html = error_content(PROBLEM + " <script>")
    assert "Siden kunne ikke bygges" in html and "«ukendt_blok» findes ikke" in html
    assert "&lt;script&gt;" in html and "<script>" not in html


def test_one_log_line_per_rebuild_with_its_time():
    assert log_line("12:03:05", 0.4242, ["docs/tidsplan.md"], []) == "[12:03:05] Opdateret på 0,42 s: docs/tidsplan.md"
    assert log_line("12:03:05", 3.0, [], []) == "[12:03:05] Opdateret på 3,00 s"
    many = log_line("12:03:05", 1.0, [f"docs/{n}.md" for n in "abcde"], [])
    assert many.endswith("docs/a.md, docs/b.md, docs/c.md og 2 andre filer") and "\n" not in many


def test_with_errors_the_log_line_says_how_many_and_they_follow_in_full():
    text = log_line("12:03:05", 0.5, ["docs/tidsplan.md"], [PROBLEM])
    first, *rest = text.splitlines()
    assert first == "[12:03:05] Bygget med 1 fejl på 0,50 s: docs/tidsplan.md"
    assert rest == PROBLEM.splitlines()


def test_the_preview_parses_an_unchanged_data_file_once_and_hands_out_copies(tmp_path):
    from macros.core import yamlio

    path = tmp_path / "a.yaml"
    path.write_text("navn: Ringparken\nliste: [1, 2]\n", encoding="utf-8")
    parsed: dict = {}
    with yamlio.reusing(parsed):
        first = yamlio.load_yaml(path)
        first["liste"].append(3)  # a loader that changes what it got changes only its copy
        second = yamlio.load_yaml(path)
    assert second == {"navn": "Ringparken", "liste": [1, 2]} and second.line == 1
    assert list(parsed) == [str(path)]
    stamp = parsed[str(path)][0]
    path.write_text("navn: Motalavej\n", encoding="utf-8")
    os.utime(path, ns=(stamp[1] + 10**9, stamp[1] + 10**9))
    with yamlio.reusing(parsed):
        assert yamlio.load_yaml(path) == {"navn": "Motalavej"}
    assert yamlio.load_yaml(path) == {"navn": "Motalavej"}  # outside the block: parsed as always
