"""Predictions written down: the one call a course notebook makes after each predict prompt.

Teaching model: illustrative, not for dosing.

The course build (:mod:`simulator.course`) puts ``write_down("P04.1")`` after every predict prompt; a prompt
that asks for a number the model gives calls ``write_down("P03.5", result, "days_in_response")`` in its own
cell. With ipywidgets, :func:`write_down` returns a
:class:`~simulator.widgets.predict.WrittenPrediction`: a box to write in (or the prompt's options to choose
from, or a :class:`~simulator.widgets.predict.Prediction` of the model's number), a **Commit** button that locks
it and keeps it in ``predictions.json`` next to the notebook, and, once committed, the student's words beside
the notebook's explanation. Without ipywidgets it returns a :class:`PlainPrediction`: the prompt and an empty
box as text (or, once committed, the prediction and the explanation), never an empty widget.
"""

from __future__ import annotations

from . import course

__all__ = ["PlainPrediction", "write_down"]


class PlainPrediction:
    """A prompt's prediction as plain text, where no widget can run: the question and an empty box, or the commit.

    Parameters
    ----------
    question_id : str
        The prompt's id ("P04.1").
    folder : str or path
        Where ``predictions.json`` is (default: the current folder).
    root : str or path, optional
        Where the course sources are (see :func:`simulator.course.find_prompt`).
    """

    def __init__(self, question_id: str, folder=".", root=None):
        self.question_id = question_id
        self.prompt = course.find_prompt(question_id, root)
        self.store = course.PredictionStore(folder)

    def plain_text(self) -> str:
        """Return the prompt and an empty box, or the committed prediction beside the explanation."""
        try:
            entry = self.store.get(self.question_id)
        except ValueError:  # a broken file: the empty box, never an error in the notebook
            entry = None
        return course.prediction_text(self.question_id, self.prompt, entry)

    def _repr_mimebundle_(self, **kwargs):
        return {"text/plain": self.plain_text()}

    def __repr__(self) -> str:
        return self.plain_text()


def write_down(question_id: str, source=None, quantity=None, *, mode: str = "slider", question=None, folder=".", root=None):
    """Return the place to write down the prediction of ``question_id``, kept in ``folder``'s predictions.json.

    ``source`` and ``quantity`` (a name of :data:`simulator.widgets.predict.QUANTITIES`) make it a prediction of
    the model's number; ``mode`` and ``question`` are then those of the
    :class:`~simulator.widgets.predict.Prediction`. Without ipywidgets: a :class:`PlainPrediction`. ValueError
    for an id of the wrong form or that the notebook does not ask, and for a folder that does not exist.
    """
    try:
        from .widgets.predict import WrittenPrediction
    except ImportError:  # no ipywidgets: the prompt and an empty box, as text
        return PlainPrediction(question_id, folder, root)
    return WrittenPrediction(question_id, source, quantity, mode=mode, question=question, folder=folder, root=root)
