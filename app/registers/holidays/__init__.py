"""Festival days for any year (offline), the official 放假/调休 table, working days, and the
festival integrity reminders (节前廉政提醒) keyed to the start of each 放假.

Festival days: 元旦, 劳动节, 国庆 by rule; 春节, 端午, 中秋 from the lunar calendar and 清明 from the
solar terms, computed by lunar-python (maintained, offline, 1900–2100). The official 放假 ranges and
调休 working days are a table (seeded 2004–2026 by migration 0003, edited in 系统管理 as each
State Council notice is published); where a year's arrangement is not entered, the festival day
itself is used.

types.py · rules.py (festival days, the work calendar) · query.py (a year's table, the festival
reminders) · write.py (the 放假/调休 table) · demo.py (reminders marked done)"""
