r"""NMDA receptor occupancy: from concentrations to the fraction of channels blocked.

Equilibrium occupancy
---------------------
Ketamine, its metabolites and the comparators bind one site inside the channel
(the PCP / MK-801 site), so they compete. With unbound concentrations
:math:`C_i` at the receptor, affinities :math:`K_i` and Hill coefficients
:math:`n_i`,

.. math::

    \theta_i = \frac{(C_i/K_i)^{n_i}}{1 + \sum_j (C_j/K_j)^{n_j}}, \qquad
    \theta = \sum_i \theta_i \le 1 .

Racemic ketamine is two ligands, S (esketamine) and R (arketamine), each at half
the total concentration; norketamine likewise. Two Hill occupancies are never
added (that can exceed 1).

What this cannot tell you
-------------------------
No reliable human PET or SPECT measurement of NMDA occupancy at antidepressant
doses exists (Stone 2006; van der Aart 2018). The absolute level here depends on
assumptions that change it several-fold: which affinity measure (binding Ki or
functional IC50), the unbound fraction, the brain/plasma partition, magnesium,
receptor subtype and membrane voltage. They are explicit switches in
:class:`ReceptorAssumptions`. The *shape* over time, the ranking of drugs and
doses, and the direction of each switch are what the model teaches.

Channel-block kinetics
----------------------
:func:`channel_block` follows one synapse's channels over seconds: closed (C),
open (O), open-blocked (OB) and closed-blocked, i.e. trapped (CB), driven by a
train of glutamate pulses, with the blocker's association and dissociation rates
(Gilling 2009). The linear system with piecewise-constant rates is solved
exactly: one eigen-decomposition per distinct rate matrix (:func:`simulator.linear.propagate_switching`,
with a matrix-exponential fallback).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from ._validate import check_choice, check_nonnegative, check_number
from .labels import DISCLAIMER
from .linear import propagate_switching
from .literature.chemistry import MOLAR_MASS_G_PER_MOL
from .literature.receptor_data import (
    AFFINITIES,
    BANDS,
    BLOCK_KINETICS,
    GATING,
    LIGANDS,
    MAGNESIUM_FOLD,
    METABOLITE_BRAIN_RATIO,
    RAT_BRAIN_PLASMA_RATIO,
    UNBOUND_FRACTION,
    VOLTAGE_DELTA,
    woodhull_factor,
)
from .units import to_mg_per_l

__all__ = [
    "ASSUMPTION_SPREAD",
    "BANDS",
    "BLOCK_KINETICS",
    "CURVE_LIGANDS",
    "GATING",
    "LIGANDS",
    "MAX_CHANNEL_POINTS",
    "MIXTURES",
    "RAT_BRAIN_PLASMA_RATIO",
    "SUBTYPES",
    "BlockerComparison",
    "ChannelBlockResult",
    "OccupancyCurves",
    "ReceptorAssumptions",
    "channel_block",
    "compare_blockers",
    "equilibrium_occupancy",
    "occupancy_curve",
    "occupancy_curves",
    "steady_state_block",
    "total_occupancy",
]

MEASURES = ("Ki", "IC50")
SUBTYPES = tuple(MAGNESIUM_FOLD)
#: Input names that stand for a 50:50 mixture of two ligands.
MIXTURES = MappingProxyType({"ketamine": ("esketamine", "arketamine"), "norketamine": ("esnorketamine", "arnorketamine")})
#: Molar mass used to convert each ligand's mass concentration, g/mol.
_MOLAR_MASS = MappingProxyType(
    {
        "esketamine": MOLAR_MASS_G_PER_MOL["ketamine"],
        "arketamine": MOLAR_MASS_G_PER_MOL["ketamine"],
        "esnorketamine": MOLAR_MASS_G_PER_MOL["norketamine"],
        "arnorketamine": MOLAR_MASS_G_PER_MOL["norketamine"],
        "hnk_2s6s": MOLAR_MASS_G_PER_MOL["hydroxynorketamine"],
        "hnk_2r6r": MOLAR_MASS_G_PER_MOL["hydroxynorketamine"],
        "memantine": MOLAR_MASS_G_PER_MOL["memantine"],
        "mk801": MOLAR_MASS_G_PER_MOL["mk801"],
    }
)
#: Ligands to which the magnesium and voltage modifiers apply: they were measured for ketamine
#: (Kotermanski & Johnson 2009; Gilling 2009) and are assumed for norketamine. HNK, memantine
#: and MK-801 keep their published values (HNK has a weaker voltage dependence, Abbott 2020).
_KETAMINE_FAMILY = ("esketamine", "arketamine", "esnorketamine", "arnorketamine")
#: The norketamines: their brain access is ``ReceptorAssumptions.metabolite_brain_ratio`` of the parent's (label, noresketamine).
_METABOLITES = ("esnorketamine", "arnorketamine")


@dataclass(frozen=True, kw_only=True)
class ReceptorAssumptions:
    """The switches that set the absolute level of occupancy. Each has a source.

    Parameters
    ----------
    measure : {"Ki", "IC50"}
        ``"Ki"``: binding inhibition constants at the [3H]MK-801 site (Ebert
        1997; rat cortex, no Mg2+), Hill 1. ``"IC50"``: functional block of
        GluN1/GluN2A currents at -70 mV (Gilling 2009), Hill 0.84.
    unbound_fraction : float
        Fraction of plasma drug not bound to proteins, in (0, 1]; default 0.55
        (43-45% bound, Spravato label).
    brain_partition : float
        Unbound brain / unbound plasma concentration at equilibrium, in (0, 10];
        default 1 (the free-drug hypothesis: an assumption). The rat *total*
        brain:plasma ratio is 6.5 (Cohen 1973), available as
        :data:`RAT_BRAIN_PLASMA_RATIO`.
    magnesium : bool
        Physiological 1 mM Mg2+ raises ketamine's IC50 about 10-16x at
        GluN2A/2B and 2-4x at GluN2C/2D (Kotermanski & Johnson 2009).
    subtype : {"GluN2A/2B", "GluN2C/2D"}
        Receptor subtype for the magnesium effect.
    voltage_mv : float
        Membrane voltage, mV, in [-100, 0]; block is stronger when the
        membrane is more negative (Woodhull, delta 0.79, Gilling 2009).
        Affinities are referred to -70 mV.
    metabolite_brain_ratio : float
        The metabolite's brain access relative to the parent's, in (0, 10]: its effect-site concentration
        counts this many times the parent's at the receptor. Default 0.2: noresketamine's brain:plasma ratio is
        4-6 times lower than esketamine's (Spravato label, grade B), assumed for racemic norketamine too;
        1 is the old assumption of equal access. Applies only to concentrations on the plasma basis.

    Notes
    -----
    The magnesium factor and the Woodhull voltage correction were measured on functional currents
    (IC50 at a clamped voltage). Applied to a binding Ki (``measure="Ki"``, measured on membranes with
    no membrane voltage), they are an assumption: that the binding Ki behaves like a -70 mV IC50.
    The magnesium fold factors are not verified: mid values of a range quoted second-hand (the paper's table
    was not read).
    """

    measure: str = "Ki"
    unbound_fraction: float = UNBOUND_FRACTION.value
    brain_partition: float = 1.0
    magnesium: bool = False
    subtype: str = "GluN2A/2B"
    voltage_mv: float = -70.0
    metabolite_brain_ratio: float = METABOLITE_BRAIN_RATIO.value

    def __post_init__(self):
        check_choice("measure", self.measure, MEASURES)
        check_number("unbound_fraction", self.unbound_fraction, low=0.0, high=1.0, low_inclusive=False)
        check_number("brain_partition", self.brain_partition, low=0.0, high=10.0, low_inclusive=False)
        if not isinstance(self.magnesium, bool):
            raise TypeError(f"magnesium must be True or False, got {self.magnesium!r}")
        check_choice("subtype", self.subtype, SUBTYPES)
        check_number("voltage_mv", self.voltage_mv, low=-100.0, high=0.0)
        check_number("metabolite_brain_ratio", self.metabolite_brain_ratio, low=0.0, high=10.0, low_inclusive=False)
        # the ketamine family's voltage factor on K, computed once (affinity_um runs on every occupancy evaluation)
        object.__setattr__(self, "_voltage_factor", woodhull_factor(self.voltage_mv, VOLTAGE_DELTA.value))

    def affinity_um(self, ligand: str) -> tuple[float, float]:
        """Return (K in uM, Hill coefficient) of ``ligand`` under these assumptions."""
        check_choice("ligand", ligand, tuple(LIGANDS))
        a = AFFINITIES[(ligand, self.measure)]
        k = a.value_um
        if ligand in _KETAMINE_FAMILY:
            if self.magnesium:
                k *= MAGNESIUM_FOLD[self.subtype].value
            k *= self._voltage_factor
        return k, a.hill

    def describe(self) -> str:
        """Return the assumptions in one line, as figures and exports state them."""
        return (
            f"{self.measure}, unbound fraction {self.unbound_fraction:g}, brain partition {self.brain_partition:g}, "
            f"Mg2+ {'1 mM' if self.magnesium else 'none'} ({self.subtype}), {self.voltage_mv:g} mV"
        )

    @property
    def plasma_to_receptor(self) -> float:
        """Factor from total plasma (or effect-site) concentration to unbound concentration at the receptor."""
        return self.unbound_fraction * self.brain_partition


DEFAULT_ASSUMPTIONS = ReceptorAssumptions()


#: The receptor assumptions whose occupancy plots show as a range: binding Ki or functional IC50, each without
#: and with physiological magnesium, at the default unbound fraction, brain partition and -70 mV. No human PET
#: number decides between them; the default (Ki, no magnesium) gives nearly the highest level.
ASSUMPTION_SPREAD = tuple(
    ReceptorAssumptions(measure=measure, magnesium=magnesium) for measure in MEASURES for magnesium in (False, True)
)


def _expand(concentrations: dict, unit: str) -> dict:
    """Map each single ligand to (input name, array, factor to micromolar of that ligand)."""
    if not isinstance(concentrations, dict) or not concentrations:
        raise TypeError(f"concentrations must be a non-empty dict of ligand -> concentration, got {concentrations!r}")
    out = {}
    for name, value in concentrations.items():
        if not isinstance(name, str):
            raise TypeError(f"ligand must be a string, one of {sorted([*LIGANDS, *MIXTURES])}, got {name!r}")
        parts = MIXTURES.get(name, (name,))
        if any(part not in LIGANDS for part in parts):
            raise ValueError(f"ligand must be one of {sorted([*LIGANDS, *MIXTURES])}, got {name!r}")
        c = check_nonnegative(f"concentration of {name}", value, np.shape(value))
        if c.size and c.max() > MAX_CONCENTRATION:
            raise ValueError(f"concentration of {name} must be at most {MAX_CONCENTRATION:g} (in {unit}), got {float(c.max())!r}")
        for part in parts:
            to_um = 1.0 if unit == "uM" else to_mg_per_l(1.0, unit, "ketamine") * 1000.0 / _MOLAR_MASS[part]
            if part in out:
                raise ValueError(f"ligand {part} is given twice (directly and as part of a racemate)")
            out[part] = (name, c, to_um / len(parts))
    shapes = {name: np.shape(value) for name, value in concentrations.items() if np.ndim(value) > 0}
    if len(set(shapes.values())) > 1:
        raise ValueError(f"concentrations must be scalars or arrays of one shape, got shapes {shapes}")
    return out


def equilibrium_occupancy(concentrations: dict, unit: str = "uM", *, assumptions=None, basis: str = "receptor") -> dict:
    """Return the equilibrium fraction of NMDA channels occupied by each ligand and in total.

    Parameters
    ----------
    concentrations : dict
        Ligand -> concentration (scalar or array). Ligands: ``"ketamine"``
        (racemic: half S, half R), ``"esketamine"``, ``"arketamine"``,
        ``"norketamine"`` (racemic), ``"esnorketamine"``, ``"arnorketamine"``,
        ``"hnk_2r6r"``, ``"hnk_2s6s"``, ``"memantine"``, ``"mk801"``.
    unit : {"uM", "ng/mL", "mg/L"}
        Unit of the concentrations.
    assumptions : ReceptorAssumptions, optional
        Affinity measure, binding, partition, Mg2+, subtype, voltage.
    basis : {"receptor", "plasma"}
        ``"receptor"``: concentrations are unbound at the receptor;
        ``"plasma"``: total plasma (or effect-site) concentrations, converted
        with the unbound fraction and brain partition.

    Returns
    -------
    dict
        One entry per input name (a racemate is the sum of its enantiomers),
        one per single ligand present, and ``"total"``; values in [0, 1].

    Examples
    --------
    >>> occ = equilibrium_occupancy({"esketamine": 0.30})  # at its Ki
    >>> round(occ["esketamine"], 3)
    0.5
    """
    scaled = _scaled(concentrations, unit, assumptions, basis)
    terms = {ligand: _term(c, scale, hill) for ligand, (_, c, scale, hill) in scaled.items()}
    inverse = 1.0 / (1.0 + sum(terms.values()))
    out = {ligand: term * inverse for ligand, term in terms.items()}
    for name in concentrations:
        if name in MIXTURES:
            out[name] = sum(out[part] for part in MIXTURES[name])
    out["total"] = 1.0 - inverse  # = sum of the ligands' occupancies
    return {k: (float(v) if np.ndim(v) == 0 else v) for k, v in out.items()}


def total_occupancy(concentrations: dict, unit: str = "uM", *, assumptions=None, basis: str = "receptor"):
    """Return only the total occupancy of :func:`equilibrium_occupancy` (fewer array passes).

    Ligands with Hill coefficient 1 that come from one input (a racemate)
    share one multiplication: sum_i C_i/K_i = c * sum_i scale_i.
    """
    denominator = None
    grouped = {}
    for name, c, scale, hill in _scaled(concentrations, unit, assumptions, basis).values():
        if hill == 1.0:  # the enantiomers of one racemate share their concentration array
            grouped[name] = (c, grouped.get(name, (c, 0.0))[1] + scale)
        else:
            term = _term(c, scale, hill)
            denominator = term + 1.0 if denominator is None else denominator + term
    for c, scale in grouped.values():
        term = c * scale
        if denominator is None:
            term += 1.0
            denominator = term
        else:
            denominator += term
    out = np.divide(-1.0, denominator, out=denominator if isinstance(denominator, np.ndarray) else None)
    out += 1.0  # 1 - 1/(1 + sum): the sum of all ligands' occupancies
    return out if np.ndim(out) else float(out)


def _scaled(concentrations, unit, assumptions, basis) -> dict:
    """Map each single ligand to (input name, concentration array, scale to C_i/K_i, Hill coefficient)."""
    check_choice("unit", unit, ("uM", "ng/mL", "mg/L"))
    check_choice("basis", basis, ("receptor", "plasma"))
    assumptions = DEFAULT_ASSUMPTIONS if assumptions is None else assumptions
    if not isinstance(assumptions, ReceptorAssumptions):
        raise TypeError(f"assumptions must be a ReceptorAssumptions, got {type(assumptions).__name__}")
    factor = assumptions.plasma_to_receptor if basis == "plasma" else 1.0
    out = {}
    for ligand, (name, c, to_um) in _expand(concentrations, unit).items():
        k, hill = assumptions.affinity_um(ligand)
        access = assumptions.metabolite_brain_ratio if basis == "plasma" and ligand in _METABOLITES else 1.0
        out[ligand] = (name, c, to_um * factor * access / k, hill)  # C_i / K_i = scale * c
    return out


def _term(c, scale, hill):
    return c * scale if hill == 1.0 else np.power(c * scale, hill)


def occupancy_curve(ligand: str, concentrations, unit: str = "ng/mL", *, assumptions=None, basis: str = "plasma"):
    """Occupancy of one ligand (or racemate) over a range of concentrations, with its EC50.

    Parameters
    ----------
    ligand : str
        A ligand or racemate name of :func:`equilibrium_occupancy`.
    concentrations : array_like
        Concentrations in ``unit``.
    unit, assumptions, basis
        As in :func:`equilibrium_occupancy` (``basis`` defaults to plasma).

    Returns
    -------
    occupancy : numpy.ndarray
        Total occupancy at each concentration.
    ec50 : float
        Concentration (in ``unit`` and ``basis``) that gives 50% occupancy.
    """
    check_choice("ligand", ligand, tuple(sorted([*LIGANDS, *MIXTURES])))
    c = check_nonnegative("concentrations", concentrations, np.shape(concentrations))
    occupancy = equilibrium_occupancy({ligand: c}, unit, assumptions=assumptions, basis=basis)["total"]
    # occupancy is monotone in c: bisect on a log scale for the 50% point
    low, high = 1e-9, 1e9
    for _ in range(200):
        mid = np.sqrt(low * high)
        if equilibrium_occupancy({ligand: mid}, unit, assumptions=assumptions, basis=basis)["total"] < 0.5:
            low = mid
        else:
            high = mid
    return np.asarray(occupancy), float(np.sqrt(low * high))


#: Ligands the occupancy curves show unless told otherwise: esketamine, racemic ketamine, arketamine, racemic
#: norketamine and memantine.
CURVE_LIGANDS = ("esketamine", "ketamine", "arketamine", "norketamine", "memantine")
#: Total plasma concentrations of the occupancy curves, ng/mL: 300 points, log spaced from 1 to 100 000.
_CURVE_GRID = np.geomspace(1.0, 1e5, 300)
_CURVE_GRID.flags.writeable = False


@dataclass(frozen=True, eq=False)
class OccupancyCurves:
    """Equilibrium occupancy against total plasma concentration for several ligands, and the block at one concentration.

    What the receptor figures draw (:func:`simulator.plotting.occupancy_curve_figure`,
    :class:`simulator.plotting.ReceptorFigure`) and the receptor explorer says; from :func:`occupancy_curves`.
    Arrays are read-only and mappings cannot be changed (results are cached and shared).

    Attributes
    ----------
    assumptions : ReceptorAssumptions
        The assumptions of every number here.
    ligands : tuple of str
        The ligands of the curves, in order.
    concentrations_ng_per_ml : numpy.ndarray
        Total plasma concentrations of the curves, ng/mL (300 points, log spaced from 1 to 100 000).
    curves : Mapping
        Ligand -> fraction of channels blocked at each concentration, that ligand alone, at equilibrium.
    ec50_ng_per_ml : Mapping
        Ligand -> the total plasma concentration that blocks half the channels, ng/mL.
    ligand : str
        The ligand at :attr:`concentration_ng_per_ml`.
    concentration_ng_per_ml : float
        One total plasma concentration, ng/mL.
    occupancy : Mapping
        Each ligand of :attr:`ligands` (and :attr:`ligand`) -> its occupancy alone at :attr:`concentration_ng_per_ml`.
    spread : tuple of float
        (lowest, highest) occupancy of :attr:`ligand` at that concentration across :data:`ASSUMPTION_SPREAD`.
    blocked : int
        Channels of 100 that :attr:`ligand` blocks there: ``round(100 * occupancy[ligand])``.
    """

    assumptions: ReceptorAssumptions
    ligands: tuple
    concentrations_ng_per_ml: np.ndarray
    curves: Mapping
    ec50_ng_per_ml: Mapping
    ligand: str
    concentration_ng_per_ml: float
    occupancy: Mapping
    spread: tuple
    blocked: int

    disclaimer = DISCLAIMER


@functools.lru_cache(maxsize=64)
def _curve(ligand: str, assumptions: ReceptorAssumptions) -> tuple:
    """Return (occupancy on the curve grid, read-only; EC50 in ng/mL) of ``ligand`` (cached: a concentration move reuses it)."""
    occupancy, ec50 = occupancy_curve(ligand, _CURVE_GRID, "ng/mL", assumptions=assumptions)
    occupancy.flags.writeable = False
    return occupancy, ec50


def _alone(ligand: str, concentration: float, assumptions: ReceptorAssumptions) -> float:
    return float(equilibrium_occupancy({ligand: concentration}, "ng/mL", assumptions=assumptions, basis="plasma")["total"])


@functools.lru_cache(maxsize=256)
def _occupancy_curves(assumptions: ReceptorAssumptions, ligands: tuple, concentration: float, ligand: str) -> OccupancyCurves:
    curves = {name: _curve(name, assumptions) for name in ligands}
    at = {name: _alone(name, concentration, assumptions) for name in dict.fromkeys((*ligands, ligand))}
    others = [_alone(ligand, concentration, a) for a in ASSUMPTION_SPREAD]
    return OccupancyCurves(
        assumptions=assumptions,
        ligands=ligands,
        concentrations_ng_per_ml=_CURVE_GRID,
        curves=MappingProxyType({name: occupancy for name, (occupancy, _) in curves.items()}),
        ec50_ng_per_ml=MappingProxyType({name: ec50 for name, (_, ec50) in curves.items()}),
        ligand=ligand,
        concentration_ng_per_ml=concentration,
        occupancy=MappingProxyType(at),
        spread=(min(others), max(others)),
        blocked=round(100 * at[ligand]),
    )


def occupancy_curves(
    concentration_ng_per_ml: float = 180.0, ligand: str = "ketamine", *, assumptions=None, ligands=CURVE_LIGANDS
) -> OccupancyCurves:
    """Return occupancy curves of ``ligands`` and the block by ``ligand`` at one total plasma concentration (cached).

    Parameters
    ----------
    concentration_ng_per_ml : float
        Total plasma concentration, ng/mL, within the curves' range [1, 100000] (default 180, near the peak of
        the standard 0.5 mg/kg infusion).
    ligand : str
        The ligand at that concentration: a ligand or racemate name of :func:`equilibrium_occupancy`.
    assumptions : ReceptorAssumptions, optional
        Occupancy assumptions (default: the package's).
    ligands : sequence of str
        One or more ligand or racemate names, each once, for the curves (default :data:`CURVE_LIGANDS`).

    Returns
    -------
    OccupancyCurves
        The same object for the same arguments: results are cached, the curves of a ligand under one set of
        assumptions computed once.

    Examples
    --------
    >>> curves = occupancy_curves(180.0, "ketamine")
    >>> curves.blocked, round(curves.ec50_ng_per_ml["ketamine"])
    (46, 214)
    """
    names = tuple(sorted([*LIGANDS, *MIXTURES]))
    concentration = check_number("concentration_ng_per_ml", concentration_ng_per_ml, low=1.0, high=1e5)
    check_choice("ligand", ligand, names)
    if assumptions is None:
        assumptions = DEFAULT_ASSUMPTIONS
    if not isinstance(assumptions, ReceptorAssumptions):
        raise TypeError(f"assumptions must be a simulator.ReceptorAssumptions or None, got {type(assumptions).__name__}")
    if not isinstance(ligands, (tuple, list)):
        raise TypeError(f"ligands must be a list or tuple of ligand names from {list(names)}, got {type(ligands).__name__}")
    if not ligands:
        raise ValueError(f"ligands must name at least one ligand from {list(names)}, got {ligands!r}")
    for i, name in enumerate(ligands):
        check_choice(f"ligands[{i}]", name, names)
    if len(set(ligands)) != len(ligands):
        raise ValueError(f"ligands must name each ligand once, got {list(ligands)}")
    return _occupancy_curves(assumptions, tuple(ligands), float(concentration), ligand)


@dataclass(frozen=True)
class ChannelBlockResult:
    """Fractions of channels in each state over time (they add up to 1).

    Attributes
    ----------
    time_s : numpy.ndarray
        Times, seconds.
    closed, open, open_blocked, trapped : numpy.ndarray
        Fraction of channels in each state.
    glutamate : numpy.ndarray
        1 while glutamate is bound (channels can open), else 0.
    """

    time_s: np.ndarray
    closed: np.ndarray
    open: np.ndarray
    open_blocked: np.ndarray
    trapped: np.ndarray
    glutamate: np.ndarray

    def __post_init__(self):
        for name in ("time_s", "closed", "open", "open_blocked", "trapped", "glutamate"):
            getattr(self, name).flags.writeable = False

    @property
    def blocked(self) -> np.ndarray:
        """Fraction blocked (open-blocked plus trapped)."""
        return self.open_blocked + self.trapped

    disclaimer = DISCLAIMER


#: Largest concentration accepted, in any unit (far above any solubility; it keeps C / K finite).
MAX_CONCENTRATION = 1e12
#: Most output points of one channel-block run (each point holds 4 fractions and the glutamate flag).
MAX_CHANNEL_POINTS = 2_000_000


def _generator(opening, closing, kon_c, koff, untrapping):
    """Rate matrix of the 4-state scheme; ``untrapping`` applies when glutamate leaves (opening = 0)."""
    # states: 0 closed, 1 open, 2 open-blocked, 3 trapped (closed-blocked); columns sum to 0
    q = np.zeros((4, 4))
    q[1, 0] += opening  # C -> O
    q[0, 1] += closing  # O -> C
    q[2, 1] += kon_c  # O -> OB
    q[1, 2] += koff  # OB -> O
    q[3, 2] += closing * (1.0 - untrapping)  # OB -> CB: the channel closes with the blocker inside (trapping)
    q[0, 2] += closing * untrapping  # OB -> C: the blocker escapes as the channel closes (partial untrapping)
    q[2, 3] += opening  # CB -> OB
    q -= np.diag(q.sum(axis=0))
    return q


def channel_block(
    blocker: str = "ketamine",
    concentration_um: float = 1.0,
    *,
    pulse_times_s=(),
    end_s: float = 10.0,
    step_s: float = 0.005,
    gating: dict | None = None,
    start=None,
) -> ChannelBlockResult:
    """Follow NMDA channels of one synapse through a train of glutamate pulses.

    Parameters
    ----------
    blocker : {"ketamine", "memantine", "mk801"}
        Channel blocker, with Gilling 2009 rate constants.
    concentration_um : float
        Unbound blocker concentration at the receptor, uM, in [0, 1000].
    pulse_times_s : sequence of float
        Times of glutamate release, s, in [0, end_s]; glutamate stays bound for
        ``gating["bound_s"]`` after each (overlaps merge).
    end_s, step_s : float
        Simulated time, in [1e-3, 3600] s, and output step, s (at most
        :data:`MAX_CHANNEL_POINTS` points).
    gating : dict, optional
        Override any of :data:`GATING` (``opening_per_s``, ``closing_per_s`` in [1e-3, 1e5] /s;
        ``bound_s`` in [1e-6, 1e12] s; a huge value keeps glutamate bound).
    start : sequence of 4 floats, optional
        Initial fractions (closed, open, open-blocked, trapped); default all closed.

    Returns
    -------
    ChannelBlockResult

    Examples
    --------
    >>> r = channel_block("ketamine", 1.0, pulse_times_s=[0.5], end_s=2.0)
    >>> bool(abs(r.closed + r.open + r.open_blocked + r.trapped - 1.0).max() < 1e-12)
    True
    """
    check_choice("blocker", blocker, tuple(BLOCK_KINETICS))
    c = check_number("concentration_um", concentration_um, low=0.0, high=1000.0)
    end_s = check_number("end_s", end_s, low=1e-3, high=3600.0)
    step_s = check_number("step_s", step_s, low=1e-6, high=end_s)
    n = round(end_s / step_s) + 1
    if n > MAX_CHANNEL_POINTS:
        raise ValueError(f"end_s / step_s gives {n} output points; the limit is {MAX_CHANNEL_POINTS}: raise step_s")
    g = _gating(gating)
    if isinstance(pulse_times_s, (str, bytes, dict)) or np.ndim(pulse_times_s) > 1:
        raise TypeError(f"pulse_times_s must be a sequence of times in s, got {pulse_times_s!r}")
    pulses = sorted(check_number("pulse_times_s[]", t, low=0.0, high=end_s) for t in np.atleast_1d(pulse_times_s).tolist())
    kin = BLOCK_KINETICS[blocker]
    kon_c = kin.kon_per_molar_s * c * 1e-6
    # while glutamate is bound, brief closures trap the blocker; when glutamate leaves, the closing channel
    # loses a partially untrapping blocker (memantine) with probability ``untrapping`` (Gilling 2009)
    on = _generator(g["opening_per_s"], g["closing_per_s"], kon_c, kin.koff_per_s, 0.0)
    off = _generator(0.0, g["closing_per_s"], kon_c, kin.koff_per_s, kin.untrapping)
    windows = []  # glutamate-bound windows, merged
    for t0 in pulses:
        if windows and t0 <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], t0 + g["bound_s"])
        else:
            windows.append([t0, t0 + g["bound_s"]])
    switches = sorted({0.0, end_s, *[min(x, end_s) for w in windows for x in w]})
    segments = [(lo, hi, int(any(w0 <= lo < w1 for w0, w1 in windows))) for lo, hi in itertools.pairwise(switches)]
    t = np.linspace(0.0, end_s, n)
    x = np.array([1.0, 0.0, 0.0, 0.0]) if start is None else check_nonnegative("start", start, (4,))
    if not np.isclose(x.sum(), 1.0):
        raise ValueError(f"start must be 4 non-negative fractions adding up to 1, got {start!r}")
    states = np.clip(propagate_switching([off, on], segments, x, t), 0.0, 1.0)  # clip: round-off only
    bound = np.zeros(n)
    for lo, hi, active in segments:
        if active:
            bound[(t >= lo) & (t < hi)] = 1.0
    return ChannelBlockResult(t, states[:, 0], states[:, 1], states[:, 2], states[:, 3], bound)


def _gating(overrides) -> dict:
    """Return the gating rates (:data:`GATING` values with ``overrides``), checked."""
    g = {name: s.value for name, s in GATING.items()}
    if overrides is None:
        return g
    if not isinstance(overrides, dict):
        raise TypeError(f"gating must be a dict with keys from {list(GATING)}, got {type(overrides).__name__}")
    limits = {"opening_per_s": (1e-3, 1e5), "closing_per_s": (1e-3, 1e5), "bound_s": (1e-6, 1e12)}  # 1e12 s: stays bound
    for name, value in overrides.items():
        check_choice("gating key", name, tuple(GATING))
        g[name] = check_number(f"gating[{name!r}]", value, low=limits[name][0], high=limits[name][1])
    return g


def steady_state_block(blocker: str, concentration_um: float, open_probability: float) -> float:
    """Return the fraction blocked at steady state with glutamate bound continuously.

    With opening rate a and closing rate b chosen so that a / (a + b) equals
    ``open_probability``, the kinetic scheme is solved for its null space.

    Parameters
    ----------
    blocker : {"ketamine", "memantine", "mk801"}
        Channel blocker.
    concentration_um : float
        Unbound blocker concentration, uM, in [0, 1000].
    open_probability : float
        Open probability of the unblocked channel with glutamate bound, in [1e-6, 1 - 1e-6].

    Returns
    -------
    float
        Fraction of channels blocked (open-blocked plus trapped).
    """
    check_choice("blocker", blocker, tuple(BLOCK_KINETICS))
    concentration_um = check_number("concentration_um", concentration_um, low=0.0, high=1000.0)
    check_number("open_probability", open_probability, low=1e-6, high=1.0 - 1e-6)
    kin = BLOCK_KINETICS[blocker]
    closing = GATING["closing_per_s"].value
    opening = closing * open_probability / (1.0 - open_probability)
    q = _generator(opening, closing, kin.kon_per_molar_s * concentration_um * 1e-6, kin.koff_per_s, 0.0)
    # stationary distribution: Q p = 0 with one (redundant) balance equation replaced by sum(p) = 1
    system = q.copy()
    system[-1, :] = 1.0
    p = np.clip(np.linalg.solve(system, np.array([0.0, 0.0, 0.0, 1.0])), 0.0, 1.0)  # clip: round-off only
    return float(p[2] + p[3])


@dataclass(frozen=True)
class BlockerComparison:
    """Several channel blockers at the same equilibrium occupancy, through one train of glutamate pulses.

    Attributes
    ----------
    occupancy : float
        Equilibrium occupancy every blocker is dosed to (concentration = Kd x occupancy / (1 - occupancy)).
    pulse_times_s : numpy.ndarray
        Glutamate releases, s.
    runs : mapping
        Blocker -> :class:`ChannelBlockResult`; ``"none"`` is the control without blocker.
    concentrations_um : mapping
        Blocker -> the concentration used, uM.
    """

    occupancy: float
    pulse_times_s: np.ndarray
    runs: MappingProxyType
    concentrations_um: MappingProxyType

    def transmission(self) -> dict:
        """Return, per blocker, the charge through open channels after each pulse relative to the control (0-1)."""
        control = self.runs["none"]
        edges = np.append(self.pulse_times_s, control.time_s[-1])
        out = {}
        for name, run in self.runs.items():
            if name == "none":
                continue
            ratios = []
            for lo, hi in itertools.pairwise(edges):
                inside = (run.time_s >= lo) & ((run.time_s < hi) | (hi == edges[-1]))  # the last window holds the end
                reference = np.trapezoid(control.open[inside], control.time_s[inside])
                ratios.append(np.trapezoid(run.open[inside], run.time_s[inside]) / reference if reference > 0 else np.nan)
            out[name] = np.array(ratios)
        return out


def compare_blockers(
    blockers=("ketamine", "memantine", "mk801"),
    occupancy: float = 0.5,
    frequency_hz: float = 1.0,
    duration_s: float = 60.0,
    step_s: float = 0.01,
) -> BlockerComparison:
    """Give each blocker the concentration of equal equilibrium occupancy and drive one synapse with regular pulses.

    A trapped blocker (ketamine, MK-801) stays in channels that close around it and accumulates from pulse to
    pulse; memantine escapes from some closing channels (partial untrapping, Gilling 2009) and leaves faster,
    so it spares more of the late transmission. MK-801's block builds very slowly at its tiny equilibrium
    concentration. Teaching model: illustrative, not for dosing.

    Parameters
    ----------
    blockers : sequence of {"ketamine", "memantine", "mk801"}
        One to three distinct blockers.
    occupancy : float
        Equilibrium occupancy, in [0.01, 0.99].
    frequency_hz : float
        Pulse frequency, in [0.05, 20] Hz.
    duration_s : float
        Length of the train, in [1, 600] s.
    step_s : float
        Output step, in [1e-3, 0.1] s, and at most a quarter of the pulse interval (1 / ``frequency_hz``), so that
        every pulse's window holds samples; pulses run from 0.5 s to two steps before the end.
    """
    if isinstance(blockers, str) or not isinstance(blockers, (list, tuple)) or not 1 <= len(blockers) <= 3:
        raise TypeError(f"blockers must be a list or tuple of 1 to 3 names from {list(BLOCK_KINETICS)}, got {blockers!r}")
    for name in blockers:
        check_choice("blockers[]", name, tuple(BLOCK_KINETICS))
    if len(set(blockers)) != len(blockers):
        raise ValueError(f"blockers must be distinct, got {blockers!r}")
    occupancy = check_number("occupancy", occupancy, low=0.01, high=0.99)
    frequency_hz = check_number("frequency_hz", frequency_hz, low=0.05, high=20.0)
    duration_s = check_number("duration_s", duration_s, low=1.0, high=600.0)
    step_s = check_number("step_s", step_s, low=1e-3, high=0.1)
    interval = 1.0 / frequency_hz
    if step_s > interval / 4.0:  # each pulse's window needs samples for its charge (transmission would be NaN)
        raise ValueError(
            f"step_s must be at most a quarter of the pulse interval 1 / frequency_hz = {interval:g} s, i.e. "
            f"in [0.001, {interval / 4.0:g}] s at frequency_hz = {frequency_hz:g}, got {step_s!r}"
        )
    pulses = np.arange(0.5, duration_s - 2.0 * step_s, interval)  # the last pulse keeps two steps of its window
    concentrations = {name: BLOCK_KINETICS[name].kd_um * occupancy / (1.0 - occupancy) for name in blockers}
    runs = {"none": channel_block(blockers[0], 0.0, pulse_times_s=pulses, end_s=duration_s, step_s=step_s)}
    for name, c in concentrations.items():
        runs[name] = channel_block(name, c, pulse_times_s=pulses, end_s=duration_s, step_s=step_s)
    return BlockerComparison(occupancy, pulses, MappingProxyType(runs), MappingProxyType(concentrations))
