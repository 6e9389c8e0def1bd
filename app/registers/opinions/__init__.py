"""党风廉政意见回复: before a promotion or an award the office answers, for each person, what it
has on record as of a date — first-form entries and whether an 影响期 covers that date, the clues
handled (how each ledger entry's clue was dealt with), and the findings the person answers for
that were still open then. A reply is a .docx (resources/templates/opinion_reply.docx: one
document per person, or one for all); each issued reply is kept in `opinion_replies` (listed on
the form) and audited.

The reply states facts and a conclusion that follows from them; the office signs it. Second-form
entries wrongly filed in the ledger (需转出) are stated too: a reply must not leave a 处分 out.

types.py · query.py (the facts as of a date, the replies issued) · write.py (issue: the .docx and
its rows) · documents.py (the reply's text and template context) · demo.py (replies before the
demo's promotions and for each December's 评先评优)"""
