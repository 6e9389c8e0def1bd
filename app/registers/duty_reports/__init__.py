"""报告报送 (duty_reports): what each unit sends up the line (the seed's 五(一)) — its half-year
report on 全面从严治党 and 党风廉政建设 to the 党组, at least one 信息 a month, a yearly 调研报告 —
recorded as received per unit, and tracked against the year's 责任单位 (pledges.query.
responsible_units) as due, received, late or missing; 首页 reminds of those due (rules.py: the
due dates from settings).

types.py · rules.py · query.py · write.py · stats.py (the tracking table) · demo.py"""
