"""``python -m simulator``: see :mod:`simulator.cli`. Teaching model: illustrative, not for dosing."""

import sys

from .cli import main

sys.exit(main())
