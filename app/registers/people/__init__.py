"""People (人员): the register every other one points at — name, unit, position, rank,
political status, 班子成员, 重要岗位 — with their position changes kept as dated events.

Homonyms are normal: a person is identified by name + unit (+ staff number), never by name alone.
Also here, because they are about one person: the 任前廉政谈话 after each position change
(pre_talks.py), the 廉政档案 (dossier.py facts, documents.py the .docx) and the person timeline
(timeline.py: every register's records about a person, in date order).

types.py · query.py · write.py · excel.py · pre_talks.py · dossier.py · documents.py ·
timeline.py · demo.py (the bureau's units and people) · demo_positions.py"""
