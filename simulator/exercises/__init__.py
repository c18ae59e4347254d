"""Check functions for the course notebooks' exercises: each says whether an answer is right, and why.

Teaching model: illustrative, not for dosing.

A student completes a small function in a notebook and passes it to its checker, for example
``exercises.check_brain_lag(brain_lag_min)``. The checker calls the function on cases it builds (simulated curves,
and hand-built ones that no package function reaches, so that the method is tested, not a call), compares with its
own answer, and returns a :class:`Check`: "right", "wrong" (with a hint that names the likely mistake, never the
expected value) or "not done" (the stub still raises ``NotImplementedError``). A checker never raises for a wrong
answer, except in strict mode (environment variable ``KETAMINE_SIM_STRICT_CHECKS=1``), which the tests use to prove
that the instructor notebooks' solutions pass.

Every verdict is appended to the working copy's attempt log (``exercise_attempts.jsonl`` in the current directory;
:data:`SCORES_ENV` moves it or turns it off); :func:`score` shows the summary table and :func:`write_scores` writes
the score file (CSV or JSON) a lecturer collects. With nbgrader, an autograded cell ``assert
exercises.check_brain_lag(brain_lag_min).passed`` gives the exercise's points (see docs/teacher_guide.md).
"""

from . import _nb00, _nb01, _nb02, _nb03, _nb04, _nb05, _nb07, _scores
from ._core import STRICT_ENV, Check
from ._nb00 import *  # noqa: F403
from ._nb01 import *  # noqa: F403
from ._nb02 import *  # noqa: F403
from ._nb03 import *  # noqa: F403
from ._nb04 import *  # noqa: F403
from ._nb05 import *  # noqa: F403
from ._nb07 import *  # noqa: F403
from ._scores import COLUMNS, LOG_NAME, SCORES_ENV, attempts, log_path, read_scores, score, write_scores

_MODULES = (_nb00, _nb01, _nb02, _nb03, _nb04, _nb05, _nb07)

#: Exercise id ("E01.1") -> its checker, for every notebook.
EXERCISES = {qid: checker for module in _MODULES for qid, checker in module.EXERCISES.items()}

for _module in _MODULES:
    _scores.NOTEBOOKS[_module.NOTEBOOK[:2]] = _module.NOTEBOOK
_scores.KNOWN.update(EXERCISES)

__all__ = [
    "COLUMNS",
    "EXERCISES",
    "LOG_NAME",
    "SCORES_ENV",
    "STRICT_ENV",
    "Check",
    "attempts",
    "log_path",
    "read_scores",
    "score",
    "write_scores",
    *_nb00.__all__,
    *_nb01.__all__,
    *_nb02.__all__,
    *_nb03.__all__,
    *_nb04.__all__,
    *_nb05.__all__,
    *_nb07.__all__,
]
