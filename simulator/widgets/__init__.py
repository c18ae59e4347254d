"""ipywidgets explorers and the lecture dashboard: thin shells over :func:`simulator.simulate` and the figures.

Teaching models: illustrative, not for dosing. They need ipywidgets, an extra: ``pip install -e ".[lab]"`` (or
``".[widgets]"``); ``import simulator`` does not.
"""

import importlib.util

if importlib.util.find_spec("ipywidgets") is None:  # say what to install, not a bare ModuleNotFoundError
    raise ImportError('simulator.widgets needs ipywidgets: pip install -e ".[lab]" (or ".[widgets]")')

from .chain import LectureDashboard, TimeCourseExplorer
from .explorer import Explorer
from .guided import GuidedCourseExplorer
from .pharmacokinetics import PharmacokineticsExplorer
from .predict import Prediction, PredictionPanel
from .receptor import ChannelBlockExplorer, ReceptorExplorer
from .sessions import SessionsExplorer

#: Earlier names, kept so that existing notebooks run.
ConcentrationExplorer = PharmacokineticsExplorer
ChainExplorer = TimeCourseExplorer

__all__ = [
    "ChainExplorer",
    "ChannelBlockExplorer",
    "ConcentrationExplorer",
    "Explorer",
    "GuidedCourseExplorer",
    "LectureDashboard",
    "PharmacokineticsExplorer",
    "Prediction",
    "PredictionPanel",
    "ReceptorExplorer",
    "SessionsExplorer",
    "TimeCourseExplorer",
]
