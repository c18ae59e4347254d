"""The teacher guide's dashboard demos as steps a test can replay: in the kernel (fast) and by clicks in Chromium.

Each demo of ``docs/teacher_guide.md`` ("Five demos" and the misconception demos) is a list of steps, the
clicks a lecturer makes, defined once in the product (:mod:`simulator.widgets.demos`, which the slide deck of
``python -m simulator deck`` also replays) and imported here. The guide quotes what the screen shows after
them on a line ``**On screen:** a · b · c`` (each item a number or a short text of the page).
``tests/test_guide_demos.py`` replays every demo on a :class:`~simulator.widgets.LectureDashboard` in the
kernel and checks that every quoted item is on the page it builds; ``tests/test_browser_guide.py`` replays the
same clicks in Chromium at 1920x1080 in projector style, checks the quoted items on the real page, that nothing
is cut off or below the screen, and saves a screenshot per step. Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from simulator.widgets.demos import DEMOS, START, guide_section, replay

__all__ = ["DEMOS", "GUIDE", "START", "normalise", "page_text", "quoted", "replay"]

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "teacher_guide.md"


def quoted(demo: str) -> list[str]:
    """Return the items the guide quotes as on screen for ``demo`` (its ``**On screen:**`` lines, in order)."""
    body = guide_section(GUIDE.read_text(encoding="utf-8"), demo)
    items = []
    for line in re.findall(r"\*\*On screen:\*\*(.*)$", body, re.M):
        items += [item.strip().strip("`") for item in line.split(" · ") if item.strip()]
    return items


def page_text(dashboard) -> str:
    """Return what the dashboard's page says in words: summary, table, notes, prediction and pin labels."""
    parts = [dashboard.summary_text, dashboard.table.value, dashboard.message.value, *dashboard.figure.pin_labels]
    if dashboard.prediction is not None:
        parts.append(dashboard.prediction.prediction.reveal.value)
    return normalise(" ".join(parts))


def normalise(text: str) -> str:
    """Return ``text`` without tags, entities unescaped, whitespace collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text))).strip()
