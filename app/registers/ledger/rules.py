"""The ledger's rules without a session: its title, default 影响期 end and 回访 date (none for an
entry whose clue was closed by 了结), the 回访 text as filed, the quarter of a date, how a
problem's text is cleaned, the 线索处置 codes of 了结 and of a 函询 letter."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import case, extract

from app.common import (
    clean,
)
from app.dates import add_months
from app.dictionaries import normalize
from app.settings import Settings

SECOND_FORM = 2


INQUIRY = "inquiry"  # clue_handling code of 函询
# clue_handling codes of a clue closed by 了结: no method needed, none counted.
CLEARED_HANDLINGS = ("inquiry_closed", "verify_closed", "closed")
# The handlings a 函询 letter belongs to (its dates are kept with these only).
LETTER_HANDLINGS = (INQUIRY, "inquiry_closed")


TRANSFER_WARNING = ("处置方式“{labels}”属于第二种形态，不应记入第一种形态台账。"
                    "仍保存时，该条列为“需转出”，不计入台账和统计；可在台账中将其转为处分记录。")
NON_MEMBER_WARNING = ("{name}的政治面貌为“{status}”，不是中共党员（预备党员视为党员）："
                      "第一种形态适用于党员。仍保存时，该条在台账中标注“非党员”，单独统计。")
NO_METHOD = "请至少选择一种处置方式（线索已予了结的，在“线索处置”中选择了结方式即可）。"


def ledger_title(bureau: str, year: int | None) -> str:
    """The filed ledger's title: “<bureau>机关纪委<year>年运用监督执纪第一种形态工作台账”."""
    return f"{bureau}机关纪委{f'{year}年' if year else ''}运用监督执纪第一种形态工作台账"


def default_impact_end(settings: Settings, methods: Sequence[str], decided_on: dt.date | None
                       ) -> dt.date | None:
    """The end of the 影响期: the longest period of the entry's methods (settings.impact_months,
    诫勉 6 months by default) from the decision date; None when no method has one."""
    months = [settings.impact_months[m] for m in methods if m in settings.impact_months]
    if decided_on is None or not months:
        return None
    return add_months(decided_on, max(months))


def default_revisit(settings: Settings, decided_on: dt.date | None, methods: Sequence[str] = ("any",)
                    ) -> dt.date | None:
    """The planned 回访: the decision date + settings.revisit_months; none for an entry without
    a method (a clue closed by 了结 clears the person: nothing to revisit)."""
    return add_months(decided_on, settings.revisit_months) if decided_on and methods else None


def clean_problem(text: str) -> str:
    """主要问题 as compared when a re-import matches an entry (spaces and quotes ignored)."""
    return normalize(clean(text))


def revisit_text(planned: dt.date | None, done_on: dt.date | None, result: str) -> str:
    """回访情况 as the ledger files it: “2026-05-10已回访：…”, “拟于2026-05-10回访” or the text."""
    if done_on is not None:  # isoformat: a date's YYYY-MM-DD, without strftime's cost (exports)
        return f"{done_on.isoformat()}已回访：{result}" if result else f"{done_on.isoformat()}已回访"
    if result:
        return result
    return f"拟于{planned.isoformat()}回访" if planned is not None else ""


def quarter_of(column):  # noqa: ANN001, ANN201 — a portable SQL expression for 1–4
    month = extract("month", column)
    return case((month <= 3, 1), (month <= 6, 2), (month <= 9, 3), else_=4)

