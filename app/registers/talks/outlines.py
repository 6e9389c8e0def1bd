"""Per-type outlines a talk record's content starts from (谈话内容提纲).

What a record of each type is expected to cover, from the rules and local practice collected in
the domain research (党内监督条例 §21 for 提醒/诫勉, 任前廉政谈话 with its 廉政承诺书, 谈心谈话
档案). The clerk fills in after each heading; an office that words them differently edits here.
"""
from __future__ import annotations

OUTLINES: dict[str, tuple[str, ...]] = {
    "heart": (
        "一、近期思想、工作、学习和生活情况：",
        "二、工作中遇到的困难和需要组织帮助解决的问题：",
        "三、对本单位（科室）工作和班子建设的意见建议：",
        "四、谈话人的肯定、提醒和希望：",
    ),
    "reminder": (
        "一、谈话事由（反映或发现的苗头性、倾向性问题）：",
        "二、被谈话人对有关情况的说明：",
        "三、指出问题，提出提醒和要求：",
        "四、整改要求及时限：",
    ),
    "pre_appointment": (
        "一、通报任职情况，肯定成绩：",
        "二、新岗位的廉政风险点及防控要求：",
        "三、严守政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律和生活纪律的要求：",
        "四、落实“一岗双责”、履行全面从严治党责任的要求：",
        "五、签订廉政承诺书情况：",
    ),
    "integrity": (
        "一、传达党风廉政建设有关要求：",
        "二、分管领域（岗位）廉政风险及防控情况：",
        "三、落实“一岗双责”情况：",
        "四、提出要求：",
    ),
    "interview": (
        "一、约谈事由：",
        "二、被约谈人说明情况：",
        "三、指出存在的问题：",
        "四、约谈要求及整改时限：",
    ),
    "admonish": (
        "一、诫勉事由（违纪违规事实）：",
        "二、被谈话人的说明和检讨：",
        "三、指出问题的性质和危害：",
        "四、提出整改要求，明确整改时限：",
        "五、告知诫勉影响期及有关规定：",
    ),
}
GENERIC = ("一、谈话事由：", "二、谈话主要内容：", "三、提出要求：")


def outline_for(kind: str) -> str:
    """The outline of a talk type (dictionary code): headings, each followed by a blank line."""
    return "\n\n".join(OUTLINES.get(kind, GENERIC)) + "\n"


def is_outline(text: str) -> bool:
    """True when `text` is empty or still one of the untouched outlines (safe to replace)."""
    stripped = text.strip()
    return not stripped or stripped in {outline_for(k).strip() for k in (*OUTLINES, "")}
