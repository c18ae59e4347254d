"""The teacher guide's dashboard demos as steps: the clicks a lecturer makes, applied to a LectureDashboard.

Teaching model: illustrative, not for dosing.

Each demo of ``docs/teacher_guide.md`` ("Five demos" and the misconception demos) is a list of steps in
:data:`DEMOS`; :data:`START` puts the dashboard as a lecturer finds it before each. :func:`apply_step` carries out
one step in the kernel as the click would. One definition serves the slide deck
(:func:`simulator.handouts.deck`, one slide per step), the kernel replay (``tests/test_guide_demos.py``) and the
clicks in Chromium (``tests/test_browser_guide.py``). :func:`guide_section` reads a demo's words from the guide.
"""

from __future__ import annotations

import re

__all__ = ["DEMOS", "START", "STEP_KINDS", "apply_step", "guide_section", "replay", "step_text"]

#: Steps: ("reset",), ("clear",), ("pin",), ("preset", label), ("slider", description, value),
#: ("toggle", description), ("button", description), ("predict", quantity name, value).
STEP_KINDS = ("reset", "clear", "pin", "preset", "slider", "toggle", "button", "predict")

#: The guide's demos (the name is a part of the demo's heading in the guide) -> their steps.
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


def step_text(step) -> str:
    """Return a step in words, as a slide's title says it ("Choose the preset ...", "Press Pin curve")."""
    kind, *args = _checked(step)
    if kind == "reset":
        return "Press Reset"
    if kind == "clear":
        return "Press Clear pins"
    if kind == "pin":
        return "Press Pin curve"
    if kind == "preset":
        return f"Choose the preset {args[0]}"
    if kind == "slider":
        return f"Set {args[0]} to {args[1]:g}"
    if kind in ("toggle", "button"):
        return f"Press {args[0]}"
    from .predict import QUANTITIES

    quantity = QUANTITIES[args[0]]
    return f"Predict {quantity.label}: set the class's answer, {args[1]:g} {quantity.unit}".rstrip()


def _checked(step) -> tuple:
    if not isinstance(step, tuple) or not step:
        raise TypeError(f"step must be a non-empty tuple such as ('pin',), got {step!r}")
    if step[0] not in STEP_KINDS:
        raise ValueError(f"step kind must be one of {STEP_KINDS}, got {step[0]!r}")
    wanted = {"reset": 1, "clear": 1, "pin": 1, "preset": 2, "toggle": 2, "button": 2, "slider": 3, "predict": 3}[step[0]]
    if len(step) != wanted:
        raise ValueError(f"step {step!r}: a {step[0]!r} step has {wanted - 1} argument(s), got {len(step) - 1}")
    return step


def apply_step(dashboard, step) -> None:
    """Carry out one step on a :class:`~simulator.widgets.LectureDashboard` in the kernel, as the click would."""
    import ipywidgets as widgets

    kind, *args = _checked(step)
    buttons = {
        "Class predicts first": dashboard.predict_first,
        "Population band": dashboard.band,
        "Draw another patient": dashboard.another,
    }
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
        control = next((c for c in dashboard.controls.values() if c.description.startswith(args[0])), None)
        if control is None:
            raise ValueError(f"slider must name one of the dashboard's controls, got {args[0]!r}")
        control.value = args[1]
    elif kind == "toggle":
        buttons[args[0]].value = not buttons[args[0]].value
    elif kind == "button":
        if args[0] == "Commit prediction":
            dashboard.prediction.prediction._clicked()
        else:
            button = buttons[args[0]]
            if not isinstance(button, widgets.Button):
                raise ValueError(f"button must name a push button, got the toggle {args[0]!r}")
            button.click()
    else:  # predict
        panel = dashboard.prediction
        if panel is None:
            raise ValueError("a 'predict' step needs the prediction mode on first (toggle 'Class predicts first')")
        if panel.chooser.value != args[0]:
            panel.chooser.value = args[0]
        panel.prediction.control.value = args[1]


def replay(dashboard, steps) -> None:
    """Carry out ``steps`` on a dashboard in the kernel, one :func:`apply_step` each."""
    for step in steps:
        apply_step(dashboard, step)


def guide_section(guide: str, demo: str) -> str:
    """Return the guide's words for ``demo``: the text under the heading that names it, up to the next heading."""
    if not isinstance(guide, str) or not isinstance(demo, str):
        raise TypeError("guide and demo must be str")
    heading = re.search(rf"^#+ .*{re.escape(demo)}.*$", guide, re.M)
    if heading is None:
        raise ValueError(f"demo must name a heading of the guide, got {demo!r}")
    body = guide[heading.end() :]
    following = re.search(r"^#+ ", body, re.M)
    return (body[: following.start()] if following else body).strip()
