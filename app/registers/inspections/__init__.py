"""Inspections (监督检查): the checks the office carries out — the plan asks for 1–2
工作作风纪律检查 across the system every month — and the monthly coverage of those checks.

An inspection lists the units it inspected (none = the whole system) and the findings it
produced (the findings register). A unit-limited user sees the inspections of their units
(and the system-wide ones) and may only record inspections of their own units.

types.py · query.py · write.py · stats.py (monthly coverage) · excel.py · demo.py (inspections
and the findings they produced)"""
