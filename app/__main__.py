"""`python -m app`: the composition root (the window, or a command)."""
from __future__ import annotations

import sys

from app.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
