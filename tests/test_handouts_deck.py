"""The slide deck of the teacher guide's demos (``python -m simulator deck``), read back and opened in Chromium.

Its own file, so that the suite's workers build the deck and the worksheets (tests/test_handouts.py) side by
side. The slides are counted against :data:`simulator.widgets.demos.DEMOS`, their notes against the guide's words,
their pictures measured from the PNG headers, and every slide at 1920x1080 in Chromium by keyboard. Teaching model:
illustrative, not for dosing.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from handout_support import PAGE_PROBLEMS, images, need_browser, png_size

from simulator import cli
from simulator.labels import DISCLAIMER
from simulator.widgets.demos import DEMOS, guide_section

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "notebooks" / "source").glob("*.md"))
GUIDE = (ROOT / "docs" / "teacher_guide.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    out = tmp_path_factory.mktemp("deck") / "deck.html"
    assert cli.main(["deck", "--out", str(out)]) == 0
    return out


@pytest.mark.slow
def test_the_deck_has_one_slide_per_step_with_notes_images_and_the_label(deck):
    page = deck.read_text()
    sections = re.findall(r"<section>(.*?)</section>", page, re.S)
    assert len(sections) == 2 + sum(len(steps) for steps in DEMOS.values())
    assert not re.findall(r'(?:src|href)="(?:https?:)?//', page)  # nothing from the network
    words = [html.unescape(re.sub(r"<[^>]+>", " ", s)) for s in sections]
    words = [" ".join(w.split()) for w in words]
    for name, steps in DEMOS.items():
        heading = re.search(rf"^#+ (.*{re.escape(name)}.*)$", GUIDE, re.M).group(1)
        on_screen = " ".join(
            re.sub(r"[*`]", "", re.search(r"\*\*On screen:\*\*(.*)$", guide_section(GUIDE, name), re.M).group(1)).split()
        )
        mine = [w for w in words if f" {heading} Step " in f" {w}"]
        assert len(mine) == len(steps), (name, len(mine))
        assert all(f"Step {i} of {len(steps)}" in w for i, w in enumerate(mine, start=1))
        assert all(on_screen in w for w in mine), name  # the guide's words for the demo are the notes
    for section in sections:
        assert section.count('class="teaching-label"') == 1 and html.escape(DISCLAIMER) in section
    for section in sections[1:-1]:
        (picture,) = images(section)
        assert len(picture.get("alt", "")) > 40 and re.search(r'<aside class="notes">.{200,}</aside>', section, re.S)
        width, height = png_size(picture["src"].removeprefix("data:image/png;base64,"))
        assert width <= 1920 and height <= 1080 and max(width / 1920, height / 1080) > 0.5
    assert "What this model cannot tell you" in sections[-1] and all(f"Notebook {p.stem[:2]}" in sections[-1] for p in SOURCES)


@pytest.mark.slow
def test_the_deck_fills_1920x1080_slides_by_keyboard_with_nothing_cut_off(deck):
    need_browser()
    from browser_support import opened

    with opened(deck.as_uri()) as (page, log):
        count = page.locator(".slides > section").count()
        assert count == 2 + sum(len(steps) for steps in DEMOS.values())
        for i in range(count):
            current = page.locator(".slides > section.present")
            assert current.count() == 1 and page.locator(".slides > section").nth(i).get_attribute("class") == "present"
            box = current.bounding_box()
            assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, 1920, 1080), (i, box)
            problems = current.evaluate(PAGE_PROBLEMS)
            assert not problems, (i, problems)
            page.keyboard.press("ArrowRight")
        assert page.evaluate("location.hash") == f"#/{count - 1}"  # the last key stays on the last slide
        page.keyboard.press("Home")
        assert page.evaluate("location.hash") == "#/0" and not page.locator("section.present aside.notes").is_visible()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("n")  # the speaker notes, on the presenter's screen
        assert page.locator("section.present aside.notes").is_visible()
        assert all(u.startswith(("file:", "data:")) for u in log["requests"]) and not log["errors"]
