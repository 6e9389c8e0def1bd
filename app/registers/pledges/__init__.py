"""党风廉政建设责任书 (pledges): signed each year, 层层 — the 党组 with its 班子成员 and with each unit
and 科室, each unit with its posts (the seed's 二(一)). A year's list is drawn up (`draw_up_year`,
last year's list by default), then each pledge is marked signed with its date and the scanned
copy attached; the list shows who has not signed, and 首页 reminds of them after the
administrator's date (settings `pledge_due`). The units that sign with the 党组 in a year are
that year's 责任单位 (`query.responsible_units`), whom the reports up the line are expected from.

types.py · query.py · write.py · stats.py (signed n of m by level) · excel.py · demo.py"""
