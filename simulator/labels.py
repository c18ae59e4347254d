"""The teaching-model label that every figure, panel, notebook and command output shows."""

__all__ = ["DISCLAIMER", "LABEL_TAG", "SHORT_DISCLAIMER"]

DISCLAIMER = (
    "Teaching model: illustrative only, not for dosing or any clinical decision. "
    "It never recommends or computes a dose for a person."
)

#: The statement's first sentence: the label of a slide (projector style), where every word is 18 pt.
SHORT_DISCLAIMER = DISCLAIMER.split(". ")[0] + "."

#: The ``gid`` of the text artist that carries the statement on a figure (how a saved figure proves it is labelled).
LABEL_TAG = "teaching-label"
