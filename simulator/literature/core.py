"""Citations and published parameter sets, kept in the paper's own units and form.

A :class:`ParameterSet` stores values exactly as the paper writes them
(micro-constants per kg, or clearances and volumes per 70 kg), with units, the
population they were estimated in and notes on anything derived or assumed.
:meth:`Compartmental.internal_units` is the one place where the paper's units
are converted to the package's (L, L/min, 1/min); :func:`simulator.pk.model_for`
builds a patient's model from them. This module holds data and unit arithmetic
only: it imports no engine module.
"""

from __future__ import annotations

import math
import numbers
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .._validate import check_choice, check_number, check_numbers

__all__ = [
    "SAMPLING_SITES",
    "Citation",
    "Compartmental",
    "OutsideValidityWarning",
    "ParameterSet",
    "Pathway",
    "RouteSpec",
    "Sourced",
    "dimension_of",
    "ke0_from_half_life",
]


class OutsideValidityWarning(UserWarning):
    """A patient lies outside the population a parameter set was estimated in."""


@dataclass(frozen=True)
class Citation:
    """Where a number comes from.

    Parameters
    ----------
    authors : str
        "Surname AB, Surname CD" (first three, then "et al.").
    year : int
        Publication year.
    title : str
        Article title.
    journal : str
        Journal, volume and pages.
    doi : str
        DOI without the resolver prefix ("" if none).
    pmid : str
        PubMed identifier ("" if none).
    table : str
        Table, figure or section the value comes from.
    document : str
        For a source without DOI or PMID (a drug label): its official identifier.
    """

    authors: str
    year: int
    title: str
    journal: str
    doi: str = ""
    pmid: str = ""
    table: str = ""
    document: str = ""

    def __post_init__(self):
        if not (self.doi or self.pmid or self.document):
            raise ValueError(f"citation {self.authors} {self.year} needs a DOI, a PMID or (for a label) a document identifier")

    def short(self) -> str:
        """Return "Surname Year" for labels."""
        return f"{self.authors.split()[0].rstrip(',')} {self.year}"

    def __str__(self) -> str:
        ids = "; ".join(
            x for x in (f"doi:{self.doi}" if self.doi else "", f"PMID {self.pmid}" if self.pmid else "", self.document) if x
        )
        where = f" ({self.table})" if self.table else ""
        return f"{self.authors} ({self.year}). {self.title}. {self.journal}. {ids}{where}"


#: Units a published value may be written in: its dimension, the factor to internal units
#: (L, L/min, 1/min) and whether the value is per kg of body weight.
UNITS = MappingProxyType(
    {
        "L": ("volume", 1.0, False),
        "L/kg": ("volume", 1.0, True),
        "L/min": ("clearance", 1.0, False),
        "L/h": ("clearance", 1.0 / 60.0, False),
        "L/min/kg": ("clearance", 1.0, True),
        "L/h/kg": ("clearance", 1.0 / 60.0, True),
        "mL/min/kg": ("clearance", 1.0e-3, True),
        "1/min": ("rate", 1.0, False),
        "1/h": ("rate", 1.0 / 60.0, False),
    }
)


def dimension_of(parameter: str) -> str:
    """Return the dimension a compartmental parameter must have, from its name.

    ``V1, V2, V3, Vh``: volume; ``CL, Q2, Q3, Qh``: clearance (volume per time);
    ``k10, k12, k21, k13, k31, kel, kmet``: rate (1 per time).
    """
    if not isinstance(parameter, str):
        raise TypeError(f"parameter must be a string (V1, CL, Q2, k10, kel, ...), got {parameter!r}")
    if parameter.startswith("V"):
        return "volume"
    if parameter.startswith(("CL", "Q")):
        return "clearance"
    if parameter.startswith("k"):
        return "rate"
    raise ValueError(f"parameter {parameter!r} is not a compartmental parameter (V1, CL, Q2, k10, kel, ...)")


SCALINGS = ("per_kg", "allometric", "linear", "none")
#: Parameter names of each form of :class:`Compartmental`, and of the optional hepato-portal compartment.
_MICRO = ("V1", "k10", "k12", "k21", "k13", "k31")
_CLEARANCE = ("V1", "CL", "V2", "Q2", "V3", "Q3")
_HEPATIC = ("Vh", "Qh", "kel", "kmet")


@dataclass(frozen=True)
class Compartmental:
    r"""A disposition model as the paper writes it.

    Two forms are accepted, recognised by the parameter names:

    * micro-constants: ``V1`` and ``k10`` plus ``k12, k21`` (and ``k13, k31``);
      then :math:`V_j = V_1 k_{1j}/k_{j1}`, :math:`CL = V_1 k_{10}`,
      :math:`Q_j = V_1 k_{1j}`;
    * clearances: ``V1, CL`` plus ``V2, Q2`` (and ``V3, Q3``);
    * either form may add a hepato-portal compartment ``Vh, Qh`` from which
      drug is eliminated at ``kel + kmet`` (Perez-Ruixo 2021); ``CL`` is then
      0 unless given. It becomes the last compartment.

    Parameters
    ----------
    values : dict
        Parameter name -> value in the paper's units.
    units : dict
        Parameter name -> unit, a key of :data:`UNITS`.
    scaling : {"per_kg", "allometric", "linear", "none"}
        How the values scale with body weight W: ``per_kg`` values carry a
        /kg unit; ``allometric`` values are per ``reference_weight_kg`` with
        volumes x (W/Wref) and clearances x (W/Wref)^exponent; ``linear``
        scales everything by W/Wref; ``none`` does not scale.
    reference_weight_kg : float
        Wref, kg.
    exponent : float
        Allometric exponent on clearances.
    """

    values: dict
    units: dict
    scaling: str = "per_kg"
    reference_weight_kg: float = 70.0
    exponent: float = 0.75

    def __post_init__(self):
        check_choice("scaling", self.scaling, SCALINGS)
        if set(self.values) != set(self.units):
            raise ValueError(f"every value needs a unit: values {sorted(self.values)}, units {sorted(self.units)}")
        for name, unit in self.units.items():
            check_choice(f"units[{name!r}]", unit, tuple(UNITS))
            dimension, _, per_kg = UNITS[unit]
            if dimension != dimension_of(name):
                raise ValueError(
                    f"parameter {name} must be a {dimension_of(name)}, but its unit {unit!r} is a {dimension}; "
                    f"allowed units: {[u for u, d in UNITS.items() if d[0] == dimension_of(name)]}"
                )
            check_number(f"values[{name!r}]", self.values[name], low=0.0, low_inclusive=False)
            if per_kg and self.scaling != "per_kg":
                raise ValueError(f"unit {unit!r} of {name} is per kg, which needs scaling 'per_kg', got {self.scaling!r}")
            if self.scaling == "per_kg" and dimension != "rate" and not per_kg:
                raise ValueError(f"scaling 'per_kg' needs volumes and clearances per kg, got {unit!r} for {name}")
        micro = {"V1", "k10"} <= set(self.values)
        clear = {"V1", "CL"} <= set(self.values) or {"V1", "Vh"} <= set(self.values)
        if micro == clear:
            raise ValueError(f"give either V1, k10, k1j, kj1 or V1, CL, Vj, Qj; got {sorted(self.values)}")
        if "Vh" in self.values and not {"Qh", "kel", "kmet"} <= set(self.values):
            raise ValueError("a hepato-portal compartment needs Vh, Qh, kel and kmet")
        self._check_combination(micro)
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))
        object.__setattr__(self, "units", MappingProxyType(dict(self.units)))

    def _check_combination(self, micro: bool) -> None:
        """Raise ValueError for a parameter of the other form, a peripheral compartment half given, or a gap."""
        names = set(self.values)
        form, allowed = ("micro-constant", _MICRO) if micro else ("clearance", _CLEARANCE)
        extra = sorted(names - set(allowed) - set(_HEPATIC))
        if extra:
            raise ValueError(
                f"the {form} form (parameters {list(allowed)}, optionally {list(_HEPATIC)}) does not use {extra}; "
                f"got {sorted(names)}"
            )
        if "Vh" not in names and names & set(_HEPATIC):
            raise ValueError(
                f"{sorted(names & set(_HEPATIC))} describe a hepato-portal compartment, which needs Vh, Qh, kel and kmet"
            )
        pairs = (("k12", "k21"), ("k13", "k31")) if micro else (("V2", "Q2"), ("V3", "Q3"))
        for first, second in pairs:
            if (first in names) != (second in names):
                given, missing = (first, second) if first in names else (second, first)
                raise ValueError(
                    f"{given} is given but {missing} is missing: a peripheral compartment needs both; got {sorted(names)}"
                )
        if pairs[1][0] in names and pairs[0][0] not in names:
            raise ValueError(
                f"{pairs[1][0]} and {pairs[1][1]} need {pairs[0][0]} and {pairs[0][1]}: peripheral compartments are numbered "
                f"from 2; got {sorted(names)}"
            )

    def _si(self, name: str, weight_kg):
        _, factor, per_kg = UNITS[self.units[name]]
        value = self.values[name] * factor
        return value * weight_kg if per_kg else value

    def internal_units(self, weight_kg):
        """Convert to internal units for a body weight (a float, or an array for a batch).

        Parameters
        ----------
        weight_kg : float or numpy.ndarray
            Body weight, kg.

        Returns
        -------
        volumes : list
            Central volume first, then peripheral ones (the hepato-portal one last), L.
        clearance : float or numpy.ndarray
            Elimination clearance from the central compartment, L/min (0 with a hepato-portal compartment).
        intercompartmental : list
            One clearance per peripheral compartment, L/min.
        peripheral_elimination : list
            First-order elimination from each peripheral compartment, 1/min.
        """
        if "k10" in self.values:
            v1 = self._si("V1", weight_kg)
            peripheral = [j for j in (2, 3) if f"k1{j}" in self.values]
            volumes = [v1] + [v1 * self._si(f"k1{j}", weight_kg) / self._si(f"k{j}1", weight_kg) for j in peripheral]
            cl = v1 * self._si("k10", weight_kg)
            qs = [v1 * self._si(f"k1{j}", weight_kg) for j in peripheral]
        else:
            peripheral = [j for j in (2, 3) if f"V{j}" in self.values]
            volumes = [self._si("V1", weight_kg)] + [self._si(f"V{j}", weight_kg) for j in peripheral]
            cl = self._si("CL", weight_kg) if "CL" in self.values else 0.0
            qs = [self._si(f"Q{j}", weight_kg) for j in peripheral]
        elimination = [0.0] * len(qs)
        if "Vh" in self.values:
            volumes.append(self._si("Vh", weight_kg))
            qs.append(self._si("Qh", weight_kg))
            elimination.append(self._si("kel", weight_kg) + self._si("kmet", weight_kg))
        if self.scaling in ("allometric", "linear"):
            ratio = weight_kg / self.reference_weight_kg
            clearance_factor = ratio**self.exponent if self.scaling == "allometric" else ratio
            volumes = [v * ratio for v in volumes]
            cl *= clearance_factor
            qs = [q * clearance_factor for q in qs]
        return volumes, cl, qs, elimination

    @property
    def hepatic_fraction_metabolized(self) -> float:
        """Return kmet / (kel + kmet), the share of hepatic elimination forming the metabolite."""
        return self.values["kmet"] / (self.values["kel"] + self.values["kmet"])


@dataclass(frozen=True)
class Sourced:
    """A single number with its unit, citation and note."""

    value: float
    unit: str
    citation: Citation
    note: str = ""


@dataclass(frozen=True)
class Pathway:
    """One absorption pathway of an extravascular route (internal units).

    A route is one or more pathways (intranasal: a nasal part and a swallowed
    part). Each takes ``fraction`` of the dose into its own depot (at once, or
    at a constant rate over ``input_duration_min``), from which drug leaves at
    ``ka_per_min``: a part ``bioavailability`` reaches parent compartment
    ``target`` (0: central); of the rest, a part
    ``presystemic_metabolite_fraction`` reaches the metabolite's central
    compartment as metabolite (first pass), and the remainder is lost.

    Parameters
    ----------
    fraction : float
        Fraction of the dose entering this pathway, in [0, 1].
    ka_per_min : float
        First-order absorption rate constant, 1/min.
    bioavailability : float or numpy.ndarray
        Fraction of this pathway's drug reaching ``target`` unchanged (an array, one per patient, in a
        batched model whose patients differ in first pass).
    presystemic_metabolite_fraction : float
        Fraction of the non-bioavailable drug that reaches the circulation
        as metabolite.
    lag_min : float
        Absorption lag time, minutes.
    input_duration_min : float
        Zero-order input into the depot over this time (0: at once).
    target : int
        Index of the parent compartment the absorbed drug enters.
    fraction_later : float or None
        ``fraction`` for the second and later devices of one administration
        (Perez-Ruixo 2021: nasal uptake falls for later sprays); None: same.
    """

    fraction: float
    ka_per_min: float
    bioavailability: float
    presystemic_metabolite_fraction: float = 0.0
    lag_min: float = 0.0
    input_duration_min: float = 0.0
    target: int = 0
    fraction_later: float | None = None

    def __post_init__(self):
        check_number("fraction", self.fraction, low=0.0, high=1.0)
        check_numbers("ka_per_min", self.ka_per_min, low=0.0, low_inclusive=False)
        check_numbers("bioavailability", self.bioavailability, low=0.0, high=1.0)
        check_number("presystemic_metabolite_fraction", self.presystemic_metabolite_fraction, low=0.0, high=1.0)
        check_number("lag_min", self.lag_min, low=0.0, high=600.0)
        check_number("input_duration_min", self.input_duration_min, low=0.0, high=600.0)
        if self.fraction_later is not None:
            check_number("fraction_later", self.fraction_later, low=0.0, high=1.0)

    def fraction_for(self, sequence: int) -> float:
        """Fraction of a device's dose in this pathway; ``sequence`` 0 is the first device."""
        return self.fraction if sequence == 0 or self.fraction_later is None else self.fraction_later


@dataclass(frozen=True)
class RouteSpec:
    """An extravascular route: its absorption pathways and where they come from.

    ``citation`` is the main source (bioavailability); ``also`` lists the other sources of the
    route's numbers (absorption rate, first pass), as the ``note`` explains.
    """

    pathways: tuple[Pathway, ...]
    citation: Citation
    note: str = ""
    also: tuple[Citation, ...] = ()


#: What a parameter set describes (``ParameterSet.drug``; as :data:`simulator.dosing.DRUGS`).
_DRUGS = ("racemic", "esketamine")

#: Where a set's concentrations were sampled (``ParameterSet.sampling``).
SAMPLING_SITES = ("arterial", "venous", "not stated")


@dataclass(frozen=True)
class ParameterSet:
    """A published (or documented teaching-default) set of PK parameters.

    Parameters
    ----------
    name : str
        Registry key, "firstauthor_year".
    drug : {"racemic", "esketamine"}
        What the set describes.
    citation : Citation
        The source of the parent drug's disposition.
    population : str
        Who the values were estimated in.
    age_range_y, weight_range_kg : tuple of float
        Validity range; outside it :meth:`check_patient` warns.
    parent : Compartmental
        Parent drug disposition as published.
    metabolite : Compartmental
        Metabolite disposition as published.
    metabolite_citation : Citation
        Source of ``metabolite`` (may differ from ``citation``: then ``notes``
        say so).
    fraction_metabolized : Sourced
        Fraction of parent clearance forming the metabolite.
    ke0 : Sourced
        Brain (effect-site) rate constant of the parent, 1/min: what the receptor model and the acute effects read.
    ke0_metabolite : Sourced or None
        The metabolite's effect-site rate constant, 1/min (None: ``ke0``).
    routes : mapping
        Extravascular route -> :class:`RouteSpec`. IV is always described.
    reported : mapping
        Summary values for the literature tests, name -> (value, unit): printed by the paper or its
        abstract where the unit says so, otherwise derived by us from the coded constants (for
        example Clements's 80 L/h and 3.0 h); ``docs/literature_checks_grades.md`` says which.
    notes : tuple of str
        What is derived, assumed or borrowed from another source.
    female_clearance : Sourced or None
        Factor on parent and metabolite clearance in women (None: no sex effect).
    hepatic_flow_age_slope : Sourced or None
        Change of hepatic blood flow per year of age above 60, L/h (Perez-Ruixo 2021).
    sampling : {"arterial", "venous", "not stated"}
        Where the set's concentrations were sampled, as far as the source was read. Arterial and venous
        concentrations differ most in the first minutes after a bolus and during an infusion.
    """

    name: str
    drug: str
    citation: Citation
    population: str
    age_range_y: tuple
    weight_range_kg: tuple
    parent: Compartmental
    metabolite: Compartmental
    metabolite_citation: Citation
    fraction_metabolized: Sourced
    ke0: Sourced
    routes: dict = field(default_factory=dict)
    reported: dict = field(default_factory=dict)
    notes: tuple = ()
    female_clearance: Sourced | None = None
    hepatic_flow_age_slope: Sourced | None = None
    sampling: str = "not stated"
    ke0_metabolite: Sourced | None = None

    def __post_init__(self):
        if not isinstance(self.name, str):
            raise TypeError(f"name must be a string (firstauthor_year), got {self.name!r}")
        if not self.name:
            raise ValueError("name must be a non-empty string (firstauthor_year), got ''")
        check_choice("drug", self.drug, _DRUGS)
        for name in ("citation", "metabolite_citation"):
            if not isinstance(getattr(self, name), Citation):
                raise TypeError(f"{name} must be a Citation, got {type(getattr(self, name)).__name__}")
        for name in ("parent", "metabolite"):
            if not isinstance(getattr(self, name), Compartmental):
                raise TypeError(f"{name} must be a Compartmental, got {type(getattr(self, name)).__name__}")
        for name, low in (("age_range_y", 0.0), ("weight_range_kg", 0.0)):
            value = getattr(self, name)
            if not isinstance(value, tuple) or len(value) != 2:
                raise TypeError(f"{name} must be a tuple (low, high), got {value!r}")
            start = check_number(f"{name}[0]", value[0], low=low)
            check_number(f"{name}[1]", value[1], low=start, low_inclusive=False)
        _check_sourced("fraction_metabolized", self.fraction_metabolized, low=0.0, high=1.0)
        _check_sourced("ke0", self.ke0, low=0.0, low_inclusive=False, unit="1/min")
        if self.female_clearance is not None:
            _check_sourced("female_clearance", self.female_clearance, low=0.0, low_inclusive=False)
        if self.hepatic_flow_age_slope is not None:
            _check_sourced("hepatic_flow_age_slope", self.hepatic_flow_age_slope)
        for name in ("routes", "reported"):
            if not isinstance(getattr(self, name), Mapping):
                raise TypeError(f"{name} must be a mapping, got {type(getattr(self, name)).__name__}")
        for route, spec in self.routes.items():
            if not isinstance(route, str) or route == "iv":
                raise ValueError(f"routes must be keyed by extravascular route names (IV is always described), got {route!r}")
            if not isinstance(spec, RouteSpec):
                raise TypeError(f"routes[{route!r}] must be a RouteSpec, got {type(spec).__name__}")
        check_choice("sampling", self.sampling, SAMPLING_SITES)
        for name in ("routes", "reported"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))
        object.__setattr__(self, "notes", tuple(self.notes))

    @property
    def species(self) -> tuple[str, str]:
        """Display names of parent and metabolite."""
        return ("esketamine", "noresketamine") if self.drug == "esketamine" else ("ketamine", "norketamine")

    def check_patients(self, patients) -> None:
        """Warn once (:class:`OutsideValidityWarning`) if any patient lies outside the validity range, naming it.

        ``patients``: one :class:`~simulator.Patient` or a sequence of them.
        """
        group = tuple(patients) if isinstance(patients, (list, tuple)) else (patients,)
        for k, p in enumerate(group):  # duck-typed: this data layer imports no engine module (Patient)
            if not all(isinstance(getattr(p, f, None), numbers.Real) for f in ("age_y", "weight_kg")):
                raise TypeError(f"patients[{k}] must be a simulator.Patient, got {type(p).__name__}")
        outside = [
            p
            for p in group
            if not (self.age_range_y[0] <= p.age_y <= self.age_range_y[1])
            or not (self.weight_range_kg[0] <= p.weight_kg <= self.weight_range_kg[1])
        ]
        if not outside:
            return
        if len(group) == 1:
            p = outside[0]
            problems = [
                f"{label}={value:g} is outside the range {low:g}-{high:g} {unit}"
                for label, value, (low, high), unit in (
                    ("age_y", p.age_y, self.age_range_y, "y"),
                    ("weight_kg", p.weight_kg, self.weight_range_kg, "kg"),
                )
                if not low <= value <= high
            ]
            message = f"{' and '.join(problems)} in which {self.name} was estimated ({self.population})"
        else:
            message = (
                f"{len(outside)} of {len(group)} virtual patients lie outside the range in which {self.name} was "
                f"estimated (weight {self.weight_range_kg[0]:g}-{self.weight_range_kg[1]:g} kg, age "
                f"{self.age_range_y[0]:g}-{self.age_range_y[1]:g} y)"
            )
        warnings.warn(f"{message}: results are an extrapolation", OutsideValidityWarning, stacklevel=4)

    def describes(self, route: str) -> bool:
        """Whether this set can describe ``route``."""
        return route == "iv" or route in self.routes

    def describe(self) -> str:
        """Return a short text block: source, population, validity and notes."""
        lines = [f"{self.name}: {self.citation}", f"  population: {self.population}"]
        lines.append(
            f"  valid for age {self.age_range_y[0]:g}-{self.age_range_y[1]:g} y, "
            f"weight {self.weight_range_kg[0]:g}-{self.weight_range_kg[1]:g} kg"
        )
        lines.append(f"  sampling: {self.sampling}")
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)


def _check_sourced(name: str, value, *, unit: str | None = None, **bounds) -> None:
    """Check that ``value`` is a Sourced number within ``bounds`` (and in ``unit``, if given)."""
    if not isinstance(value, Sourced):
        raise TypeError(f"{name} must be a Sourced value, got {type(value).__name__}")
    if unit is not None and value.unit != unit:
        raise ValueError(f"{name} must be in {unit!r}, got unit {value.unit!r}")
    check_number(f"{name}.value", value.value, **bounds)


def ke0_from_half_life(t_half_min: float) -> float:
    """Return ke0 = ln 2 / t1/2 (1/min) from an equilibration half-life in minutes (> 0)."""
    check_number("t_half_min", t_half_min, low=0.0, low_inclusive=False)
    return math.log(2.0) / t_half_min
