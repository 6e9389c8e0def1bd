"""Editing the dictionaries (数据字典, 系统管理 › 数据字典): an administrator's items, and the
items an import proposes for unknown values. Reading them: app/dictionaries.py."""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app import audit
from app.auth import Actor, Role, require_all_units, require_role, require_write
from app.dictionaries import DOMAIN_LABELS, forget_vocabulary, load_vocabulary
from app.errors import NotFound, ValidationError
from app.stale import stale_record
from app.vocab import DISCIPLINES, FOUR_STYLES
from db.models import DictItem


@dataclass(frozen=True)
class DictItemDraft:
    domain: str
    label: str
    aliases: tuple[str, ...] = ()
    form: int | None = None
    sort_order: int = 0
    active: bool = True
    id: int | None = None
    version: int | None = None
    months: int | None = None     # sanction kinds: the 影响期
    bars: str = ""                # sanction kinds: what it bars
    family: str | None = None     # sanction kinds; None keeps the item's (a new item: "")
    # 问题类别 (finding_category) only: its 纪律 and 四风 headings and whether it is a 八项规定 item;
    # 报备事项 (ceremony_kind) only: 不得操办. None keeps the item's (a new item: none).
    discipline: str | None = None
    style: str | None = None
    eight_rules: bool | None = None
    forbidden: bool | None = None


SANCTION_DOMAIN = "sanction_kind"
FORMS = {"disposal_method": (1, 2), SANCTION_DOMAIN: (1, 2, 3, 4)}
MAX_MONTHS = 120
CATEGORY_DOMAIN, CEREMONY_DOMAIN = "finding_category", "ceremony_kind"


def _headings(draft: DictItemDraft) -> dict[str, object]:
    """The heading fields the draft sets (validated), for the domains that have them."""
    values: dict[str, object] = {}
    if draft.domain == CATEGORY_DOMAIN:
        if draft.discipline is not None:
            if draft.discipline not in ("", *DISCIPLINES):
                raise ValidationError("纪律类别应为六项纪律之一。", "discipline")
            values["discipline"] = draft.discipline
        if draft.style is not None:
            if draft.style not in ("", *FOUR_STYLES):
                raise ValidationError("“四风”类别应为形式主义、官僚主义、享乐主义或奢靡之风。", "style")
            values["style"] = draft.style
        if draft.eight_rules is not None:
            values["eight_rules"] = bool(draft.eight_rules)
    elif any(v for v in (draft.discipline, draft.style, draft.eight_rules)):
        raise ValidationError("只有问题类别可以归入纪律或“四风”类别。", "discipline")
    if draft.domain == CEREMONY_DOMAIN:
        if draft.forbidden is not None:
            values["forbidden"] = bool(draft.forbidden)
    elif draft.forbidden:
        raise ValidationError("只有报备事项可以标为不得操办。", "forbidden")
    return values


def save_item(session: Session, actor: Actor, draft: DictItemDraft) -> int:
    """Adds or edits a dictionary item (管理员). A label or alias may not mean two items."""
    require_role(actor, Role.ADMIN)
    return _save_item(session, actor, draft)


LABEL_MAX = 100  # a dictionary value's name, in characters (an import's proposal is held to it too)


def add_proposed_item(session: Session, actor: Actor, domain: str, label: str) -> str:
    """Adds a value an import met and the clerk accepted in the preview; returns its code."""
    require_write(actor)
    require_all_units(actor, "数据字典")
    item_id = _save_item(session, actor, DictItemDraft(domain=domain, label=label, sort_order=900))
    return session.get(DictItem, item_id).code


def _save_item(session: Session, actor: Actor, draft: DictItemDraft) -> int:
    if draft.domain not in DOMAIN_LABELS:
        raise ValidationError("未知的字典。", "domain")
    label = draft.label.strip()
    if not label:
        raise ValidationError("名称不能为空。", "label")
    if len(label) > LABEL_MAX:
        raise ValidationError(f"名称不能超过 {LABEL_MAX} 个字。", "label")
    allowed = FORMS.get(draft.domain, ())
    if draft.form is not None and draft.form not in allowed:
        words = "、".join(f"第{'一二三四'[f - 1]}种" for f in allowed) if allowed else ""
        raise ValidationError(f"所属形态只能是{words}形态。" if words else "该字典没有所属形态。", "form")
    if draft.months is not None and (draft.domain != SANCTION_DOMAIN or not 1 <= draft.months <= MAX_MONTHS):
        raise ValidationError(f"影响期应在 1–{MAX_MONTHS} 个月之间。", "months")
    if len(draft.bars) > 500:
        raise ValidationError("影响内容不能超过 500 个字。", "bars")
    headings = _headings(draft)
    aliases = tuple(dict.fromkeys(a.strip() for a in draft.aliases if a.strip() and a.strip() != label))
    vocab = load_vocabulary(session)
    for written, field in [(label, "label"), *((a, "aliases") for a in aliases)]:
        code = vocab.resolve(draft.domain, written)
        owner = vocab.entry(draft.domain, code) if code else None
        if owner is not None and owner.id != draft.id:
            raise ValidationError(f"“{written}”已经是“{owner.label}”的名称或别名。", field)
    if draft.id is None:
        item = DictItem(domain=draft.domain, code="u" + uuid.uuid4().hex[:10], label=label,
                        aliases="\n".join(aliases), form=draft.form, sort_order=draft.sort_order,
                        active=draft.active, builtin=False, family=draft.family or "",
                        months=draft.months, bars=draft.bars.strip(), **headings)
        session.add(item)
        session.flush()
        forget_vocabulary(session)
        audit.created(session, actor, item)
        return item.id
    item = session.get(DictItem, draft.id)
    if item is None:
        raise NotFound("该字典项已不存在。")
    if draft.version is not None and item.version != draft.version:
        raise stale_record(session, DictItem.__tablename__, item.id, draft.version, "字典项")
    before = audit.snapshot(item)
    item.label, item.aliases, item.form = label, "\n".join(aliases), draft.form
    item.sort_order, item.active = draft.sort_order, draft.active
    item.months, item.bars = draft.months, draft.bars.strip()
    if draft.family is not None:
        item.family = draft.family
    for key, value in headings.items():
        setattr(item, key, value)
    session.flush()
    forget_vocabulary(session)
    audit.updated(session, actor, item, before)
    return item.id

