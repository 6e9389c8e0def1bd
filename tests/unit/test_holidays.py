"""Festival dates against the published calendar, 放假-start keying, merged festivals, 调休."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.registers.holidays import query as holidays_query
from app.registers.holidays import rules as holidays_rules
from app.registers.holidays import types as holidays_types
from app.registers.holidays import write as holidays_write

D = dt.date

# Published festival days (not computed): 春节, 清明, 端午, 中秋, 2020–2030.
PUBLISHED = {
    2020: ("01-25", "04-04", "06-25", "10-01"),
    2021: ("02-12", "04-04", "06-14", "09-21"),
    2022: ("02-01", "04-05", "06-03", "09-10"),
    2023: ("01-22", "04-05", "06-22", "09-29"),
    2024: ("02-10", "04-04", "06-10", "09-17"),
    2025: ("01-29", "04-04", "05-31", "10-06"),
    2026: ("02-17", "04-05", "06-19", "09-25"),
    2027: ("02-06", "04-05", "06-09", "09-15"),
    2028: ("01-26", "04-04", "05-28", "10-03"),
    2029: ("02-13", "04-04", "06-16", "09-22"),
    2030: ("02-03", "04-05", "06-05", "09-12"),
}


@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_festival_days_match_the_published_calendar(year):
    spring, qingming, dragon, mid_autumn = (D.fromisoformat(f"{year}-{md}") for md in PUBLISHED[year])
    days = holidays_rules.festival_days(year)
    assert (days["spring"], days["qingming"], days["dragon"], days["mid_autumn"]) == \
        (spring, qingming, dragon, mid_autumn)
    assert (days["new_year"], days["labour"], days["national"]) == (D(year, 1, 1), D(year, 5, 1), D(year, 10, 1))


def test_any_year_from_1950_to_2100():
    assert holidays_rules.festival_day("spring", 1950) == D(1950, 2, 17)
    assert holidays_rules.festival_day("mid_autumn", 2100) == D(2100, 9, 18)
    with pytest.raises(ValueError):
        holidays_rules.festival_day("spring", 2101)


def test_reminder_is_keyed_to_the_start_of_the_holiday(workspace):
    with workspace.reading() as s:
        reminders = {r.festivals: r for r in holidays_query.festival_reminders(s, 2026, lead_working_days=3)}
    spring = reminders[("spring",)]
    # 2026 春节 is 2-17 but the 放假 starts 2-15 (Sunday) with 2-14 (Saturday) a 调休 working day:
    # three working days before 2-15 are 2-14 (调休), 2-13, 2-12.
    assert spring.rest_start == D(2026, 2, 15) and spring.arrangement_known
    assert spring.remind_on == D(2026, 2, 12)


def test_mid_autumn_inside_national_day_is_one_reminder(workspace):
    with workspace.reading() as s:
        reminders = holidays_query.festival_reminders(s, 2025, lead_working_days=2)
    (merged,) = [r for r in reminders if "national" in r.festivals]
    assert merged.festivals == ("mid_autumn", "national")
    assert merged.label == "中秋节、国庆节"
    assert (merged.rest_start, merged.rest_end) == (D(2025, 10, 1), D(2025, 10, 8))
    # Two working days before 10-1 (a Wednesday) are 9-30 and 9-29.
    assert merged.remind_on == D(2025, 9, 29)
    assert len(reminders) == 6


def test_working_days_across_a_tiaoxiu_saturday(workspace):
    with workspace.reading() as s:
        cal = holidays_query.work_calendar(s, [2026])
    assert cal.is_workday(D(2026, 2, 14))  # Saturday, 调休上班
    assert not cal.is_workday(D(2026, 2, 16))  # 放假 Monday
    assert cal.working_days_between(D(2026, 2, 12), D(2026, 2, 24)) == 3  # 13, 14, 24


def test_a_year_without_an_arrangement_uses_the_festival_day(workspace):
    with workspace.reading() as s:
        reminders = holidays_query.festival_reminders(s, 2030, lead_working_days=1)
    spring = next(r for r in reminders if r.festivals == ("spring",))
    assert spring.rest_start == D(2030, 2, 3) and not spring.arrangement_known


def test_entered_arrangement_replaces_the_computed_day(workspace, editor):
    with workspace.writing() as s:
        holidays_write.save_arrangement(s, editor, holidays_types.ArrangementDraft(2030, "spring", D(2030, 2, 2), D(2030, 2, 9)))
    with workspace.reading() as s:
        spring = next(r for r in holidays_query.festival_reminders(s, 2030, 1) if r.festivals == ("spring",))
    assert spring.rest_start == D(2030, 2, 2) and spring.arrangement_known


def test_a_year_for_the_admin_table_shows_computed_days_beside_the_entered_ranges(workspace, editor):
    with workspace.reading() as s:
        seeded = holidays_query.holiday_year(s, 2026)
        empty = holidays_query.holiday_year(s, 2027)
    spring = next(f for f in seeded.festivals if f.festival == "spring")
    assert (spring.label, spring.festival_day) == ("春节", D(2026, 2, 17))
    assert (spring.entered.first_day, spring.entered.last_day) == (D(2026, 2, 15), D(2026, 2, 23))
    assert seeded.complete and (D(2026, 2, 14), "spring") in seeded.workdays
    assert [d for d, _ in seeded.workdays] == sorted(d for d, _ in seeded.workdays)
    assert empty.entered_count == 0 and empty.workdays == ()
    assert next(f for f in empty.festivals if f.festival == "spring").festival_day == D(2027, 2, 6)


def test_years_not_yet_entered_are_named_until_complete(workspace, editor):
    with workspace.reading() as s:
        assert holidays_query.missing_years(s, D(2026, 11, 28)) == [2027]
        assert holidays_query.missing_years(s, D(2027, 1, 5)) == [2027, 2028]
        assert 2004 in holidays_query.entered_years(s) and 2027 not in holidays_query.entered_years(s)
    with workspace.writing() as s:
        for festival in holidays_rules.FESTIVAL_ORDER:
            day = holidays_rules.festival_day(festival, 2027)
            holidays_write.save_arrangement(s, editor, holidays_types.ArrangementDraft(2027, festival, day, day + dt.timedelta(days=2)))
        holidays_write.set_workday(s, editor, D(2027, 2, 20), "spring", True)
    with workspace.reading() as s:
        assert holidays_query.missing_years(s, D(2026, 11, 28)) == []
        year = holidays_query.holiday_year(s, 2027)
    assert year.complete and year.workdays == ((D(2027, 2, 20), "spring"),)
    with workspace.reading() as s:
        calendar = holidays_query.work_calendar(s, [2027])
    assert calendar.is_workday(D(2027, 2, 20)) and not calendar.is_workday(D(2027, 2, 7))


# ---- counting working days: arithmetic, checked against walking the days -------------------------

_SPAN = (D(2025, 12, 1), D(2026, 3, 31))
_days_in_span = st.dates(*_SPAN)


@settings(max_examples=300, deadline=None)
@given(holidays=st.sets(_days_in_span, max_size=40), workdays=st.sets(_days_in_span, max_size=15),
       start=_days_in_span, end=_days_in_span, count=st.integers(0, 25))
def test_working_days_counted_by_arithmetic_agree_with_walking_the_days(holidays, workdays, start, end, count):
    """WorkCalendar counts a span by weekday arithmetic and bisection over what differs from
    Monday–Friday (a 放假 weekday, a 调休 weekend day, a day in both is off): the same numbers as
    asking is_workday of every day."""
    calendar = holidays_rules.WorkCalendar(set(holidays), set(workdays))

    def walked_between(a: dt.date, b: dt.date) -> int:
        sign, (low, high) = (1, (a, b)) if a <= b else (-1, (b, a))
        return sign * sum(calendar.is_workday(low + dt.timedelta(days=i)) for i in range(1, (high - low).days + 1))

    def walked(day: dt.date, n: int, step: int) -> dt.date:
        while n > 0:
            day += dt.timedelta(days=step)
            n -= calendar.is_workday(day)
        return day

    assert calendar.working_days_between(start, end) == walked_between(start, end)
    assert calendar.working_days_before(start, count) == walked(start, count, -1)
    assert calendar.working_days_after(start, count) == walked(start, count, 1)


def test_the_calendar_read_follows_every_change_of_the_table(workspace, editor):
    """calendar_for keeps the table's calendar between sessions while its fingerprint holds: each
    change — an arrangement entered or corrected, a 调休 day added or taken away, in this unit of
    work or another, through the services or a plain statement — shows in the next read, the same
    as reading the table afresh (work_calendar)."""
    from sqlalchemy import delete, insert

    from db.models import HolidayWorkday

    def both(s) -> tuple[int, int]:  # (cached, afresh): working days 2026-02-12 → 2026-03-02
        fresh = holidays_query.work_calendar(s, [2025, 2026, 2027])
        span = (D(2026, 2, 12), D(2026, 3, 2))
        return holidays_query.calendar_for(s).working_days_between(*span), fresh.working_days_between(*span)

    with workspace.reading() as s:
        assert both(s) == (8, 8)  # 13, 14 (调休), 24–27, 28 (调休), 03-02 by the seeded table
        spring = next(a for a in holidays_query.arrangements(s, 2026) if a.festival == "spring")
    with workspace.writing() as s:
        holidays_write.set_workday(s, editor, D(2026, 2, 28), "spring", False)
        assert both(s) == (7, 7)  # in the same unit of work
    with workspace.reading() as s:
        assert both(s) == (7, 7)
    with workspace.writing() as s:
        holidays_write.save_arrangement(s, editor, holidays_types.ArrangementDraft(
            2026, "spring", D(2026, 2, 15), D(2026, 2, 20), id=spring.id, version=spring.version))
    with workspace.reading() as s:
        assert both(s) == (8, 8)  # 02-23 a working day now
    with workspace.writing() as s:  # not through the service: no version, no audit row
        s.execute(insert(HolidayWorkday).values(day=D(2026, 2, 22), festival="spring"))
    with workspace.reading() as s:
        assert both(s) == (9, 9)
    with workspace.writing() as s:
        s.execute(delete(HolidayWorkday).where(HolidayWorkday.day == D(2026, 2, 22)))
        s.execute(insert(HolidayWorkday).values(day=D(2026, 3, 1), festival="spring"))  # same count
    with workspace.reading() as s:
        assert both(s) == (9, 9)
        assert holidays_query.calendar_for(s).is_workday(D(2026, 3, 1))
        assert not holidays_query.calendar_for(s).is_workday(D(2026, 2, 22))
