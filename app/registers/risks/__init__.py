"""Integrity risk points (廉政风险点): a lasting risk point with one assessment per year.

A *risk point* is the identity (stable code, unit, post, duty/power item, name); each year's
*assessment* holds the description, category, level (1 = 一级 = highest), the optional
likelihood × consequence score, the measures (several), who is responsible, the next review and
the status: draft · confirmed · retired (never deleted). Only confirmed assessments count anywhere
(stats.py); the annual 排查 is review.py. Every level change
is kept (from, to, date, reason, who) in `risk_level_changes`: 动态调整 has a history.

types.py · rules.py (levels and measures as offices write them) · query.py · write.py ·
review.py (the annual 排查) · stats.py · excel.py · demo.py + demo_catalogue.py"""
