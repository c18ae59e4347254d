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
    "parameter_table",
    "sets_for",
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


def sets_for(regimen) -> list[str]:
    """Return the names of every registered set that describes ``regimen``: its drug, and each route it uses.

    ``regimen`` is a :class:`~simulator.Regimen` or one dose event; names come in :func:`names` order (the
    figures and explorers that compare sets offer these).

    Examples
    --------
    >>> import simulator as sim
    >>> sets_for(sim.Oral(dose_mg=50))
    ['clements_1981', 'kamp_2020']
    >>> sets_for(sim.Intranasal(dose_mg=56, drug="esketamine"))
    ['perez_ruixo_2021']
    """
    routes = getattr(regimen, "routes", None)
    if routes is None and isinstance(getattr(regimen, "route", None), str):
        routes = (regimen.route,)  # one dose event
    drug = getattr(regimen, "drug", None)
    if routes is None or not isinstance(drug, str):
        raise TypeError(f"regimen must be a dose event or a simulator.Regimen, got {type(regimen).__name__}")
    return [n for n in names() if SETS[n].drug == drug and all(SETS[n].describes(route) for route in routes)]


def default_for(drug: str) -> ParameterSet:
    """Return the documented default set for ``drug`` ("racemic" or "esketamine")."""
    return SETS[DEFAULTS[check_choice("drug", drug, tuple(DEFAULTS))]]


def _values(model) -> str:
    return ", ".join(f"{k} {v:g} {model.units[k]}" for k, v in model.values.items())


def parameter_table() -> str:
    """Return a Markdown table of every registered set: its numbers and units, metabolite, ke0, validity, source.

    Generated from the registry (``docs/models.md`` carries it; a test fails when the copy there is stale).
    """
    rows = [
        "| set | drug | parent (scaling) | metabolite | ke0 (1/min) | fraction to metabolite | sampling | valid for | source |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name in names():
        s = get(name)
        rows.append(
            f"| `{name}` | {s.drug} | {_values(s.parent)} ({s.parent.scaling}) | {_values(s.metabolite)} | "
            f"{s.ke0.value:.3g} | {s.fraction_metabolized.value:.2g} | {s.sampling} | "
            f"{s.age_range_y[0]:g}-{s.age_range_y[1]:g} y, {s.weight_range_kg[0]:g}-{s.weight_range_kg[1]:g} kg | "
            f"{s.citation.short()} |"
        )
    return "\n".join(rows)
