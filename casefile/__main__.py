"""`python -m casefile`: the command line (also the frozen build's `casefile` program)."""

import sys

from casefile.cli import main

if __name__ == "__main__":
    sys.exit(main())
