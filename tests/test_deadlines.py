"""Fuzzy deadlines: every form parses to the right window and reads as proper Danish."""

import datetime as dt

import pytest

from macros.milestones.deadlines import DeadlineError, parse_completion, parse_deadline

D = dt.date


@pytest.mark.parametrize(
    "value, label, start, end",
    [
        (D(2024, 3, 13), "13. marts 2024", D(2024, 3, 13), D(2024, 3, 13)),
        ("2024-03-13", "13. marts 2024", D(2024, 3, 13), D(2024, 3, 13)),
        ("2024-05", "maj 2024", D(2024, 5, 1), D(2024, 5, 31)),
        ("primo 2024-03", "primo marts 2024", D(2024, 3, 1), D(2024, 3, 10)),
        ("medio 2024-03", "medio marts 2024", D(2024, 3, 11), D(2024, 3, 20)),
        ("ultimo 2024-02", "ultimo februar 2024", D(2024, 2, 21), D(2024, 2, 29)),
        ("Ultimo  2029-09", "ultimo september 2029", D(2029, 9, 21), D(2029, 9, 30)),
        ("2024-08 til 2024-12", "august–december 2024", D(2024, 8, 1), D(2024, 12, 31)),
        ("2024-11 til 2025-01", "november 2024–januar 2025", D(2024, 11, 1), D(2025, 1, 31)),
        ("2024-03-13 til 2024-03-20", "13.–20. marts 2024", D(2024, 3, 13), D(2024, 3, 20)),
        ("2024-03-13 til 2024-04-02", "13. marts–2. april 2024", D(2024, 3, 13), D(2024, 4, 2)),
        ("2024-06 til 2024-07-15", "juni–15. juli 2024", D(2024, 6, 1), D(2024, 7, 15)),
    ],
)
def test_fixed_forms(value, label, start, end):
    deadline = parse_deadline(value)
    assert deadline.is_fixed
    assert deadline.label() == label
    assert (deadline.start, deadline.end) == (start, end)


@pytest.mark.parametrize(
    "value, label",
    [
        ("afventer", "Afventer dato"),
        ("Afventer", "Afventer dato"),
        ("afventer 2025", "Afventer dato (forventet 2025)"),
        ("afventer, aftales med Slagelse Kommune", "Afventer dato – aftales med Slagelse Kommune"),
        ("afventer 2026, efter valget", "Afventer dato (forventet 2026) – efter valget"),
    ],
)
def test_pending_forms(value, label):
    deadline = parse_deadline(value)
    assert not deadline.is_fixed
    assert deadline.start is None and deadline.end is None
    assert deadline.label() == label


@pytest.mark.parametrize(
    "value, problem, fix",
    [
        ("2024-13", "måneden skal være 1–12", "Ret måneden"),
        ("2024-02-30", "der er 29 dage i februar 2024", "Ret dagen"),
        ("2023-02-29 til 2023-03", "der er 28 dage i februar 2023", "Ret dagen"),
        ("2024-12 til 2024-08", "slutter (2024-08) før, den starter (2024-12)", "2024-08 til 2024-12"),
        ("2024-08 til 2024-08", "overlapper", "Skriv kun den ene ende"),
        ("primo 2024-03-05", "primo bruges om en måned", "primo 2024-03"),
        ("snart", "har ikke en form", "2024-03-13 (en dag)"),
    ],
)
def test_impossible_deadlines_explain_themselves(value, problem, fix):
    with pytest.raises(DeadlineError) as info:
        parse_deadline(value)
    assert problem in info.value.problem
    assert fix in info.value.fix


@pytest.mark.parametrize(
    "prose, suggestion",
    [
        ("primo marts 2024", "primo 2024-03"),
        ("Maj 2024", "2024-05"),
        ("13. marts 2024", "2024-03-13"),
        ("August – december 2024", "2024-08 til 2024-12"),
        ("November/december 2024", "2024-11 til 2024-12"),
    ],
)
def test_deadlines_written_as_prose_get_the_yaml_form_suggested(prose, suggestion):
    with pytest.raises(DeadlineError) as info:
        parse_deadline(prose)
    assert f"Mente du «{suggestion}»?" in info.value.fix


def test_completion_forms():
    assert parse_completion(D(2025, 3, 31)).label() == "31. marts 2025"
    assert parse_completion("2024-03").label() == "marts 2024"
    unknown = parse_completion("ukendt")
    assert unknown.point is None and unknown.label() == "dato ukendt" and unknown.date is None
    with pytest.raises(DeadlineError) as info:
        parse_completion("i går")
    assert "ukendt" in info.value.fix


@pytest.mark.parametrize("typed", ["20/3 2024", "20.3.2024", "20-03-2024"])
def test_a_deadline_or_completion_typed_day_first_gets_the_iso_form(typed):
    with pytest.raises(DeadlineError) as deadline:
        parse_deadline(typed)
    assert "Mente du «2024-03-20»?" in deadline.value.fix
    with pytest.raises(DeadlineError) as completion:
        parse_completion(typed)
    assert "Mente du «2024-03-20»?" in completion.value.fix
