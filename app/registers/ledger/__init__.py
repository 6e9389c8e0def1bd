"""First-form ledger (第一种形态工作台账): one entry = one 人次.

An entry records the person with a snapshot of their facts (unit, position, rank, political
status, 班子成员, 重要岗位) taken from the people register when the entry is made and editable
afterwards; later changes of the person never reach it. Each disposal method's form (第一种 /
第二种形态) comes from the disposal_method dictionary: an entry with a second-form method does not
belong here; it is saved only once the clerk confirms, and is then kept out of the filed
ledger and its statistics and listed as 需转出 (the query and the statistics derive this from
the dictionary, so the rule follows an administrator's correction of a form).

types.py · rules.py (title, defaults, 回访 text) · query.py · write.py · stats.py · talk.py (the
talk record of a disposal by talking) · documents.py (the Word ledger) · excel.py · demo.py"""
