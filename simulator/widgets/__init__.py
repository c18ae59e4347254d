"""ipywidgets explorers: thin shells over :func:`simulator.simulate`."""

from .explorer import ConcentrationExplorer

__all__ = ["ConcentrationExplorer"]
