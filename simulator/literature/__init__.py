"""Published numbers: citations, parameter sets and their registry.

This subpackage is the only place where numbers from papers live.

Examples
--------
>>> from simulator import literature
>>> "clements_1981" in literature.names()
True
>>> literature.get("hijazi_2003").citation.pmid
'12538370'
"""

from __future__ import annotations

from .._validate import check_choice
from .core import Citation, Compartmental, OutsideValidityWarning, ParameterSet, RouteSpec, Sourced
from .sets import DEFAULTS, SETS

__all__ = [
    "DEFAULTS",
    "Citation",
    "Compartmental",
    "OutsideValidityWarning",
    "ParameterSet",
    "RouteSpec",
    "Sourced",
    "default_for",
    "get",
    "names",
]


def names() -> list[str]:
    """Return the registered parameter-set names ("firstauthor_year")."""
    return sorted(SETS)


def get(name: str) -> ParameterSet:
    """Return the registered :class:`ParameterSet` called ``name``."""
    if not isinstance(name, str):
        raise TypeError(f"pk_set must be a string, one of {names()}, got {name!r}")
    if name not in SETS:
        raise ValueError(f"pk_set must be one of {names()}, got {name!r}")
    return SETS[name]


def default_for(drug: str) -> ParameterSet:
    """Return the documented default set for ``drug`` ("racemic" or "esketamine")."""
    return SETS[DEFAULTS[check_choice("drug", drug, tuple(DEFAULTS))]]
