"""Check functions for the course notebooks' exercises: each says whether an answer is right, and why.

Teaching model: illustrative, not for dosing.

A student completes a small function in a notebook and passes it to its checker, for example
``exercises.check_peak_time(peak_time)``. The checker calls the function on cases it builds with the
package, compares with its own answer, and returns a :class:`Check`: "right", "wrong" (with a hint) or
"not done" (the stub still raises ``NotImplementedError``). A checker never raises for a wrong answer,
except in strict mode (environment variable ``KETAMINE_SIM_STRICT_CHECKS=1``), which the tests use to
prove that the instructor notebooks' solutions pass.
"""

from . import _nb00, _nb01, _nb02, _nb03, _nb04, _nb05
from ._core import STRICT_ENV, Check
from ._nb00 import *  # noqa: F403
from ._nb01 import *  # noqa: F403
from ._nb02 import *  # noqa: F403
from ._nb03 import *  # noqa: F403
from ._nb04 import *  # noqa: F403
from ._nb05 import *  # noqa: F403

#: Exercise id ("E01.1") -> its checker, for every notebook.
EXERCISES = {**_nb00.EXERCISES, **_nb01.EXERCISES, **_nb02.EXERCISES, **_nb03.EXERCISES, **_nb04.EXERCISES, **_nb05.EXERCISES}

__all__ = [
    "EXERCISES",
    "STRICT_ENV",
    "Check",
    *_nb00.__all__,
    *_nb01.__all__,
    *_nb02.__all__,
    *_nb03.__all__,
    *_nb04.__all__,
    *_nb05.__all__,
]
