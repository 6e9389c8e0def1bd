"""清风台账 — services and domain rules. Never imports Qt (a test enforces it)."""
