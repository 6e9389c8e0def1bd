"""婚丧喜庆报备: reports of weddings, funerals and other celebrations — who reports (a registered
person, with their unit and position as they were), the event, its scale, whether public cars,
public funds or subordinates' gifts are involved, when it was reported, and the office's
提醒谈话 if one was held.

The rule (domain research §3; the office's own 婚丧喜庆事宜报告制度): a 婚 or another 喜庆 is
reported 7–10 working days before it — at the latest on the 7th working day before the event; a
丧 cannot wait, so it may be reported after it, within 10 working days (about the 15 days local
rules allow). Working days are those of `holidays/rules.py` WorkCalendar: Monday to Friday without the
official 放假 days, plus the 调休 working weekends.

types.py · rules.py (when a report is due) · query.py · write.py · excel.py · demo.py"""
