"""Render functions: pure, data in, HTML out."""

import dataclasses
import datetime as dt

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from macros.chapters.keyfacts import render_key_facts
from macros.core.context import BuildContext
from macros.core.errors import PlanError
from macros.pdf.cover import render_cover
from macros.pdf.document import check_no_network, prepare
from macros.plan import load_plan
from macros.registry import building_blocks, checked


@pytest.fixture(scope="module")
def plan():
    return load_plan(ROOT / "data")


def test_key_facts_show_danish_dates_and_areas(plan):
    html = render_key_facts(plan)
    text = BeautifulSoup(html, "html.parser").get_text(" ")
    assert "31. marts 2025" in text and "1. oktober 2025" in text
    assert "Ringparken/Schackenborgvænge (Slagelse)" in text and "Motalavej (Korsør)" in text
    assert "Kilde" in text


def test_key_facts_escape_data(plan):
    facts = dataclasses.replace(plan.facts, title="<script>alert(1)</script>")
    html = render_key_facts(dataclasses.replace(plan, facts=facts))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_cover_shows_draft_status_and_version(plan):
    html = render_cover(plan, BuildContext(dt.date(2025, 1, 27), None))
    text = BeautifulSoup(html, "html.parser").get_text(" ")
    assert "En fælles indsats" in text and "27. januar 2025" in text
    assert "Forslag til godkendelse" in text and "Versions-id" in text
    assert "Planen er godkendt af Landsbyggefonden og gælder fra 1. oktober 2025." in text
    assert "None" not in text


def test_blocks_are_registered_and_check_arguments(plan):
    blocks = building_blocks(plan, BuildContext(dt.date(2025, 1, 1), None))
    assert "noegletal" in blocks
    block = checked("noegletal", blocks["noegletal"])
    assert "plan-keyfacts" in block()
    with pytest.raises(PlanError) as info:
        block("for mange")
    assert "forkerte argumenter" in str(info.value) and "{{ noegletal() }}" in info.value.fix


def test_pdf_preparation_sets_language_metadata_and_cover(plan):
    soup = BeautifulSoup(
        '<html><head><link rel="stylesheet" href="x.css"><script src="a.js"></script></head>'
        "<body><article><h1>Kapitel</h1></article></body></html>",
        "html.parser",
    )
    prepared = prepare(soup, plan, BuildContext(dt.date(2025, 1, 27), None), ROOT / "docs")
    assert prepared.html["lang"] == "da"
    assert prepared.find("link") is None and prepared.find("script") is None
    assert prepared.title.string.startswith("En fælles indsats")
    assert prepared.find("meta", attrs={"name": "author"})["content"]
    assert prepared.body.find("article")["id"] == "plan-cover"
    # The font is inlined with a file URI, never fetched over the network.
    assert "file://" in prepared.find("style").string


@pytest.mark.parametrize(
    "snippet",
    [
        '<img src="https://example.com/logo.png">',
        '<img src="//cdn.example.com/logo.png">',
        '<style>@font-face { src: url("https://fonts.example.com/a.woff2") }</style>',
    ],
)
def test_pdf_refuses_network_resources(snippet):
    soup = BeautifulSoup(f"<html><head></head><body>{snippet}</body></html>", "html.parser")
    with pytest.raises(PlanError) as info:
        check_no_network(soup)
    assert "anden server" in str(info.value)


def test_pdf_allows_plain_links():
    soup = BeautifulSoup('<html><body><a href="https://lbf.dk">LBF</a></body></html>', "html.parser")
    check_no_network(soup)


def test_example_data_badge_is_text_not_colour():
    from macros.core.html import EXAMPLE_DATA_LABEL, example_data_badge

    html = example_data_badge("Tallene er opdigtede <b>")
    text = BeautifulSoup(html, "html.parser").get_text(" ")
    assert EXAMPLE_DATA_LABEL in text and "<b>" in text  # escaped, shown as text
