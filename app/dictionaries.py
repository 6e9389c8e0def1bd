"""The dictionaries (数据字典): labels of stored codes, and the aliases imports map through."""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common import SharedWhileUnchanged
from app.errors import ValidationError
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
    "clue_handling": "线索处置",
    "disposal_method": "处置方式",
    "clue_way": "线索处置方式",
    "sanction_kind": "处分种类",
    "violation_category": "违纪违法类别",
    "post_word": "职务用词",
    "ceremony_kind": "报备事项",
    "opinion_purpose": "意见回复用途",
    "pledge_level": "责任书层级",
    "study_meeting": "专题研究会议形式",
    "education_form": "廉政教育形式",
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
    family: str = ""          # sanction kinds: party · government · institution · organization · admonish
    months: int | None = None  # sanction kinds: the 影响期 in months (None: none, or entered per record)
    bars: str = ""            # sanction kinds: what the measure bars during its period
    discipline: str = ""       # 问题类别: its 六项纪律 heading (app.vocab.DISCIPLINES)
    style: str = ""            # 问题类别: its 四风 heading where one applies (app.vocab.FOUR_STYLES)
    eight_rules: bool = False  # 问题类别: a 中央八项规定精神 item
    forbidden: bool = False    # 报备事项: 不得操办


def _entry(item: DictItem) -> DictEntry:
    aliases = tuple(a for a in item.aliases.splitlines() if a.strip())
    return DictEntry(item.id, item.domain, item.code, item.label, aliases, item.form,
                     item.sort_order, item.active, item.builtin, item.version, item.family or "",
                     item.months, item.bars or "", discipline=item.discipline or "", style=item.style or "",
                     eight_rules=bool(item.eight_rules), forbidden=bool(item.forbidden))


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


# Every register's rows read it, once per session: rows, version sum, last change.
_SHARED: SharedWhileUnchanged[Vocabulary] = SharedWhileUnchanged(
    select(func.count(), func.sum(DictItem.version), func.max(DictItem.updated_at)))


def load_vocabulary(session: Session) -> Vocabulary:
    """Every dictionary. Read once per session (a write to dict_items in it clears the copy) and
    shared between sessions while the table's fingerprint (rows, version sum, last change) holds."""
    vocab = session.info.get(_CACHE_KEY)
    if vocab is not None:
        return vocab
    vocab = _SHARED.get(session, lambda: Vocabulary([_entry(i) for i in session.scalars(select(DictItem))]))
    session.info[_CACHE_KEY] = vocab
    return vocab


def forget_vocabulary(session: Session) -> None:
    """Drops the session's cached vocabulary: the next load_vocabulary reads the items again."""
    session.info.pop(_CACHE_KEY, None)


def require_code(vocab: Vocabulary, domain: str, code: str, field: str, *, required: bool = True) -> None:
    """Raises ValidationError unless `code` is an item of `domain` (or empty when optional)."""
    if not code:
        if required:
            raise ValidationError(f"请选择{DOMAIN_LABELS.get(domain, domain)}。", field)
        return
    if vocab.entry(domain, code) is None:
        raise ValidationError(f"“{code}”不是有效的{DOMAIN_LABELS.get(domain, domain)}。", field)

