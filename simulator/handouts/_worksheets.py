"""Printable worksheets: one A4 HTML file per notebook, with objectives, predictions to write, exercises and figures.

The figures are drawn by running the notebook's own code cells in this process (no kernel, no widget state):
exercise cells and the checkers' cells are left out, a cell that fails (it needs a student's function) is
skipped, and every figure or explorer a cell shows is kept as a PNG with its text summary as alt text.
"""

from __future__ import annotations

import ast
import contextlib
import html
import io
import math
import re
import struct

from ..labels import DISCLAIMER, LABEL_TAG, SHORT_DISCLAIMER
from ._common import cannot_tell, checkout, inline, label_html, markdown, output_folder, plain, sources

#: Usable height of a sheet's body, mm (A4 297 mm less margins, the label and the footer), kept with a reserve.
SHEET_BODY_MM = 236.0
_WIDTH_MM, _FIGURE_MAX_MM = 170.0, 112.0
_KINDS = {"P": ("Predict", 30.0), "T": ("Think", 30.0), "E": ("Exercise", 18.0)}
_PROMPT = re.compile(r"^\*\*(?:Predict|Think|Exercise) \(([PTE]\d\d\.\d+)\)\.\*\*", re.M)

CSS = """
@page { size: A4; margin: 0; }
* { box-sizing: border-box; }
body { margin: 0; background: #d9d9d9; color: #111; font: 10pt/1.4 "DejaVu Sans", Arial, sans-serif; }
.sheet { width: 210mm; height: 297mm; padding: 12mm 15mm 10mm; margin: 8mm auto; background: #fff;
  display: flex; flex-direction: column; overflow: hidden; break-after: page; page-break-after: always; }
.sheet:last-child { break-after: auto; page-break-after: auto; }
.sheet > main { flex: 1 1 auto; overflow: hidden; }
.teaching-label { margin: 0 0 3mm; padding: 1.5mm 2mm; border: 0.4mm solid #7a1f1f; color: #7a1f1f;
  font-size: 8.5pt; line-height: 1.3; }
footer { font-size: 8pt; color: #444; border-top: 0.3mm solid #999; padding-top: 1.5mm; }
h1 { font-size: 16pt; margin: 0 0 2mm; } h2 { font-size: 12.5pt; margin: 3mm 0 2mm; }
.block { margin: 0 0 3.5mm; break-inside: avoid; }
.prompt p, .prompt ul { margin: 0.5mm 0; }
.kind { font-weight: bold; }
.write { border: 0.3mm solid #555; border-radius: 1mm; margin-top: 1.5mm; padding: 1mm 2mm; color: #666; font-size: 8pt; }
figure { margin: 0; } figure img { display: block; margin: 0 auto; }
figcaption { font-size: 7.5pt; line-height: 1.3; color: #333; margin-top: 1mm; }
.name { display: flex; gap: 8mm; margin: 1mm 0 3mm; } .name span { flex: 1; border-bottom: 0.3mm solid #555; }
@media print { body { background: none; } .sheet { margin: 0; } }
"""


def _lines(text: str, chars_per_line: float) -> int:
    return sum(max(1, math.ceil(len(part) / chars_per_line)) for part in text.split("\n"))


def _text_mm(text: str, size: str = "body") -> float:
    chars, line = {"body": (88, 5.0), "caption": (118, 3.6)}[size]
    return _lines(text, chars) * line


def _png_size(png: bytes) -> tuple:
    """Return (width, height) in pixels of a PNG, read from its header."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("figures must be PNG")
    return struct.unpack(">II", png[16:24])


class _Figure:
    """A figure a cell showed: its PNG and its text summary."""

    def __init__(self, png: bytes, alt: str):
        self.png, self.alt = png, " ".join(alt.split())


def _describe(value, namespace) -> str | None:
    """Return the text summary of a figure's subject (plotting.describe), or None if it has none."""
    from ..plotting import describe

    subjects = value if isinstance(value, list | tuple) else [value]
    try:
        parts = [describe(s).replace(DISCLAIMER, "").strip() for s in subjects]
    except TypeError:
        return None
    return " ".join([*parts, DISCLAIMER]) if parts else None


def _figure_words(fig) -> str:
    """Return the words a figure carries (its titles and axis labels), for a figure with no text summary."""
    words = [t.get_text() for t in fig.texts if t.get_text() and t.get_gid() != LABEL_TAG]
    for ax in fig.axes:
        words += [w for w in (ax.get_title(), ax.get_ylabel()) if w]
    return "Figure: " + "; ".join(dict.fromkeys(words)) + ". " + DISCLAIMER


def _shown(value, subject_text, following: str) -> _Figure | None:
    """Return what a cell's last value shows as a figure (a matplotlib Figure or an explorer), or None."""
    from matplotlib.figure import Figure

    if isinstance(value, Figure):
        buffer = io.BytesIO()
        value.savefig(buffer, format="png", dpi=100, facecolor="white")
        shows = re.match(r"\s*\*What the figure shows[^*]*\*:?\s*(.+?)(?:\n\s*\n|$)", following, re.S)
        alt = subject_text or (plain(shows.group(1)) + " " + DISCLAIMER if shows else _figure_words(value))
        return _Figure(buffer.getvalue(), alt)
    image = getattr(getattr(value, "image", None), "value", None)
    summary = getattr(value, "summary_text", None)
    if isinstance(image, bytes) and image and isinstance(summary, str) and summary.strip():
        return _Figure(image, f"{summary} {DISCLAIMER}")
    return None


def _is_widget(node) -> bool:
    """Return whether an expression builds a widget (an explorer, the dashboard, a prediction) rather than a figure."""
    if not isinstance(node, ast.Call):
        return False
    name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
    return name.endswith(("Explorer", "Dashboard", "Prediction", "PredictionPanel")) or name == "write_down"


def figures(source) -> dict:
    """Return cell index -> the figures (PNG and alt text) that the source's code cells show, run in this process.

    Exercise cells, cells that call the checkers and cells that build a live widget (an explorer, a prediction) are
    not run; a cell that fails is skipped (it needs a student's function). The alt text is the figure's text
    summary: :func:`simulator.plotting.describe` of the figure's subject where it has one, else the notebook's
    "What the figure shows" text after the cell, else the figure's own titles.
    """
    import matplotlib.pyplot as plt

    namespace, found, cells = {"__name__": "__worksheet__"}, {}, source.cells
    for index, cell in enumerate(cells):
        if cell.kind != "code" or "exercises." in cell.text:
            continue
        try:
            tree = ast.parse(cell.text)
        except SyntaxError:
            continue
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        if last is not None and _is_widget(last.value):
            last = None  # a live explorer or prediction: not shown (the space to write takes its place); the rest runs
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(ast.Module(tree.body, []), source.name, "exec"), namespace)  # the course's own code
                value = eval(compile(ast.Expression(last.value), source.name, "eval"), namespace) if last else None
                subject = None
                if last is not None and isinstance(last.value, ast.Call) and last.value.args:
                    subject = eval(compile(ast.Expression(last.value.args[0]), source.name, "eval"), namespace)
        except Exception:  # a cell that needs a student's function, or a widget the process cannot show
            continue
        following = cells[index + 1].text if index + 1 < len(cells) and cells[index + 1].kind == "markdown" else ""
        shown = _shown(value, _describe(subject, namespace) if subject is not None else None, following)
        if shown is not None:
            found[index] = [shown]
    plt.close("all")
    return found


def _objectives(source) -> str:
    match = re.search(r"^## Objectives\s*$(.*?)(?=^#{1,2} |\Z)", source.markdown, re.M | re.S)
    return match.group(1).strip() if match else ""


def _blocks(source, shown) -> list:
    """Return the worksheet's blocks in notebook order: (estimated height in mm, HTML)."""
    from .. import course

    asked = course.prompts(source)
    objectives = _objectives(source)
    blocks = [(14.0, f"<h1>Worksheet {source.number}: {inline(source.title)}</h1>"
                     '<div class="name"><span>Name:</span><span>Date:</span></div>')]  # fmt: skip
    if objectives:
        blocks.append(
            (10 + _text_mm(plain(objectives)) + 5, f'<div class="block"><h2>Objectives</h2>{markdown(objectives)}</div>')
        )
    for index, cell in enumerate(source.cells):
        if cell.kind == "markdown":
            for heading in re.findall(r"^## (\d+\..+)$", cell.text, re.M):
                blocks.append((11.0, f"<h2>{inline(heading)}</h2>"))
            for qid in _PROMPT.findall(cell.text):
                if qid not in asked:
                    continue
                kind, space = _KINDS[qid[0]]
                text = asked[qid]
                write = (
                    "My prediction"
                    if qid[0] == "P"
                    else ("My answer" if qid[0] == "T" else "Notes and plan (write the code in the notebook)")
                )
                body = markdown(text)
                blocks.append((_text_mm(text) + space + 10, f'<div class="block prompt"><span class="kind">{kind} ({qid}).</span>'
                               f'{body}<div class="write" style="height:{space:g}mm">{write}:</div></div>'))  # fmt: skip
        for figure in shown.get(index, []):
            width, height = _png_size(figure.png)
            scale = min(_WIDTH_MM / width, _FIGURE_MAX_MM / height)
            w_mm, h_mm = width * scale, height * scale
            alt = html.escape(figure.alt)
            img = (
                f'<img src="data:image/png;base64,{_b64(figure.png)}" alt="{alt}" style="width:{w_mm:.1f}mm;height:{h_mm:.1f}mm">'
            )
            blocks.append(
                (
                    h_mm + _text_mm(figure.alt, "caption") + 6,
                    f'<figure class="block">{img}<figcaption>{alt}</figcaption></figure>',
                )
            )
    limits = cannot_tell(source)
    if limits:
        blocks.append(
            (
                12 + _text_mm(plain(limits)) * 1.15,
                f'<div class="block"><h2>What this model cannot tell you</h2>{markdown(limits)}</div>',
            )
        )
    return blocks


def _b64(png: bytes) -> str:
    import base64

    return base64.b64encode(png).decode("ascii")


def _paginate(blocks) -> list:
    """Return the blocks grouped into sheets of at most :data:`SHEET_BODY_MM` (a heading stays with what follows)."""
    sheets, current, used = [], [], 0.0
    for i, (height, block) in enumerate(blocks):
        heading = block.startswith("<h2>")
        following = blocks[i + 1][0] if heading and i + 1 < len(blocks) else 0.0
        if current and used + height + following > SHEET_BODY_MM:
            sheets.append(current)
            current, used = [], 0.0
        current.append(block)
        used += height
    if current:
        sheets.append(current)
    return sheets


def worksheet_html(source, shown=None) -> str:
    """Return the printable worksheet of one course source as HTML (A4 sheets, the label on every sheet)."""
    shown = figures(source) if shown is None else shown
    sheets = _paginate(_blocks(source, shown))
    pages = []
    for number, sheet in enumerate(sheets, start=1):
        where = f"Worksheet {source.number}: {html.escape(source.title)} · page {number} of {len(sheets)}"
        footer = f"{where} · {html.escape(SHORT_DISCLAIMER)}"
        pages.append(f'<section class="sheet">{label_html()}<main>{"".join(sheet)}</main><footer>{footer}</footer></section>')
    title = html.escape(f"Worksheet {source.number}: {source.title}")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{CSS}</style></head>\n<body>\n" + "\n".join(pages) + "\n</body></html>\n")  # fmt: skip


def worksheets(out, root=None, names=None) -> list:
    """Write one printable worksheet per course notebook into the folder ``out``; return their paths.

    Each is an HTML file made for print (A4 sheets, page breaks, ``@media print``): the notebook's objectives, each
    prediction and question with space to write, each exercise's prompt, the figures as static PNG images with
    their text summary as alt text and caption, and the notebook's "What this model cannot tell you"; the
    teaching-model statement heads every sheet. No answers. ``names`` (file stems) builds only those.
    """
    root = checkout(root)
    folder = output_folder(out)
    paths = []
    for source in sources(root):
        if names is not None and source.name not in set(names):
            continue
        path = folder / f"{source.name}.html"
        path.write_text(worksheet_html(source), encoding="utf-8")
        paths.append(path)
    return paths
