"""One package per register, each with the same files where it has that part:

types.py (Draft, Row, Filter) · rules.py (pure rules) · query.py (search ids, rows, get) ·
write.py (every change, with its audit row) · stats.py · excel.py (the Excel engine's adapter) ·
documents.py (its Word output) · demo.py (its demo records) — and the parts one register alone
has (findings/workflow.py, risks/review.py, people/dossier.py …)."""
