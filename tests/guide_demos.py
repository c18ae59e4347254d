"""The teacher guide's dashboard demos as steps a test can replay: in the kernel (fast) and by clicks in Chromium.

Each demo of ``docs/teacher_guide.md`` ("Five demos" and the misconception demos) is a list of steps, the
clicks a lecturer makes. The guide quotes what the screen shows after them on a line ``**On screen:** a · b · c``
(each item a number or a short text of the page). ``tests/test_guide_demos.py`` replays every demo on a
:class:`~simulator.widgets.LectureDashboard` in the kernel and checks that every quoted item is on the page it
builds; ``tests/test_browser_guide.py`` replays the same clicks in Chromium at 1920x1080 in projector style,
checks the quoted items on the real page, that nothing is cut off or below the screen, and saves a screenshot
per step. Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "teacher_guide.md"

#: Steps: ("reset",), ("clear",), ("pin",), ("preset", label), ("slider", description, value),
#: ("toggle", description), ("button", description), ("predict", quantity name, value).
DEMOS = {
    "1. One infusion against a conventional antidepressant": [
        ("preset", "Standard infusion (0.5 mg/kg over 40 min)"),
        ("toggle", "Class predicts first"),
        ("predict", "cmax_ng_per_ml", 150.0),
        ("button", "Commit prediction"),
    ],
    "2. A course of sessions, and why spacing matters": [
        ("preset", "Six infusions over 12 days"),
        ("pin",),
        ("slider", "days between sessions", 7.0),
        ("pin",),
        ("slider", "days between sessions", 14.0),
    ],
    "3. Esketamine nasal spray": [
        ("preset", "Esketamine nasal spray, the label's course"),
    ],
    "4. Racemic against S-ketamine": [
        ("toggle", "Class predicts first"),
        ("preset", "Racemic 0.5 mg/kg vs esketamine 0.25 mg/kg (half)"),
        ("predict", "peak_block_pct", 45.0),
        ("button", "Commit prediction"),
    ],
    "5. Variability across patients": [
        ("preset", "A poor metaboliser (vs a typical patient)"),
        ("toggle", "Population band"),
        ("button", "Draw another patient"),
    ],
    "More block is more benefit": [
        ("preset", "Standard infusion (0.5 mg/kg over 40 min)"),
        ("pin",),
        ("preset", "Anaesthetic induction (2 mg/kg IV)"),
    ],
    "The drug must still be in the body to work": [
        ("preset", "Analgesic dose (0.15 mg/kg IV)"),
        ("preset", "Standard infusion (0.5 mg/kg over 40 min)"),
    ],
}

#: Before every demo: the dashboard as a lecturer finds it (no pins, no prediction, no band, controls reset).
START = [("reset",), ("clear",)]


def quoted(demo: str) -> list[str]:
    """Return the items the guide quotes as on screen for ``demo`` (its ``**On screen:**`` lines, in order)."""
    text = GUIDE.read_text(encoding="utf-8")
    heading = re.search(rf"^#+ .*{re.escape(demo)}.*$", text, re.M)
    if heading is None:
        raise ValueError(f"the guide has no heading for demo {demo!r}")
    body = text[heading.end() :]
    following = re.search(r"^#+ ", body, re.M)
    body = body[: following.start()] if following else body
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


def replay(dashboard, steps) -> None:
    """Carry out ``steps`` on a dashboard in the kernel, as the clicks would."""
    import ipywidgets as widgets

    buttons = {
        "Class predicts first": dashboard.predict_first,
        "Population band": dashboard.band,
        "Draw another patient": dashboard.another,
    }
    for step in steps:
        kind, *args = step
        if kind == "reset":
            if dashboard.prediction is not None:
                dashboard.predict(False)
            dashboard.band.value = False
            dashboard.reset()
        elif kind == "clear":
            dashboard.clear_pins()
        elif kind == "pin":
            dashboard.pin()
        elif kind == "preset":
            dashboard.preset.value = args[0]
        elif kind == "slider":
            control = next(c for c in dashboard.controls.values() if c.description.startswith(args[0]))
            control.value = args[1]
        elif kind == "toggle":
            buttons[args[0]].value = not buttons[args[0]].value
        elif kind == "button":
            if args[0] == "Commit prediction":
                dashboard.prediction.prediction._clicked()
            else:
                button = buttons[args[0]]
                assert isinstance(button, widgets.Button)
                button.click()
        elif kind == "predict":
            panel = dashboard.prediction
            if panel.chooser.value != args[0]:
                panel.chooser.value = args[0]
            panel.prediction.control.value = args[1]
        else:
            raise ValueError(f"unknown step {step!r}")
