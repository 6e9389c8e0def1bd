"""Units (单位/科室): the bureau's offices, affiliated institutions and others, in a tree.

A unit's kind (局机关科室 · 直属单位 · 其他) orders every list; a unit that records point at is
deactivated (停用), never deleted. 防控等级 is derived from the risk register (risks/stats.py).

types.py (UnitDraft, UnitRow) · query.py (list, names, the units below one) · write.py · excel.py"""
