"""The package version (a leaf: the CSV headers and the provenance lines read it)."""

__version__ = "0.1.0"
