"""Findings (问题整改台账): every problem found — by inspections, 巡察反馈, audits, complaints,
self-checks — with who rectifies it by when, through to 销号.

The record: types.py · query.py · write.py; the workflow (待整改 → 整改中 → 已整改（待验收） → 已销号,
extensions, progress notes) in workflow.py; the figures (整改完成率, overdue lists, counts by
unit) in stats.py; excel.py. Their demo records come with the inspections' (inspections/demo.py).

Overdue and due-soon are derived, never stored (DESIGN "Definitions"): a finding is overdue when
its deadline is before today and it is 待整改 or 整改中; due soon when its deadline falls within
`settings.due_soon_days` from today. Every function that tells them takes `today`.

The unit a finding belongs to, for filters and charts, is its 责任单位 when set, else the unit
where it was found ("owner unit"). A unit-limited user sees the findings whose unit or
responsible unit is one of theirs, and writes only those whose unit and responsible unit both are."""
