"""The approvals register and the approved/draft status, on real git repositories."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from gitutil import commit_all, copy_data, edit, git, init_repo

from macros.approvals import register as approvals
from macros.core import gitrepo
from macros.core.context import BuildContext, git_info
from macros.core.errors import PlanError
from macros.pdf.cover import approval_status, render_cover
from macros.plan import load_plan
from macros.review import changelog

APPROVAL = """godkendte_versioner:
  - version: v1.0
    organ: bestyrelsen
    dato: 2025-01-27
    reference: Referat af bestyrelsesmøde 27. januar 2025, punkt 3
"""


def register_text(entries: str) -> str:
    return (ROOT / "data" / "godkendelser.yaml").read_text(encoding="utf-8").replace(
        "godkendte_versioner: []\n", entries
    )


@pytest.fixture
def approved_repo(tmp_path):
    """A repository whose second commit is tagged v1.0 and registered as approved."""
    repo = init_repo(tmp_path / "plan")
    data = copy_data(ROOT / "data", repo)
    commit_all(repo, "Første udkast", date="2025-01-10T10:00:00")
    (data / "godkendelser.yaml").write_text(register_text(APPROVAL), encoding="utf-8")
    approved = commit_all(repo, "Registrér bestyrelsens godkendelse", date="2025-01-28T10:00:00")
    git(repo, "tag", "-a", "v1.0", "-m", "Godkendt af bestyrelsen")
    return repo, approved


def status_at(repo):
    plan = load_plan(repo / "data")
    context = BuildContext(dt.date(2026, 1, 15), git_info(repo))
    return plan, context, approvals.status_for(plan, context)


def test_shipped_register_is_honest():
    plan = load_plan(ROOT / "data")
    # No version of this repository has been approved; the LBF approval of the
    # application (a document outside the repository) is kept, with its source.
    assert plan.approvals.approvals == ()
    assert [(e.body_id, e.date) for e in plan.approvals.earlier] == [("lbf", dt.date(2025, 3, 31))]


def test_approved_tag_is_shown_as_approved(approved_repo):
    repo, approved = approved_repo
    plan, context, status = status_at(repo)
    assert status.state == approvals.APPROVED and status.approved.commit == approved
    assert approval_status(context, plan) == "Godkendt af Bestyrelsen den 27. januar 2025 (version v1.0)"
    cover_html = BeautifulSoup(render_cover(plan, context), "html.parser")
    cover = cover_html.get_text(" ")
    assert "Godkendt af Bestyrelsen den 27. januar 2025 (version v1.0)" in cover and "UDKAST" not in cover
    assert "plan-cover__status--godkendt" in cover_html.select_one(".plan-cover__status")["class"]
    assert approvals.site_status(plan, context)["state"] == "godkendt"


def test_later_commit_is_a_draft_with_the_tag_as_base(approved_repo):
    repo, approved = approved_repo
    edit(repo / "data" / "plan.yaml", "Attraktive", "Trygge og attraktive")
    commit_all(repo, "Ny formulering af visionen (#21)", date="2025-02-03T10:00:00")
    commit_all(repo, "Opsætning uden ændringsforslag", date="2025-02-04T10:00:00")
    plan, context, status = status_at(repo)
    assert status.state == approvals.DRAFT
    assert status.base is not None and status.base.version == "v1.0"
    text = approval_status(context, plan)
    assert text.startswith("UDKAST – ikke godkendt (version v1.0-2-g")
    assert text.endswith("Ændringerne siden den godkendte version v1.0 står i kapitlet «Ændringslog».")
    assert approvals.base_text(status, plan.parties) == (
        "Seneste godkendte version er v1.0, godkendt af Bestyrelsen den 27. januar 2025."
    )
    # The change log lists exactly the commit after the approved version.
    html = changelog.blocks(plan, context)["aendringer"]("https://github.com/org/plan")
    assert "Ny formulering af visionen" in html and "pull/21" in html and "Registrér" not in html
    assert "3. februar 2025" in html and "siden version v1.0" in html
    assert "Opsætning" not in html and "Desuden er der 1 ændring lagt ind uden et ændringsforslag" in html


def test_local_changes_make_an_approved_commit_a_draft(approved_repo):
    repo, _ = approved_repo
    edit(repo / "data" / "plan.yaml", "Attraktive", "Trygge")
    plan, context, status = status_at(repo)
    assert status.state == approvals.DRAFT and status.dirty
    assert "med lokale ændringer" in approval_status(context, plan)


def test_several_bodies_approving_one_version(approved_repo, tmp_path):
    repo, _ = approved_repo
    git(repo, "tag", "-d", "v1.0")
    entries = APPROVAL + """  - version: v1.0
    organ: byraadet
    dato: 2025-02-26
    reference: Byrådets møde 26. februar 2025, punkt 12
"""
    (repo / "data" / "godkendelser.yaml").write_text(register_text(entries), encoding="utf-8")
    commit_all(repo, "Registrér byrådets godkendelse")
    git(repo, "tag", "v1.0")
    plan, context, status = status_at(repo)
    assert approval_status(context, plan) == (
        "Godkendt af Bestyrelsen den 27. januar 2025 og Byrådet den 26. februar 2025 (version v1.0)"
    )


def test_registered_tag_not_yet_created_is_reported(tmp_path):
    repo = init_repo(tmp_path / "plan")
    data = copy_data(ROOT / "data", repo)
    (data / "godkendelser.yaml").write_text(register_text(APPROVAL), encoding="utf-8")
    commit_all(repo, "Registrér godkendelse, før tagget findes")
    plan, context, status = status_at(repo)
    assert status.state == approvals.DRAFT and status.missing == ("v1.0",) and status.base is None
    box = changelog.render_status_box(status, plan.parties)
    assert "v1.0" in box and "ikke findes" in box


def test_outside_git_the_status_says_so(tmp_path):
    data = copy_data(ROOT / "data", tmp_path)
    plan = load_plan(data)
    context = BuildContext(dt.date(2026, 1, 15), None)
    assert approval_status(context, plan) == (
        "UDKAST – ikke godkendt (bygget uden for git, versionen kan ikke fastslås)"
    )
    html = changelog.blocks(plan, context)["aendringer"]("")
    assert "uden for git" in html


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


@pytest.mark.parametrize(
    "entries, expected",
    [
        (APPROVAL.replace("organ: bestyrelsen", "organ: bestyrelse"), "Ukendt organ «bestyrelse»"),
        (APPROVAL.replace("version: v1.0", "version: abc123 def"), "har ikke den rigtige form"),
        (APPROVAL.replace("dato: 2025-01-27", "dato: 27-01-2025"), "skal være en dato"),
        (APPROVAL + APPROVAL.replace("godkendte_versioner:\n", ""), "allerede registreret"),
        (APPROVAL.replace("    reference: Referat af bestyrelsesmøde 27. januar 2025, punkt 3\n", ""),
         "Feltet «reference» mangler"),
    ],
)
def test_bad_register_entries_give_danish_messages_with_line(data_copy, entries, expected):
    path = data_copy / "godkendelser.yaml"
    path.write_text(register_text(entries), encoding="utf-8")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    message = str(info.value)
    assert expected in message and "godkendelser.yaml, linje" in message


def test_decision_reference_is_checked_when_the_decision_log_exists(data_copy):
    path = data_copy / "godkendelser.yaml"
    path.write_text(register_text(APPROVAL + "    beslutning: bestyrelsen-godkender-plan\n"), encoding="utf-8")
    if not (data_copy / "beslutninger.yaml").exists():
        (data_copy / "beslutninger.yaml").write_text("- id: bestyrelsen-godkender-planen\n", encoding="utf-8")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    assert "Ukendt beslutning «bestyrelsen-godkender-plan»" in str(info.value)


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
