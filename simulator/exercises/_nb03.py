"""Checkers of notebook 03's exercises (see `simulator.exercises`): time to toy response, what is left at day 7."""

from __future__ import annotations

import numpy as np

from ..dosing import Infusion
from ..patient import Patient, RandomEffects
from ..pipeline import simulate
from ..plasticity import PlasticityModel, symptom_summary
from . import _core

__all__ = ["check_day7_fraction_left", "check_time_to_response"]

#: (patient, toy chain) of the cases: the typical patient, and a more sensitive one with a higher baseline (toy values).
_CASES = (
    (Patient(), PlasticityModel()),
    (Patient(weight_kg=60.0, random_effects=RandomEffects(sensitivity=1.6)), PlasticityModel(baseline_score=40.0)),
)
#: Hour of day 7.
_DAY7_H = 24.0 * 7


def _cases():
    """One illustrative 0.5 mg/kg, 40-minute infusion through each toy chain, two weeks on a log-axis grid."""
    infusion = Infusion(dose_mg_per_kg=0.5, duration_min=40)
    return [simulate(infusion, patient, end_h=24.0 * 14, grid="log", plasticity=model) for patient, model in _CASES]


def check_time_to_response(function) -> _core.Check:
    """Check E03.1: the first time the toy symptom score is at or below half its baseline, in hours, from a Result.

    The student's ``function(result)`` is called for one infusion in two toy patients (different baselines and
    sensitivities) and compared with ``response_start_h`` of :func:`simulator.plasticity.symptom_summary`.
    """
    for result in _cases():
        baseline = result.plasticity_model.baseline_score
        summary = symptom_summary(result.time_h, result.symptom_score, baseline)
        expected = summary["response_start_h"]
        value, problem = _core.call("E03.1", function, result)
        if problem is not None:
            return problem
        if _core.close(value, expected, rel=0.01):
            continue
        hint = "find the first index where result.symptom_score <= baseline / 2 and return result.time_h there."
        if _core.close(value, summary["peak_h"], rel=0.01):
            hint = "that is the time of the largest improvement; response starts earlier, when the score first halves."
        elif _core.close(value, summary["onset_h"], rel=0.01):
            hint = "that is the onset (10% improvement); response is a score at or below half the baseline."
        elif _core.close(value, summary["response_end_h"], rel=0.01):
            hint = "that is the last time in response: take the first."
        elif baseline != 32.0 and _core.close(value, float(result.time_h[np.argmax(result.symptom_score <= 16.0)]), rel=0.01):
            hint = "half the baseline depends on the patient: use result.plasticity_model.baseline_score / 2, not 16."
        return _core.verdict(
            "E03.1",
            "wrong",
            f"baseline {baseline:g}: expected {_core.number(expected)} h, got {_core.number(value)}. {hint}",
        )
    return _core.verdict("E03.1", "right", "the time to toy response matches for both toy patients.")


def check_day7_fraction_left(function) -> _core.Check:
    """Check E03.2: the fraction of the peak toy improvement still present at day 7 (168 h), from a Result.

    Improvement is baseline minus score. The student's ``function(result)`` is called for one infusion in two toy
    patients and compared with the improvement at 168 h divided by ``peak_improvement`` of
    :func:`simulator.plasticity.symptom_summary`.
    """
    for result in _cases():
        baseline = result.plasticity_model.baseline_score
        summary = symptom_summary(result.time_h, result.symptom_score, baseline)
        score_day7 = float(np.interp(_DAY7_H, result.time_h, result.symptom_score))
        expected = (baseline - score_day7) / summary["peak_improvement"]
        value, problem = _core.call("E03.2", function, result)
        if problem is not None:
            return problem
        if _core.close(value, expected, rel=0.01):
            continue
        hint = "divide the improvement at 168 h (baseline - score) by the largest improvement (baseline - lowest score)."
        index = result.plasticity_index
        if _core.close(value, 1.0 - expected, rel=0.01):
            hint = "that is the fraction already lost: return the fraction still present."
        elif _core.close(value, score_day7 / baseline, rel=0.01):
            hint = "that is the score relative to baseline; the question is about the improvement, baseline - score."
        elif _core.close(value, baseline - score_day7, rel=0.01):
            hint = "that is the improvement in points; divide it by the largest improvement."
        elif _core.close(value, float(np.interp(_DAY7_H, result.time_h, index)) / float(index.max()), rel=0.01):
            hint = "that is the plasticity index; the question is about the toy symptom score."
        elif _core.close(value, 100.0 * expected, rel=0.01):
            hint = "that is a percentage: return a fraction (0 to 1)."
        return _core.verdict(
            "E03.2",
            "wrong",
            f"baseline {baseline:g}: expected {_core.number(expected)}, got {_core.number(value)}. {hint}",
        )
    return _core.verdict("E03.2", "right", "the fraction of the peak improvement left at day 7 matches for both toy patients.")


#: Exercise id -> its checker.
EXERCISES: dict = {"E03.1": check_time_to_response, "E03.2": check_day7_fraction_left}
