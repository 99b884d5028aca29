"""``python -m helpers.build``: the ``make report`` command (see :mod:`helpers.reports`)."""

import sys

from .reports.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
