r"""Linear compartmental pharmacokinetics: published parameter sets -> a patient's linear system.

A patient's model (:class:`PKModel`, internal units L, L/min, 1/min, mg) is built
from a published :class:`~simulator.literature.ParameterSet` by :func:`model_for`,
with the covariate factors of :func:`simulator.patient.covariate_factors` and the
patient's random effects. :func:`build_system` turns it into the rate matrix of

.. math::

    \dot x(t) = A\,x(t) + r(t), \qquad x(t_k^+) = x(t_k^-) + b_k,

where :math:`x` holds the amounts (mg) in the absorption depots, the parent
drug's compartments and the metabolite's compartments, plus the two effect-site
concentrations (mg/L); :func:`input_schedule` gives the infusion rates
:math:`r(t)` and the instantaneous doses :math:`b_k`. The system is solved
exactly by :func:`simulator.linear.solve`.

Elimination and first-pass losses are not states: they are linear functionals
of the time integrals of the states, which the same closed form gives, so mass
balance is a check on the solution and not true by construction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

import numpy as np

from ._validate import check_choice, check_number, check_numbers
from .dosing import ROUTES, Input
from .literature import Compartmental, ParameterSet
from .literature.chemistry import MOLAR_MASS_G_PER_MOL
from .literature.core import Pathway
from .literature.covariates import HEPATIC_EXTRACTION
from .patient import WEIGHT_LIMITS_KG, Patient, covariate_factors

__all__ = [
    "Disposition",
    "Layout",
    "PKModel",
    "Pathway",
    "build_system",
    "derived",
    "disposition",
    "input_schedule",
    "model_for",
]


@dataclass(frozen=True)
class Disposition:
    """A mammillary disposition model in clearance form (internal units).

    Every value may also be an array with one entry per virtual patient (a
    batch); :meth:`rate_matrix` then returns one matrix per patient.

    Parameters
    ----------
    volumes_l : tuple of float
        Central volume first, then peripheral volumes, L.
    clearance_l_per_min : float
        Elimination clearance from the central compartment, L/min (may be 0
        when elimination happens in a peripheral, e.g. hepato-portal,
        compartment).
    intercompartmental_l_per_min : tuple of float
        One clearance per peripheral compartment, L/min.
    peripheral_elimination_per_min : tuple of float
        First-order elimination rate constant from each peripheral
        compartment, 1/min (default: none). Perez-Ruixo 2021 eliminate
        esketamine only from a hepato-portal compartment.
    """

    volumes_l: tuple[float, ...]
    clearance_l_per_min: float
    intercompartmental_l_per_min: tuple[float, ...] = ()
    peripheral_elimination_per_min: tuple[float, ...] | None = None

    def __post_init__(self):
        if not 1 <= len(self.volumes_l) <= 4:
            raise ValueError(f"volumes_l must hold 1 to 4 volumes, got {len(self.volumes_l)}")
        if len(self.intercompartmental_l_per_min) != len(self.volumes_l) - 1:
            raise ValueError("intercompartmental_l_per_min needs one clearance per peripheral compartment")
        if self.peripheral_elimination_per_min is None:
            object.__setattr__(self, "peripheral_elimination_per_min", (0.0,) * (len(self.volumes_l) - 1))
        if len(self.peripheral_elimination_per_min) != len(self.volumes_l) - 1:
            raise ValueError("peripheral_elimination_per_min needs one rate per peripheral compartment")
        for i, v in enumerate(self.volumes_l):
            check_numbers(f"volumes_l[{i}]", v, low=0.0, low_inclusive=False)
        check_numbers("clearance_l_per_min", self.clearance_l_per_min, low=0.0)
        for i, q in enumerate(self.intercompartmental_l_per_min):
            check_numbers(f"intercompartmental_l_per_min[{i}]", q, low=0.0, low_inclusive=False)
        for i, k in enumerate(self.peripheral_elimination_per_min):
            check_numbers(f"peripheral_elimination_per_min[{i}]", k, low=0.0)
        values = (*self.volumes_l, self.clearance_l_per_min, *self.intercompartmental_l_per_min)
        values += tuple(self.peripheral_elimination_per_min)
        scalar = all(isinstance(v, float) for v in values)  # one patient: plain floats, built without array operations
        object.__setattr__(self, "_scalar", scalar)
        if scalar:
            total = self.clearance_l_per_min + sum(self.peripheral_elimination_per_min)
        else:
            total = np.asarray(self.clearance_l_per_min) + sum(np.asarray(k) for k in self.peripheral_elimination_per_min)
        if (total == 0) if scalar else np.any(total == 0):
            raise ValueError("a disposition model needs some elimination: clearance_l_per_min or a peripheral elimination > 0")

    @property
    def n(self) -> int:
        """Number of compartments."""
        return len(self.volumes_l)

    @property
    def batch_shape(self) -> tuple:
        """() for one patient, (P,) for a batch."""
        if self._scalar:
            return ()
        values = (
            *self.volumes_l,
            self.clearance_l_per_min,
            *self.intercompartmental_l_per_min,
            *self.peripheral_elimination_per_min,
        )
        return np.broadcast_shapes(*(np.shape(v) for v in values))

    @property
    def elimination_per_min(self) -> np.ndarray:
        """First-order elimination rate constant of each compartment, 1/min (last axis: compartments)."""
        rates = (self.clearance_l_per_min / self.volumes_l[0], *self.peripheral_elimination_per_min)
        if self._scalar:
            return np.array(rates)
        return np.stack(np.broadcast_arrays(*rates), axis=-1).astype(float)

    def rate_matrix(self) -> np.ndarray:
        """Return the n x n matrix M of d(amount)/dt = M @ amount (without input); (P, n, n) for a batch."""
        v1 = self.volumes_l[0]
        if self._scalar:  # the same sums in plain floats
            n = self.n
            m = [[0.0] * n for _ in range(n)]
            m[0][0] = -self.clearance_l_per_min / v1
            for j, (q, vj) in enumerate(zip(self.intercompartmental_l_per_min, self.volumes_l[1:], strict=True), start=1):
                m[j][j] = -self.peripheral_elimination_per_min[j - 1]
                m[0][0] -= q / v1
                m[0][j] += q / vj
                m[j][0] += q / v1
                m[j][j] -= q / vj
            return np.array(m)
        m = np.zeros((*self.batch_shape, self.n, self.n))
        idx = np.arange(self.n)
        m[..., idx, idx] = -self.elimination_per_min
        for j, (q, vj) in enumerate(zip(self.intercompartmental_l_per_min, self.volumes_l[1:], strict=True), start=1):
            m[..., 0, 0] -= q / v1
            m[..., 0, j] += q / vj
            m[..., j, 0] += q / v1
            m[..., j, j] -= q / vj
        return m

    @property
    def total_clearance_l_per_min(self) -> float:
        """Dose / AUC of the central concentration after an IV dose, L/min.

        Equals ``clearance_l_per_min`` when elimination is central only; with
        a hepato-portal compartment it is the well-stirred liver clearance.
        """
        m = -self.rate_matrix()  # (n, n), or (patients, n, n) for a batch
        unit_dose = np.broadcast_to(np.eye(self.n)[:, :1], (*m.shape[:-2], self.n, 1))
        auc_amount = np.linalg.solve(m, unit_dose)[..., 0, 0]  # the central amount's integral, per patient
        return self.volumes_l[0] / auc_amount

    @property
    def steady_state_volume_l(self) -> float:
        """Sum of all compartment volumes, L (Vss for central elimination)."""
        return float(sum(self.volumes_l))

    @property
    def half_lives_min(self) -> np.ndarray:
        """Half-lives of the disposition phases (fastest first), minutes."""
        rates = -np.linalg.eigvals(self.rate_matrix()).real
        return np.sort(np.log(2.0) / rates)

    @property
    def terminal_half_life_min(self) -> float:
        """Half-life of the slowest disposition phase, minutes."""
        return float(self.half_lives_min[-1])


@dataclass(frozen=True)
class PKModel:
    """Parent drug, metabolite, effect sites and absorption routes for one patient.

    All values in internal units (L, L/min, 1/min, mg). Built from a
    published :class:`~simulator.literature.ParameterSet` by its
    ``model_for(patient)``.

    Parameters
    ----------
    parent : Disposition
        Ketamine (or esketamine) disposition.
    metabolite : Disposition
        Norketamine (or noresketamine) disposition.
    fraction_metabolized : float
        Fraction of the parent's elimination (from every compartment) that
        forms the metabolite (molar).
    ke0_parent_per_min, ke0_metabolite_per_min : float
        Effect-site equilibration rate constants, 1/min.
    routes : dict
        Route name -> tuple of :class:`Pathway` (``"iv"`` needs none).
    molar_ratio : float
        Metabolite / parent molar mass: mg of metabolite formed per mg of
        parent metabolised.
    link_rates_per_min : tuple of float
        Rate constants (1/min, each > 0) of link compartments that follow the parent's effect-site
        concentration with a delay of their own, ``z' = k (Ce - z)``: the acute effects
        (:mod:`simulator.acute`). Their states are concentrations, not amounts.
    """

    parent: Disposition
    metabolite: Disposition
    fraction_metabolized: float
    ke0_parent_per_min: float
    ke0_metabolite_per_min: float
    routes: dict = field(default_factory=dict)
    molar_ratio: float = MOLAR_MASS_G_PER_MOL["norketamine"] / MOLAR_MASS_G_PER_MOL["ketamine"]
    link_rates_per_min: tuple = ()

    def __post_init__(self):
        if not isinstance(self.link_rates_per_min, tuple):
            raise TypeError(f"link_rates_per_min must be a tuple of floats, got {type(self.link_rates_per_min).__name__}")
        for i, rate in enumerate(self.link_rates_per_min):
            check_number(f"link_rates_per_min[{i}]", rate, low=0.0, low_inclusive=False)
        if not isinstance(self.parent, Disposition) or not isinstance(self.metabolite, Disposition):
            raise TypeError("parent and metabolite must be simulator.pk.Disposition objects")
        if not isinstance(self.routes, Mapping):
            raise TypeError(f"routes must be a mapping of route -> tuple of Pathway, got {type(self.routes).__name__}")
        object.__setattr__(self, "routes", MappingProxyType({r: tuple(ps) for r, ps in self.routes.items()}))
        check_number("fraction_metabolized", self.fraction_metabolized, low=0.0, high=1.0)
        check_number("ke0_parent_per_min", self.ke0_parent_per_min, low=0.0, low_inclusive=False)
        check_number("ke0_metabolite_per_min", self.ke0_metabolite_per_min, low=0.0, low_inclusive=False)
        for route, pathways in self.routes.items():
            for sequence in (0, 1):
                total = sum(p.fraction_for(sequence) for p in pathways)
                if abs(total - 1.0) > 1e-9:
                    raise ValueError(f"pathway fractions of route {route!r} must add up to 1, got {total!r}")
            for p in pathways:
                if not 0 <= p.target < self.parent.n:
                    raise ValueError(
                        f"pathway target {p.target} of route {route!r} is not a parent compartment (0-{self.parent.n - 1})"
                    )


@dataclass(frozen=True)
class Layout:
    """Where each quantity sits in the state vector of one system."""

    depots: dict  # (route, pathway index) -> state index
    parent: slice
    parent_effect: int
    metabolite: slice
    metabolite_effect: int
    n: int
    links: tuple = ()  # link compartments of the acute effects, in the order of PKModel.link_rates_per_min


def build_system(model: PKModel, routes: tuple[str, ...]):
    """Return the rate matrix ``A`` and :class:`Layout` for the given routes.

    Parameters
    ----------
    model : PKModel
        The patient's model.
    routes : tuple of str
        Routes the regimen uses; a depot is made for each of their pathways.

    Returns
    -------
    A : numpy.ndarray
        n x n matrix of the linear system; (P, n, n) when the model holds a batch.
    layout : Layout
        State indices.

    Raises
    ------
    TypeError
        If ``model`` is not a :class:`PKModel` or ``routes`` not a tuple (or list) of strings.
    ValueError
        If a route is unknown, or not in ``model`` (every route but ``"iv"`` needs its pathways).
    """
    if not isinstance(model, PKModel):
        raise TypeError(f"model must be a simulator.pk.PKModel, got {type(model).__name__}")
    routes = _check_routes(routes)
    for route in routes:
        if route != "iv" and route not in model.routes:
            raise ValueError(f"routes: the model has no pathways for route {route!r}; it has {['iv', *model.routes]}")
    depots = {}
    for route in routes:
        if route == "iv":
            continue
        for i, _ in enumerate(model.routes[route]):
            depots[(route, i)] = len(depots)
    nd = len(depots)
    npar, nmet = model.parent.n, model.metabolite.n
    parent = slice(nd, nd + npar)
    pe = nd + npar
    met = slice(pe + 1, pe + 1 + nmet)
    me = pe + 1 + nmet
    links = tuple(range(me + 1, me + 1 + len(model.link_rates_per_min)))
    n = me + 1 + len(links)
    shapes = (model.parent.batch_shape, model.metabolite.batch_shape)
    shapes += tuple(np.shape(p.ka_per_min) for ps in model.routes.values() for p in ps)
    batch = () if not any(shapes) else np.broadcast_shapes(*shapes)
    a = np.zeros((*batch, n, n))
    for (route, i), d in depots.items():
        p = model.routes[route][i]
        a[..., d, d] = -p.ka_per_min
        a[..., parent.start + p.target, d] += p.ka_per_min * p.bioavailability
        a[..., met.start, d] += p.ka_per_min * (1.0 - p.bioavailability) * p.presystemic_metabolite_fraction * model.molar_ratio
    a[..., parent, parent] = model.parent.rate_matrix()
    a[..., met, met] = model.metabolite.rate_matrix()
    a[..., met.start, parent] += model.fraction_metabolized * model.molar_ratio * model.parent.elimination_per_min
    a[..., pe, parent.start] = model.ke0_parent_per_min / model.parent.volumes_l[0]
    a[..., pe, pe] = -model.ke0_parent_per_min
    a[..., me, met.start] = model.ke0_metabolite_per_min / model.metabolite.volumes_l[0]
    a[..., me, me] = -model.ke0_metabolite_per_min
    for z, rate in zip(links, model.link_rates_per_min, strict=True):
        a[..., z, pe] = rate
        a[..., z, z] = -rate
    return a, Layout(MappingProxyType(depots), parent, pe, met, me, n, links)


def _check_routes(routes) -> tuple:
    """Return ``routes`` as a tuple after checking that it is a tuple or list of known route names."""
    if not isinstance(routes, (tuple, list)):
        raise TypeError(f"routes must be a tuple of route names from {list(ROUTES)}, got {routes!r}")
    return tuple(check_choice(f"routes[{i}]", route, ROUTES) for i, route in enumerate(routes))


def input_schedule(model: PKModel, layout: Layout, inputs):
    """Turn resolved dose inputs into boluses and constant-rate pieces.

    Parameters
    ----------
    model : PKModel
        Supplies each route's pathways (fraction, lag).
    layout : Layout
        State indices.
    inputs : iterable of :class:`~simulator.dosing.Input`
        Resolved doses.

    Returns
    -------
    boluses : list of (time_min, state_index, amount_mg)
    rates : list of (start_min, end_min, state_index, rate_mg_per_min)

    Raises
    ------
    TypeError
        If ``model``, ``layout`` or an input has the wrong type.
    ValueError
        If an input's route has no depot in ``layout`` (the system was built without that route).
    """
    if not isinstance(model, PKModel):
        raise TypeError(f"model must be a simulator.pk.PKModel, got {type(model).__name__}")
    if not isinstance(layout, Layout):
        raise TypeError(f"layout must be a simulator.pk.Layout, got {type(layout).__name__}")
    if isinstance(inputs, (str, bytes, dict)) or not hasattr(inputs, "__iter__"):
        raise TypeError(f"inputs must be a sequence of simulator.dosing.Input, got {type(inputs).__name__}")
    inputs = tuple(inputs)
    built = {route for route, _ in layout.depots}
    for k, piece in enumerate(inputs):
        if not isinstance(piece, Input):
            raise TypeError(f"inputs[{k}] must be a simulator.dosing.Input, got {type(piece).__name__}")
        if piece.route != "iv" and (piece.route not in built or piece.route not in model.routes):
            raise ValueError(
                f"inputs[{k}] has route {piece.route!r}, which the system was not built for "
                f"(routes with depots: {['iv', *sorted(built)]}); pass it to build_system"
            )
    boluses, rates = [], []
    for piece in inputs:
        if piece.route == "iv":
            targets = [(layout.parent.start, 1.0, 0.0, 0.0)]
        else:
            targets = [
                (layout.depots[(piece.route, i)], p.fraction_for(piece.sequence), p.lag_min, p.input_duration_min)
                for i, p in enumerate(model.routes[piece.route])
            ]
        for index, fraction, lag, depot_duration in targets:
            amount = piece.amount_mg * fraction  # an array (one per patient) for a batch
            if np.all(np.asarray(amount) == 0):
                continue
            start = piece.start_min + lag
            duration = piece.duration_min + depot_duration
            if duration > 0:
                rates.append((start, start + duration, index, amount / duration))
            else:
                boluses.append((start, index, amount))
    return boluses, rates


# ----------------------------------------------------------------------------- from a published set to a patient's model


def disposition(compartmental, weight_kg, *, clearance=1.0, central_volume=1.0, peripheral_volume=1.0) -> Disposition:
    """Return a published disposition model in internal units for a body weight.

    Parameters
    ----------
    compartmental : Compartmental
        The model as the paper writes it (:class:`simulator.literature.Compartmental`).
    weight_kg : float or numpy.ndarray
        Body weight, kg (an array for a batch).
    clearance, central_volume, peripheral_volume : float or numpy.ndarray
        Multipliers from covariates and random effects (1: the published value).

    Returns
    -------
    Disposition
        Volumes in L and clearances in L/min.

    Raises
    ------
    TypeError
        If ``compartmental`` is not a Compartmental or a number is not a number.
    ValueError
        If ``weight_kg`` is outside [0.5, 300] or a multiplier is not finite and > 0.
    """
    if not isinstance(compartmental, Compartmental):
        raise TypeError(f"compartmental must be a simulator.literature.Compartmental, got {type(compartmental).__name__}")
    check_numbers("weight_kg", weight_kg, low=WEIGHT_LIMITS_KG[0], high=WEIGHT_LIMITS_KG[1])
    for name, factor in (("clearance", clearance), ("central_volume", central_volume), ("peripheral_volume", peripheral_volume)):
        check_numbers(name, factor, low=0.0, low_inclusive=False)
    volumes, cl, qs, elimination = compartmental.internal_units(weight_kg)
    volumes = [volumes[0] * central_volume, *(v * peripheral_volume for v in volumes[1:])]
    return Disposition(tuple(volumes), cl * clearance, tuple(qs), tuple(k * clearance for k in elimination))


def model_for(pk_set: ParameterSet, patient, routes=(), *, check_validity: bool = True, link_rates=()) -> PKModel:
    """Build the internal model of a published parameter set for one patient or a batch.

    The switches and co-medications multiply hepatic intrinsic clearance by ``f``
    (:func:`simulator.patient.covariate_factors`). A set with a hepato-portal
    compartment (esketamine) applies ``f`` to that compartment's elimination, and
    the co-medications' gut factor ``g`` to the pathways absorbed into it. A set
    with central elimination (the racemic sets) treats the patient's baseline
    clearance ``CL0`` (set, weight, sex, random effect) as hepatic with extraction
    ``E0`` (:data:`~simulator.literature.covariates.HEPATIC_EXTRACTION`), a
    well-stirred liver: ``CL = CL0 f / (1 - E0 + f E0)``, and each first-pass
    pathway (``presystemic_metabolite_fraction > 0``) has its bioavailability
    multiplied by ``g / (1 - E0 + f E0)`` (capped at 1). So IV AUC changes by
    ``(1 - E0 + f E0) / f`` and oral AUC by ``g / f``; the first-pass loss keeps
    its metabolite share.

    Parameters
    ----------
    pk_set : ParameterSet
        A registered set (:func:`simulator.literature.get`).
    patient : Patient or sequence of Patient
        Covariates and random effects. A sequence gives one batched model whose
        values are arrays, one entry per patient; a single patient gives floats.
    routes : tuple of str
        Routes the regimen uses; each must be described by the set. Only these
        routes are kept in the model.
    check_validity : bool
        Warn (:class:`~simulator.literature.OutsideValidityWarning`) when a
        patient lies outside the population the set was estimated in.
    link_rates : tuple of float
        Rate constants of the acute effects' link compartments, 1/min (see :class:`PKModel`).

    Returns
    -------
    PKModel
    """
    if not isinstance(pk_set, ParameterSet):
        raise TypeError(f"pk_set must be a simulator.literature.ParameterSet, got {type(pk_set).__name__}")
    batch = isinstance(patient, (list, tuple))
    patients = tuple(patient) if batch else (patient,)
    if not patients or not all(isinstance(p, Patient) for p in patients):
        raise TypeError("patient must be a simulator.Patient or a non-empty sequence of them")
    routes = _check_routes(routes)
    if not isinstance(link_rates, (tuple, list)):
        raise TypeError(f"link_rates must be a tuple of rate constants (1/min), got {link_rates!r}")
    for route in routes:
        if not pk_set.describes(route):
            raise ValueError(
                f"parameter set {pk_set.name!r} cannot describe route {route!r}; it describes "
                f"{['iv', *pk_set.routes]}. Choose another pk_set (simulator.literature.names())"
            )
    if check_validity:
        pk_set.check_patients(patients)
    f = covariate_factors(pk_set, patients)
    if not batch:
        f = {name: float(values[0]) for name, values in f.items()}
    hepato_portal = _hepato_portal(pk_set.parent)
    intrinsic, gut = f["intrinsic_clearance"], f["gut_availability"]
    if hepato_portal:  # the liver is a compartment: the switches scale its elimination rates (intrinsic clearance)
        clearance_factor, first_pass = f["clearance"] * intrinsic, 1.0
    else:  # central elimination: a well-stirred liver with baseline extraction E0 (first_pass: F_h / F_h at baseline)
        first_pass = 1.0 / (1.0 + (intrinsic - 1.0) * HEPATIC_EXTRACTION.value)
        clearance_factor = f["clearance"] * intrinsic * first_pass
    parent = disposition(
        pk_set.parent,
        f["weight_kg"],
        clearance=clearance_factor,
        central_volume=f["central_volume"],
        peripheral_volume=f["peripheral_volume"],
    )
    if pk_set.hepatic_flow_age_slope is not None and np.any(f["hepatic_flow_change_l_per_min"] != 0):
        flows = list(parent.intercompartmental_l_per_min)
        flows[-1] = np.maximum(flows[-1] + f["hepatic_flow_change_l_per_min"], 0.1 * flows[-1])
        parent = replace(parent, intercompartmental_l_per_min=(*flows[:-1], flows[-1] if batch else float(flows[-1])))
    metabolite = disposition(pk_set.metabolite, f["weight_kg"], clearance=f["metabolite_clearance"])
    ka = f["absorption"]

    def through_liver(p):  # does this pathway's drug pass the liver before the circulation?
        if hepato_portal:  # absorbed into an eliminating (hepato-portal) compartment
            return p.target > 0 and bool(np.all(np.asarray(parent.peripheral_elimination_per_min[p.target - 1]) > 0))
        return p.presystemic_metabolite_fraction > 0  # a first-pass pathway of a central-elimination set

    def absorbed(p):
        if not through_liver(p):
            return replace(p, ka_per_min=p.ka_per_min * ka)
        # capped at 1: only combinations of strong inhibitors could push a set's F past it
        bioavailability = np.minimum(p.bioavailability * gut * first_pass, 1.0)
        return replace(p, ka_per_min=p.ka_per_min * ka, bioavailability=bioavailability if batch else float(bioavailability))

    pathways = {r: tuple(absorbed(p) for p in pk_set.routes[r].pathways) for r in routes if r != "iv"}
    return PKModel(
        parent=parent,
        metabolite=metabolite,
        fraction_metabolized=pk_set.fraction_metabolized.value,
        ke0_parent_per_min=pk_set.ke0.value,
        ke0_metabolite_per_min=(pk_set.ke0 if pk_set.ke0_metabolite is None else pk_set.ke0_metabolite).value,
        routes=pathways,
        molar_ratio=MOLAR_MASS_G_PER_MOL["norketamine"] / MOLAR_MASS_G_PER_MOL["ketamine"],
        link_rates_per_min=tuple(link_rates),
    )


_HEPATO_PORTAL: dict = {}  # id of a Compartmental -> (it, whether it eliminates from a peripheral compartment)


def _hepato_portal(compartmental) -> bool:
    """Whether a published disposition eliminates from a peripheral (hepato-portal) compartment; once per set."""
    found = _HEPATO_PORTAL.get(id(compartmental))
    if found is None or found[0] is not compartmental:
        found = (compartmental, any(k > 0 for k in disposition(compartmental, 70.0).peripheral_elimination_per_min))
        _HEPATO_PORTAL[id(compartmental)] = found
    return found[1]


def derived(pk_set: ParameterSet, weight_kg: float = 70.0) -> dict:
    """Return clearance (L/h), Vss (L) and half-lives (h) of a set's parent drug at ``weight_kg``.

    Examples
    --------
    >>> from simulator import literature
    >>> round(float(derived(literature.get("clements_1981"), 70.0)["clearance_l_per_h"]), 1)
    80.2
    """
    if not isinstance(pk_set, ParameterSet):
        raise TypeError(f"pk_set must be a simulator.literature.ParameterSet, got {type(pk_set).__name__}")
    weight_kg = check_number("weight_kg", weight_kg, low=0.5, high=300.0)
    d = disposition(pk_set.parent, weight_kg)
    return {
        "clearance_l_per_h": float(d.total_clearance_l_per_min * 60.0),
        "vss_l": d.steady_state_volume_l,
        "terminal_half_life_h": d.terminal_half_life_min / 60.0,
        "half_lives_h": tuple(h / 60.0 for h in d.half_lives_min),
    }
