import datetime as dt

import pytest
from conftest import ROOT

from macros.core.errors import PlanError
from macros.plan import load_plan


def test_shipped_data_is_valid():
    plan = load_plan(ROOT / "data")
    assert plan.facts.title == "En fælles indsats"
    assert plan.facts.lbf_approval.date == dt.date(2025, 3, 31)
    assert plan.facts.effective.date == dt.date(2025, 10, 1)
    assert [a.name for a in plan.plan_areas] == ["Ringparken/Schackenborgvænge", "Motalavej", "Sydbyen"]


def test_plan_is_loaded_once_until_data_changes(data_copy):
    first = load_plan(data_copy)
    assert load_plan(data_copy) is first
    (data_copy / "plan.yaml").write_text(
        (data_copy / "plan.yaml").read_text(encoding="utf-8").replace("En fælles indsats", "Ny titel"),
        encoding="utf-8",
    )
    assert load_plan(data_copy).facts.title == "Ny titel"


def test_unknown_area_names_file_line_and_nearest_id(data_copy):
    path = data_copy / "plan.yaml"
    text = path.read_text(encoding="utf-8").replace("  - motalavej\n", "  - motalvej\n")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  - motalvej") + 1
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    message = str(info.value)
    assert f"plan.yaml, linje {line}" in message
    assert "Ukendt boligområde «motalvej»" in message
    assert "Mente du «motalavej»" in message


def test_duplicate_area_id(data_copy):
    path = data_copy / "boligomraader.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: sydbyen", "id: motalavej"), encoding="utf-8")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    assert "«motalavej» findes allerede" in str(info.value)


def test_period_end_before_start(data_copy):
    path = data_copy / "plan.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("slut: 2029-09-30", "slut: 2024-09-30"), encoding="utf-8")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    assert "slutdato ligger før" in str(info.value)


def test_unknown_source_reference(data_copy):
    path = data_copy / "plan.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("kilde: referat-17-4", "kilde: referatet-17-4", 1), encoding="utf-8")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    assert "Ukendt kilde" in str(info.value)


def test_missing_file(data_copy):
    (data_copy / "parter.yaml").unlink()
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    assert "parter.yaml" in str(info.value) and "findes ikke" in str(info.value)


def test_site_name_agrees_with_plan_title():
    import yaml

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    plan = load_plan(ROOT / "data")
    assert config["site_name"].startswith(plan.facts.title)
