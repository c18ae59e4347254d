"""ipywidgets explorers: thin shells over :func:`simulator.simulate`."""

from .explorer import ChainExplorer, ConcentrationExplorer, Explorer

__all__ = ["ChainExplorer", "ConcentrationExplorer", "Explorer"]
