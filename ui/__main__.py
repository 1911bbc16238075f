"""`python -m ui`: the desktop app — and the frozen build's one program, which is the command
line when started as `casefile` (a link to `casefile-app` on Linux and macOS)."""

import sys
from pathlib import Path


def run() -> int:
    """The app, or the command line when this program was started under the name `casefile`."""
    if Path(sys.argv[0]).stem.lower() == "casefile":
        from casefile.cli import main as cli_main

        return cli_main()
    from ui.app import main as app_main

    return app_main()


if __name__ == "__main__":
    sys.exit(run())
