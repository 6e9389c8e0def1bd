"""The scoring rules of a unit's 考核: the items' weights add up to 100, the total is Σ weight ×
score / 100 once every item is scored, the grade follows the administrator's lines, and a
vetoed unit is graded 一般 at best. Pure rules: no session."""
from __future__ import annotations

import re
from collections.abc import Sequence

from app.errors import ValidationError
from app.registers.assessments.types import ItemDraft
from app.vocab import ASSESSMENT_GRADES, ASSESSMENT_SOURCES

# The scoring table a unit's first assessment starts from (the seed's four ways, in its order).
DEFAULT_ITEMS: tuple[ItemDraft, ...] = (
    ItemDraft("日常抽查", "daily", 30), ItemDraft("重点检查", "key", 30),
    ItemDraft("述职述廉", "report", 20), ItemDraft("民主评议", "appraisal", 20),
)
GRADES = tuple(ASSESSMENT_GRADES)          # good, fair, average, poor: best first
VETO_BEST = "average"                      # a vetoed unit: 一般 at best (no 评先评优)
MAX_ITEMS = 30


def checked_items(items: Sequence[ItemDraft]) -> list[ItemDraft]:
    """The scoring table as written, checked: names, sources, whole weights adding up to 100,
    scores 0–100 (one decimal). Raises ValidationError("…", "items") naming the row."""
    rows = [i for i in items if (i.name or "").strip() or i.weight is not None or i.score is not None]
    if not rows:
        raise ValidationError("请填写考核项目（至少一项）。", "items")
    if len(rows) > MAX_ITEMS:
        raise ValidationError(f"考核项目不能超过 {MAX_ITEMS} 项。", "items")
    out = []
    for n, item in enumerate(rows, start=1):
        name = (item.name or "").strip()
        if not name:
            raise ValidationError(f"第 {n} 项缺少考核项目名称。", "items")
        if len(name) > 100:
            raise ValidationError(f"第 {n} 项的名称过长（不超过 100 字）。", "items")
        if item.source not in ASSESSMENT_SOURCES:
            raise ValidationError(f"第 {n} 项“{name}”请选择考核方式（{'、'.join(ASSESSMENT_SOURCES.values())}）。",
                                  "items")
        if item.weight is None or not 1 <= item.weight <= 100:
            raise ValidationError(f"第 {n} 项“{name}”的权重应为 1–100 之间的整数（%）。", "items")
        score = item.score
        if score is not None:
            if not 0 <= score <= 100:
                raise ValidationError(f"第 {n} 项“{name}”的得分应在 0–100 之间。", "items")
            score = round(float(score), 1)
        out.append(ItemDraft(name, item.source, int(item.weight), score))
    weights = sum(i.weight for i in out)  # type: ignore[misc]
    if weights != 100:
        raise ValidationError(f"各考核项目的权重合计应为 100%（现为 {weights}%）。", "items")
    return out


def total_of(items: Sequence[ItemDraft]) -> float | None:
    """Σ weight × score / 100, to one decimal; None while an item is not scored."""
    if not items or any(i.score is None or i.weight is None for i in items):
        return None
    return round(sum(i.weight * i.score for i in items) / 100, 1)  # type: ignore[operator]


def grade_of(total: float | None, lines: Sequence[int], veto: bool = False) -> str:
    """The grade a total proposes (好 ≥ lines[0], 较好 ≥ lines[1], 一般 ≥ lines[2], else 差);
    a vetoed unit 一般 at best. "" when there is no total."""
    if total is None:
        return ""
    grade = next((g for g, line in zip(GRADES, lines, strict=False) if total >= line), GRADES[-1])
    return capped(grade) if veto else grade


def capped(grade: str) -> str:
    """The grade a vetoed unit may have: 一般 at best."""
    return grade if GRADES.index(grade) >= GRADES.index(VETO_BEST) else VETO_BEST


def check_grade(grade: str, veto: bool) -> None:
    if grade and grade not in ASSESSMENT_GRADES:
        raise ValidationError(f"考核等次“{grade}”不对，应为{'、'.join(ASSESSMENT_GRADES.values())}之一。", "grade")
    if veto and grade and GRADES.index(grade) < GRADES.index(VETO_BEST):
        raise ValidationError("一票否决的单位不能评为“好”或“较好”（不得评先评优）。", "grade")


def parse_weights(text: str) -> list[tuple[str, int]]:
    """“日常抽查30%、重点检查30%、述职述廉20%、民主评议20%” → [(source, weight)…] (the 考核
    sheet's 评分构成); ValidationError naming what is not understood."""
    found = []
    by_label = {label: code for code, label in ASSESSMENT_SOURCES.items()}
    for part in re.split(r"[、，,；;\s]+", text.strip()):
        if not part:
            continue
        match = re.fullmatch(r"(.+?)[:：]?(\d{1,3})%?", part)
        if not match or match.group(1) not in by_label:
            raise ValidationError(f"评分构成“{part}”看不懂，应写成“日常抽查30%”这样。", "weights")
        found.append((by_label[match.group(1)], int(match.group(2))))
    return found
