"""Approval by content: the register, the status and its Danish wording, on real git repositories."""

import dataclasses
import datetime as dt
import shutil

import pytest
from bs4 import BeautifulSoup

from macros.approvals import status as approvals
from macros.approvals import wording
from macros.approvals.load import Approval, ApprovalRegister
from macros.approvals.versions import approved_versions
from macros.core import contentid, gitrepo
from macros.core.context import BuildContext, git_info
from macros.core.errors import PlanError
from macros.pdf.cover import render_cover
from macros.pdf.document import footer_status
from macros.plan import load_plan
from macros.review import changelog
from macros.review.approvalcheck import check_register
from conftest import ROOT
from gitutil import commit_all, copy_data, edit, git, init_repo

TODAY = dt.date(2026, 12, 1)


def entry(version: str, body: str = "bestyrelsen", day: str = "2026-11-30") -> str:
    return (
        f"  - forelagt_version: {version}\n    organ: {body}\n    dato: {day}\n"
        f"    reference: Referat af bestyrelsesmøde {day}, punkt 3\n"
    )


def register(repo, *entries: str) -> None:
    path = repo / "data" / "godkendelser.yaml"
    text = (ROOT / "data" / "godkendelser.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("godkendte_versioner: []\n", "godkendte_versioner:\n" + "".join(entries)),
                    encoding="utf-8")


@pytest.fixture
def repo(tmp_path):
    """A plan repository (data and the chapter Om planen) where the board has just been given the PDF."""
    repo = init_repo(tmp_path / "plan")
    copy_data(ROOT / "data", repo)
    (repo / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "om-planen.md", repo / "docs" / "om-planen.md")
    commit_all(repo, "Planen, som bestyrelsen fik den", date="2026-11-20T10:00:00")
    return repo


def status_at(repo, today=TODAY):
    plan = load_plan(repo / "data")
    context = BuildContext(today, git_info(repo))
    return plan, context, approvals.status_for(plan, context)


def words(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


# --- content id ----------------------------------------------------------------------------


def test_content_id_is_the_same_on_disk_and_in_git_and_ignores_the_register(repo):
    with contentid.History(repo) as history:
        committed = history.content_id("HEAD")
    assert committed == contentid.of_tree(repo) and len(committed) == contentid.LENGTH
    register(repo, entry(committed))
    assert contentid.of_tree(repo) == committed  # the register is not part of what is approved
    (repo / "README.md").write_text("Om repositoryet\n", encoding="utf-8")
    assert contentid.of_tree(repo) == committed  # nor is anything outside the plan's content
    edit(repo / "docs" / "om-planen.md", "fireårig plan", "fireårig indsats")
    assert contentid.of_tree(repo) != committed


def test_content_id_outside_git_is_computed_from_the_files(repo, tmp_path):
    copy = tmp_path / "zip"
    shutil.copytree(repo / "data", copy / "data")
    shutil.copytree(repo / "docs", copy / "docs")
    assert contentid.of_tree(copy) == contentid.of_tree(repo)


# --- the real scenarios -----------------------------------------------------------------------


def test_natural_order_gives_approved_on_the_merge_commit_without_a_tag(repo, monkeypatch):
    # The story runs into December 2026: the register may record approvals up to then.
    monkeypatch.setenv("PLAN_TODAY", "2027-01-15")
    board_saw = contentid.of_tree(repo)
    register(repo, entry(board_saw))
    check_register(repo, load_plan(repo / "data"))  # make validate accepts it
    commit_all(repo, "Registrér bestyrelsens godkendelse (#30)", date="2026-12-01T10:00:00")
    assert gitrepo.tags(repo) == []
    plan, context, status = status_at(repo)
    assert status.is_approved and status.review.version.name == "2026.1"
    assert status.line() == (
        "Planen er godkendt af Landsbyggefonden og gælder fra 1. oktober 2025. "
        "Teksten er godkendt af bestyrelsen 30. november 2026."
    )
    assert status.version_label() == "Version 2026.1"
    assert status.small_print().startswith(f"Versions-id {board_saw} · commit ")
    cover = words(render_cover(plan, context))
    assert "Teksten er godkendt af bestyrelsen 30. november 2026" in cover and "Version 2026.1" in cover
    assert footer_status(context, plan) == f"Version 2026.1 · id {board_saw}"
    # Later commits that do not touch the content (code, another body's approval) stay approved.
    register(repo, entry(board_saw), entry("v2026.1", "byraadet", "2026-12-10"))
    check_register(repo, load_plan(repo / "data"))
    commit_all(repo, "Registrér byrådets godkendelse", date="2026-12-11T10:00:00")
    _, _, status = status_at(repo)
    assert status.is_approved and status.review.sentence() == (
        "Teksten er godkendt af bestyrelsen 30. november 2026 og byrådet 10. december 2026"
    )


def test_change_merged_between_the_board_pdf_and_the_registration_is_refused(repo):
    board_saw = contentid.of_tree(repo)
    edit(repo / "data" / "oekonomi" / "budget.yaml", "uddannelse-og-livschancer: 450000",
         "uddannelse-og-livschancer: 400000")
    commit_all(repo, "Budgettet skæres med 50.000 kr. (#31)", date="2026-11-25T10:00:00")
    register(repo, entry(board_saw))
    with pytest.raises(PlanError) as info:
        check_register(repo, load_plan(repo / "data"))
    message = info.value.format()
    assert f"Bestyrelsen fik version «{board_saw}», men planen er ændret siden" in message
    assert "Budget: Det samlede budget er ændret" in message
    assert "godkendelser.yaml, linje" in message and "Registrér kun den version, organet fik" in message
    # The register cannot make it "godkendt" either: the content is not what the board saw.
    _, _, status = status_at(repo)
    assert not status.is_approved and status.review.state == approvals.CHANGED


def test_typos_in_the_register_get_mente_du(repo, monkeypatch):
    # The story runs into December 2026: the register may record approvals up to then.
    monkeypatch.setenv("PLAN_TODAY", "2027-01-15")
    board_saw = contentid.of_tree(repo)
    typo = board_saw[:-1] + ("0" if board_saw[-1] != "0" else "1")
    register(repo, entry(typo))
    with pytest.raises(PlanError) as info:
        check_register(repo, load_plan(repo / "data"))
    assert f"Versionen «{typo}» findes ikke i planens historik" in str(info.value)
    assert f"Mente du «{board_saw}»?" in str(info.value)

    register(repo, entry(board_saw))
    commit_all(repo, "Registrér godkendelsen")
    git(repo, "tag", "v2026.1")
    register(repo, entry(board_saw), entry("v2026-1", "byraadet", "2026-12-10"))
    with pytest.raises(PlanError) as info:
        check_register(repo, load_plan(repo / "data"))
    assert "Versionen «v2026-1» findes ikke" in str(info.value) and "Mente du «v2026.1»?" in str(info.value)


def test_later_change_gives_corrected_since_and_text_changes_in_the_change_log(repo):
    board_saw = contentid.of_tree(repo)
    register(repo, entry(board_saw))
    commit_all(repo, "Registrér bestyrelsens godkendelse (#30)", date="2026-11-30T12:00:00")
    edit(repo / "docs" / "om-planen.md", "en fireårig plan for sociale indsatser", "en fireårig plan for boligsociale indsatser")
    commit_all(repo, "Ret ordvalg i Om planen (#32)", date="2026-12-01T09:00:00")
    edit(repo / "docs" / "om-planen.md", "## Historien", "## Planens historie")
    commit_all(repo, "Ny overskrift (#33)", date="2026-12-02T09:00:00")

    plan, context, status = status_at(repo, dt.date(2026, 12, 3))
    assert status.review.state == approvals.CHANGED and status.review.corrections == 2
    assert status.line() == (
        "Planen er godkendt af Landsbyggefonden og gælder fra 1. oktober 2025. "
        "Teksten er rettet siden bestyrelsens godkendelse 30. november 2026."
    )
    assert status.version_label() == "Version 2026.1 + 2 rettelser (2. december 2026)"
    assert footer_status(context, plan).startswith("Version 2026.1 + 2 rettelser (2. december 2026) · id ")
    blocks = changelog.blocks(plan, context)
    box = words(blocks["godkendelsesstatus"]())
    assert "Seneste godkendte version er version 2026.1, godkendt af bestyrelsen 30. november 2026." in box
    listed = blocks["aendringer"]("https://github.com/org/plan")
    assert "pull/32" in listed and "pull/33" in listed and "pull/30" not in listed
    changes = blocks["planaendringer"]()
    assert "Sammenligner version 2026.1 med denne udgave" in changes
    assert "<del>" in changes and "<ins>" in changes
    assert '<ins><span class="plan-sr">[indsat: </span>boligsociale' in changes
    assert "Under «Hvad er en boligsocial helhedsplan?», ændret afsnit:" in changes
    assert "overskrift ændret: <del>" in changes
    # An uncommitted edit counts as one more, dated today.
    edit(repo / "docs" / "om-planen.md", "Kommunen og", "Kommunen samt")
    _, _, status = status_at(repo, dt.date(2026, 12, 3))
    assert status.version_label() == "Version 2026.1 + 3 rettelser (3. december 2026)"


def test_never_approved_is_a_proposal_dated_by_its_last_change(repo):
    plan, context, status = status_at(repo)
    assert status.review.state == approvals.NEVER
    assert status.version_label() == "Forslag til godkendelse, 20. november 2026"
    cover = words(render_cover(plan, context))
    assert f"Ved godkendelse: skriv versions-id {status.review.content_id} i referatet" in cover
    assert "Teksten er et forslag og er endnu ikke godkendt" in cover
    # The ids are small print, never the headline.
    assert status.review.content_id not in status.version_label() and git_info(repo).short not in status.version_label()


def test_outside_git_an_approved_content_is_still_recognised(repo, tmp_path):
    board_saw = contentid.of_tree(repo)
    register(repo, entry(board_saw))
    copy = tmp_path / "zip"
    shutil.copytree(repo / "data", copy / "data")
    shutil.copytree(repo / "docs", copy / "docs")
    plan = load_plan(copy / "data")
    status = approvals.status_for(plan, BuildContext(TODAY, None))
    assert status.is_approved and status.version_label() == "Version 2026.1"
    edit(copy / "docs" / "om-planen.md", "fireårig", "femårig")
    status = approvals.status_for(plan, BuildContext(TODAY, None))
    assert status.review.state == approvals.UNKNOWN
    assert "bygget uden for git" in status.line()
    assert "uden for git" in changelog.blocks(plan, BuildContext(TODAY, None))["aendringer"]("")


# --- wording for each state (pure) -------------------------------------------------------------


def test_wording_for_each_state():
    plan = load_plan(ROOT / "data")
    facts = plan.facts
    register_ = ApprovalRegister((Approval("3f9a1c07b2", "bestyrelsen", dt.date(2026, 11, 30), "Referat"),))
    version = approved_versions(register_, plan.parties)[0]
    legal = approvals.LegalStatus.of(facts, TODAY)

    def line(review):
        return approvals.ApprovalStatus(legal, review).line()

    assert line(approvals.ReviewStatus(approvals.NEVER, "3f9a1c07b2")) == (
        "Planen er godkendt af Landsbyggefonden og gælder fra 1. oktober 2025. "
        "Teksten er et forslag og er endnu ikke godkendt af planens bestyrelse."
    )
    assert line(approvals.ReviewStatus(approvals.APPROVED, "3f9a1c07b2", version)).endswith(
        "Teksten er godkendt af bestyrelsen 30. november 2026."
    )
    changed = approvals.ReviewStatus(approvals.CHANGED, "aaaaaaaaaa", version, "c" * 40, 1, dt.date(2026, 12, 1))
    assert line(changed).endswith("Teksten er rettet siden bestyrelsens godkendelse 30. november 2026.")
    assert changed.version_label() == "Version 2026.1 + 1 rettelse (1. december 2026)"
    assert approvals.ReviewStatus(approvals.NEVER, "x", changed_on=dt.date(2026, 12, 1)).version_label() == (
        "Forslag til godkendelse, 1. december 2026"
    )
    # Not yet approved by LBF: clearly a draft, whatever the text's status.
    draft_facts = dataclasses.replace(facts, lbf_approval=None, effective=None)
    draft = approvals.ApprovalStatus(approvals.LegalStatus.of(draft_facts, TODAY), changed)
    assert draft.line().startswith("Udkast: Planen er endnu ikke godkendt af Landsbyggefonden.")
    assert draft.state == "udkast"
    # Before it takes effect, and after the period.
    assert approvals.LegalStatus.of(facts, dt.date(2025, 5, 1)).sentence() == (
        "Planen er godkendt af Landsbyggefonden og gælder fra 1. oktober 2025."
    )
    assert approvals.LegalStatus.of(facts, dt.date(2030, 1, 1)).sentence() == (
        "Planen var godkendt af Landsbyggefonden og gjaldt fra 1. oktober 2025 til 30. september 2029."
    )
    # Short enough for a 375 px phone: two lines of about 45 characters.
    short = f"{legal.short()} {changed.short()}"
    assert short == "Planen gælder fra 1. oktober 2025. Teksten er rettet siden godkendelsen 30. november 2026"
    assert len(short) <= 95


def test_bodies_in_sentences():
    assert wording.genitive(wording.body_in_sentence("Bestyrelsen", "organ")) == "bestyrelsens"
    assert wording.genitive(wording.body_in_sentence("Byrådet", "politisk")) == "byrådets"
    assert wording.genitive(wording.body_in_sentence("TPL-udvalget", "politisk")) == "TPL-udvalgets"
    assert wording.genitive(wording.body_in_sentence("LBF", "fond")) == "LBF's"


def test_versions_are_numbered_by_year_in_the_order_approved():
    plan = load_plan(ROOT / "data")
    register_ = ApprovalRegister((
        Approval("bbbbbbbbbb", "bestyrelsen", dt.date(2026, 6, 1), "r"),
        Approval("aaaaaaaaaa", "bestyrelsen", dt.date(2026, 3, 2), "r"),
        Approval("v2026.1", "byraadet", dt.date(2026, 3, 20), "r"),
        Approval("cccccccccc", "bestyrelsen", dt.date(2027, 2, 1), "r"),
    ))
    versions = approved_versions(register_, plan.parties)
    assert [(v.name, v.content_id, len(v.endorsements)) for v in versions] == [
        ("2026.1", "aaaaaaaaaa", 2), ("2026.2", "bbbbbbbbbb", 1), ("2027.1", "cccccccccc", 1)
    ]
    assert versions[0].tag == "v2026.1"


# --- the register file ------------------------------------------------------------------------


def test_shipped_register_is_honest():
    plan = load_plan(ROOT / "data")
    # No version of this repository has been approved; the LBF approval of the
    # application (a document outside the repository) is kept, with its source.
    assert plan.approvals.approvals == ()
    assert [(e.body_id, e.date) for e in plan.approvals.earlier] == [("lbf", dt.date(2025, 3, 31))]


@pytest.mark.parametrize(
    "entries, expected",
    [
        (entry("3f9a1c07b2", body="bestyrelse"), "Ukendt organ «bestyrelse»"),
        (entry("abc123 def"), "har ikke den rigtige form"),
        (entry("3f9a1c07b2", day="27-01-2025"), "skal være en dato"),
        (entry("3f9a1c07b2") + entry("3f9a1c07b2"), "allerede registreret"),
        (entry("3f9a1c07b2").replace("    reference: Referat af bestyrelsesmøde 2026-11-30, punkt 3\n", ""),
         "Feltet «reference» mangler"),
    ],
)
def test_bad_register_entries_give_danish_messages_with_line(tmp_path, entries, expected):
    (tmp_path / "data").mkdir()
    shutil.copytree(ROOT / "data", tmp_path / "data", dirs_exist_ok=True)
    register(tmp_path, entries)
    with pytest.raises(PlanError) as info:
        load_plan(tmp_path / "data")
    message = str(info.value)
    assert expected in message and "godkendelser.yaml, linje" in message


def test_decision_reference_is_checked_when_the_decision_log_exists(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    register(tmp_path, entry("3f9a1c07b2") + "    beslutning: bestyrelsen-godkender-plan\n")
    with pytest.raises(PlanError) as info:
        load_plan(tmp_path / "data")
    assert "Ukendt beslutning «bestyrelsen-godkender-plan»" in str(info.value)


def test_merged_pull_requests_are_listed_by_number(tmp_path):
    repo = init_repo(tmp_path / "plan")
    (repo / "a.txt").write_text("a")
    commit_all(repo, "Start")
    git(repo, "checkout", "--quiet", "-b", "forslag")
    (repo / "b.txt").write_text("b")
    commit_all(repo, "Arbejdscommit, der ikke skal vises")
    git(repo, "checkout", "--quiet", "main")
    git(repo, "merge", "--no-ff", "--quiet", "forslag", "-m",
        "Merge pull request #12 from slagelse-kommune/forslag\n\nOpdatér milepælen for workshoppen")
    (repo / "c.txt").write_text("c")
    commit_all(repo, "Ret stavefejl i organiseringen (#13)")
    found = gitrepo.commits(repo)
    git(repo, "commit", "--quiet", "--allow-empty", "-m", f"Merge {'a' * 40} into {'b' * 40}")
    assert gitrepo.commits(repo)[0].title == "Ændringsforslaget, der er ved at blive kontrolleret"
    assert [(c.title, c.pull_request) for c in found] == [
        ("Ret stavefejl i organiseringen", 13),
        ("Opdatér milepælen for workshoppen", 12),
        ("Start", None),
    ]


def test_unknown_page_owner_names_file_and_line(tmp_path):
    from macros.chapters.pagefacts import page_owner

    plan = load_plan(ROOT / "data")
    page = tmp_path / "side.md"
    page.write_text("---\ntitle: Side\nejer: bestyrelse\n---\n\n# Side\n", encoding="utf-8")
    with pytest.raises(PlanError) as info:
        page_owner({"ejer": "bestyrelse"}, plan.parties, page)
    message = str(info.value)
    assert "side.md, linje 3" in message and "Mente du «bestyrelsen»" in message
    assert page_owner({"ejer": "bestyrelsen"}, plan.parties, page).short_name == "Bestyrelsen"
    assert page_owner({}, plan.parties, page) is None


def test_page_facts_show_no_date_without_a_commit():
    from macros.chapters.pagefacts import last_changed, render_page_facts

    plan = load_plan(ROOT / "data")
    # The date plugin falls back to the build date without a commit; that date is not shown.
    assert last_changed({"git_revision_date_localized_raw_iso_date": "2026-01-15",
                         "git_revision_date_localized_hash": ""}) is None
    changed = last_changed({"git_revision_date_localized_raw_iso_date": "2025-10-23",
                            "git_revision_date_localized_hash": "abc"})
    html = render_page_facts(plan.parties["bestyrelsen"], changed)
    text = " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
    assert "Ansvarlig for siden: Bestyrelsen for den boligsociale helhedsplan" in text
    assert "Senest ændret: 23. oktober 2025" in text
    assert render_page_facts(None, None) == ""


def test_an_emptied_decision_log_is_reported_in_that_file_not_in_the_register(tmp_path):
    """The register reads the decisions' ids before the log is loaded: an emptied log is
    the log's own error, not an unknown decision in godkendelser.yaml."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "beslutninger.yaml").write_text("# tom\n", encoding="utf-8")
    with pytest.raises(PlanError) as info:
        load_plan(data, cache=False)
    message = str(info.value)
    assert "beslutninger.yaml: Filen er tom" in message
    assert "godkendelser.yaml" not in message and "Brug en af disse værdier" not in message
