"""班子专题研究 (studies): a meeting of the 党组 (or of a unit's 班子) that studied 全面从严治党,
党风廉政建设 and 反腐败工作 — date, meeting, topics, who presided and reported, what was decided,
the minutes attached. The seed's “年内班子专题研究…不少于两次” is counted per calendar year for the
党组 (rules.py): 首页 reminds from 1 July while there has been none, and in the fourth quarter
while there are fewer than two.

types.py · rules.py · query.py · write.py · stats.py · excel.py · demo.py"""
