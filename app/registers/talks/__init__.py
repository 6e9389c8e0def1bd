"""Talk records (谈话记录): participants with roles, the talkee's unit and position snapshotted.

A talk has one or more 谈话人 (talker), one or more 被谈话人 (talkee) — several for a collective
talk — and 记录人 (recorder); each is a registered person or a free-text name (an outsider).
Routine talks (任前, 廉政, 谈心) are not dispositions: nothing here counts towards the first form;
the first-form ledger links its entries to talks and may create one through `save_talk`.

types.py · query.py · write.py · stats.py (次 and 人次) · outlines.py (the content a type starts
from) · documents.py (谈话记录表) · excel.py · demo.py + demo_texts.py"""
