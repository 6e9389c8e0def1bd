"""Names a file writes that are close to a known unit or person: proposals (“可能是 市艺术剧院”),
never a guess. The clerk maps a name (the window's preview, `--map 艺术剧院=市艺术剧院`) or lets
the import create it; a mapping may be remembered for the office's next file (the `settings`
table, key `import_name_map`, written in the import's own unit of work and audited).

Close means, after normalizing (full-width, spaces, case): one name inside the other (艺术剧院 ·
市艺术剧院; 市场综合执法支队 · 市文化市场综合执法支队), the same name once a leading 市/区/县/局 or the
bureau's name is dropped, the same name with an equivalent ending (支队/大队/中队, 馆/剧院/院/中心,
科/室/处/股), or the same pinyin (林静 · 林菁).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from sqlalchemy.orm import Session

from app import audit
from app.auth import Actor, require_all_units, require_write
from app.dictionaries import normalize
from app.errors import ValidationError
from app.excel.people import PeopleIndex, split_person
from app.registers.units.query import list_units
from db.models import Setting

SETTING_KEY = "import_name_map"
PREFIXES = ("本局", "市", "区", "县", "局")
ENDINGS = (("支队", "大队", "中队"), ("剧院", "馆", "院", "中心", "团"), ("科", "室", "处", "股"))
MAX_PROPOSALS = 3
KIND_LABELS = {"unit": "单位", "person": "人员"}


def stripped_name(name: str, bureau: str) -> str:
    """A normalized name without a leading 市/区/县/局 or the bureau's own name (市艺术剧院 → 艺术剧院)."""
    for prefix in (normalize(bureau), *PREFIXES):
        if prefix and name.startswith(prefix) and len(name) - len(prefix) >= 2:
            return name[len(prefix):]
    return name


def _endings(name: str) -> set[str]:
    found = {name}
    for group in ENDINGS:
        for ending in group:
            if name.endswith(ending) and len(name) > len(ending) + 1:
                stem = name[: -len(ending)]
                found.update(stem + other for other in group)
    return found


def _sound(name: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(name))


def _closeness(written: str, known: str, bureau: str) -> int | None:
    """0 (closest) … 3, or None when the names are not close."""
    if written == known:
        return None
    a, b = stripped_name(written, bureau), stripped_name(known, bureau)
    if a == b:
        return 0
    if _endings(a) & _endings(b):
        return 1
    short, long = sorted((a, b), key=len)
    if len(short) >= 2 and short in long and (len(long) - len(short) <= 4 or len(short) * 2 >= len(long)):
        return 2
    if len(a) == len(b) and len(a) >= 2 and _sound(a) == _sound(b):
        return 3
    return None


def close_names(written: str, known: Iterable[str], bureau: str = "") -> list[str]:
    """The known names close to `written`, closest first (at most MAX_PROPOSALS)."""
    key = normalize(written)
    scored = []
    for name in known:
        score = _closeness(key, normalize(name), bureau)
        if score is not None:
            scored.append((score, abs(len(name) - len(written)), name))
    return [name for *_, name in sorted(scored)[:MAX_PROPOSALS]]


def parse_mappings(session: Session, texts: Iterable[str]) -> dict[tuple[str, str], int]:
    """`艺术剧院=市艺术剧院` (a unit), `林静（艺术剧院）=林静（市艺术剧院）` or `林静=林静（市艺术剧院）`
    (a person) → the mapping; ValidationError naming what is wrong."""
    units = {normalize(u.name): u.id for u in list_units(session)}
    people: PeopleIndex | None = None
    found: dict[tuple[str, str], int] = {}
    for text in texts:
        written, sep, target = (p.strip() for p in text.replace("＝", "=").partition("="))
        if not sep or not written or not target:
            raise ValidationError(f"--map “{text}”的写法不对，应为“文件中的写法=已有名称”，如 艺术剧院=市艺术剧院。")
        if normalize(target) in units:
            found[map_key("unit", written)] = units[normalize(target)]
            continue
        people = people or PeopleIndex(session)
        name, unit, _ = split_person(target)
        ids = people.candidates(name, unit)
        if len(ids) != 1:
            what = "没有这个单位或人员" if not ids else f"有 {len(ids)} 人同名，请写成“{name}（单位）”"
            raise ValidationError(f"--map “{text}”：“{target}”{what}。")
        w_name, w_unit, _ = split_person(written)
        found[("person", f"{normalize(w_name)}|{normalize(w_unit)}" if w_unit else normalize(w_name))] = ids[0]
    return found


# ---- remembered mappings ----------------------------------------------------------------------


def map_key(kind: str, written: str) -> tuple[str, str]:
    """(kind, normalized name as written); a person's written name includes the unit written
    with it (“林静|艺术剧院”)."""
    return kind, normalize(written)


def remembered(session: Session) -> dict[tuple[str, str], int]:
    """The mappings earlier imports remembered: (kind, written) → unit or person id."""
    row = session.get(Setting, SETTING_KEY)
    if row is None:
        return {}
    try:
        items = json.loads(row.value)
        return {(str(i["kind"]), str(i["written"])): int(i["id"]) for i in items}
    except (ValueError, KeyError, TypeError):
        return {}


def remember(session: Session, actor: Actor, mappings: Mapping[tuple[str, str], int],
             labels: Mapping[tuple[str, str], str]) -> None:
    """Adds `mappings` to the remembered ones (a later mapping of the same name replaces it).
    They serve every import of the workspace: not for a unit-limited user."""
    if not mappings:
        return
    require_write(actor)
    require_all_units(actor, "记住导入名称对应")
    old = remembered(session)
    new = {**old, **mappings}
    if new == old:
        return
    text = json.dumps([{"kind": k, "written": w, "id": i} for (k, w), i in sorted(new.items())],
                      ensure_ascii=False)
    row = session.get(Setting, SETTING_KEY)
    if row is None:
        session.add(Setting(key=SETTING_KEY, value=text))
    else:
        row.value = text
    shown = {f"{KIND_LABELS.get(k, k)}“{w}”": labels.get((k, w), str(i)) for (k, w), i in mappings.items()}
    audit.record(session, actor, "update", "settings", SETTING_KEY, new={"导入名称对应": shown},
                 summary="记住导入名称对应：" + "；".join(f"{a} → {b}" for a, b in shown.items()))
