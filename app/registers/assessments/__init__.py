"""述职述廉 and 考核 (assessments): the seed's 五(三) — each unit's 主体责任 assessed once a year
through 日常抽查, 重点检查, 述职述廉 and 民主评议 — and the 述职述廉 of leaders with their 民主评议.

A unit's assessment holds an editable scoring table (items with their source and weight %; a
score 0–100 each, a 民主评议 item's score being its 满意度), the total (Σ weight × score / 100,
once every item is scored), the grade the 党组 gave (好 · 较好 · 一般 · 差; the score proposes one
by the administrator's lines) and 一票否决 with its reason: proposed when someone in the unit
received a third- or fourth-form measure that year (veto.py, linking that sanction) — a finding
never triggers it; a vetoed unit is graded 一般 at best (no 评先评优). A leader's 述职述廉 keeps
the person's unit and position of the time, the 满意度 and the 民主评议 等次.

types.py · rules.py (total, grade, weights) · query.py · write.py · veto.py · stats.py (the
units' scores for the chart and the report) · excel.py (two sheets: 考核 per unit, 述职述廉 per
leader) · demo.py"""
