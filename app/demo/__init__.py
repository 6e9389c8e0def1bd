"""The demo workspace: a realistic bureau built for its `--as-of` date (build.py)."""
