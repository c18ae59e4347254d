"""``python -m simulator``: see :mod:`simulator.cli`. Teaching model: illustrative, not for dosing."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
