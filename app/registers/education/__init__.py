"""廉政教育 (education): the seed's 四(三) — 反腐倡廉教育 in 党组理论中心组 and “三会一课”, 警示教育
and 以案释法 (a real case studied: free text, or a 问题线索/处分 of our own when it is 身边事), 廉洁
文化 and 家风 — each session with its date, form, theme, organiser, materials and the people who
took part. 次 = sessions; 人次 = participants summed over sessions (as talks count talkees),
each counted in their unit of the time. Participants are added by unit (absentees then removed)
or read from a 签到表 sheet (sign_in.py, through the Excel engine's reader). Coverage: who has
not taken part this year, per unit and per person (stats.py).

types.py · rules.py · query.py · write.py · stats.py · sign_in.py · excel.py · demo.py"""
