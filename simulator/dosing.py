"""Dose events and regimens: what is given, by which route, when.

A dose event is a frozen dataclass. Each takes exactly one of ``dose_mg`` or
``dose_mg_per_kg`` (the weight comes from the :class:`~simulator.Patient`),
a ``start_h``, and ``salt`` saying whether the stated amount is ketamine base
(``"base"``, the default, as Ketalar vials and Spravato devices are labelled)
or ketamine hydrochloride (``"hcl"``, as many research papers state doses).
Every event resolves to :class:`Input` pieces (amount of base in mg, start and
duration in minutes) that the pharmacokinetic solver consumes.

Regimens here are inputs for exploring a teaching model, not recommendations.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from types import MappingProxyType

import numpy as np

from ._validate import check_choice, check_int, check_number, check_numbers
from .literature.products import ESKETAMINE_DEVICE_INTERVAL, ESKETAMINE_DEVICE_MG
from .patient import WEIGHT_LIMITS_KG
from .units import base_fraction

__all__ = [
    "BOLUS_INJECTION_MIN",
    "DOSE_TYPES",
    "DRUGS",
    "EVENT_KINDS",
    "MAX_DOSE_MG",
    "MAX_DOSE_MG_PER_KG",
    "MAX_DURATION_MIN",
    "MAX_EVENTS",
    "MAX_INJECTION_MIN",
    "MAX_REGIMEN_MG",
    "MAX_START_H",
    "MIN_DURATION_MIN",
    "ROUTES",
    "Bolus",
    "Infusion",
    "Input",
    "Intramuscular",
    "Intranasal",
    "Oral",
    "Regimen",
    "Sublingual",
    "as_regimen",
    "by_devices",
    "dose_event",
]

DRUGS = ("racemic", "esketamine")
ROUTES = ("iv", "intranasal", "oral", "intramuscular", "sublingual")

#: Upper limits that catch typing errors, not clinical limits. MAX_DOSE_MG bounds the amount of one
#: dose event however it is stated (mg, mg/kg x weight, or a rate x duration).
MAX_DOSE_MG = 5000.0
MAX_DOSE_MG_PER_KG = 50.0
MAX_START_H = 24.0 * 365
MAX_DURATION_MIN = 24.0 * 60 * 14
#: Shortest infusion, minutes (6 s): shorter ones are boluses (give a Bolus).
MIN_DURATION_MIN = 0.1
#: Default and longest injection time of an IV bolus, minutes (default: an assumption, a slow IV push).
BOLUS_INJECTION_MIN = 1.0
MAX_INJECTION_MIN = 10.0
#: Most dose events in one regimen (four a day for a year is 1460) and most drug in one regimen, mg of base
#: for the patient simulated (a year of 300 mg a day is 110 g): checks against typing errors, not clinical limits.
MAX_EVENTS = 2000
MAX_REGIMEN_MG = 200_000.0

#: Esketamine nasal spray: 28 mg esketamine (base) per device, 5 minutes' rest
#: between devices (Spravato prescribing information, section 2).
_DEVICE_MG = ESKETAMINE_DEVICE_MG.value
_DEVICE_INTERVAL_MIN = ESKETAMINE_DEVICE_INTERVAL.value


@dataclass(frozen=True)
class Input:
    """One resolved piece of drug input for the solver.

    Attributes
    ----------
    route : str
        One of :data:`ROUTES`.
    amount_mg : float
        Amount of free base, mg.
    start_min : float
        Start time, minutes.
    duration_min : float
        0 for an instantaneous dose into the route's first compartment;
        otherwise the amount enters at a constant rate over this time.
    sequence : int
        Position of this piece within one administration (esketamine: the
        device number, 0 for the first).
    """

    route: str
    amount_mg: float
    start_min: float
    duration_min: float = 0.0
    sequence: int = 0

    def __post_init__(self):
        # fast paths for what the dose events build (plain floats and float arrays); anything else gets the full check
        if type(self.route) is not str or self.route not in ROUTES:
            check_choice("route", self.route, ROUTES)
        amount = self.amount_mg  # a float, or an array (one per patient) for a batch
        if type(amount) is float:
            if not 0.0 <= amount < math.inf:
                check_number("amount_mg", amount, low=0.0)
        elif not (isinstance(amount, np.ndarray) and amount.dtype.kind == "f" and _all_nonnegative_finite(amount)):
            check_numbers("amount_mg", amount, low=0.0)
        for name in ("start_min", "duration_min"):
            value = getattr(self, name)
            if type(value) is not float or not 0.0 <= value < math.inf:
                object.__setattr__(self, name, check_number(name, value, low=0.0))
        if type(self.sequence) is not int or self.sequence < 0:
            object.__setattr__(self, "sequence", check_int("sequence", self.sequence, low=0))


def _all_nonnegative_finite(values: np.ndarray) -> bool:
    """Whether every value is finite and >= 0 (False for NaN)."""
    if values.size == 1:
        return 0.0 <= float(values.flat[0]) < math.inf
    return bool(values.size == 0 or (values.min() >= 0.0 and values.max() < math.inf))


def _check_weight(weight_kg):
    """Return ``weight_kg`` (a number, or an array with one weight per patient) after checking it (Patient's limits)."""
    low, high = WEIGHT_LIMITS_KG
    if type(weight_kg) is float and low <= weight_kg <= high:  # fast paths (False for NaN)
        return weight_kg
    if isinstance(weight_kg, np.ndarray) and weight_kg.dtype.kind == "f" and weight_kg.size:
        if weight_kg.size == 1:
            if low <= float(weight_kg.flat[0]) <= high:
                return weight_kg
        elif weight_kg.min() >= low and weight_kg.max() <= high:
            return weight_kg
    return check_numbers("weight_kg", weight_kg, low=low, high=high)


@dataclass(frozen=True, kw_only=True)
class _Dose:
    """Fields shared by every dose event (not used directly)."""

    dose_mg: float | None = None
    dose_mg_per_kg: float | None = None
    start_h: float = 0.0
    salt: str = "base"
    drug: str = "racemic"

    route = "iv"  # class attribute, overridden by each event type

    def __post_init__(self):
        object.__setattr__(self, "start_h", check_number("start_h", self.start_h, low=0.0, high=MAX_START_H))
        check_choice("salt", self.salt, ("base", "hcl"))
        check_choice("drug", self.drug, DRUGS)
        self._check_amount_fields()

    def _check_amount_fields(self):
        given = [n for n in ("dose_mg", "dose_mg_per_kg") if getattr(self, n) is not None]
        if len(given) != 1:
            raise ValueError(f"{type(self).__name__} takes exactly one of dose_mg or dose_mg_per_kg, got {given or 'neither'}")
        if self.dose_mg is not None:
            object.__setattr__(
                self, "dose_mg", check_number("dose_mg", self.dose_mg, low=0.0, high=MAX_DOSE_MG, low_inclusive=False)
            )
        else:
            value = check_number("dose_mg_per_kg", self.dose_mg_per_kg, low=0.0, high=MAX_DOSE_MG_PER_KG, low_inclusive=False)
            object.__setattr__(self, "dose_mg_per_kg", value)

    def amount_mg(self, weight_kg):
        """Return the amount of free base in mg for a patient of ``weight_kg`` (a float, or an array for a batch).

        ``weight_kg``: finite, in [0.5, 300] (the limits of :class:`~simulator.Patient`).
        """
        return self._amount(_check_weight(weight_kg))

    def _amount(self, weight_kg):
        stated = self.dose_mg if self.dose_mg is not None else self.dose_mg_per_kg * weight_kg
        return self._capped(stated) * base_fraction(self.salt)

    def _capped(self, stated):
        """Return the stated amount after checking it against :data:`MAX_DOSE_MG`, however it was given."""
        if type(stated) is float:
            over = stated > MAX_DOSE_MG
        else:
            values = np.asarray(stated)
            over = values.size > 0 and (float(values.flat[0]) if values.size == 1 else values.max()) > MAX_DOSE_MG
        if over:
            raise ValueError(
                f"{type(self).__name__} amounts to {np.max(stated):g} mg for this patient; one dose event is limited to "
                f"MAX_DOSE_MG = {MAX_DOSE_MG:g} mg (a check against typing errors)"
            )
        return stated

    def inputs(self, weight_kg: float) -> tuple[Input, ...]:
        """Resolve this event into solver inputs for a patient of ``weight_kg`` (checked as in :meth:`amount_mg`)."""
        return self._inputs(_check_weight(weight_kg))

    def _inputs(self, weight_kg) -> tuple[Input, ...]:
        return (Input(self.route, self._amount(weight_kg), self.start_h * 60.0),)

    @property
    def end_h(self) -> float:
        """Time the last drug of this event has been given, hours."""
        return self.start_h

    def shifted(self, hours: float):
        """Return a copy of this event starting ``hours`` later."""
        return replace(self, start_h=self.start_h + hours)


@dataclass(frozen=True, kw_only=True)
class Bolus(_Dose):
    """Intravenous bolus, injected at a constant rate over ``injection_min`` from ``start_h``.

    Parameters
    ----------
    injection_min : float
        Injection time, minutes: 0 (the idealised instantaneous bolus of textbook closed forms) or
        in [0.1, 10]. Default :data:`BOLUS_INJECTION_MIN` (1 minute: an assumption for a slow IV push,
        which also keeps the first seconds from showing the whole dose in the central volume at once).

    Examples
    --------
    >>> Bolus(dose_mg=10).inputs(70.0)[0].duration_min
    1.0
    """

    injection_min: float = BOLUS_INJECTION_MIN

    route = "iv"

    def _check_amount_fields(self):
        super()._check_amount_fields()
        value = check_number("injection_min", self.injection_min, low=0.0, high=MAX_INJECTION_MIN)
        if 0.0 < value < MIN_DURATION_MIN:
            raise ValueError(
                f"injection_min must be 0 (instantaneous) or in [{MIN_DURATION_MIN:g}, {MAX_INJECTION_MIN:g}], got {value!r}"
            )
        object.__setattr__(self, "injection_min", value)

    def _inputs(self, weight_kg) -> tuple[Input, ...]:
        """Resolve into one input: at once, or at a constant rate over the injection time."""
        return (Input("iv", self._amount(weight_kg), self.start_h * 60.0, self.injection_min),)

    @property
    def end_h(self) -> float:
        """Time the injection ends, hours."""
        return self.start_h + self.injection_min / 60.0


@dataclass(frozen=True, kw_only=True)
class Infusion(_Dose):
    """Intravenous infusion at a constant rate over ``duration_min``.

    Give the amount (``dose_mg`` or ``dose_mg_per_kg``) or the rate
    (``rate_mg_per_h`` or ``rate_mg_per_kg_per_h``), and ``duration_min``.
    Overlapping infusions add.

    Examples
    --------
    >>> Infusion(dose_mg_per_kg=0.5, duration_min=40).amount_mg(70.0)
    35.0
    """

    duration_min: float = 40.0
    rate_mg_per_h: float | None = None
    rate_mg_per_kg_per_h: float | None = None

    route = "iv"

    def _check_amount_fields(self):
        object.__setattr__(
            self, "duration_min", check_number("duration_min", self.duration_min, low=MIN_DURATION_MIN, high=MAX_DURATION_MIN)
        )
        names = ("dose_mg", "dose_mg_per_kg", "rate_mg_per_h", "rate_mg_per_kg_per_h")
        given = [n for n in names if getattr(self, n) is not None]
        if len(given) != 1:
            raise ValueError(f"Infusion takes exactly one of {', '.join(names)}, got {given or 'none'}")
        (name,) = given
        limit = MAX_DOSE_MG if name in ("dose_mg", "rate_mg_per_h") else MAX_DOSE_MG_PER_KG
        object.__setattr__(self, name, check_number(name, getattr(self, name), low=0.0, high=limit, low_inclusive=False))
        if self.rate_mg_per_h is not None and self.rate_mg_per_h * self.duration_min / 60.0 > MAX_DOSE_MG:
            raise ValueError(
                f"Infusion at rate_mg_per_h={self.rate_mg_per_h:g} for duration_min={self.duration_min:g} amounts to more "
                f"than MAX_DOSE_MG = {MAX_DOSE_MG:g} mg (a check against typing errors)"
            )
        if self.rate_mg_per_kg_per_h is not None and self.rate_mg_per_kg_per_h * self.duration_min / 60.0 > MAX_DOSE_MG_PER_KG:
            raise ValueError(
                f"Infusion at rate_mg_per_kg_per_h={self.rate_mg_per_kg_per_h:g} for duration_min={self.duration_min:g} "
                "amounts to more than "
                f"MAX_DOSE_MG_PER_KG = {MAX_DOSE_MG_PER_KG:g} mg/kg (a check against typing errors)"
            )

    def _amount(self, weight_kg):
        hours = self.duration_min / 60.0
        if self.rate_mg_per_h is not None:
            stated = self.rate_mg_per_h * hours
        elif self.rate_mg_per_kg_per_h is not None:
            stated = self.rate_mg_per_kg_per_h * weight_kg * hours
        else:
            return super()._amount(weight_kg)
        return self._capped(stated) * base_fraction(self.salt)

    def _inputs(self, weight_kg) -> tuple[Input, ...]:
        """Resolve into one constant-rate input."""
        return (Input("iv", self._amount(weight_kg), self.start_h * 60.0, self.duration_min),)

    @property
    def end_h(self) -> float:
        """Time the infusion stops, hours."""
        return self.start_h + self.duration_min / 60.0


@dataclass(frozen=True, kw_only=True)
class Intranasal(_Dose):
    """Intranasal spray of racemic ketamine or esketamine.

    Esketamine (``drug="esketamine"``) comes in 28 mg devices (base); a dose of
    56 or 84 mg is two or three devices given 5 minutes apart (Spravato
    prescribing information), so ``dose_mg`` must be a whole number of devices.
    """

    route = "intranasal"

    def __post_init__(self):
        super().__post_init__()
        if self.drug == "esketamine":
            if self.dose_mg is None:
                raise ValueError(
                    "Intranasal esketamine is dosed in whole 28 mg devices: give dose_mg (28, 56, 84, ...), not dose_mg_per_kg"
                )
            if self.salt != "base":
                raise ValueError(
                    f"Intranasal esketamine doses are stated as esketamine base (28 mg per device), got salt={self.salt!r}"
                )
            devices = self.dose_mg / _DEVICE_MG
            if not math.isclose(devices, round(devices), rel_tol=0, abs_tol=1e-9) or round(devices) < 1:
                raise ValueError(
                    "dose_mg for intranasal esketamine must be a whole number of 28 mg devices (28, 56, 84, ...), "
                    f"got {self.dose_mg!r}"
                )

    @property
    def devices(self) -> int:
        """Number of 28 mg devices (esketamine only; 1 for racemic sprays)."""
        return round(self.dose_mg / _DEVICE_MG) if self.drug == "esketamine" else 1

    def _inputs(self, weight_kg) -> tuple[Input, ...]:
        """Resolve into one input per device, 5 minutes apart for esketamine."""
        if self.drug != "esketamine":
            return super()._inputs(weight_kg)
        start = self.start_h * 60.0
        return tuple(Input("intranasal", _DEVICE_MG, start + k * _DEVICE_INTERVAL_MIN, sequence=k) for k in range(self.devices))

    @property
    def end_h(self) -> float:
        """Time of the last spray, hours."""
        return self.start_h + (self.devices - 1) * _DEVICE_INTERVAL_MIN / 60.0


@dataclass(frozen=True, kw_only=True)
class Oral(_Dose):
    """Oral dose (swallowed): absorption with first-pass metabolism."""

    route = "oral"


@dataclass(frozen=True, kw_only=True)
class Intramuscular(_Dose):
    """Intramuscular injection."""

    route = "intramuscular"


@dataclass(frozen=True, kw_only=True)
class Sublingual(_Dose):
    """Sublingual dose (held under the tongue; part is swallowed)."""

    route = "sublingual"


DOSE_TYPES = (Bolus, Infusion, Intranasal, Oral, Intramuscular, Sublingual)


@dataclass(frozen=True)
class Regimen:
    """An ordered collection of dose events of one drug.

    Parameters
    ----------
    events : sequence of dose events
        Any of :data:`DOSE_TYPES`; sorted by start time on construction.

    Examples
    --------
    >>> r = Regimen.repeat(Infusion(dose_mg_per_kg=0.5, duration_min=40), every_h=84, count=8)
    >>> len(r.events), r.events[-1].start_h
    (8, 588.0)
    """

    events: tuple = field(default=())

    def __post_init__(self):
        events = self.events
        if isinstance(events, DOSE_TYPES):
            events = (events,)
        if not isinstance(events, (list, tuple)):
            raise TypeError(f"events must be a list or tuple of dose events, got {type(events).__name__}")
        if not events:
            raise ValueError("events must contain at least one dose event, got an empty sequence")
        for i, event in enumerate(events):
            if not isinstance(event, DOSE_TYPES):
                raise TypeError(
                    f"events[{i}] must be a dose event ({', '.join(t.__name__ for t in DOSE_TYPES)}), got {type(event).__name__}"
                )
        if len(events) > MAX_EVENTS:
            raise ValueError(f"events must hold at most MAX_EVENTS = {MAX_EVENTS} dose events, got {len(events)}")
        drugs = sorted({e.drug for e in events})
        if len(drugs) > 1:
            raise ValueError(f"a Regimen holds one drug, got events of {drugs}; simulate them separately")
        object.__setattr__(self, "events", tuple(sorted(events, key=lambda e: e.start_h)))

    @classmethod
    def repeat(cls, dose, every_h: float, count: int) -> Regimen:
        """Repeat one dose event ``count`` times, ``every_h`` hours apart.

        Parameters
        ----------
        dose : dose event
            The first session; its ``start_h`` is the start of the course.
        every_h : float
            Interval between session starts, hours, > 0.
        count : int
            Number of sessions, 1 to 1000.
        """
        if not isinstance(dose, DOSE_TYPES):
            raise TypeError(f"dose must be a dose event, got {type(dose).__name__}")
        count = check_int("count", count, low=1, high=1000)
        every_h = check_number("every_h", every_h, low=0.0, high=MAX_START_H, low_inclusive=False)
        return cls(tuple(dose.shifted(k * every_h) for k in range(count)))

    @classmethod
    def weekly(cls, dose, sessions_per_week: int, weeks: int) -> Regimen:
        """Give ``sessions_per_week`` evenly spaced sessions a week for ``weeks`` weeks.

        Parameters
        ----------
        dose : dose event
            The first session.
        sessions_per_week : int
            1 to 7; sessions are 168 / N hours apart.
        weeks : int
            1 to 52.
        """
        sessions_per_week = check_int("sessions_per_week", sessions_per_week, low=1, high=7)
        weeks = check_int("weeks", weeks, low=1, high=52)
        return cls.repeat(dose, every_h=168.0 / sessions_per_week, count=sessions_per_week * weeks)

    def __add__(self, other: Regimen) -> Regimen:
        if not isinstance(other, Regimen):
            return NotImplemented
        return Regimen(self.events + other.events)

    @property
    def drug(self) -> str:
        """The drug every event gives: "racemic" or "esketamine"."""
        return self.events[0].drug

    @property
    def routes(self) -> tuple[str, ...]:
        """Routes used, in a fixed order."""
        used = {e.route for e in self.events}
        return tuple(r for r in ROUTES if r in used)

    @property
    def end_h(self) -> float:
        """Time the last drug is given, hours."""
        return max(e.end_h for e in self.events)

    def inputs(self, weight_kg: float) -> tuple[Input, ...]:
        """All solver inputs for a patient of ``weight_kg`` (a float, or an array for a batch; in [0.5, 300]), sorted by start."""
        weight_kg = _check_weight(weight_kg)
        pieces = [p for e in self.events for p in e._inputs(weight_kg)]
        total = sum(p.amount_mg for p in pieces)  # a float, or an array for a batch
        if (total > MAX_REGIMEN_MG) if type(total) is float else np.any(total > MAX_REGIMEN_MG):
            raise ValueError(
                f"the regimen gives {float(np.max(total)):.6g} mg in all, more than MAX_REGIMEN_MG = {MAX_REGIMEN_MG:g} mg "
                "(a check against typing errors)"
            )
        return tuple(sorted(pieces, key=lambda p: p.start_min))

    def total_mg(self, weight_kg):
        """Total amount of base given, mg (a float, or an array for an array of weights)."""
        return sum(p.amount_mg for p in self.inputs(weight_kg))


def as_regimen(dose_or_regimen) -> Regimen:
    """Return a :class:`Regimen` from a single dose event or a regimen."""
    if isinstance(dose_or_regimen, Regimen):
        return dose_or_regimen
    if isinstance(dose_or_regimen, DOSE_TYPES):
        return Regimen((dose_or_regimen,))
    raise TypeError(f"regimen must be a dose event or a Regimen, got {type(dose_or_regimen).__name__}")


#: Dose-event kinds by name, as a control, a preset or :func:`dose_event` chooses them ("infusion", "bolus", ...)
#: -> their class. Not :data:`ROUTES`: those are the pharmacokinetic routes a dose is absorbed by (an
#: infusion and a bolus are both "iv").
EVENT_KINDS = MappingProxyType(
    {"infusion": Infusion, "bolus": Bolus, "intranasal": Intranasal, "oral": Oral, "intramuscular": Intramuscular,
     "sublingual": Sublingual}
)  # fmt: skip


def by_devices(kind: str, drug: str) -> bool:
    """Whether a dose of ``kind`` and ``drug`` is counted in nasal devices (esketamine spray, 28 mg each), not mg/kg."""
    return kind == "intranasal" and drug == "esketamine"


def dose_event(kind: str, drug: str = "racemic", dose_mg_per_kg: float = 0.5, duration_min: float = 40.0, devices: int = 2):
    """Return one dose event of ``kind`` (a name of :data:`EVENT_KINDS`) for ``drug``: the one place a name becomes a dose.

    Infusions last ``duration_min``; nasal esketamine is ``devices`` devices of
    :data:`simulator.literature.products.ESKETAMINE_DEVICE_MG`
    (the label's flat doses, 1 to 3); every other dose is ``dose_mg_per_kg``. An input for exploring the
    model, not a recommendation.

    Examples
    --------
    >>> dose_event("intranasal", "esketamine", devices=2).dose_mg
    56.0
    >>> dose_event("infusion", dose_mg_per_kg=0.5).duration_min
    40.0
    """
    kind = check_choice("kind", kind, tuple(EVENT_KINDS))
    drug = check_choice("drug", drug, DRUGS)
    event = EVENT_KINDS[kind]
    if by_devices(kind, drug):
        return event(dose_mg=_DEVICE_MG * check_int("devices", devices, low=1, high=3), drug=drug)
    if kind == "infusion":
        return event(dose_mg_per_kg=dose_mg_per_kg, duration_min=duration_min, drug=drug)
    return event(dose_mg_per_kg=dose_mg_per_kg, drug=drug)
