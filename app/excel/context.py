"""Import: `plan_import` reads a workbook into a preview, `commit_import` writes it, all or nothing.

The plan never writes (a dry run may use a reading session). The commit runs in the caller's
`with ws.writing() as session:` unit of work and goes through the register's own services, so
every row is validated and audited like a typed one; any error — a service refusing a row, a
record edited since the preview (StaleRecord), a cancel (`app.progress.Cancelled`) — raises out
of the block and the caller's transaction rolls everything back."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from sqlalchemy.orm import Session

from app.auth import Actor
from app.dictionaries import Vocabulary, normalize
from app.dictionary_edit import LABEL_MAX
from app.excel.columns import Column, Pending, RowRejected
from app.excel.matching import close_names, stripped_name
from app.excel.people import split_person
from app.excel.plan import (
    ImportPlan,
    PlannedRow,
    RowRef,
)
from app.excel.unit_position import (
    split_at_post_word,
    split_at_unit_prefix,
    split_known_unit,
    unit_keys,
)
from app.registers.people.query import people_rows, search_people_ids
from app.registers.people.types import PersonFilter
from app.registers.units.query import list_units
from app.registers.units.types import UnitRow


class PlanContext:
    """What an adapter may ask while planning: dictionary codes, unit references, the actor."""

    def __init__(self, session: Session, actor: Actor, vocab: Vocabulary, *,
                 create_missing: bool, today: dt.date,
                 mappings: Mapping[tuple[str, str], int] | None = None, bureau: str = "") -> None:
        self.session, self.actor, self.vocab = session, actor, vocab
        self.create_missing, self.today = create_missing, today
        self.mappings = dict(mappings or {})  # (kind, written) → id: app/excel/matching.py
        self.bureau = bureau
        # (kind, written) → (as written, the unit or person it was taken for, rows)
        self.mapped: dict[tuple[str, str], tuple[str, str, list[RowRef]]] = {}
        self.close: dict[tuple[str, str], tuple[str, ...]] = {}  # “可能是” for a missing name
        self.current = RowRef("", 0)
        self.state: dict[str, object] = {}  # an adapter's own lookups for this plan (prepare)
        self._units: dict[str, UnitRow] | None = None
        self._file_units: dict[str, Pending] = {}
        self._people: dict[str, list[tuple[int, int]]] | None = None
        self._names: dict[int, str] = {}
        # (domain or kind, normalized value) → (as written, unit name, rows)
        self.proposals: dict[tuple[str, str], tuple[str, str, list[RowRef]]] = {}
        self.missing: dict[tuple[str, str], tuple[str, str, list[RowRef]]] = {}
        self.deferred: dict[RowRef, list[str]] = {}  # reasons found while parsing, per row
        # A missing name that is not the tick's to create: "outside" (kept as written, a talk's
        # participant outside the register), "register" (to be added in 人员名册 first).
        self.fates: dict[tuple[str, str], str] = {}

    def units(self) -> dict[str, UnitRow]:
        """Every unit by its normalized name (loaded once)."""
        if self._units is None:
            self._units = {normalize(u.name): u for u in list_units(self.session)}
        return self._units

    def unit_name(self, unit_id: int) -> str:
        if "_unit_names" not in self.state:
            self.state["_unit_names"] = {u.id: u.name for u in self.units().values()}
        return self.state["_unit_names"].get(unit_id, "")  # type: ignore[union-attr]

    def will_add_unit(self, name: str) -> Pending:
        """Declares a unit the file itself adds (the units register), so rows may refer to it."""
        pending = Pending("unit", normalize(name), name.strip())
        self._file_units.setdefault(pending.key, pending)
        return pending

    def unit_ref(self, name: str, header: str = "单位") -> int | Pending:
        """The id of the unit named `name`; a Pending when the file adds it or create_missing
        will; otherwise raises RowRejected naming the column."""
        key = normalize(name)
        unit = self.units().get(key)
        if unit is None and ("unit", key) in self.mappings:
            unit = next((u for u in self.units().values() if u.id == self.mappings[("unit", key)]), None)
            if unit is not None:
                self._note(self.mapped, ("unit", key), name.strip(), unit.name)
        if unit is not None:
            if not self.actor.may_touch_unit(unit.id):
                raise RowRejected(f"当前用户只能导入指定单位的记录，无权导入「{unit.name}」的记录。")
            return unit.id
        if key in self._file_units:
            return self._file_units[key]
        self._note(self.missing, ("unit", key), name.strip())
        if ("unit", key) not in self.close:
            self.close[("unit", key)] = tuple(close_names(name, (u.name for u in self.units().values()),
                                                          self.bureau))
        if not self.create_missing:
            raise RowRejected(f"{header}“{name.strip()}”不存在。")
        if self.actor.unit_ids is not None:
            raise RowRejected(f"{header}“{name.strip()}”不存在，限定单位的用户不能新建单位。")
        return Pending("unit", key, name.strip())

    def unit_and_post(self, cell: str, header: str, known: Sequence[tuple[str, int, str]] | None = None,
                      unit_header: str = "") -> tuple[int | Pending, str, str]:
        """A 单位及职务 cell → (unit, unit name, post): the longest known unit the cell starts with
        (`known`: the adapter's own `unit_keys`, e.g. with the filed names of renamed units);
        else the cell split after a known name's short form (艺术剧院 for 市艺术剧院), where a
        known post word begins (副院长, 科员 …) or at a space, its unit going through `unit_ref`
        as any unit column's does — mapped, proposed (可能是), created with the tick, or the row
        rejected naming it."""
        cell = cell.strip()
        if known is None:
            if "_unit_keys" not in self.state:
                self.state["_unit_keys"] = unit_keys((u.id, u.name) for u in self.units().values())
            known = self.state["_unit_keys"]  # type: ignore[assignment]
        found = split_known_unit(cell, known, self.bureau)
        if found is not None:
            unit_id, name, post = found
            if not self.actor.may_touch_unit(unit_id):
                raise RowRejected(f"当前用户只能导入指定单位的记录，无权导入「{name}」的记录。")
            return unit_id, name, post
        if "_post_words" not in self.state:
            self.state["_post_words"] = [e.label for e in self.vocab.entries("post_word")]
            shorts = {stripped_name(key, self.bureau) for key, _, _ in known} - {key for key, _, _ in known}
            self.state["_short_names"] = sorted((s for s in shorts if len(s) >= 2), key=len, reverse=True)
        split = (split_at_unit_prefix(cell, self.state["_short_names"], self.bureau)  # type: ignore[arg-type]
                 or split_at_post_word(cell, self.state["_post_words"], self.bureau))  # type: ignore[arg-type]
        if split is None and len(parts := cell.split(maxsplit=1)) == 2:
            split = parts[0], parts[1]
        if split is None:
            raise RowRejected(f"{header}“{cell}”中没有已知的单位，也没有可识别的职务（请先在人员与单位中添加"
                              "该单位，或写成“单位+职务”，如“市博物馆馆长”）。")
        unit_name, post = split
        unit = self.unit_ref(unit_name, unit_header or header)
        return unit, (self.unit_name(unit) if isinstance(unit, int) else unit_name), post

    def _load_people(self) -> dict[str, list[tuple[int, int]]]:
        if self._people is None:
            self._people, self._names = {}, {}
            ids = search_people_ids(self.session, self.actor, PersonFilter(include_inactive=True))
            for start in range(0, len(ids), 2000):
                for p in people_rows(self.session, ids[start:start + 2000]):
                    self._people.setdefault(normalize(p.name), []).append((p.id, p.unit_id))
                    self._names[p.id] = p.name
        return self._people

    def _mapped_person(self, name: str, unit_name: str, where: str) -> int | None:
        """The person a mapping takes `name` (written with `unit_name`) for, noted as mapped."""
        key = f"{normalize(name)}|{normalize(unit_name)}"
        for written in (key, normalize(name)):
            target = self.mappings.get(("person", written))
            if target is not None and target in self._names:
                self._note(self.mapped, ("person", written), name + where, self._person_label(target))
                return target
        return None

    def person_or_outsider(self, name: str, unit_name: str = "") -> int | None:
        """A person a cell names who may be outside the register (a talk's or a session's
        participant, a 责任人), not found there: the person a mapping takes the name for; else
        None — kept as written — and, when a registered name is close, a 可能是 proposal."""
        self._load_people()
        name, unit_name = name.strip(), unit_name.strip()
        where = f"（{unit_name}）" if unit_name else ""
        mapped = self._mapped_person(name, unit_name, where)
        if mapped is not None:
            return mapped
        known = self.units().get(normalize(unit_name)) if unit_name else None
        close = self._close_people(name, known.id if known is not None else None)
        if close:
            key = ("person", f"{normalize(name)}|{normalize(unit_name)}")
            self._note(self.missing, key, name, unit_name)
            self.close[key] = close
            self.fates[key] = "outside"
        return None

    def person_ref(self, name: str, unit: int | Pending | None, unit_name: str = "",
                   header: str = "姓名", *, create: bool = True) -> int | Pending:
        """The id of the person `name` (in `unit` when given: homonyms are normal); a Pending
        when create_missing will add the person to `unit_name` (`create`: the register's rows
        may add people); otherwise RowRejected."""
        self._load_people()
        name = name.strip()
        if unit is None:  # “张三（办公室）” in a name column: the unit tells namesakes apart
            written, unit_written, _ = split_person(name)
            known = self.units().get(normalize(unit_written)) if unit_written else None
            if known is not None:
                name, unit, unit_name = written, known.id, known.name
        found = [pid for pid, uid in self._people.get(normalize(name), []) if unit is None or uid == unit]
        if len(found) == 1:
            return found[0]
        where = f"（{unit_name}）" if unit_name else ""
        if found:
            hint = "请在人员名册中填写工号以区分" if unit is not None else f"请写成“{name}（单位）”或填写单位列以区分"
            raise RowRejected(f"{header}“{name}”{where}有 {len(found)} 人同名，{hint}。")
        key = f"{normalize(name)}|{normalize(unit_name)}"
        mapped = self._mapped_person(name, unit_name, where)
        if mapped is not None:
            return mapped
        self._note(self.missing, ("person", key), name, unit_name)
        if ("person", key) not in self.close:
            self.close[("person", key)] = self._close_people(name, unit)
        if not create:
            self.fates[("person", key)] = "register"
            raise RowRejected(f"{header}“{name}”{where}不在人员名册中。")
        if not self.create_missing:
            raise RowRejected(f"{header}“{name}”{where}不在人员名册中。")
        if unit is None:
            raise RowRejected(f"{header}“{name}”不在人员名册中；要新建人员，请填写其单位。")
        return Pending("person", key, name)

    def _person_label(self, person_id: int) -> str:
        for name, found in self._people.items():
            for pid, uid in found:
                if pid == person_id:
                    return f"{self._names[pid]}（{self.unit_name(uid)}）"
        return str(person_id)

    def _close_people(self, name: str, unit: int | Pending | None) -> tuple[str, ...]:
        """The same name in another unit, or a name that sounds the same in this one."""
        same = [(pid, uid) for pid, uid in self._people.get(normalize(name), [])]
        sounds = [(pid, uid) for known in close_names(name, (self._names[p] for found in self._people.values()
                                                             for p, _ in found))
                  for pid, uid in self._people.get(normalize(known), [])
                  if unit is None or isinstance(unit, Pending) or uid == unit]
        return tuple(dict.fromkeys(f"{self._names[pid]}（{self.unit_name(uid)}）"
                                   for pid, uid in [*same, *sounds]))[:3]

    def code(self, column: Column, written: str) -> str | Pending:
        """The dictionary code of a value as written. An unknown value becomes a proposal: a
        Pending when create_missing, else a reason the engine rejects the row with once the
        adapter has looked at the rest of it (so the report also names a missing unit)."""
        code = self.vocab.resolve(column.domain, written)
        if code is not None:
            return code
        if len(written.strip()) > LABEL_MAX:  # never proposed: the dictionary would refuse it at commit
            raise RowRejected(f"{column.header}“{written.strip()[:12]}…”不在数据字典中，且超过 {LABEL_MAX} 个字，"
                              "不能作为新的字典值。")
        self._note(self.proposals, (column.domain, normalize(written)), written)
        if not self.create_missing:
            self.deferred.setdefault(self.current, []).append(
                f"{column.header}“{written}”不在数据字典中。")
        return Pending(f"dict:{column.domain}", normalize(written), written)

    def _note(self, book: dict, key: tuple[str, str], written: str, unit: str = "") -> None:
        _, _, rows = book.setdefault(key, (written, unit, []))
        if not rows or rows[-1] != self.current:
            rows.append(self.current)


class ApplyContext:
    """What an adapter's apply_row gets: the session, the actor, and Pending resolution."""

    def __init__(self, session: Session, actor: Actor, plan: ImportPlan) -> None:
        self.session, self.actor, self.plan = session, actor, plan
        self.today: dt.date = plan.today
        self._bound: dict[Pending, object] = {}

    def bind(self, pending: Pending, value: object) -> None:
        self._bound[pending] = value

    def bound(self, pending: Pending) -> object | None:
        return self._bound.get(pending)

    def resolve(self, value: object) -> object:
        if isinstance(value, Pending):
            return self._bound[value]
        if isinstance(value, tuple):
            return tuple(self.resolve(v) for v in value)
        return value

    def values(self, row: PlannedRow) -> dict[str, object]:
        """The row's values with every Pending replaced by what the commit created."""
        return {key: self.resolve(value) for key, value in row.values.items()}

