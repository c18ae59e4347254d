"""Citations and published parameter sets, kept in the paper's own units and form.

A :class:`ParameterSet` stores values exactly as the paper writes them
(micro-constants per kg, or clearances and volumes per 70 kg), with units, the
population they were estimated in and notes on anything derived or assumed.
:meth:`ParameterSet.model_for` is the one place where those values are converted
into the internal :class:`~simulator.pk.PKModel` (L, L/min, 1/min) for a
patient; the conversion is written out in :meth:`Compartmental.disposition`.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field, replace

import numpy as np

from .._validate import check_choice
from ..pk import Disposition, Pathway, PKModel
from ..units import MOLAR_MASS_G_PER_MOL


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
    """

    authors: str
    year: int
    title: str
    journal: str
    doi: str = ""
    pmid: str = ""
    table: str = ""

    def __post_init__(self):
        if not (self.doi or self.pmid):
            raise ValueError(f"citation {self.authors} {self.year} needs a DOI or a PMID")

    def short(self) -> str:
        """Return "Surname Year" for labels."""
        return f"{self.authors.split()[0].rstrip(',')} {self.year}"

    def __str__(self) -> str:
        ids = "; ".join(x for x in (f"doi:{self.doi}" if self.doi else "", f"PMID {self.pmid}" if self.pmid else "") if x)
        where = f" ({self.table})" if self.table else ""
        return f"{self.authors} ({self.year}). {self.title}. {self.journal}. {ids}{where}"


#: Units a published value may be written in: factor to internal units
#: (L, L/min, 1/min) and whether the value is per kg of body weight.
UNITS = {
    "L": (1.0, False),
    "L/kg": (1.0, True),
    "L/min": (1.0, False),
    "L/h": (1.0 / 60.0, False),
    "L/min/kg": (1.0, True),
    "L/h/kg": (1.0 / 60.0, True),
    "mL/min/kg": (1.0e-3, True),
    "1/min": (1.0, False),
    "1/h": (1.0 / 60.0, False),
}

SCALINGS = ("per_kg", "allometric", "linear", "none")


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
            if UNITS[unit][1] and self.scaling != "per_kg":
                raise ValueError(f"unit {unit!r} of {name} is per kg, which needs scaling 'per_kg', got {self.scaling!r}")
            if self.scaling == "per_kg" and name[0] in "VCQ" and not UNITS[unit][1]:
                raise ValueError(f"scaling 'per_kg' needs volumes and clearances per kg, got {unit!r} for {name}")
        micro = {"V1", "k10"} <= set(self.values)
        clear = {"V1", "CL"} <= set(self.values) or {"V1", "Vh"} <= set(self.values)
        if micro == clear:
            raise ValueError(f"give either V1, k10, k1j, kj1 or V1, CL, Vj, Qj; got {sorted(self.values)}")
        if "Vh" in self.values and not {"Qh", "kel", "kmet"} <= set(self.values):
            raise ValueError("a hepato-portal compartment needs Vh, Qh, kel and kmet")

    def _si(self, name: str, weight_kg: float) -> float:
        factor, per_kg = UNITS[self.units[name]]
        value = self.values[name] * factor
        return value * weight_kg if per_kg else value

    def disposition(self, weight_kg: float, *, clearance=1.0, central_volume=1.0, peripheral_volume=1.0) -> Disposition:
        """Convert to internal units for a patient of ``weight_kg``.

        Parameters
        ----------
        weight_kg : float
            Body weight, kg.
        clearance, central_volume, peripheral_volume : float
            Multipliers from covariates and random effects (1: the published value).

        Returns
        -------
        Disposition
            Volumes in L and clearances in L/min.
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
        volumes = [volumes[0] * central_volume, *(v * peripheral_volume for v in volumes[1:])]
        elimination = [k * clearance for k in elimination]
        return Disposition(tuple(volumes), cl * clearance, tuple(qs), tuple(elimination))

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
class RouteSpec:
    """An extravascular route: its absorption pathways and where they come from."""

    pathways: tuple[Pathway, ...]
    citation: Citation
    note: str = ""


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
        Effect-site rate constant (1/min), used for parent and metabolite.
    routes : dict
        Extravascular route -> :class:`RouteSpec`. IV is always described.
    reported : dict
        Derived values the paper itself reports, for the literature tests:
        name -> (value, unit).
    notes : tuple of str
        What is derived, assumed or borrowed from another source.
    female_clearance : Sourced or None
        Factor on parent and metabolite clearance in women (None: no sex effect).
    hepatic_flow_age_slope : Sourced or None
        Change of hepatic blood flow per year of age above 60, L/h (Perez-Ruixo 2021).
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

    @property
    def species(self) -> tuple[str, str]:
        """Display names of parent and metabolite."""
        return ("esketamine", "noresketamine") if self.drug == "esketamine" else ("ketamine", "norketamine")

    def check_patient(self, patient) -> None:
        """Warn (:class:`OutsideValidityWarning`) if ``patient`` is outside the validity range."""
        for label, value, (low, high), unit in (
            ("age_y", patient.age_y, self.age_range_y, "y"),
            ("weight_kg", patient.weight_kg, self.weight_range_kg, "kg"),
        ):
            if not low <= value <= high:
                warnings.warn(
                    f"{label}={value:g} is outside the range {low:g}-{high:g} {unit} in which {self.name} "
                    f"was estimated ({self.population}); results are an extrapolation",
                    OutsideValidityWarning,
                    stacklevel=4,
                )

    def describes(self, route: str) -> bool:
        """Whether this set can describe ``route``."""
        return route == "iv" or route in self.routes

    def model_for(self, patient, routes=(), effects=None) -> PKModel:
        """Build the internal model for ``patient``.

        Parameters
        ----------
        patient : Patient or sequence of Patient
            Supplies the weight (and age for the validity check). A sequence
            gives one batched model whose values are arrays, one entry per patient.
        routes : tuple of str
            Routes the regimen uses; each must be described by this set.
        effects : dict, optional
            Random-effect multipliers (``clearance``, ``central_volume``,
            ``peripheral_volume``, ``absorption``, ``metabolite_clearance``):
            floats for one patient, arrays for a sequence. With it, only
            ``routes`` are kept.

        Returns
        -------
        PKModel
        """
        for route in routes:
            if not self.describes(route):
                raise ValueError(
                    f"parameter set {self.name!r} cannot describe route {route!r}; it describes "
                    f"{['iv', *self.routes]}. Choose another pk_set (simulator.literature.names())"
                )
        if isinstance(patient, (list, tuple)):
            self._check_patients(patient)
        else:
            self.check_patient(patient)
        parent, metabolite = self.covariate_dispositions(patient, effects)
        route_pathways = {r: spec.pathways for r, spec in self.routes.items()}
        if effects is not None:
            ka = effects["absorption"]
            route_pathways = {
                r: tuple(replace(p, ka_per_min=p.ka_per_min * ka) for p in ps) for r, ps in route_pathways.items() if r in routes
            }
        return PKModel(
            parent=parent,
            metabolite=metabolite,
            fraction_metabolized=self.fraction_metabolized.value,
            ke0_parent_per_min=self.ke0.value,
            ke0_metabolite_per_min=self.ke0.value,
            routes=route_pathways,
            molar_ratio=MOLAR_MASS_G_PER_MOL["norketamine"] / MOLAR_MASS_G_PER_MOL["ketamine"],
        )

    def covariate_dispositions(self, patient, effects=None):
        """Parent and metabolite dispositions for ``patient``: weight, sex, age and the illustrative switches.

        Weight scaling is the set's own (:class:`Compartmental`). Sex: women's clearances x
        ``female_clearance`` (Sigtermans 2009) where the set has one. Age: hepatic blood flow falls
        above 60 years where the set says so (Perez-Ruixo 2021). CYP2B6 poor metaboliser and hepatic
        impairment are illustrative switches (:mod:`simulator.literature.covariates`). ``effects``
        adds one virtual patient's random effects (see :meth:`model_for`).
        """
        from .covariates import CYP2B6_POOR_CLEARANCE, HEPATIC_CLEARANCE

        e = effects or {}
        batch = isinstance(patient, (list, tuple))
        patients = patient if batch else (patient,)

        def per_patient(values):  # one float per patient, or the float itself for one patient
            return np.array(values, dtype=float) if batch else float(values[0])

        weight = per_patient([p.weight_kg for p in patients])
        female = self.female_clearance.value if self.female_clearance is not None else 1.0
        sex = per_patient([female if p.sex == "female" else 1.0 for p in patients])
        factor = sex * per_patient(
            [
                HEPATIC_CLEARANCE[p.hepatic_impairment].value * (CYP2B6_POOR_CLEARANCE.value if p.cyp2b6 == "poor" else 1.0)
                for p in patients
            ]
        )
        parent = self.parent.disposition(
            weight,
            clearance=factor * e.get("clearance", 1.0),
            central_volume=e.get("central_volume", 1.0),
            peripheral_volume=e.get("peripheral_volume", 1.0),
        )
        metabolite = self.metabolite.disposition(weight, clearance=sex * e.get("metabolite_clearance", 1.0))
        if self.hepatic_flow_age_slope is not None:
            above = per_patient([max(p.age_y - 60.0, 0.0) for p in patients])
            if np.any(above > 0):
                change = self.hepatic_flow_age_slope.value * above / 60.0  # L/h per year -> L/min
                flows = list(parent.intercompartmental_l_per_min)
                flows[-1] = np.maximum(flows[-1] + change, 0.1 * flows[-1])
                flows[-1] = flows[-1] if batch else float(flows[-1])
                parent = replace(parent, intercompartmental_l_per_min=tuple(flows))
        return parent, metabolite

    def _check_patients(self, patients) -> None:
        """Warn once if any of ``patients`` lies outside the validity range, naming the range."""
        outside = [
            p
            for p in patients
            if not (self.age_range_y[0] <= p.age_y <= self.age_range_y[1])
            or not (self.weight_range_kg[0] <= p.weight_kg <= self.weight_range_kg[1])
        ]
        if outside:
            warnings.warn(
                f"{len(outside)} of {len(patients)} virtual patients lie outside the range in which {self.name} was "
                f"estimated (weight {self.weight_range_kg[0]:g}-{self.weight_range_kg[1]:g} kg, age "
                f"{self.age_range_y[0]:g}-{self.age_range_y[1]:g} y): their curves are extrapolations",
                OutsideValidityWarning,
                stacklevel=5,
            )

    def derived(self, weight_kg: float = 70.0) -> dict:
        """Return clearance (L/h), Vss (L) and terminal half-life (h) at ``weight_kg``."""
        d = self.parent.disposition(weight_kg)
        return {
            "clearance_l_per_h": d.total_clearance_l_per_min * 60.0,
            "vss_l": d.steady_state_volume_l,
            "terminal_half_life_h": d.terminal_half_life_min / 60.0,
            "half_lives_h": tuple(h / 60.0 for h in d.half_lives_min),
        }

    def describe(self) -> str:
        """Return a short text block: source, population, validity and notes."""
        lines = [f"{self.name}: {self.citation}", f"  population: {self.population}"]
        lines.append(
            f"  valid for age {self.age_range_y[0]:g}-{self.age_range_y[1]:g} y, "
            f"weight {self.weight_range_kg[0]:g}-{self.weight_range_kg[1]:g} kg"
        )
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)


def ke0_from_half_life(t_half_min: float) -> float:
    """Return ke0 = ln 2 / t1/2 (1/min) from an equilibration half-life in minutes."""
    return math.log(2.0) / t_half_min
