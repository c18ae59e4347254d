"""The slide deck of the teacher guide's demos: one 1920x1080 slide per step, the guide's words as speaker notes.

The steps are :data:`simulator.widgets.demos.DEMOS`, replayed on a :class:`~simulator.widgets.LectureDashboard`
in projector style; each step's figure is saved as a slide PNG (:func:`simulator.export.save_figure`). The deck
is one self-contained HTML file in the reveal.js manner (``<section>`` per slide, ``<aside class="notes">``),
images inline as data URIs, navigation by a few lines of its own script: it needs no network.
"""

from __future__ import annotations

import base64
import html
import re
import tempfile
from pathlib import Path

from ..labels import DISCLAIMER
from ._common import cannot_tell, checkout, inline, label_html, markdown, output_path, sources

#: The slide's size, pixels.
SLIDE = (1920, 1080)

CSS = """
html, body { margin: 0; height: 100%; background: #111; overflow: hidden; }
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #111; }
.slides { position: absolute; left: 50%; top: 50%; width: 1920px; height: 1080px; transform-origin: center center;
  transform: translate(-50%, -50%); }
.slides > section { position: absolute; inset: 0; width: 1920px; height: 1080px; box-sizing: border-box; padding: 22px 48px;
  background: #fff; display: none; flex-direction: column; overflow: hidden; }
.slides > section.present { display: flex; }
h1 { font-size: 64px; margin: 160px 0 40px; } h2 { font-size: 44px; line-height: 56px; margin: 0 0 8px; }
.step { font-size: 32px; line-height: 42px; margin: 0 0 10px; color: #333; }
.slides figure { flex: 1 1 auto; margin: 0; min-height: 0; display: flex; justify-content: center; align-items: flex-start; }
.slides img { max-width: 100%; max-height: 100%; object-fit: contain; }
.lead { font-size: 34px; line-height: 48px; max-width: 1700px; }
.limits { font-size: 26px; line-height: 36px; columns: 2; column-gap: 60px; }
.limits p { margin: 0 0 14px; break-inside: avoid; }
.teaching-label { margin: auto 0 0; padding: 6px 14px; border: 3px solid #7a1f1f; color: #7a1f1f; font-size: 24px;
  line-height: 32px; flex: 0 0 auto; }
aside.notes { display: none; }
body.show-notes aside.notes { display: block; position: fixed; left: 0; right: 0; bottom: 0; max-height: 40%; overflow: auto;
  background: #fffbe6; font-size: 22px; padding: 12px 24px; border-top: 3px solid #333; }
.counter { position: absolute; right: 48px; top: 26px; font-size: 22px; color: #666; }
@media print { html, body { overflow: visible; background: #fff; } .slides { position: static; transform: none !important; }
  .slides > section { display: flex; position: relative; break-after: page; } }
"""

#: Keyboard navigation (right, left, space, page keys, Home, End; N shows the speaker notes) and scaling to the window.
SCRIPT = """
const slides = Array.from(document.querySelectorAll('.slides > section'));
let current = 0;
function show(n) {
  current = Math.max(0, Math.min(slides.length - 1, n));
  slides.forEach((s, k) => s.classList.toggle('present', k === current));
  history.replaceState(null, '', '#/' + current);
}
function fit() {
  const k = Math.min(innerWidth / 1920, innerHeight / 1080);
  document.querySelector('.slides').style.transform = `translate(-50%, -50%) scale(${k})`;
}
document.addEventListener('keydown', e => {
  if (['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Enter'].includes(e.key)) show(current + 1);
  else if (['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace'].includes(e.key)) show(current - 1);
  else if (e.key === 'Home') show(0);
  else if (e.key === 'End') show(slides.length - 1);
  else if (e.key === 'n' || e.key === 'N') document.body.classList.toggle('show-notes');
  else return;
  e.preventDefault();
});
addEventListener('resize', fit);
fit();
show(parseInt((location.hash.match(/^#\\/(\\d+)/) || [0, 0])[1], 10));
"""


def _image(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<figure><img src="data:image/png;base64,{data}" alt="{html.escape(" ".join(alt.split()))}"></figure>'


def _slide(title: str, body: str, notes: str, counter: str) -> str:
    return (f'<section><span class="counter">{counter}</span>{title}{body}{label_html()}'
            f'<aside class="notes">{notes}</aside></section>')  # fmt: skip


def _step_picture(dashboard, folder: Path) -> tuple:
    """Return (PNG, alt text) of what the screen shows now: the figure, or the open prediction's question."""
    from ..export import save_figure

    panel = dashboard.prediction
    if panel is not None and not panel.prediction.revealed:  # the class predicts: the figure is hidden
        return panel.prediction.render_png(dpi=150.0), panel.prediction.plain_text()
    path = save_figure(dashboard.figure.fig, folder / "slide.png")
    dashboard.figure.invalidate_background()  # saving drew the figure at another size
    return path.read_bytes(), f"{dashboard.summary_text} {DISCLAIMER}"


def demo_slides(guide: str, demos=None) -> list:
    """Return the HTML ``<section>`` of every step of ``demos`` (names of DEMOS; default all), in projector style.

    Each slide: the guide's heading of the demo, the step in words, the dashboard's figure after it (its text
    summary as alt text), the teaching-model label, and the guide's words for the demo as speaker notes.
    """
    from ..widgets import LectureDashboard
    from ..widgets.demos import DEMOS, START, apply_step, guide_section, replay, step_text

    names = list(DEMOS) if demos is None else list(demos)
    unknown = [n for n in names if n not in DEMOS]
    if unknown:
        raise ValueError(f"demos must be names of simulator.widgets.demos.DEMOS, got {unknown}")
    dashboard = LectureDashboard(statement=False)
    dashboard.projector.value = True
    slides = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            heading = re.search(rf"^#+ (.*{re.escape(name)}.*)$", guide, re.M)
            title = heading.group(1) if heading else name
            notes = markdown(guide_section(guide, name))
            replay(dashboard, START)
            steps = DEMOS[name]
            for number, step in enumerate(steps, start=1):
                apply_step(dashboard, step)
                if dashboard.last_error is not None:
                    raise RuntimeError(f"demo {name!r}, step {step!r}: {dashboard.last_error}")
                png, alt = _step_picture(dashboard, Path(tmp))
                words = f'<p class="step">Step {number} of {len(steps)}: {html.escape(step_text(step))}</p>'
                slides.append((f"<h2>{inline(title)}</h2>", words + _image(png, alt), notes))
    return slides


def _closing(root) -> tuple:
    """Return the closing slide: each notebook's "What this model cannot tell you", by its bold lead phrases."""
    parts = []
    for source in sources(root):
        leads = re.findall(r"^- \*\*(.+?)\*\*", cannot_tell(source), re.M)
        if leads:
            said = html.escape(" · ".join(lead.rstrip(".") for lead in leads))
            parts.append(f"<p><strong>Notebook {source.number}</strong> (<code>{source.name}.ipynb</code>, "
                         f"“What this model cannot tell you”): {said}</p>")  # fmt: skip
    body = ('<p class="lead">Every number in these demos comes from a teaching model. What it cannot tell you, as each '
            f'notebook says at its end:</p><div class="limits">{"".join(parts)}</div>')  # fmt: skip
    notes = "Close with the limits: the models describe averages and toys, never a person, and give no dose for anyone."
    return "<h2>What this model cannot tell you</h2>", body, f"<p>{notes}</p>"


def deck(out, root=None, demos=None) -> Path:
    """Write the slide deck of the teacher guide's demos to ``out`` (an ``.html``); return its path.

    A title slide, one 1920x1080 slide per step of each demo (``demos``: names of
    :data:`simulator.widgets.demos.DEMOS`, default all) with the guide's words for the demo as speaker notes
    (``<aside class="notes">``; press N to show them), and a closing slide on what the model cannot tell you. Every
    slide carries the teaching-model label; images are inline with their text summary as alt text; arrow keys,
    space and page keys move between slides, offline.
    """
    root = checkout(root)
    out = output_path(out, ".html")
    guide = (root / "docs" / "teacher_guide.md").read_text(encoding="utf-8")
    intro = re.search(r"^## Five demos.*?$(.*?)(?=^### )", guide, re.M | re.S)
    opening = (
        "<h1>Ketamine pharmacology: the lecture demos</h1>",
        f'<p class="lead">{html.escape(DISCLAIMER)}</p><p class="lead">The teacher guide\'s demos on the lecture dashboard, '
        "one slide per step (projector style). Arrow keys or space: next slide; N: speaker notes.</p>",
        markdown(intro.group(1)) if intro else "",
    )
    slides = [opening, *demo_slides(guide, demos), _closing(root)]
    sections = [_slide(t, b, n, f"{i} / {len(slides)}") for i, (t, b, n) in enumerate(slides, start=1)]
    page = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Ketamine teaching simulator: the demos '
            f"(teaching model)</title><style>{CSS}</style></head>\n<body>\n<div class=\"slides\">\n"
            + "\n".join(sections) + f"\n</div>\n<script>{SCRIPT}</script>\n</body></html>\n")  # fmt: skip
    out.write_text(page, encoding="utf-8")
    return out
