"""``python -m helpers.build``: the ``make report`` command (see :mod:`helpers.build`)."""

import sys

from helpers.build.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
