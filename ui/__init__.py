"""清风台账 — the PySide6 window. Talks to `app` only; never imports `db` (a test enforces it)."""
