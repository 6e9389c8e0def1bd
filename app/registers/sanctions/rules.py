"""The rules of 处分与组织处理 (reference/discipline-rules.md), free of the database.

- A measure's 影响期 is counted from the decision: N months end on the same day N months later
  (the month's last day where that day does not exist); on that day the measure is still in
  effect, on the next it has ended (`app.dates.add_months`, `in_effect`).
- The months come from the kind (dictionary sanction_kind, editable); a record may set its own
  (严重警告 given in place of 撤销党内职务: 24; 停职检查: the 停职 period). 留党察看 adds its 察看期
  (12 or 24 months) before the two years.
- 党纪 measures are for Party members (预备党员 are members); a bare 记过 / 记大过 / 降级 / 撤职
  means the 政务 measure (the dictionary's aliases); a bare 警告 names no system and is refused.
- 诫勉 stays a first-form entry of the ledger; the entry makes the sanction record that carries
  its 影响期 (counted once: in the ledger).
"""
from __future__ import annotations

import datetime as dt
import re

from app.dates import add_months

PARTY, GOVERNMENT, INSTITUTION, ORGANIZATION, ADMONISH_FAMILY = (
    "party", "government", "institution", "organization", "admonish")
FAMILIES = {PARTY: "党纪处分", GOVERNMENT: "政务处分", INSTITUTION: "事业单位处分", ORGANIZATION: "组织处理",
            ADMONISH_FAMILY: "诫勉"}
# What follows a kind's label in a sentence: 党内警告处分 · 调整职务处理 · 诫勉.
SUFFIX = {PARTY: "处分", GOVERNMENT: "处分", INSTITUTION: "处分", ORGANIZATION: "处理", ADMONISH_FAMILY: ""}
FORM_LABELS = {1: "第一种形态", 2: "第二种形态", 3: "第三种形态", 4: "第四种形态"}

ADMONISH = "admonish"                 # sanction_kind code of 诫勉 (made by the ledger)
PROBATION = "party_probation"         # 留党察看: its 察看期 is entered
PROBATIONS = (12, 24)
MAX_MONTHS = 120

# A second-form disposal method filed in the ledger (需转出) → the sanction kind it is.
KIND_OF_METHOD = {
    "warning": "party_warning", "serious_warning": "party_serious_warning", "admin_warning": "gov_warning",
    "demerit": "gov_demerit", "major_demerit": "gov_major_demerit", "demotion": "gov_demotion",
    "suspension": "suspension", "reassign": "reassign", "ordered_resign": "ordered_resign",
    "dismissal": "dismissal", "resign_blame": "resign_blame", "demote_post": "demote_post",
    "admonish": ADMONISH,
}

BARE_WARNING = "“警告”未写明是党纪处分还是政务处分：请写作“党内警告”或“政务警告”。"
NOT_A_MEMBER = "{name}的政治面貌为{status}，不是中共党员（预备党员视为党员），不能给予{kind}等党纪处分。"
ADMONISH_IN_LEDGER = "诫勉属于第一种形态，请在第一种形态台账中登记；台账条目保存后自动生成带影响期的诫勉记录。"
OWNED_BY_LEDGER = "该诫勉记录由第一种形态台账生成，请在台账中修改或删除。"


def impact_end(decided_on: dt.date, months: int | None, probation_months: int | None = None) -> dt.date | None:
    """The last day of the 影响期 (None: the measure has no period)."""
    if months is None:
        return None
    return add_months(decided_on, (probation_months or 0) + months)


def in_effect(decided_on: dt.date, end: dt.date | None, day: dt.date) -> bool:
    """In effect on `day`: decided by then, and `day` not after the period's last day."""
    return end is not None and decided_on <= day <= end


def measure_text(label: str, family: str) -> str:
    """党内警告处分 · 政务记过处分 · 调整职务处理 · 诫勉."""
    return label + SUFFIX.get(family, "")


def chinese_date(day: dt.date) -> str:
    """2027年3月5日 (the form an 意见回复 writes)."""
    return f"{day.year}年{day.month}月{day.day}日"


def reply_line(decided_on: dt.date, organ: str, measure: str, end: dt.date | None, day: dt.date) -> str:
    """A measure as an 意见回复 written on `day` states it: in effect
    “2026年3月5日由局党组给予党内警告处分，影响期至2027年3月5日。”, ended
    “曾受党内警告处分（影响期至2027年3月5日，已满）。”, without a period “…（无影响期）。”."""
    given = f"{chinese_date(decided_on)}{f'由{organ}' if organ else ''}给予{measure}"
    if end is None:
        return f"{given}（无影响期）。"
    if in_effect(decided_on, end, day):
        return f"{given}，影响期至{chinese_date(end)}。"
    return f"曾受{measure}（影响期至{chinese_date(end)}，已满）。"


_SPLIT = re.compile(r"[、，,；;/／\s]+|同时给予|并给予|同时|并处|及|和|并")
_WRAP = re.compile(r"^(?:给予|予以|对其|作出)?(?P<kind>.+?)(?:的)?(?:处分|处理|决定)?$")


def written_kinds(text: str) -> list[str]:
    """“给予党内警告处分，同时给予政务记过处分” → ["党内警告", "政务记过"]: the measures a cell
    names, as written (without 给予 … 处分)."""
    found = []
    for part in _SPLIT.split(text or ""):
        part = part.strip().strip("。")
        if not part:
            continue
        match = _WRAP.match(part)
        found.append(match.group("kind") if match else part)
    return [k for k in found if k]


def is_bare_warning(written: str) -> bool:
    return written.strip() in ("警告", "警告处分")
