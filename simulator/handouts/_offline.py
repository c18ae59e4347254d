"""An executed notebook as an offline HTML handout: every explorer as its static picture, never an empty widget."""

from __future__ import annotations

import copy
from pathlib import Path

from ..labels import DISCLAIMER
from ._common import output_path

#: The output of a live widget, which an offline HTML export would render as an empty box (with the saved widget
#: state, nbconvert's page draws it with widget JavaScript from a CDN).
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_NO_PICTURE = "(A live control: it runs in Jupyter, not in this handout.)"


def offline_notebook(notebook):
    """Return a copy of an executed notebook whose widgets show as their static fallback (picture and summary).

    Every output that holds a live widget view loses the view, so that its HTML, PNG or text fallback (the
    explorers' picture named by its summary) is what an export shows; a widget without any fallback is replaced by
    a line saying it runs only in Jupyter. The saved widget state is dropped, so no page loads widget code.
    """
    import nbformat

    if isinstance(notebook, str | Path):
        notebook = nbformat.read(str(notebook), as_version=4)
    nb = copy.deepcopy(notebook)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            data = output.get("data", {})
            if WIDGET_VIEW in data:
                del data[WIDGET_VIEW]
                if not ({"text/html", "image/png"} & set(data)) and "not for dosing" not in data.get("text/plain", ""):
                    data["text/plain"] = _NO_PICTURE
    return nb


def export_html(notebook, out) -> Path:
    """Write an executed notebook (a path or a notebook) as a self-contained HTML handout to ``out``; return the path.

    The page works offline: explorers show the picture they last drew, with their text summary as its alt text and
    caption (:func:`offline_notebook`), and the page carries the teaching-model statement at its top.
    """
    import nbformat
    from nbconvert import HTMLExporter

    out = output_path(out, ".html")
    nb = offline_notebook(notebook)
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(f"**{DISCLAIMER}**"))
    body, _ = HTMLExporter().from_notebook_node(nb)
    out.write_text(body, encoding="utf-8")
    return out
