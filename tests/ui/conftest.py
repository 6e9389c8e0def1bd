"""UI test fixtures: message boxes recorded instead of shown (a modal box would block the
offscreen run), and a small bureau built through the services."""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from ui import messages
from ui.workers import wait_for_tasks


@pytest.fixture(autouse=True, scope="session")
def _user_settings_in_a_temp_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Settings kept per user (a server workspace's ui.ini) go to a temp folder, not ~/.config."""
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path_factory.mktemp("user-config")))


@pytest.fixture
def workspace(workspace):  # noqa: ANN001, ANN201 — the shared fixture, plus:
    """Background work of a test ends before its workspace closes."""
    yield workspace
    assert wait_for_tasks(20_000)


@dataclass
class Messages:
    shown: list[tuple[str, str]] = field(default_factory=list)
    answers: list[bool] = field(default_factory=list)  # what ask() returns, in turn

    def texts(self, kind: str | None = None) -> list[str]:
        return [text for k, text in self.shown if kind is None or k == kind]


@pytest.fixture(autouse=True)
def shown_messages(monkeypatch: pytest.MonkeyPatch) -> Messages:
    box = Messages()

    def ask(_parent, text: str, *_args, **_kw) -> bool:  # noqa: ANN001
        box.shown.append(("ask", text))
        return box.answers.pop(0) if box.answers else True

    monkeypatch.setattr(messages, "inform", lambda _p, text: box.shown.append(("inform", text)))
    monkeypatch.setattr(messages, "warn", lambda _p, text: box.shown.append(("warn", text)))
    monkeypatch.setattr(messages, "ask", ask)
    monkeypatch.setattr(messages, "show_error",
                        lambda _p, exc: box.shown.append(("error", str(exc))))
    return box


@dataclass(frozen=True)
class Bureau:
    office: int
    finance: int
    museum: int
    museum_desk: int
    zhang_san: int
    li_si: int
    wang_wu: int
    zhang_wei_museum: int


@pytest.fixture
def bureau(workspace, admin) -> Bureau:  # noqa: ANN001
    """Three units (one with a sub-unit) and a few people, one a homonym in another unit."""
    def unit(name: str, kind: str, parent: int | None = None, order: int = 0) -> int:
        with workspace.writing() as s:
            return units_write.save_unit(s, admin, units_types.UnitDraft(name=name, kind=kind, parent_id=parent,
                                                         sort_order=order))

    def person(name: str, unit_id: int, **kw: object) -> int:
        with workspace.writing() as s:
            return people_write.save_person(s, admin, people_types.PersonDraft(name=name, unit_id=unit_id, **kw))

    office = unit("办公室", "office", order=1)
    finance = unit("财务科", "office", order=2)
    museum = unit("市博物馆", "affiliate", order=1)
    desk = unit("博物馆保卫部", "affiliate", parent=museum, order=2)
    return Bureau(
        office=office, finance=finance, museum=museum, museum_desk=desk,
        zhang_san=person("张三", finance, position="科长", political_status="cpc", is_leader=True),
        li_si=person("李四", office, position="科员", key_post="人事"),
        wang_wu=person("王五", desk, position="保卫干事"),
        zhang_wei_museum=person("张伟", museum, position="馆长", is_leader=True),
    )
