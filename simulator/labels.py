"""The teaching-model label that every figure, panel, notebook and command output shows."""

__all__ = ["DISCLAIMER"]

DISCLAIMER = (
    "Teaching model: illustrative only, not for dosing or any clinical decision. "
    "It never recommends or computes a dose for a person."
)
