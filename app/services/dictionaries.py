"""The dictionaries (数据字典): labels of stored codes, and the aliases imports map through."""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import audit
from app.auth import Actor, Role, require_all_units, require_role, require_write
from app.errors import NotFound, ValidationError
from app.services.common import stale_record
from db.models import DictItem

DOMAIN_LABELS = {
    "unit_kind": "单位类别",
    "political_status": "政治面貌",
    "risk_category": "风险类别",
    "inspection_type": "检查类型",
    "finding_source": "问题来源",
    "finding_category": "问题类别",
    "finding_type": "整改类型",
    "talk_type": "谈话类型",
    "talk_reason": "谈话事由",
    "clue_source": "线索来源",
    "clue_handling": "线索处置方式",
    "disposal_method": "处置方式",
    "ceremony_kind": "报备事项",
    "opinion_purpose": "意见回复用途",
}

_PUNCT = str.maketrans({"（": "(", "）": ")", "“": "", "”": "", '"': "", "‘": "", "’": "", "'": "",
                        "　": "", " ": "", "\t": "", "·": "", "•": ""})


def normalize(text: str) -> str:
    """The form in which written values are compared: no spaces or quotes, ASCII brackets."""
    return re.sub(r"\s+", "", str(text)).translate(_PUNCT)


@dataclass(frozen=True)
class DictEntry:
    id: int
    domain: str
    code: str
    label: str
    aliases: tuple[str, ...]
    form: int | None
    sort_order: int
    active: bool
    builtin: bool
    version: int


def _entry(item: DictItem) -> DictEntry:
    aliases = tuple(a for a in item.aliases.splitlines() if a.strip())
    return DictEntry(item.id, item.domain, item.code, item.label, aliases, item.form,
                     item.sort_order, item.active, item.builtin, item.version)


class Vocabulary:
    """Every dictionary in memory (a few hundred rows): labels and alias resolution."""

    def __init__(self, entries: list[DictEntry]) -> None:
        self._by_domain: dict[str, list[DictEntry]] = {}
        self._by_code: dict[tuple[str, str], DictEntry] = {}
        self._written: dict[tuple[str, str], str] = {}
        for e in sorted(entries, key=lambda e: (e.domain, e.sort_order, e.id)):
            self._by_domain.setdefault(e.domain, []).append(e)
            self._by_code[(e.domain, e.code)] = e
        # Labels win over aliases: an alias never hides an item of its own.
        for e in entries:
            for alias in e.aliases:
                self._written.setdefault((e.domain, normalize(alias)), e.code)
        for e in entries:
            self._written[(e.domain, normalize(e.label))] = e.code
            self._written[(e.domain, normalize(e.code))] = e.code

    def entries(self, domain: str, include_inactive: bool = False) -> list[DictEntry]:
        return [e for e in self._by_domain.get(domain, []) if include_inactive or e.active]

    def entry(self, domain: str, code: str) -> DictEntry | None:
        return self._by_code.get((domain, code))

    def label(self, domain: str, code: str | None) -> str:
        if not code:
            return ""
        entry = self._by_code.get((domain, code))
        return entry.label if entry else code

    def resolve(self, domain: str, written: str) -> str | None:
        """The code for a value as someone wrote it (label, alias or code), or None."""
        return self._written.get((domain, normalize(written)))

    def form(self, method_code: str) -> int | None:
        entry = self._by_code.get(("disposal_method", method_code))
        return entry.form if entry else None


_CACHE_KEY = "qingfeng.vocabulary"


_shared: dict[tuple, Vocabulary] = {}


def load_vocabulary(session: Session) -> Vocabulary:
    """Every dictionary. Read once per session (a write to dict_items in it clears the copy) and
    shared between sessions while the table's fingerprint (rows, version sum, last change) holds."""
    vocab = session.info.get(_CACHE_KEY)
    if vocab is not None:
        return vocab
    fingerprint = (str(session.get_bind().url),
                   *session.execute(select(func.count(), func.sum(DictItem.version),
                                           func.max(DictItem.updated_at))).one())
    vocab = _shared.get(fingerprint)
    if vocab is None:
        vocab = Vocabulary([_entry(i) for i in session.scalars(select(DictItem))])
        _shared.clear()
        _shared[fingerprint] = vocab
    session.info[_CACHE_KEY] = vocab
    return vocab


def require_code(vocab: Vocabulary, domain: str, code: str, field: str, *, required: bool = True) -> None:
    """Raises ValidationError unless `code` is an item of `domain` (or empty when optional)."""
    if not code:
        if required:
            raise ValidationError(f"请选择{DOMAIN_LABELS.get(domain, domain)}。", field)
        return
    if vocab.entry(domain, code) is None:
        raise ValidationError(f"“{code}”不是有效的{DOMAIN_LABELS.get(domain, domain)}。", field)


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


def save_item(session: Session, actor: Actor, draft: DictItemDraft) -> int:
    """Adds or edits a dictionary item (管理员). A label or alias may not mean two items."""
    require_role(actor, Role.ADMIN)
    return _save_item(session, actor, draft)


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
    if len(label) > 100:
        raise ValidationError("名称不能超过 100 个字。", "label")
    if draft.form not in (None, 1, 2):
        raise ValidationError("所属形态只能是第一种或第二种形态。", "form")
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
                        active=draft.active, builtin=False)
        session.add(item)
        session.flush()
        session.info.pop(_CACHE_KEY, None)
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
    session.flush()
    session.info.pop(_CACHE_KEY, None)
    audit.updated(session, actor, item, before)
    return item.id
